import { DomainError, truncateText } from '@newsroom/contracts';

export const ALERT_ERROR_CODES = { offSiteUrl: 'ALERT.OFF_SITE_URL' } as const;

/**
 * An event asked us to alert readers about a page that is not on our site.
 * Retrying cannot change that, so the event is dead-lettered with this reason.
 */
export const offSiteAlertUrl = (url: string, siteBaseUrl: string) =>
  new DomainError(
    ALERT_ERROR_CODES.offSiteUrl,
    `refusing to alert about ${JSON.stringify(truncateText(url, 300))}: alert URLs must be on the public site ${siteBaseUrl}`,
    'validation',
  );
