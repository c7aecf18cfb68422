import { applyDecorators, Header } from '@nestjs/common';
import { SUBSCRIBER_PAGE_HEADERS } from '../../shared/html/page';

/**
 * Every header of a subscriber page (SUBSCRIBER_PAGE_HEADERS: HTML, no caching, no Referer, no
 * framing), set before the handler runs, so a page and the error page the filter renders in its
 * place carry the same ones.
 */
export function SubscriberPageHeaders(): MethodDecorator {
  return applyDecorators(...Object.entries(SUBSCRIBER_PAGE_HEADERS).map(([name, value]) => Header(name, value)));
}
