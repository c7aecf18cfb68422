import { Inject, Injectable } from '@nestjs/common';
import { issueToken, type AuthenticatedUser } from '@newsroom/auth';
import type { DeskConfig } from '../config/desk.config';
import { DESK_CONFIG } from '../shared/desk-config.token';
import { SigningKeys } from './signing-keys';

/** Access tokens live 5 minutes: the longest a disabled account's token can still be used. */
export const ACCESS_TOKEN_SECONDS = 5 * 60;
/** A cached token is replaced once it has less than this left, so none expires in flight. */
const RENEW_BEFORE_SECONDS = 60;
const MAX_CACHED = 10_000;

/**
 * Mints the ES256 access tokens the API proxy sends to the services (`iss` JWT_ISSUER, `aud`
 * JWT_AUDIENCE, `sub` the account id, its roles and name) and keeps one per session until a
 * minute before it expires. The cache is per process and keyed by session id and the account's
 * roles, so a role change is taken up by the next request.
 */
@Injectable()
export class AccessTokens {
  private readonly cache = new Map<string, { token: string; renewAt: number }>();

  constructor(
    private readonly keys: SigningKeys,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
  ) {}

  forSession(sessionId: string, user: AuthenticatedUser): string {
    const key = `${sessionId}:${user.roles.join(',')}:${user.name ?? ''}`;
    const now = Date.now();
    const cached = this.cache.get(key);
    if (cached && cached.renewAt > now) return cached.token;
    if (this.cache.size >= MAX_CACHED) this.dropExpired(now);
    const token = issueToken({ id: user.id, roles: user.roles, name: user.name }, this.keys.signing, ACCESS_TOKEN_SECONDS, {
      issuer: this.config.issuer,
      audience: this.config.audience,
    });
    this.cache.set(key, { token, renewAt: now + (ACCESS_TOKEN_SECONDS - RENEW_BEFORE_SECONDS) * 1000 });
    return token;
  }

  /** A signed-out session's token is never handed out again. */
  forget(sessionId: string): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${sessionId}:`)) this.cache.delete(key);
  }

  private dropExpired(now: number): void {
    for (const [key, entry] of this.cache) if (entry.renewAt <= now) this.cache.delete(key);
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
  }
}
