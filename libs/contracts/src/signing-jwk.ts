/**
 * A private EC P-256 key as a JWK (RFC 7517) with its key id: what the desk signs ES256 access
 * tokens with. Declared here, the one home both the token code (libs/auth) and the test keys
 * (libs/testing, which may not import libs/auth) can share.
 */
export interface SigningJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  d: string;
  kid: string;
}

/** One entry of a published JWK Set (RFC 7517): a public P-256 key for ES256 signatures. */
export type PublicJwk = Omit<SigningJwk, 'd'> & { use: 'sig'; alg: 'ES256' };

/** The public half of a signing key as a JWKS entry: `d` is never published. */
export function publicJwkOf(key: Omit<SigningJwk, 'd'>): PublicJwk {
  const { kty, crv, x, y, kid } = key;
  return { kty, crv, x, y, kid, use: 'sig', alg: 'ES256' };
}
