import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '@newsroom/contracts';
import { hasRequestBody } from '@newsroom/platform';

/**
 * The signup and preference forms take what a browser sends for a form
 * (application/x-www-form-urlencoded), or JSON. Any other body (multipart, text) is not read at
 * all, so it would arrive as an empty form and be refused for the fields it seems to lack ("email
 * is required"); it is refused for what it is instead, before the fields are checked.
 *
 * @throws REQUEST.UNSUPPORTED_MEDIA_TYPE (415), answered as the route's other errors are (a page
 *   for a browser, coded JSON for an API client).
 */
@Injectable()
export class FormBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (!hasRequestBody(request) || request.is('application/x-www-form-urlencoded') || request.is('application/json') || request.is('+json')) return true;
    throw new DomainError(
      'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      'Send the form as a browser does (Content-Type: application/x-www-form-urlencoded), or as JSON',
      'unsupported_media_type',
    );
  }
}
