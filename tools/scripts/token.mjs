#!/usr/bin/env node
// Prints a bearer token for local use: npm run -s token -- <role>[,<role>] <user-id> [display name]
// Signed with JWT_SECRET, or with the local development secret that `npm start` uses.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const jwt = require('jsonwebtoken');

export const LOCAL_DEV_JWT_SECRET = 'newsroom-local-development-secret';
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
// Same claims as libs/auth issueToken(): sub, roles, optional name, issuer "newsroom".
const token = jwt.sign({ roles, ...(name ? { name } : {}) }, secret, {
  algorithm: 'HS256',
  subject: userId,
  issuer: 'newsroom',
  expiresIn: 12 * 3600,
});
process.stdout.write(`${token}\n`);
