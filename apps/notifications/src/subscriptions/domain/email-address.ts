/** Addresses are stored as given (trimmed); uniqueness ignores case. */
export function normalizeEmail(email: string): string {
  return email.trim();
}

/** `alice@example.com` → `a•••@example.com`: enough for an editor to tell rows apart. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}
