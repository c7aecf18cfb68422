/** The site the readers subscribe from, and the service's own public origin (its links in alerts). */
export const TEST_SITE = 'https://news.example.test';
export const TEST_PUBLIC_BASE_URL = 'https://alerts.example.test';

/**
 * The environment of a notifications service started in a spec (ServiceUnderTest): the two
 * public origins above, mail through `smtpUrl`, a fixed VAPID key pair (RFC 8292; for tests
 * only) and a link secret of the spec's own, so signed links from one suite never open
 * another's. `overrides` adds or replaces variables (sections, limits, proxies, push hosts).
 */
export function notificationsTestEnv(smtpUrl: string, linkSecret: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    PUBLIC_BASE_URL: TEST_PUBLIC_BASE_URL,
    PUBLIC_SITE_URL: TEST_SITE,
    SMTP_URL: smtpUrl,
    VAPID_PUBLIC_KEY: 'BG6j09tp-1QGepKlSTIVV7XmeR_PVcVumLjNH32uFL1DtmiQcL-Emg82UYX2hvin21VJjVsbKxwElupXTvKqhN8',
    VAPID_PRIVATE_KEY: 'egvFAYkDn7HLilhKO7BV2np_0P_NhHL00IZnjPIQVgY',
    SUBSCRIBER_LINK_SECRET: linkSecret,
    ...overrides,
  };
}
