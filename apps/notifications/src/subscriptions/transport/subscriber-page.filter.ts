import { Catch, HttpException, Inject, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '@newsroom/contracts';
import { statusOf } from '@newsroom/platform';
import type { NotificationsConfig } from '../../config/notifications.config';
import { NOTIFICATIONS_CONFIG } from '../../shared/notifications-config.token';
import { SUBSCRIBER_PAGE_HEADERS } from '../../shared/html/page';
import { LINK_ERROR_CODES } from '../../shared/links/link.errors';
import { errorPage } from './subscriber-pages';

/**
 * Errors on the pages people reach from emails: an HTML page with the right
 * status, or the usual coded JSON for clients that ask for JSON. An expired link
 * is 410 Gone (the shared error kinds have no such status).
 */
@Catch()
export class SubscriberPageFilter implements ExceptionFilter {
  private readonly logger = new Logger(SubscriberPageFilter.name);

  /** Nest builds it with the module's providers (`@UseFilters(SubscriberPageFilter)`): the site's address for the way back. */
  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const { status, code, message, details } = describe(exception);
    if (status >= 500) this.logger.error({ err: exception }, 'unhandled error on a subscriber page');
    if (request.accepts(['html', 'json']) === 'json') {
      // The route's @Header already said text/html before the error; this answer is JSON.
      response
        .status(status)
        .set('Content-Type', 'application/json; charset=utf-8')
        .json({ error: { code, message, ...(details === undefined ? {} : { details }) } });
      return;
    }
    response.status(status).set(SUBSCRIBER_PAGE_HEADERS).send(errorPage(status, code, message, this.config.publicSiteUrl));
  }
}

function describe(exception: unknown): { status: number; code: string; message: string; details?: unknown } {
  if (exception instanceof DomainError) {
    const status = exception.code === LINK_ERROR_CODES.expired ? 410 : statusOf(exception.kind);
    return { status, code: exception.code, message: exception.message, details: exception.details };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status < 500) return { status, code: status === 404 ? 'ROUTE.NOT_FOUND' : 'REQUEST.INVALID', message: exception.message };
  }
  const parseError = exception as { type?: string };
  if (parseError?.type === 'entity.parse.failed') return { status: 400, code: 'REQUEST.MALFORMED', message: 'The form could not be read' };
  return { status: 500, code: 'INTERNAL', message: 'Something went wrong on our side. Please try again later' };
}
