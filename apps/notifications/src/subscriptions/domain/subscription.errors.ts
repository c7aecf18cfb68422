import { DomainError } from '@newsroom/contracts';

export const noInterests = () =>
  new DomainError(
    'SUBSCRIBER.NO_INTERESTS',
    'Choose at least one section or tag to follow, or "breaking news only" (frequency breaking-only) to get every breaking story. To stop all alerts, unsubscribe instead',
    'validation',
  );

/** A preference by its name in the API: what an INVALID_PREFERENCES refusal is about. */
export type PreferenceField = 'sections' | 'tags' | 'frequency' | 'quietHours';

/**
 * SUBSCRIBER.INVALID_PREFERENCES, and the preference it is about (`field`), for the form pages to
 * point at the input. The field stays out of `details`: API clients get the code and message
 * they always had.
 */
export class InvalidPreferencesError extends DomainError {
  constructor(
    message: string,
    readonly field: PreferenceField,
  ) {
    super('SUBSCRIBER.INVALID_PREFERENCES', message, 'validation');
  }
}

export const invalidPreferences = (message: string, field: PreferenceField) => new InvalidPreferencesError(message, field);

/** A section not on the site's managed list (SiteSectionList); the message lists the ones it has. */
export const unknownSections = (unknown: readonly string[], siteSections: readonly string[]) =>
  new DomainError(
    'SUBSCRIBER.UNKNOWN_SECTION',
    `No such section: ${unknown.slice(0, 5).map((section) => JSON.stringify(section)).join(', ')}. The sections are: ${siteSections.join(', ')}`,
    'validation',
    { unknown: [...unknown], sections: [...siteSections] },
  );

export const invalidPushKeys = (message: string) => new DomainError('PUSH.INVALID_KEYS', message, 'validation');

export const invalidPushEndpoint = (message: string) => new DomainError('PUSH.INVALID_ENDPOINT', message, 'validation');

export const pushServiceNotAllowed = (allowed: string) =>
  new DomainError('PUSH.SERVICE_NOT_ALLOWED', `subscription.endpoint must be an https URL on a known push service: ${allowed}`, 'validation');

/** The link was genuine but what it points to no longer exists. */
export const recipientNotFound = () =>
  new DomainError('SUBSCRIBER.NOT_FOUND', 'This subscription no longer exists. Sign up again to get alerts', 'not_found');

export const alreadyUnsubscribed = () =>
  new DomainError('SUBSCRIBER.UNSUBSCRIBED', 'This subscription was cancelled. Sign up again to get alerts', 'conflict');

/** No push subscription at the endpoint a browser reports as replaced, or not with the auth secret it gave. */
export const unknownPushSubscription = () =>
  new DomainError('PUSH.UNKNOWN_SUBSCRIPTION', 'No subscription of this browser is known at that endpoint. Turn alerts on again to get them', 'not_found');

/** The endpoint a browser reports as its new one belongs to another subscription, with other keys. */
export const pushEndpointInUse = () =>
  new DomainError('PUSH.ENDPOINT_IN_USE', 'That new endpoint belongs to another subscription. Turn alerts on again to get them here', 'conflict');

/**
 * A registration of an endpoint already subscribed here, with another auth secret than its own.
 * Only the browser holding a subscription knows that secret (RFC 8291); whoever else learnt the
 * endpoint cannot take its alerts over, nor turn on again those its reader stopped.
 */
export const pushEndpointTaken = () =>
  new DomainError(
    'PUSH.ENDPOINT_IN_USE',
    'That endpoint is already subscribed with other keys. To subscribe this browser again, unsubscribe it from push in the browser first',
    'conflict',
  );

/** The endpoint a browser reports as replaced was replaced by another one since. */
export const pushSubscriptionMovedOn = () =>
  new DomainError('PUSH.ALREADY_REPLACED', 'That endpoint was replaced by another one since. Turn alerts on again to get them here', 'conflict');

/** Not an IANA time zone name the service knows (the browser's Intl.DateTimeFormat().resolvedOptions().timeZone is one). */
export const unknownTimeZone = (zone: string) =>
  new DomainError(
    'SUBSCRIBER.UNKNOWN_TIME_ZONE',
    `timeZone must be an IANA time zone name such as "Europe/Kyiv" or "America/New_York": ${JSON.stringify(zone.slice(0, 64))}`,
    'validation',
  );
