import { readFileSync, statSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { DomainError } from '@newsroom/contracts';

/** Where a service finds the public keys it verifies tokens with. */
export interface KeySetSource {
  /** The issuer's `/.well-known/jwks.json` (the desk's in a deployment). */
  jwksUrl?: string;
  /** A local public JWKS file (RFC 7517 `{"keys": [...]}`): `npm start`, the specs. */
  jwksFile?: string;
}

/**
 * The key lookup for token verification. A URL is fetched by jose, cached, and fetched again
 * when a token names a `kid` it does not know (at most every 30 s): a new key published by the
 * issuer is taken up without a restart. A file is read again whenever it changes on disk, so
 * rotation by rewriting the file works the same way.
 */
export function keySetFrom(source: KeySetSource): JWTVerifyGetKey {
  if (source.jwksUrl) return createRemoteJWKSet(new URL(source.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
  if (source.jwksFile) return fileKeySet(source.jwksFile);
  throw new Error('No token keys configured: set JWT_JWKS_URL or JWT_JWKS_FILE');
}

function fileKeySet(file: string): JWTVerifyGetKey {
  let loaded: { mtimeMs: number; size: number; keys: JWTVerifyGetKey } | undefined;
  return (header, token) => {
    const { mtimeMs, size } = statSync(file);
    if (!loaded || loaded.mtimeMs !== mtimeMs || loaded.size !== size) {
      loaded = { mtimeMs, size, keys: createLocalJWKSet(readJwks(file)) };
    }
    return loaded.keys(header, token);
  };
}

function readJwks(file: string): JSONWebKeySet {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as JSONWebKeySet;
  if (!parsed || !Array.isArray(parsed.keys)) {
    throw new DomainError('AUTH.KEYS_UNAVAILABLE', 'The token signing keys cannot be loaded; try again shortly', 'unavailable');
  }
  return parsed;
}
