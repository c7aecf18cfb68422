import { createPrivateKey, sign as signBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import jwt from 'jsonwebtoken';
import { TEST_NEXT_SIGNING_JWK, TEST_SIGNING_JWK, publicJwkOf, refusal, testJwksFile } from '@newsroom/testing';
import { keySetFrom } from './key-set';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, issueToken, verifyToken, type SigningJwk } from './tokens';

const KEYS = createLocalJWKSet({ keys: [publicJwkOf(TEST_SIGNING_JWK)] } as JSONWebKeySet);
/** The shared secret the services used before tokens were signed by the desk. */
const OLD_SHARED_SECRET = 'newsroom-local-development-secret';

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An ES256 token with exactly these claims, signed with the test key (or `key`). */
function signed(payload: Record<string, unknown>, key: SigningJwk = TEST_SIGNING_JWK, header: Record<string, unknown> = {}): string {
  const input = `${base64url({ alg: 'ES256', typ: 'JWT', kid: key.kid, ...header })}.${base64url(payload)}`;
  const { kty, crv, x, y, d } = key;
  const signature = signBytes('sha256', Buffer.from(input), { key: createPrivateKey({ key: { kty, crv, x, y, d }, format: 'jwk' }), dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { sub: 'alice', roles: ['editor'], iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: now, exp: now + 60, ...overrides };
}

function without(name: string): Record<string, unknown> {
  const { [name]: _dropped, ...rest } = claims();
  return rest;
}

describe(issueToken.name, () => {
  it('makes an ES256 token naming its key, with the subject, roles, name, issuer and audience', () => {
    const token = issueToken({ id: 'alice', roles: ['reporter'], name: 'Alice A' }, TEST_SIGNING_JWK);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', typ: 'JWT', kid: TEST_SIGNING_JWK.kid });
    expect(decodeJwt(token)).toMatchObject({ sub: 'alice', roles: ['reporter'], name: 'Alice A', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE });
  });

  it('leaves the name out when there is none', () => {
    expect(decodeJwt(issueToken({ id: 'alice', roles: ['reporter'] }, TEST_SIGNING_JWK))).not.toHaveProperty('name');
  });

  it('expires after twelve hours by default, or after the lifetime given', () => {
    const long = decodeJwt(issueToken({ id: 'alice', roles: ['reporter'] }, TEST_SIGNING_JWK));
    expect(long.exp! - long.iat!).toBe(12 * 3600);
    const short = decodeJwt(issueToken({ id: 'alice', roles: ['reporter'] }, TEST_SIGNING_JWK, 300));
    expect(short.exp! - short.iat!).toBe(300);
  });
});

describe(verifyToken.name, () => {
  afterEach(() => jest.useRealTimers());

  it('round-trips a token made by issueToken', async () => {
    const user = { id: 'bob', roles: ['reporter' as const, 'editor' as const], name: 'Bob B' };
    await expect(verifyToken(issueToken(user, TEST_SIGNING_JWK), KEYS)).resolves.toEqual(user);
  });

  it('rejects a token signed with a key the JWKS does not hold', async () => {
    const token = issueToken({ id: 'bob', roles: ['editor'] }, TEST_NEXT_SIGNING_JWK);
    expect(await refusal(verifyToken(token, KEYS))).toMatchObject({ code: 'AUTH.INVALID_TOKEN', message: expect.stringContaining('(kid)') });
  });

  it('rejects a token whose kid names a published key but that another key signed', async () => {
    const token = signed(claims(), TEST_NEXT_SIGNING_JWK, { kid: TEST_SIGNING_JWK.kid });
    expect(await refusal(verifyToken(token, KEYS))).toMatchObject({ code: 'AUTH.INVALID_TOKEN', message: expect.stringContaining('signature') });
  });

  it('rejects an HS256 token signed with the old shared secret', async () => {
    const token = jwt.sign({ roles: ['admin'] }, OLD_SHARED_SECRET, { algorithm: 'HS256', issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, subject: 'mallory', expiresIn: 60 });
    expect(await refusal(verifyToken(token, KEYS))).toMatchObject({ code: 'AUTH.INVALID_TOKEN', kind: 'unauthorized' });
  });

  it('rejects an HS256 token whose secret is the public key itself (key confusion)', async () => {
    const token = jwt.sign({ roles: ['admin'] }, JSON.stringify(publicJwkOf(TEST_SIGNING_JWK)), {
      algorithm: 'HS256',
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      subject: 'mallory',
      expiresIn: 60,
      keyid: TEST_SIGNING_JWK.kid,
    });
    expect((await refusal(verifyToken(token, KEYS))).code).toBe('AUTH.INVALID_TOKEN');
  });

  it('rejects an unsigned token (alg none)', async () => {
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims({ sub: 'mallory', roles: ['admin'] }))}.`;
    expect((await refusal(verifyToken(token, KEYS))).code).toBe('AUTH.INVALID_TOKEN');
  });

  it('rejects an expired token with AUTH.TOKEN_EXPIRED', async () => {
    jest.useFakeTimers({ now: Date.parse('2025-11-21T08:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const token = issueToken({ id: 'bob', roles: ['editor'] }, TEST_SIGNING_JWK, 60);
    jest.setSystemTime(Date.parse('2025-11-21T08:00:59Z'));
    expect((await verifyToken(token, KEYS)).id).toBe('bob');
    jest.setSystemTime(Date.parse('2025-11-21T08:01:01Z'));
    expect(await refusal(verifyToken(token, KEYS))).toMatchObject({ code: 'AUTH.TOKEN_EXPIRED', kind: 'unauthorized' });
  });

  it('rejects a token whose payload was changed after signing', async () => {
    const [header, , signature] = issueToken({ id: 'bob', roles: ['reporter'] }, TEST_SIGNING_JWK).split('.');
    const forged = `${header}.${base64url(claims({ sub: 'bob', roles: ['admin'] }))}.${signature}`;
    expect((await refusal(verifyToken(forged, KEYS))).code).toBe('AUTH.INVALID_TOKEN');
  });

  it('rejects something that is not a JWT', async () => {
    expect((await refusal(verifyToken('not-a-token', KEYS))).code).toBe('AUTH.INVALID_TOKEN');
  });

  it.each([
    ['another issuer', claims({ iss: 'someone-else' }), '(iss)'],
    ['no issuer', without('iss'), '(iss)'],
    ['another audience', claims({ aud: 'billing-api' }), '(aud)'],
    ['no audience', without('aud'), '(aud)'],
    ['no expiry', without('exp'), 'no expiry (exp)'],
    ['no subject', without('sub'), 'subject (sub)'],
    ['no roles claim', without('roles'), 'no newsroom role'],
    ['an empty role list', claims({ roles: [] }), 'no newsroom role'],
    ['only unknown roles', claims({ roles: ['superuser', 'root'] }), 'no newsroom role'],
    ['roles that are not a list', claims({ roles: 'admin' }), 'no newsroom role'],
  ])('rejects a token with %s', async (_, payload, reason) => {
    expect(await refusal(verifyToken(signed(payload), KEYS))).toMatchObject({
      code: 'AUTH.INVALID_TOKEN',
      kind: 'unauthorized',
      message: expect.stringContaining(reason),
    });
  });

  it.each([
    ['a number', 12345],
    ['an empty string', ''],
    ['only spaces', '   '],
    ['an object', { id: 'alice' }],
    ['a list', ['alice']],
    ['a string too long for a user id', 'a'.repeat(101)],
    ['a control character', 'ali\u0000ce'],
  ])('rejects a token whose subject is %s', async (_, sub) => {
    expect(await refusal(verifyToken(signed(claims({ sub })), KEYS))).toMatchObject({ code: 'AUTH.INVALID_TOKEN', kind: 'unauthorized' });
  });

  it.each([
    ['ali\u0001ce', 'U+0001'],
    ['a\nb', 'U+000A'],
  ])('names the character it refuses in the subject %p, not its length', async (sub, codePoint) => {
    const refused = await refusal(verifyToken(signed(claims({ sub })), KEYS));
    expect(refused.message).toContain(`its subject (sub) holds ${codePoint}, a character no user id may hold`);
    expect(refused.message).not.toContain('at most');
  });

  it('accepts a token whose audience list includes this one', async () => {
    expect((await verifyToken(signed(claims({ aud: ['billing-api', TOKEN_AUDIENCE] })), KEYS)).id).toBe('alice');
  });

  it('checks the issuer and audience it is told to expect', async () => {
    const expected = { issuer: 'https://desk.example.org', audience: 'example-newsroom' };
    const token = issueToken({ id: 'bob', roles: ['editor'] }, TEST_SIGNING_JWK, 60, expected);
    expect((await verifyToken(token, KEYS, expected)).id).toBe('bob');
    expect((await refusal(verifyToken(token, KEYS))).code).toBe('AUTH.INVALID_TOKEN');
    expect((await refusal(verifyToken(token, KEYS, { ...expected, audience: 'other' }))).message).toContain('(aud)');
    expect((await refusal(verifyToken(token, KEYS, { ...expected, issuer: 'other' }))).message).toContain('(iss)');
  });

  it('keeps only the newsroom roles it knows, and ignores a name that is not a string', async () => {
    expect((await verifyToken(signed(claims({ roles: ['superuser', 'editor', 42, 'reporter'] })), KEYS)).roles).toEqual(['editor', 'reporter']);
    expect(await verifyToken(signed(claims({ name: { first: 'A' } })), KEYS)).toEqual({ id: 'alice', roles: ['editor'] });
  });
});

describe(keySetFrom.name, () => {
  it('verifies with a JWKS file, and takes up a rewritten file (rotation: old and new key, then the new only)', async () => {
    const file = testJwksFile([TEST_SIGNING_JWK]);
    const keys = keySetFrom({ jwksFile: file });
    const byOld = issueToken({ id: 'bob', roles: ['editor'] }, TEST_SIGNING_JWK);
    const byNew = issueToken({ id: 'bob', roles: ['editor'] }, TEST_NEXT_SIGNING_JWK);
    expect((await verifyToken(byOld, keys)).id).toBe('bob');
    expect((await refusal(verifyToken(byNew, keys))).message).toContain('(kid)');

    writeFileSync(file, JSON.stringify({ keys: [publicJwkOf(TEST_SIGNING_JWK), publicJwkOf(TEST_NEXT_SIGNING_JWK)] }));
    expect((await verifyToken(byOld, keys)).id).toBe('bob');
    expect((await verifyToken(byNew, keys)).id).toBe('bob');

    writeFileSync(file, JSON.stringify({ keys: [publicJwkOf(TEST_NEXT_SIGNING_JWK)] }));
    expect((await refusal(verifyToken(byOld, keys))).message).toContain('(kid)');
    expect((await verifyToken(byNew, keys)).id).toBe('bob');
  });

  it('verifies with the JWKS an issuer publishes at a URL, and answers 503 AUTH.KEYS_UNAVAILABLE while it cannot be fetched', async () => {
    let served = { keys: [publicJwkOf(TEST_SIGNING_JWK)] };
    const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(served)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    try {
      const token = issueToken({ id: 'bob', roles: ['editor'] }, TEST_SIGNING_JWK);
      expect((await verifyToken(token, keySetFrom({ jwksUrl: url }))).id).toBe('bob');
      served = { keys: [publicJwkOf(TEST_NEXT_SIGNING_JWK)] };
      expect((await refusal(verifyToken(token, keySetFrom({ jwksUrl: url })))).message).toContain('(kid)');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const unreachable = await refusal(verifyToken(issueToken({ id: 'bob', roles: ['editor'] }, TEST_SIGNING_JWK), keySetFrom({ jwksUrl: url })));
    expect(unreachable).toMatchObject({ code: 'AUTH.KEYS_UNAVAILABLE', kind: 'unavailable' });
  });

  it('needs a URL or a file', () => {
    expect(() => keySetFrom({})).toThrow('JWT_JWKS_URL or JWT_JWKS_FILE');
  });
});
