import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { publicJwkOf, type PublicJwk, type SigningJwk } from '@newsroom/contracts';
import type { DeskConfig } from '../config/desk.config';
import { DESK_CONFIG } from '../shared/desk-config.token';

/**
 * The key the desk signs access tokens with (DESK_SIGNING_KEY_FILE, a private P-256 JWK with a
 * `kid`) and the JWKS it publishes: that key's public half plus any in
 * DESK_EXTRA_PUBLIC_KEYS_FILE (the next key before a rotation, the previous one after it).
 * Read once at start-up; a rotation is a restart.
 */
@Injectable()
export class SigningKeys {
  readonly signing: SigningJwk;
  readonly jwks: { keys: PublicJwk[] };

  constructor(@Inject(DESK_CONFIG) config: DeskConfig) {
    this.signing = readSigningKey(config.signingKey);
    const extra = config.extraPublicKeysFile ? readExtraKeys(config.extraPublicKeysFile) : [];
    this.jwks = { keys: [publicJwkOf(this.signing), ...extra.filter((key) => key.kid !== this.signing.kid).map(publicJwkOf)] };
  }
}

function readSigningKey(source: DeskConfig['signingKey']): SigningJwk {
  const where = 'file' in source ? `DESK_SIGNING_KEY_FILE (${source.file})` : 'DESK_SIGNING_KEY';
  let jwk: Partial<SigningJwk>;
  try {
    jwk = JSON.parse('file' in source ? readFileSync(source.file, 'utf8') : source.json) as Partial<SigningJwk>;
  } catch (error) {
    throw new Error(`${where} cannot be read as a JWK: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d || !jwk.x || !jwk.y || !jwk.kid) {
    throw new Error(`${where} must hold a private P-256 JWK with a kid`);
  }
  return jwk as SigningJwk;
}

function readExtraKeys(file: string): Omit<SigningJwk, 'd'>[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { keys?: Omit<SigningJwk, 'd'>[] };
  if (!Array.isArray(parsed.keys) || !parsed.keys.every((key) => key.kty === 'EC' && key.crv === 'P-256' && key.kid)) {
    throw new Error(`DESK_EXTRA_PUBLIC_KEYS_FILE (${file}) must be a JWKS of P-256 keys with a kid each`);
  }
  return parsed.keys;
}
