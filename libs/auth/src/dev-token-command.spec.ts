/**
 * `npm run token` (tools/scripts/token.mjs) signs tokens without importing this library (it must
 * work before `npm install`); these tests keep the two from drifting apart.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { TEST_SIGNING_JWK, WORKSPACE_ROOT, publicJwkOf, refusal } from '@newsroom/testing';
import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER } from '@newsroom/config';
import { MAX_SUBJECT_LENGTH, verifyToken, type SigningJwk } from './tokens';

const TEST_KEYS = createLocalJWKSet({ keys: [publicJwkOf(TEST_SIGNING_JWK)] } as JSONWebKeySet);

function keyFileWith(jwk: SigningJwk): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'newsroom-token-')), 'desk-signing.jwk');
  writeFileSync(file, JSON.stringify(jwk));
  return file;
}

function runTokenCommand(args: string[], env: NodeJS.ProcessEnv = {}, script = path.join(WORKSPACE_ROOT, 'tools/scripts/token.mjs')) {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: path.dirname(script),
    env: { PATH: process.env.PATH, DESK_SIGNING_KEY_FILE: keyFileWith(TEST_SIGNING_JWK), ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (result.error) throw result.error;
  return result;
}

describe(`tools/scripts/token.mjs and ${verifyToken.name}`, () => {
  it('prints an ES256 token, naming its key, that verifyToken accepts with the roles, id and name', async () => {
    const result = runTokenCommand(['reporter,editor', 'carol', 'Carol Q']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(decodeProtectedHeader(result.stdout.trim())).toMatchObject({ alg: 'ES256', kid: TEST_SIGNING_JWK.kid });
    await expect(verifyToken(result.stdout.trim(), TEST_KEYS)).resolves.toEqual({ id: 'carol', roles: ['reporter', 'editor'], name: 'Carol Q' });
  });

  it('prints a token without a name when none is given', async () => {
    const result = runTokenCommand(['admin', 'root']);
    expect(result.status).toBe(0);
    await expect(verifyToken(result.stdout.trim(), TEST_KEYS)).resolves.toEqual({ id: 'root', roles: ['admin'] });
  });

  it('signs for the issuer and audience the services expect by default, or for JWT_ISSUER and JWT_AUDIENCE', async () => {
    const byDefault = runTokenCommand(['reporter', 'carol']).stdout.trim();
    expect((await verifyToken(byDefault, TEST_KEYS, { issuer: DEV_TOKEN_ISSUER, audience: DEV_TOKEN_AUDIENCE })).id).toBe('carol');
    const custom = { issuer: 'https://desk.example.org', audience: 'example-newsroom' };
    const result = runTokenCommand(['reporter', 'carol'], { JWT_ISSUER: custom.issuer, JWT_AUDIENCE: custom.audience });
    expect((await verifyToken(result.stdout.trim(), TEST_KEYS, custom)).id).toBe('carol');
  });

  it('creates a private signing key (mode 0600) when there is none, and signs with it from then on', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'newsroom-token-')), 'keys/desk-signing.jwk');
    const first = runTokenCommand(['reporter', 'carol'], { DESK_SIGNING_KEY_FILE: file });
    expect(first.status).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const created = JSON.parse(readFileSync(file, 'utf8')) as SigningJwk;
    expect(created).toMatchObject({ kty: 'EC', crv: 'P-256', d: expect.any(String), kid: expect.any(String) });
    const keys = createLocalJWKSet({ keys: [publicJwkOf(created)] } as JSONWebKeySet);
    expect((await verifyToken(first.stdout.trim(), keys)).id).toBe('carol');
    const second = runTokenCommand(['editor', 'eve'], { DESK_SIGNING_KEY_FILE: file });
    expect((await verifyToken(second.stdout.trim(), keys)).id).toBe('eve');
    expect((await refusal(verifyToken(second.stdout.trim(), TEST_KEYS))).code).toBe('AUTH.INVALID_TOKEN');
  });

  it('runs from a directory without node_modules (a fresh clone before npm install)', async () => {
    const bare = mkdtempSync(path.join(tmpdir(), 'newsroom-fresh-clone-'));
    const script = path.join(bare, 'token.mjs');
    copyFileSync(path.join(WORKSPACE_ROOT, 'tools/scripts/token.mjs'), script);
    const result = runTokenCommand(['reporter', 'carol'], {}, script);
    expect(result.stderr).toBe('');
    expect((await verifyToken(result.stdout.trim(), TEST_KEYS)).id).toBe('carol');
  });

  it.each([
    ['no arguments', [], 'token: no role given'],
    ['no user id', ['reporter'], 'token: no user id given'],
    ['an unknown role', ['reporter,boss', 'carol'], 'token: "boss" is not a role (roles are reporter, editor, admin, in lower case)'],
    ['a role in capitals', ['Reporter', 'carol'], 'token: "Reporter" is not a role'],
    ['an option where the name goes', ['reporter', 'carol', '--ttl', '5'], 'token: "--ttl" looks like an option'],
    ['an option where the user id goes', ['reporter', '--help'], 'token: "--help" looks like an option'],
    [`a user id over ${MAX_SUBJECT_LENGTH} characters, which the services refuse`, ['reporter', 'c'.repeat(MAX_SUBJECT_LENGTH + 1)], `token: the user id must be 1 to ${MAX_SUBJECT_LENGTH} characters`],
    ['a control character in the user id, which the services refuse', ['reporter', 'a\u0001b'], 'token: the user id holds U+0001, a control character or bytes that are not UTF-8'],
    ['a newline in the user id', ['reporter', 'a\nb'], 'token: the user id holds U+000A'],
    ['a user id whose bytes were not UTF-8 (U+FFFD)', ['reporter', 'caf\uFFFD'], 'token: the user id holds U+FFFD'],
    ['spaces around the user id', ['reporter', ' alice '], 'token: the user id " alice " starts or ends with spaces'],
    ['an escape sequence in the display name', ['reporter', 'alice', '\u001b[31mred'], 'token: the display name holds U+001B, a control character'],
  ])('exits with 2, says what is wrong and prints the usage for %s', (_, args, problem) => {
    const result = runTokenCommand(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toContain(problem);
    expect(result.stderr).toMatch(/^usage: npm run -s token -- <role>\[,<role>\] <user-id> \[display name\]$/m);
  });

  it.each([['--help'], ['-h'], ['help']])('answers %s with the usage and where its key comes from, on stdout, exit 0, and signs nothing', (flag) => {
    const result = runTokenCommand([flag]);
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toMatch(/^usage: npm run -s token -- <role>\[,<role>\] <user-id> \[display name\]\nroles: reporter, editor, admin;/);
    expect(result.stdout).toContain('DESK_SIGNING_KEY_FILE');
    expect(result.stdout).not.toMatch(/eyJ/);
  });

  it('signs each role once, however often it is given', async () => {
    const result = runTokenCommand(['reporter,editor,reporter', 'carol']);
    expect(result.status).toBe(0);
    expect((await verifyToken(result.stdout.trim(), TEST_KEYS)).roles).toEqual(['reporter', 'editor']);
  });

  it(`signs a user id of exactly ${MAX_SUBJECT_LENGTH} characters, which the services accept`, async () => {
    const result = runTokenCommand(['reporter', 'c'.repeat(MAX_SUBJECT_LENGTH)]);
    expect(result.status).toBe(0);
    expect((await verifyToken(result.stdout.trim(), TEST_KEYS)).id).toHaveLength(MAX_SUBJECT_LENGTH);
  });
});
