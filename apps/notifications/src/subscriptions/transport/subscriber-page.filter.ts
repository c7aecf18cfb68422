import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { HttpErrorFilter, answerOptions, asMethodNotAllowed, errorResponseOf, isRouterMiss, recogniseError, retryAfterSecondsOf } from '@newsroom/platform';
import { SUBSCRIBER_PAGE_HEADERS, type Masthead } from '../../shared/html/page';
import { errorPage } from './subscriber-pages';

/** The addresses readers reach in a browser: the links in the e-mails, and the site's sign-up form. */
export const SUBSCRIBER_PAGE_PATH = /^\/(?:subscribe|preferences|unsubscribe|v1\/subscribers\/confirm)\/?$/;

/** What a reader at an address nothing serves is told. */
const NO_SUCH_PAGE = 'There is no page at this address. If you followed a link from one of our e-mails, it may have been cut short: open it from the e-mail again.';

/** Whether an error on this request is answered with a page: a subscriber page's address, and a client that wants HTML rather than JSON. */
export function answersWithPage(request: Request): boolean {
  return SUBSCRIBER_PAGE_PATH.test(request.path) && request.accepts(['html', 'json']) !== 'json';
}

/**
 * Errors on the pages people reach from emails and the site's form: the platform's error
 * (errorResponseOf: status, code, message) as an HTML page, or its coded JSON for clients that
 * ask for JSON. A global filter, asked before the platform's JSON one, so that what is refused before any route runs (a form over its size limit, bytes
 * that are not UTF-8, a control character in a field, a method the page does not serve) is a
 * page too; every other address gets the platform's JSON errors. A refused signup or preference
 * form is answered with the form itself (RefusedFormFilter, on those two routes, extends this one).
 */
@Catch()
export class SubscriberPageFilter implements ExceptionFilter {
  private readonly logger = new Logger(SubscriberPageFilter.name);
  private readonly json = new HttpErrorFilter();

  /** `masthead`: the publication, and its site for the way back. */
  constructor(protected readonly masthead: Masthead) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return this.json.catch(exception, host);
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return this.json.catch(exception, host);
    if (answerOptions(exception, request, response)) return;
    // The same address answers a page or JSON by Accept: a cache in front must keep them apart.
    response.vary('Accept');
    // A browser at an address nothing serves (a link from an e-mail cut short, a mistyped one)
    // gets a page saying so rather than raw JSON; API clients keep the coded JSON.
    const lostReader = isRouterMiss(exception) && request.accepts(['json', 'html']) === 'html';
    if (!answersWithPage(request) && !lostReader) {
      // The platform's coded JSON; a page route's @Header said text/html before the error.
      response.type('json');
      return this.json.catch(exception, host);
    }
    // The same error, status and code as the platform's JSON answer, as a page. A reader's browser
    // asking for a page where only an API route matches by its pattern (a confirmation link cut
    // short to `/v1/subscribers/confir` matches the editors' DELETE `/v1/subscribers/:id`) is told
    // there is no page there, not which methods the API answers.
    const readerAskedForPage = lostReader && (request.method === 'GET' || request.method === 'HEAD') && !SUBSCRIBER_PAGE_PATH.test(request.path);
    const error = recogniseError(readerAskedForPage ? exception : asMethodNotAllowed(exception, request, response));
    const { status, body } = errorResponseOf(error);
    if (status === 503) this.logger.warn({ err: exception }, 'answered 503 on a subscriber page: a backing service is unreachable');
    else if (status >= 500) this.logger.error({ err: exception }, 'unhandled error on a subscriber page');
    const retryAfter = retryAfterSecondsOf(error);
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    const message = lostReader && status === 404 ? NO_SUCH_PAGE : body.error.message;
    response.status(status).set(SUBSCRIBER_PAGE_HEADERS).send(errorPage(this.masthead, status, body.error.code, message));
  }
}
