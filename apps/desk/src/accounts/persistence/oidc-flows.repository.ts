import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@newsroom/persistence';

/** One sign-in through the identity provider, between the redirect there and the answer. */
export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The desk path to open once signed in. */
  returnTo?: string;
}

/** What became of the flow a browser's cookie names when its answer comes back. */
export type ConsumedFlow = { status: 'open'; flow: OidcFlow } | { status: 'used' | 'expired' | 'unknown' };

/** How long a finished or abandoned flow's row is kept (for the answer "already used"), in seconds. */
const KEPT_SECONDS = 24 * 3600;

/** Sign-ins under way (oidc_flows), keyed by the SHA-256 of the flow cookie; joins the open unit of work. */
@Injectable()
export class OidcFlowsRepository {
  constructor(private readonly unit: UnitOfWork) {}

  /** Keeps a new flow for `validSeconds`, and clears out flows that ended more than a day ago. */
  async create(flowHash: string, flow: OidcFlow, validSeconds: number): Promise<void> {
    await this.unit.manager.query(`DELETE FROM oidc_flows WHERE expires_at < now() - make_interval(secs => $1)`, [KEPT_SECONDS]);
    await this.unit.manager.query(
      `INSERT INTO oidc_flows (flow_hash, state, nonce, code_verifier, return_to, expires_at) VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
      [flowHash, flow.state, flow.nonce, flow.codeVerifier, flow.returnTo ?? null, validSeconds],
    );
  }

  /** Uses the flow up: it is answered once, whatever the answer; a second time it is `used`. */
  async consume(flowHash: string): Promise<ConsumedFlow> {
    const rows = (await this.unit.manager.query(
      `UPDATE oidc_flows f SET used_at = coalesce(f.used_at, now()) FROM (SELECT flow_hash, used_at, expires_at FROM oidc_flows WHERE flow_hash = $1 FOR UPDATE) before
        WHERE f.flow_hash = before.flow_hash
        RETURNING f.state, f.nonce, f.code_verifier, f.return_to, before.used_at IS NOT NULL AS was_used, before.expires_at <= now() AS was_expired`,
      [flowHash],
    )) as [{ state: string; nonce: string; code_verifier: string; return_to: string | null; was_used: boolean; was_expired: boolean }[], number];
    const row = rows[0][0];
    if (!row) return { status: 'unknown' };
    if (row.was_used) return { status: 'used' };
    if (row.was_expired) return { status: 'expired' };
    return { status: 'open', flow: { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, returnTo: row.return_to ?? undefined } };
  }
}
