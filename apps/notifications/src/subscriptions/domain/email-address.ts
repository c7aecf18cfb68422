import { domainToASCII } from 'node:url';

/**
 * One mailbox, one spelling. Two ways of writing the same address must find the same
 * subscriber, or one reader gets two confirmation emails and every alert twice:
 *
 * - Unicode NFC over the whole address, so a precomposed `ü` and `u` + combining
 *   diaeresis are one character;
 * - the domain in its ASCII (IDNA / punycode) form, lower case, as DNS and SMTP see it
 *   (`bücher.example` and `xn--bcher-kva.example` are one domain: node:url
 *   `domainToASCII`, the WHATWG URL host rules). A domain that has no ASCII form is kept
 *   lower-cased as written (the address validator has already checked it);
 * - the local part kept as written (RFC 5321 lets a server tell `Ann` from `ann`), but
 *   compared ignoring case: the unique index is on `lower(email)`, since no real mail
 *   server does.
 *
 * Deliberately **not** merged, because only some providers treat them as one mailbox:
 * dots in the local part (`a.nn@` vs `ann@`, Gmail only) and `+tag` sub-addresses
 * (`ann+news@`, which people use on purpose to filter or to subscribe twice).
 */
export function normalizeEmail(email: string): string {
  const address = email.trim().normalize('NFC');
  const at = address.lastIndexOf('@');
  if (at <= 0) return address;
  const domain = address.slice(at + 1).toLowerCase();
  const ascii = domainToASCII(domain);
  return `${address.slice(0, at)}@${ascii === '' ? domain : ascii}`;
}

/** `alice@example.com` → `a•••@example.com`: enough for an editor to tell rows apart. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}
