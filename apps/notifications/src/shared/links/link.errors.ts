import { DomainError } from '@newsroom/contracts';

export const LINK_ERROR_CODES = { invalid: 'LINK.INVALID', expired: 'LINK.EXPIRED' } as const;

export const linkInvalid = () =>
  new DomainError(LINK_ERROR_CODES.invalid, 'This link is not valid. Use the most recent link we emailed you, copied in full', 'validation');

/**
 * 410 Gone (the `gone` kind), with what to do for the link's purpose and recipient (the signer's
 * LinkPurpose and RecipientKind, which import this file): a confirmation link is replaced by
 * signing up again; a link to change or stop e-mail alerts is in every newer e-mail (and signing
 * up again with a confirmed address mails one); a browser gets a new one by subscribing again.
 */
export const linkExpired = (purpose: 'confirm' | 'manage', kind: 'email' | 'push') =>
  new DomainError(LINK_ERROR_CODES.expired, EXPIRED_ADVICE[purpose === 'confirm' ? 'confirm' : kind], 'gone');

const EXPIRED_ADVICE = {
  confirm: 'This confirmation link has expired. Sign up again with the same address for a new one',
  email: 'This link has expired. Use the one in a more recent alert, or sign up again with the same address: we will email you a new one',
  push: 'This link has expired. Turn alerts on again in this browser, from the site, for a new one',
} as const;
