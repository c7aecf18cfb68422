/**
 * Stable `Message-ID`s (RFC 5322 §3.6.4): `<local@domain>`, the domain taken
 * from the sender's address so the id is ours and unique across senders.
 * The same local part always gives the same id, which is what makes a re-sent
 * message a duplicate that mail clients and mailbox providers collapse rather
 * than a second message.
 */
export function messageIdFor(localPart: string, from: string): string {
  if (!/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(localPart)) throw new Error(`message id: "${localPart}" is not a dot-atom`);
  return `<${localPart}@${mailDomainOf(from)}>`;
}

/** The domain of a From address, written bare (`alerts@example.org`) or with a display name (`Alerts <alerts@example.org>`). */
export function mailDomainOf(from: string): string {
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  const at = address.lastIndexOf('@');
  const domain = at >= 0 ? address.slice(at + 1).trim().toLowerCase() : '';
  if (!/^[a-z0-9.-]+$/.test(domain)) throw new Error(`message id: no domain in the sender address "${from}"`);
  return domain;
}
