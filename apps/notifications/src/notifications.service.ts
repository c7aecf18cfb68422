import type { ServiceDescription } from '@newsroom/platform';

/** How the notifications service presents itself (OpenAPI) and starts; shared by main.ts and the in-process tests. */
export const NOTIFICATIONS_SERVICE: ServiceDescription = {
  title: 'Newsroom notifications',
  description:
    'Email (double opt-in) and web-push alerts for published articles, once per subscriber per channel; ' +
    'preference and one-click unsubscribe pages behind signed links; the delivery log for editors.',
  consumesEvents: true,
};
