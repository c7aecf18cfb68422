/**
 * `npm run token` (tools/scripts/token.mjs) signs tokens without importing this
 * library; these tests keep the two from drifting apart.
 */
import { spawnSync } from 'node:child_process';
import { WORKSPACE_ROOT } from '@newsroom/testing';
import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER } from '@newsroom/config';
import { verifyToken } from './tokens';

const SECRET = 'a-secret-for-the-dev-token-command';

function runTokenCommand(args: string[], env: NodeJS.ProcessEnv = { JWT_SECRET: SECRET }) {
  const result = spawnSync(process.execPath, ['tools/scripts/token.mjs', ...args], {
    cwd: WORKSPACE_ROOT,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (result.error) throw result.error;
  return result;
}

describe(`tools/scripts/token.mjs and ${verifyToken.name}`, () => {
  it('prints a token that verifyToken accepts, with the roles, id and name', () => {
    const result = runTokenCommand(['reporter,editor', 'carol', 'Carol Q']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(verifyToken(result.stdout.trim(), SECRET)).toEqual({ id: 'carol', roles: ['reporter', 'editor'], name: 'Carol Q' });
  });

  it('prints a token without a name when none is given', () => {
    const result = runTokenCommand(['admin', 'root']);
    expect(result.status).toBe(0);
    expect(verifyToken(result.stdout.trim(), SECRET)).toEqual({ id: 'root', roles: ['admin'] });
  });

  it('signs for the issuer and audience the services expect by default, or for JWT_ISSUER and JWT_AUDIENCE', () => {
    expect(verifyToken(runTokenCommand(['reporter', 'carol']).stdout.trim(), SECRET, { issuer: DEV_TOKEN_ISSUER, audience: DEV_TOKEN_AUDIENCE }).id).toBe('carol');
    const custom = { issuer: 'https://desk.example.org', audience: 'example-newsroom' };
    const result = runTokenCommand(['reporter', 'carol'], { JWT_SECRET: SECRET, JWT_ISSUER: custom.issuer, JWT_AUDIENCE: custom.audience });
    expect(verifyToken(result.stdout.trim(), SECRET, custom).id).toBe('carol');
  });

  it('signs with JWT_SECRET, not with some other secret', () => {
    const result = runTokenCommand(['reporter', 'carol']);
    expect(() => verifyToken(result.stdout.trim(), 'a-different-secret-of-enough-length')).toThrow('not valid');
  });

  it.each([
    ['no arguments', []],
    ['no user id', ['reporter']],
    ['an unknown role', ['reporter,boss', 'carol']],
  ])('exits with 2 and prints the usage for %s', (_, args) => {
    const result = runTokenCommand(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^usage: npm run -s token -- <role>\[,<role>\] <user-id> \[display name\]$/m);
  });
});
