#!/usr/bin/env node
// Prints a bearer token for local use: npm run -s token -- <role>[,<role>] <user-id> [display name]
// An ES256 JWT signed with the desk's local signing key, .newsroom/keys/desk-signing.jwk (or the
// private JWK file DESK_SIGNING_KEY_FILE names), created here when missing — the key `npm start`
// gives the desk and whose public half the services trust. Issuer and audience are JWT_ISSUER and
// JWT_AUDIENCE, or the development defaults the services expect. Only node:crypto is used, so it
// works from a fresh clone before `npm install`.
import { createPrivateKey, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const LOCAL_SIGNING_KEY_FILE = path.join(ROOT, '.newsroom/keys/desk-signing.jwk');
// The defaults of libs/config (DEV_TOKEN_ISSUER, DEV_TOKEN_AUDIENCE); dev-token-command.spec.ts keeps them equal.
const DEV_TOKEN_ISSUER = 'newsroom';
const DEV_TOKEN_AUDIENCE = 'newsroom-api';
const ROLES = ['reporter', 'editor', 'admin'];
// libs/auth MAX_SUBJECT_LENGTH: the services refuse a longer `sub` (dev-token-command.spec.ts keeps them equal).
const MAX_USER_ID_LENGTH = 100;
// Characters the services refuse in any text (libs/contracts UNSUPPORTED_CHARACTER: C0 and C1
// controls, DEL, lone surrogates, noncharacters), and in a user id TAB, LF and CR as well;
// U+FFFD is what a shell argument that is not UTF-8 arrives as.
const NOT_IN_A_USER_ID = /[\u0000-\u001F\u007F-\u009F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFD\uFFFE\uFFFF]/u;
const NOT_IN_A_NAME = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/u;

/** `U+0001`: how a refused character is named. */
const codePointOf = (text, pattern) => `U+${text.match(pattern)[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The private JWK in `file`, or a new P-256 key written there (mode 0600) when there is none. */
export function loadOrCreateSigningKey(file) {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: `desk-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}` };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(jwk)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return jwk;
}

const base64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Same header and claims as libs/auth issueToken(): alg ES256 + kid; sub, roles, optional name, iss, aud, iat, exp, jti. */
export function signToken(jwk, { userId, roles, name, issuer, audience, expiresInSeconds }) {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'ES256', typ: 'JWT', kid: jwk.kid };
  const payload = { sub: userId, roles, ...(name ? { name } : {}), iss: issuer, aud: audience, iat: now, exp: now + expiresInSeconds, jti: randomUUID() };
  const input = `${base64url(header)}.${base64url(payload)}`;
  const { kty, crv, x, y, d } = jwk;
  const key = createPrivateKey({ key: { kty, crv, x, y, d }, format: 'jwk' });
  // JWS (RFC 7518 §3.4) wants r||s, not node's default DER encoding.
  const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

/**
 * What is wrong with the command's arguments, in one line each (empty when they are fine): the
 * services would refuse a token for an unknown role or an over-long id, so none is printed.
 */
export function argumentProblems([roleList = '', userId, ...rest]) {
  const problems = [];
  const roles = roleList.split(',').filter(Boolean);
  if (roles.length === 0) problems.push('no role given');
  for (const role of roles.filter((role) => !ROLES.includes(role))) problems.push(`"${role}" is not a role (roles are ${ROLES.join(', ')}, in lower case)`);
  if (!userId) problems.push('no user id given');
  else if (userId.startsWith('-')) problems.push(`"${userId}" looks like an option; the command takes none`);
  else if (userId.length > MAX_USER_ID_LENGTH || userId.trim() === '') problems.push(`the user id must be 1 to ${MAX_USER_ID_LENGTH} characters, not only spaces`);
  else if (NOT_IN_A_USER_ID.test(userId)) problems.push(`the user id holds ${codePointOf(userId, NOT_IN_A_USER_ID)}, a control character or bytes that are not UTF-8, which the services refuse`);
  else if (userId.trim() !== userId) problems.push(`the user id "${userId}" starts or ends with spaces`);
  const name = rest.join(' ');
  if (NOT_IN_A_NAME.test(name)) problems.push(`the display name holds ${codePointOf(name, NOT_IN_A_NAME)}, a control character, which no newsroom text may`);
  const option = rest.find((word) => word.startsWith('--'));
  if (option) problems.push(`"${option}" looks like an option; the command takes none (the words after the user id are the display name)`);
  return problems;
}

const USAGE = 'usage: npm run -s token -- <role>[,<role>] <user-id> [display name]';
const USAGE_ROLES = `roles: ${ROLES.join(', ')}; example: npm run -s token -- reporter alice`;

/** The answer to --help or -h: what the command does and where its key and claims come from. */
const HELP = [
  USAGE,
  USAGE_ROLES,
  '',
  'Prints a bearer token (an ES256 JWT, valid for 12 hours) for the local services:',
  '  curl -H "Authorization: Bearer $(npm run -s token -- reporter alice)" http://localhost:3001/v1/drafts',
  `Signed with ${path.relative(process.cwd(), LOCAL_SIGNING_KEY_FILE) || LOCAL_SIGNING_KEY_FILE} (created when missing), or the key file DESK_SIGNING_KEY_FILE names;`,
  `issuer and audience are JWT_ISSUER and JWT_AUDIENCE, by default ${DEV_TOKEN_ISSUER} and ${DEV_TOKEN_AUDIENCE}.`,
].join('\n');

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  // Asked for help, the command answers on stdout and succeeds, as command-line tools do.
  if (args.length === 1 && ['--help', '-h', 'help'].includes(args[0])) {
    console.log(HELP);
    process.exit(0);
  }
  const problems = argumentProblems(args);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`token: ${problem}`);
    console.error(USAGE);
    console.error(USAGE_ROLES);
    process.exit(2);
  }
  const [roleList, userId, ...nameParts] = args;
  const jwk = loadOrCreateSigningKey(process.env.DESK_SIGNING_KEY_FILE || LOCAL_SIGNING_KEY_FILE);
  const token = signToken(jwk, {
    userId,
    roles: [...new Set(roleList.split(',').filter(Boolean))],
    name: nameParts.join(' '),
    issuer: process.env.JWT_ISSUER || DEV_TOKEN_ISSUER,
    audience: process.env.JWT_AUDIENCE || DEV_TOKEN_AUDIENCE,
    expiresInSeconds: 12 * 3600,
  });
  process.stdout.write(`${token}\n`);
}
