import { DomainError } from '@newsroom/contracts';
import { LINK_LIFETIMES_SECONDS, SubscriberLinkSigner } from './subscriber-link-signer';

const ID = '6f1c1a2e-9d4b-4c1e-8f3a-2b7d9e0c5a11';
const SECRET = 'a-subscriber-link-secret-for-tests';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
}

describe(SubscriberLinkSigner.name, () => {
  let now = Date.parse('2025-11-21T08:00:00Z');
  const signer = new SubscriberLinkSigner(SECRET, () => now);
  beforeEach(() => {
    now = Date.parse('2025-11-21T08:00:00Z');
  });

  it('round-trips the recipient, kind, purpose and expiry', () => {
    const token = signer.sign(ID, 'push', 'manage');
    expect(signer.verify(token, 'manage')).toEqual({
      recipientId: ID,
      kind: 'push',
      purpose: 'manage',
      expiresAt: now / 1000 + LINK_LIFETIMES_SECONDS.manage,
    });
  });

  it('makes URL-safe tokens', () => {
    expect(signer.sign(ID, 'email', 'confirm')).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  });

  it('expires: valid until the last second, then LINK.EXPIRED', () => {
    const token = signer.sign(ID, 'email', 'confirm', 60);
    now += 59_000;
    expect(signer.verify(token, 'confirm').recipientId).toBe(ID);
    now += 1_000;
    expect(codeOf(() => signer.verify(token, 'confirm'))).toBe('LINK.EXPIRED');
  });

  it.each([
    ['confirm', 'email', /Sign up again with the same address/],
    ['manage', 'email', /Use the one in a more recent alert/],
    ['manage', 'push', /Turn alerts on again in this browser/],
  ] as const)('says what to do with an expired %s link of an %s recipient', (purpose, kind, advice) => {
    const token = signer.sign(ID, kind, purpose, 60);
    now += 60_000;
    let message = '';
    try {
      signer.verify(token, purpose);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(advice);
  });

  it('refuses a token made for another purpose', () => {
    expect(codeOf(() => signer.verify(signer.sign(ID, 'email', 'confirm'), 'manage'))).toBe('LINK.INVALID');
    expect(codeOf(() => signer.verify(signer.sign(ID, 'email', 'manage'), 'confirm'))).toBe('LINK.INVALID');
  });

  it('refuses a token signed with another secret', () => {
    const other = new SubscriberLinkSigner('another-secret-of-enough-length', () => now);
    expect(codeOf(() => signer.verify(other.sign(ID, 'email', 'manage'), 'manage'))).toBe('LINK.INVALID');
  });

  it('refuses tampered claims, even a longer expiry or another recipient', () => {
    const token = signer.sign(ID, 'email', 'manage', 60);
    const [version, claims, signature] = token.split('.');
    const decoded = JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>;
    const forge = (change: Record<string, unknown>) =>
      `${version}.${Buffer.from(JSON.stringify({ ...decoded, ...change })).toString('base64url')}.${signature}`;
    expect(codeOf(() => signer.verify(forge({ e: (decoded.e as number) + 10_000 }), 'manage'))).toBe('LINK.INVALID');
    expect(codeOf(() => signer.verify(forge({ s: '00000000-0000-4000-8000-000000000000' }), 'manage'))).toBe('LINK.INVALID');
    expect(codeOf(() => signer.verify(forge({ p: 'c' }), 'confirm'))).toBe('LINK.INVALID');
  });

  it('refuses a tampered signature', () => {
    const token = signer.sign(ID, 'email', 'manage');
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    expect(codeOf(() => signer.verify(`${token.slice(0, -2)}${last}${token.at(-1)}`, 'manage'))).toBe('LINK.INVALID');
  });

  it('refuses every other spelling of its signature: one link, one token', () => {
    const token = signer.sign(ID, 'email', 'manage');
    const signature = token.split('.')[2];
    const bytes = Buffer.from(signature, 'base64url');
    // The last character of 32 bytes in base64url carries two spare bits: four spellings decode alike.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const respelled = [...alphabet]
      .map((last) => `${signature.slice(0, -1)}${last}`)
      .filter((other) => other !== signature && Buffer.from(other, 'base64url').equals(bytes));
    expect(respelled).toHaveLength(3);
    for (const other of respelled) expect(codeOf(() => signer.verify(`${token.slice(0, -signature.length)}${other}`, 'manage'))).toBe('LINK.INVALID');
    expect(signer.verify(token, 'manage')).toMatchObject({ recipientId: ID });
  });

  it.each([undefined, null, 42, '', 'v1', 'v1..', 'v2.abc.def', `${'a'.repeat(600)}`, ['v1.a.b']])('refuses malformed input %p', (value) => {
    expect(codeOf(() => signer.verify(value, 'manage'))).toBe('LINK.INVALID');
  });

  it('refuses genuine signatures over claims that are not valid', () => {
    // Signed with the same key, so only the claim checks can stop it.
    const claims = Buffer.from(JSON.stringify({ s: 'not-a-uuid', k: 'e', p: 'm', e: now / 1000 + 60 })).toString('base64url');
    const sign = (signer as unknown as { signature(data: string): Buffer }).signature.bind(signer);
    const token = `v1.${claims}.${sign(`v1.${claims}`).toString('base64url')}`;
    expect(codeOf(() => signer.verify(token, 'manage'))).toBe('LINK.INVALID');
  });
});
