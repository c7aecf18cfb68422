import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publicJwkOf, type SigningJwk } from '@newsroom/contracts';


/**
 * The key pair every spec, the end-to-end suites and the benchmark sign tokens with. Published
 * in a repository, so it is for tests only: services under test trust it through
 * `testJwksFile()`, a real deployment never does.
 */
export const TEST_SIGNING_JWK: SigningJwk = {
  kty: 'EC',
  crv: 'P-256',
  kid: 'newsroom-test-1',
  x: 'nkWchYRuW5r2uo3Z7Je8aCDz-OIotDJ79OmLkMNUTVE',
  y: 'TRvUm3IPREbJBVzR08KSJ0Xz2nJTOSloEavdZgF40x4',
  d: 'IwJZqpxHel3g92hgDRmcQ-VPq_rVqAfV36J86fN_-EM',
};

/** A second test key, for rotation specs (a JWKS holding both, tokens signed by either). */
export const TEST_NEXT_SIGNING_JWK: SigningJwk = {
  kty: 'EC',
  crv: 'P-256',
  kid: 'newsroom-test-2',
  x: '7liZS3sDw3jEHT9Y6iH9peJ5rSJZ5D1LAwjiZARgvzM',
  y: 'Tdp7wZHb-4iYJQyrHwFGKWyumJGJKcOblDCKDo3kiHk',
  d: 'lvDMyhxWv9cUSHFpoZIAIuyphVCY5O-WgbFEqmblwHk',
};

// Specs import the public half from here, next to the test keys it is taken of.
export { publicJwkOf };

let written: string | undefined;

/**
 * A JWKS file (RFC 7517 `{"keys": [...]}`) with the public test key(s), written once per
 * process to a temporary directory: the `JWT_JWKS_FILE` of services under test.
 */
export function testJwksFile(keys: SigningJwk[] = [TEST_SIGNING_JWK]): string {
  const isDefault = keys.length === 1 && keys[0] === TEST_SIGNING_JWK;
  if (isDefault && written) return written;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'newsroom-jwks-')), 'jwks.json');
  writeFileSync(file, JSON.stringify({ keys: keys.map(publicJwkOf) }));
  if (isDefault) written = file;
  return file;
}

let privateWritten: string | undefined;

/** The private test key as a file (mode 0600): the DESK_SIGNING_KEY_FILE of a desk under test. */
export function testSigningKeyFile(): string {
  if (privateWritten) return privateWritten;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'newsroom-signing-')), 'desk-signing.jwk');
  writeFileSync(file, JSON.stringify(TEST_SIGNING_JWK), { mode: 0o600 });
  privateWritten = file;
  return file;
}
