import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@newsroom/persistence';

@Injectable()
export class InvitationsRepository {
  constructor(private readonly unit: UnitOfWork) {}

  async create(invitation: { tokenHash: string; accountId: string; validSeconds: number }): Promise<void> {
    await this.unit.manager.query(`INSERT INTO invitations (token_hash, account_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`, [
      invitation.tokenHash,
      invitation.accountId,
      invitation.validSeconds,
    ]);
  }

  /** Uses up the invitation whose token hashes to `tokenHash`: its account id, or undefined when unknown, used or expired. */
  async consume(tokenHash: string): Promise<string | undefined> {
    const [rows] = (await this.unit.manager.query(
      `UPDATE invitations SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING account_id`,
      [tokenHash],
    )) as [{ account_id: string }[], number];
    return rows[0]?.account_id;
  }

  /** Older unused invitations of an account stop working when a new one is sent. */
  async withdrawAllOf(accountId: string): Promise<void> {
    await this.unit.manager.query(`UPDATE invitations SET expires_at = now() WHERE account_id = $1 AND used_at IS NULL AND expires_at > now()`, [accountId]);
  }
}
