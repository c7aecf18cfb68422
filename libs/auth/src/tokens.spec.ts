import jwt from 'jsonwebtoken';
import { thrownBy } from '@newsroom/testing';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, issueToken, verifyToken } from './tokens';

const SECRET = 'a-jwt-secret-for-the-tests';

function signed(claims: Record<string, unknown>, options: jwt.SignOptions = {}, secret = SECRET): string {
  return jwt.sign(claims, secret, { algorithm: 'HS256', issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, subject: 'alice', expiresIn: 60, ...options });
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe(issueToken.name, () => {
  it('makes an HS256 token with the subject, roles, name and issuer', () => {
    const token = issueToken({ id: 'alice', roles: ['reporter'], name: 'Alice A' }, SECRET);
    const { header, payload } = jwt.decode(token, { complete: true }) as jwt.Jwt & { payload: jwt.JwtPayload };
    expect(header.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: 'alice', roles: ['reporter'], name: 'Alice A', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE });
  });

  it('leaves the name out when there is none', () => {
    const payload = jwt.decode(issueToken({ id: 'alice', roles: ['reporter'] }, SECRET)) as jwt.JwtPayload;
    expect(payload).not.toHaveProperty('name');
  });

  it('expires after twelve hours by default', () => {
    const payload = jwt.decode(issueToken({ id: 'alice', roles: ['reporter'] }, SECRET)) as jwt.JwtPayload;
    expect(payload.exp! - payload.iat!).toBe(12 * 3600);
  });

  it('takes another lifetime', () => {
    const payload = jwt.decode(issueToken({ id: 'alice', roles: ['reporter'] }, SECRET, 90)) as jwt.JwtPayload;
    expect(payload.exp! - payload.iat!).toBe(90);
  });
});

