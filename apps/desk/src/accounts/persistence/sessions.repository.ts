import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@newsroom/persistence';
import type { Account } from '../domain/account';
import { accountColumns, restoreAccount, type AccountRow } from './accounts.repository';

/** A live session as the session guard sees it. */
export interface SessionRecord {
  id: string;
  accountId: string;
  csrfToken: string;
}

@Injectable()
export class SessionsRepository {
  constructor(private readonly unit: UnitOfWork) {}

  async create(session: { id: string; tokenHash: string; accountId: string; csrfToken: string; idleSeconds: number }): Promise<void> {
    await this.unit.manager.query(
      `INSERT INTO sessions (id, token_hash, account_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [session.id, session.tokenHash, session.accountId, session.csrfToken, session.idleSeconds],
    );
  }

  /**
   * The session whose token hashes to `tokenHash`, with its account, if it is neither revoked
   * nor expired and its account is not disabled; its idle expiry moves on by `idleSeconds`
   * (sliding sessions). One statement, so it needs no transaction of its own: every request
   * the desk serves resolves its session here.
   */
  async touch(tokenHash: string, idleSeconds: number): Promise<{ session: SessionRecord; account: Account } | undefined> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows] = (await this.unit.manager.query(
      `UPDATE sessions s SET last_seen_at = now(), expires_at = now() + make_interval(secs => $2)
         FROM accounts a
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND a.id = s.account_id AND NOT a.disabled
        RETURNING s.id AS session_id, s.csrf_token, ${accountColumns('a')}`,
      [tokenHash, idleSeconds],
    )) as [(AccountRow & { session_id: string; csrf_token: string })[], number];
    const row = rows[0];
    return row && { session: { id: row.session_id, accountId: row.id, csrfToken: row.csrf_token }, account: restoreAccount(row) };
  }

  /** Revokes one session; true when it was live. */
  async revoke(id: string): Promise<boolean> {
    const rows = (await this.unit.manager.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id`, [id])) as [
      unknown[],
      number,
    ];
    return rows[1] > 0;
  }

  /** Revokes every live session of an account; how many there were. */
  async revokeAllOf(accountId: string): Promise<number> {
    const result = (await this.unit.manager.query(`UPDATE sessions SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL`, [accountId])) as [
      unknown[],
      number,
    ];
    return result[1];
  }
}
