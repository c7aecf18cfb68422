import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@newsroom/persistence';

/** What the audit trail records: account changes and every sign-in attempt. */
export type AuditAction =
  | 'sign-in'
  | 'sign-in-refused'
  | 'sign-out'
  | 'account-invited'
  | 'account-reinvited'
  | 'invitation-accepted'
  | 'account-roles-changed'
  | 'account-disabled'
  | 'account-enabled'
  | 'account-seeded'
  | 'identity-linked';

export interface AuditEntry {
  action: AuditAction;
  actorId?: string;
  accountId?: string;
  email?: string;
  clientAddress?: string;
  details?: Record<string, unknown>;
}

/** Appends to the desk's audit_log, inside the caller's unit of work so a change and its row commit together. */
@Injectable()
export class AuditLog {
  constructor(private readonly unit: UnitOfWork) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.unit.manager.query(
      `INSERT INTO audit_log (action, actor_id, account_id, email, client_address, details) VALUES ($1, $2, $3, $4, $5, $6)`,
      [entry.action, entry.actorId ?? null, entry.accountId ?? null, entry.email ?? null, entry.clientAddress ?? null, JSON.stringify(entry.details ?? {})],
    );
  }
}
