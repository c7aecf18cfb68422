import { DomainError } from '@newsroom/contracts';

export const LINK_ERROR_CODES = { invalid: 'LINK.INVALID', expired: 'LINK.EXPIRED' } as const;

export const linkInvalid = () =>
  new DomainError(LINK_ERROR_CODES.invalid, 'This link is not valid. Use the most recent link we emailed you, copied in full', 'validation');

/**
 * Answered with 410 Gone by the subscriber pages (see SubscriberPageFilter), with what to do
 * for the link's purpose: a confirmation link is replaced by signing up again; a link to change
 * or stop alerts is in every newer e-mail (and signing up again with a confirmed address mails one).
 */
export const linkExpired = (purpose: 'confirm' | 'manage') =>
  new DomainError(
    LINK_ERROR_CODES.expired,
    purpose === 'confirm'
      ? 'This confirmation link has expired. Sign up again with the same address for a new one'
      : 'This link has expired. Use the one in a more recent alert, or sign up again with the same address: we will email you a new one',
    'validation',
  );
