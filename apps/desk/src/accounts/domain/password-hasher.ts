import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id (RFC 9106) with OWASP's recommended minimum: 19 MiB of memory, 2 iterations, one
 * lane. The parameters travel in the PHC string, so raising them later only affects new hashes.
 */
/** @node-rs/argon2's Algorithm.Argon2id (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2;
const PARAMETERS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  /** A hash to verify against when the account does not exist, so the answer takes as long. */
  private dummy?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password, PARAMETERS);
  }

  /** Whether `password` matches `stored`; with no stored hash, spends the same time and says no. */
  async verify(stored: string | null, password: string): Promise<boolean> {
    if (stored === null) {
      this.dummy ??= this.hash('no-account-has-this-password');
      await verify(await this.dummy, password).catch(() => false);
      return false;
    }
    return verify(stored, password).catch(() => false);
  }
}
