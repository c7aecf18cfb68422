import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '@newsroom/contracts';
import { HttpErrorFilter, asMethodNotAllowed, recogniseError, retryAfterSecondsOf, statusOf } from '@newsroom/platform';
import { SUBSCRIBER_PAGE_HEADERS } from '../../shared/html/page';
import { LINK_ERROR_CODES } from '../../shared/links/link.errors';
import { errorPage } from './subscriber-pages';

/** The addresses readers reach in a browser: the links in the e-mails, and the site's sign-up form. */
export const SUBSCRIBER_PAGE_PATH = /^\/(?:subscribe|preferences|unsubscribe|v1\/subscribers\/confirm)\/?$/;

/**
 * Errors on the pages people reach from emails and the site's form: an HTML page with the right
 * status, or the usual coded JSON for clients that ask for JSON. An expired link is 410 Gone
 * (the shared error kinds have no such status). A global filter, asked before the platform's
 * JSON one, so that what is refused before any route runs (a form over its size limit, bytes
 * that are not UTF-8, a control character in a field, a method the page does not serve) is a
 * page too; every other address gets the platform's JSON errors.
 */
@Catch()
export class SubscriberPageFilter implements ExceptionFilter {
  private readonly logger = new Logger(SubscriberPageFilter.name);
  private readonly json = new HttpErrorFilter();

  /** `siteUrl`: the public site, for the way back. */
  constructor(private readonly siteUrl: string) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return this.json.catch(exception, host);
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (!SUBSCRIBER_PAGE_PATH.test(request.path) || response.headersSent) return this.json.catch(exception, host);
    const error = recogniseError(asMethodNotAllowed(exception, request, response));
    const { status, code, message, details } = describe(error);
    // A database that cannot be reached (503) and a rate limit (429) say when to try again.
    const retryAfter = retryAfterSecondsOf(error);
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    if (status >= 500) this.logger.error({ err: exception }, 'unhandled error on a subscriber page');
    if (request.accepts(['html', 'json']) === 'json') {
      // The route's @Header already said text/html before the error; this answer is JSON.
      response
        .status(status)
        .set('Content-Type', 'application/json; charset=utf-8')
        .json({ error: { code, message, ...(details === undefined ? {} : { details }) } });
      return;
    }
    response.status(status).set(SUBSCRIBER_PAGE_HEADERS).send(errorPage(status, code, message, this.siteUrl));
  }
}

function describe(exception: unknown): { status: number; code: string; message: string; details?: unknown } {
  if (exception instanceof DomainError) {
    const status = exception.code === LINK_ERROR_CODES.expired ? 410 : statusOf(exception.kind);
    return { status, code: exception.code, message: exception.message, details: exception.details };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 405) return { status, code: 'ROUTE.METHOD_NOT_ALLOWED', message: exception.message };
    if (status < 500) return { status, code: status === 404 ? 'ROUTE.NOT_FOUND' : 'REQUEST.INVALID', message: exception.message };
  }
  // body-parser's own errors, before any route: a form over its limit, one that cannot be read.
  const parseError = exception as { type?: string; status?: unknown };
  if (parseError?.type === 'entity.too.large') return { status: 413, code: 'REQUEST.TOO_LARGE', message: 'The form is too large' };
  if (parseError?.status === 415) return { status: 415, code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', message: 'Send the form as UTF-8, without content encoding' };
  if (typeof parseError?.status === 'number' && parseError.status >= 400 && parseError.status < 500) {
    return { status: parseError.status, code: 'REQUEST.MALFORMED', message: 'The form could not be read' };
  }
  return { status: 500, code: 'INTERNAL', message: 'Something went wrong on our side. Please try again later' };
}
