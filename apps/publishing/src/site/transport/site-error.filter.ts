import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { HttpErrorFilter, answerOptions, asMethodNotAllowed, errorResponseOf, recogniseError, retryAfterSecondsOf } from '@newsroom/platform';
import { renderErrorPage, renderNotFoundPage } from '../rendering/notice-pages';
import { MISSING_CACHE } from './http-caching';
import type { SiteContextFactory } from './site-context';

/** Paths of the machine-readable API: JSON errors unless the client asks for HTML. */
const API_PATH = /^\/(v1|docs|docs-json|health)(\/|$)/;

/**
 * Errors as the client wants them: a browser (Accept: text/html) gets an HTML error page on
 * every route, an API client the coded JSON error of every newsroom service. The site's own
 * addresses answer HTML unless JSON is preferred; the API answers JSON unless HTML is
 * preferred, so curl and fetch (Accept: * / *) get JSON from /v1 and pages from the site.
 */
@Catch()
export class SiteErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(SiteErrorFilter.name);
  private readonly json = new HttpErrorFilter();

  constructor(private readonly site: SiteContextFactory) {}

  catch(thrown: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return this.json.catch(thrown, host);
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return this.json.catch(thrown, host);
    // One address answers a page or JSON by Accept: a cache in front must keep the two apart.
    response.vary('Accept');
    // A route may have set its validators before it failed; they name the page, not this error,
    // and a conditional request must never turn an error into a 304.
    response.removeHeader('ETag');
    response.removeHeader('Last-Modified');
    if (answerOptions(thrown, request, response)) return;
    const exception = asMethodNotAllowed(thrown, request, response);
    if (wantsHtml(request)) return void this.renderPage(exception, response);
    // The route may have said how to cache its answer before it failed; an error is cached as
    // its page would be, whichever form it takes.
    response.setHeader('Cache-Control', errorCache(errorResponseOf(recogniseError(exception)).status));
    this.json.catch(exception, host);
  }

  private async renderPage(exception: unknown, response: Response): Promise<void> {
    const error = recogniseError(exception);
    const { status, code, message } = describe(error);
    if (status >= 500 && status !== 503) this.logger.error({ err: exception }, 'unhandled error');
    const retryAfter = retryAfterSecondsOf(error);
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    // The error may be the database itself: then the page goes out without the navigation.
    const site = await this.site.create().catch(() => this.site.bare());
    const body = status === 404 ? renderNotFoundPage(site) : renderErrorPage(site, status, { code, message });
    response
      .status(status)
      .setHeader('Cache-Control', errorCache(status))
      .type('html')
      .send(body);
  }
}

/** How long an error may be kept: a missing page briefly (an article may be about to go live), nothing else at all. */
function errorCache(status: number): string {
  return status === 404 ? MISSING_CACHE : 'no-store';
}

/** Whether the client is a browser (or anyone who prefers HTML to JSON for this path). */
export function wantsHtml(request: Request): boolean {
  const preferred = API_PATH.test(request.path) ? request.accepts(['json', 'html']) : request.accepts(['html', 'json']);
  return preferred === 'html';
}

/** The status, code and message of the coded JSON error (errorResponseOf), so a page and the JSON for one error never disagree. */
function describe(exception: unknown): { status: number; code: string; message: string } {
  const { status, body } = errorResponseOf(exception);
  return { status, code: body.error.code, message: body.error.message };
}
