import { DomainError } from '@newsroom/contracts';

export const LINK_ERROR_CODES = { invalid: 'LINK.INVALID', expired: 'LINK.EXPIRED' } as const;

export const linkInvalid = () =>
  new DomainError(LINK_ERROR_CODES.invalid, 'This link is not valid. Use the most recent link we emailed you, copied in full', 'validation');

/** Answered with 410 Gone by the subscriber pages (see SubscriberPageFilter). */
export const linkExpired = () =>
  new DomainError(LINK_ERROR_CODES.expired, 'This link has expired. Request a new one by signing up again with the same address', 'validation');
