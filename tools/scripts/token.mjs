#!/usr/bin/env node
// Prints a bearer token for local use: npm run -s token -- <role>[,<role>] <user-id> [display name]
// Signed with JWT_SECRET, or with the local development secret that `npm start` uses; issuer and
// audience are JWT_ISSUER and JWT_AUDIENCE, or the development defaults the services expect.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const jwt = require('jsonwebtoken');

export const LOCAL_DEV_JWT_SECRET = 'newsroom-local-development-secret';
// The defaults of libs/config (DEV_TOKEN_ISSUER, DEV_TOKEN_AUDIENCE); dev-token-command.spec.ts keeps them equal.
const DEV_TOKEN_ISSUER = 'newsroom';
const DEV_TOKEN_AUDIENCE = 'newsroom-api';
const ROLES = ['reporter', 'editor', 'admin'];

const [roleList = '', userId, ...nameParts] = process.argv.slice(2);
const roles = roleList.split(',').filter(Boolean);
if (roles.length === 0 || !roles.every((role) => ROLES.includes(role)) || !userId) {
  console.error('usage: npm run -s token -- <role>[,<role>] <user-id> [display name]');
  console.error(`roles: ${ROLES.join(', ')}; example: npm run -s token -- reporter alice`);
  process.exit(2);
}
const secret = process.env.JWT_SECRET || LOCAL_DEV_JWT_SECRET;
const name = nameParts.join(' ');
// Same claims as libs/auth issueToken(): sub, roles, optional name, iss, aud, exp.
const token = jwt.sign({ roles, ...(name ? { name } : {}) }, secret, {
  algorithm: 'HS256',
  subject: userId,
  issuer: process.env.JWT_ISSUER || DEV_TOKEN_ISSUER,
  audience: process.env.JWT_AUDIENCE || DEV_TOKEN_AUDIENCE,
  expiresIn: 12 * 3600,
});
process.stdout.write(`${token}\n`);
