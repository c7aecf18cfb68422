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