describe(verifyToken.name, () => {
  afterEach(() => jest.useRealTimers());

  it('round-trips a token made by issueToken', () => {
    const user = { id: 'bob', roles: ['reporter' as const, 'editor' as const], name: 'Bob B' };
    expect(verifyToken(issueToken(user, SECRET), SECRET)).toEqual(user);
  });

  it('round-trips a user without a name', () => {
    expect(verifyToken(issueToken({ id: 'bob', roles: ['admin'] }, SECRET), SECRET)).toEqual({ id: 'bob', roles: ['admin'] });
  });

  it('rejects a token signed with another secret', () => {
    const token = issueToken({ id: 'bob', roles: ['editor'] }, 'another-secret-of-enough-length');
    expect(thrownBy(() => verifyToken(token, SECRET))).toMatchObject({ code: 'AUTH.INVALID_TOKEN', kind: 'unauthorized' });
  });

  it('rejects an expired token with AUTH.TOKEN_EXPIRED', () => {
    jest.useFakeTimers({ now: Date.parse('2025-11-21T08:00:00Z') });
    const token = issueToken({ id: 'bob', roles: ['editor'] }, SECRET, 60);
    jest.setSystemTime(Date.parse('2025-11-21T08:00:59Z'));
    expect(verifyToken(token, SECRET).id).toBe('bob');
    jest.setSystemTime(Date.parse('2025-11-21T08:01:01Z'));
    expect(thrownBy(() => verifyToken(token, SECRET))).toMatchObject({ code: 'AUTH.TOKEN_EXPIRED', kind: 'unauthorized' });
  });

  it('rejects a token from another issuer', () => {
    const token = signed({ roles: ['editor'] }, { issuer: 'someone-else' });
    expect(thrownBy(() => verifyToken(token, SECRET)).code).toBe('AUTH.INVALID_TOKEN');
  });

  it('rejects a token without an issuer', () => {
    const token = jwt.sign({ roles: ['editor'] }, SECRET, { algorithm: 'HS256', subject: 'alice' });
    expect(thrownBy(() => verifyToken(token, SECRET)).code).toBe('AUTH.INVALID_TOKEN');
  });

  it('rejects an unsigned token (alg none)', () => {
    const now = Math.floor(Date.now() / 1000);
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'mallory', roles: ['admin'], iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: now, exp: now + 60 })}.`;
    expect(thrownBy(() => verifyToken(token, SECRET)).code).toBe('AUTH.INVALID_TOKEN');
  });

  it('rejects a token signed with HS512, even with the right secret', () => {
    const token = signed({ roles: ['editor'] }, { algorithm: 'HS512' });
    expect(thrownBy(() => verifyToken(token, SECRET)).code).toBe('AUTH.INVALID_TOKEN');
  });

  it('rejects a token whose payload was changed after signing', () => {
    const [header, , signature] = issueToken({ id: 'bob', roles: ['reporter'] }, SECRET).split('.');
    const now = Math.floor(Date.now() / 1000);
    const forged = `${header}.${base64url({ sub: 'bob', roles: ['admin'], iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: now, exp: now + 60 })}.${signature}`;
    expect(thrownBy(() => verifyToken(forged, SECRET)).code).toBe('AUTH.INVALID_TOKEN');
  });

  it('rejects something that is not a JWT', () => {
    expect(thrownBy(() => verifyToken('not-a-token', SECRET)).code).toBe('AUTH.INVALID_TOKEN');
  });

  it.each([
    ['no roles claim', {}],
    ['an empty role list', { roles: [] }],
    ['only unknown roles', { roles: ['superuser', 'root'] }],
    ['roles that are not a list', { roles: 'admin' }],
  ])('rejects a token with %s', (_, claims) => {
    expect(thrownBy(() => verifyToken(signed(claims), SECRET))).toMatchObject({ code: 'AUTH.INVALID_TOKEN', kind: 'unauthorized' });
  });

  it('rejects a token without a subject', () => {
    const token = jwt.sign({ roles: ['editor'] }, SECRET, { algorithm: 'HS256', issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, expiresIn: 60 });
    expect(thrownBy(() => verifyToken(token, SECRET))).toMatchObject({ code: 'AUTH.INVALID_TOKEN', message: expect.stringContaining('subject (sub)') });
  });

  it('rejects a token for another audience, or for none', () => {
    expect(thrownBy(() => verifyToken(signed({ roles: ['editor'] }, { audience: 'billing-api' }), SECRET))).toMatchObject({
      code: 'AUTH.INVALID_TOKEN',
      kind: 'unauthorized',
      message: expect.stringContaining('(aud)'),
    });
    const withoutAudience = jwt.sign({ roles: ['editor'] }, SECRET, { algorithm: 'HS256', issuer: TOKEN_ISSUER, subject: 'alice', expiresIn: 60 });
    expect(thrownBy(() => verifyToken(withoutAudience, SECRET)).code).toBe('AUTH.INVALID_TOKEN');
  });

  it('accepts a token whose audience list includes this one', () => {
    expect(verifyToken(signed({ roles: ['editor'] }, { audience: ['billing-api', TOKEN_AUDIENCE] }), SECRET).id).toBe('alice');
  });

  it('checks the issuer and audience it is told to expect', () => {
    const expected = { issuer: 'https://desk.example.org', audience: 'example-newsroom' };
    const token = issueToken({ id: 'bob', roles: ['editor'] }, SECRET, 60, expected);
    expect(verifyToken(token, SECRET, expected).id).toBe('bob');
    expect(thrownBy(() => verifyToken(token, SECRET)).code).toBe('AUTH.INVALID_TOKEN');
    expect(thrownBy(() => verifyToken(token, SECRET, { ...expected, audience: 'other' })).message).toContain('(aud)');
    expect(thrownBy(() => verifyToken(token, SECRET, { ...expected, issuer: 'other' })).message).toContain('(iss)');
  });

  it('rejects a token that never expires', () => {
    const token = jwt.sign({ roles: ['editor'] }, SECRET, { algorithm: 'HS256', issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, subject: 'alice' });
    expect(thrownBy(() => verifyToken(token, SECRET))).toMatchObject({ code: 'AUTH.INVALID_TOKEN', message: expect.stringContaining('no expiry (exp)') });
  });

  it.each([
    ['a number', 12345],
    ['an empty string', ''],
    ['only spaces', '   '],
    ['an object', { id: 'alice' }],
    ['a list', ['alice']],
    ['a string too long for a user id', 'a'.repeat(101)],
    ['a control character', 'ali\u0000ce'],
  ])('rejects a token whose subject is %s', (_, sub) => {
    const now = Math.floor(Date.now() / 1000);
    const token = jwt.sign({ sub, roles: ['editor'], iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: now, exp: now + 60 }, SECRET, { algorithm: 'HS256' });
    expect(thrownBy(() => verifyToken(token, SECRET))).toMatchObject({ code: 'AUTH.INVALID_TOKEN', kind: 'unauthorized', message: expect.stringContaining('subject (sub)') });
  });

  it('keeps only the newsroom roles it knows', () => {
    expect(verifyToken(signed({ roles: ['superuser', 'editor', 42, 'reporter'] }), SECRET).roles).toEqual(['editor', 'reporter']);
  });

  it('ignores a name that is not a string', () => {
    expect(verifyToken(signed({ roles: ['editor'], name: { first: 'A' } }), SECRET)).toEqual({ id: 'alice', roles: ['editor'] });
  });
});
