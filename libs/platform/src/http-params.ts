import { Injectable, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DomainError } from '@newsroom/contracts';

/**
 * Rejects a malformed id in the path with 400 rather than a confusing 404 or 500. The rule is
 * the commands' own (class-validator's `isUUID`: versions 1 to 8, the RFC 9562 variant, and the
 * nil and max UUIDs), so an id the path takes is never refused again by the command it reaches:
 * one that names no article is the lookup's 404, as for any other unknown id.
 */
@Injectable()
export class ParseArticleIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) throw new DomainError('REQUEST.INVALID_ID', `"${value}" is not a valid article id (a UUID)`, 'validation');
    return value.toLowerCase();
  }
}

@Injectable()
export class ParsePositiveIntPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9][0-9]{0,8}$/.test(value)) throw new DomainError('REQUEST.INVALID_NUMBER', `"${value}" is not a positive whole number`, 'validation');
    return Number(value);
  }
}

/**
 * Reads a version from an If-Match header: `"3"`, `W/"3"` or `3`.
 * Returns undefined when the header is absent.
 *
 * RFC 9110 §13.1.1 compares If-Match strongly, so a weak tag would never match. It is read as
 * its version anyway, on purpose: these ETags are stored version numbers, not digests of the
 * bytes, so `W/"3"` still names exactly version 3; and a proxy that compresses responses (nginx
 * with gzip) turns the strong `"3"` it passes on into `W/"3"`, which a desk behind it then sends
 * back. Refusing it would make every edit behind such a proxy fail.
 */
export function parseIfMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^(?:(?:W\/)?"([1-9][0-9]{0,8})"|([1-9][0-9]{0,8}))$/.exec(header.trim());
  if (!match) {
    throw new DomainError('REQUEST.INVALID_IF_MATCH', `If-Match must carry a version such as "3", got ${header}`, 'validation');
  }
  return Number(match[1] ?? match[2]);
}

/** An ETag for a version, in the form parseIfMatchVersion accepts back. */
export function versionEtag(version: number): string {
  return `"${version}"`;
}
