import { Injectable } from '@nestjs/common';
import type { Role } from '@newsroom/auth';
import { UnitOfWork } from '@newsroom/persistence';
import { Account, type AccountName } from '../domain/account';

export interface AccountRow {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  password_hash: string | null;
  disabled: boolean;
  linked_to_provider: boolean;
}

/** An account's columns as `restoreAccount` reads them, from the `accounts` table under `alias`. */
export function accountColumns(alias = 'accounts'): string {
  return `${alias}.id, ${alias}.email, ${alias}.name, ${alias}.roles, ${alias}.password_hash, ${alias}.disabled,
          EXISTS (SELECT 1 FROM account_identities i WHERE i.account_id = ${alias}.id) AS linked_to_provider`;
}

const COLUMNS = accountColumns();

/** Accounts in the desk schema; reads and writes join the open unit of work. */
@Injectable()
export class AccountsRepository {
  constructor(private readonly unit: UnitOfWork) {}

  async byId(id: string, options: { forUpdate?: boolean } = {}): Promise<Account | undefined> {
    const rows = (await this.unit.manager.query(`SELECT ${COLUMNS} FROM accounts WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`, [id])) as AccountRow[];
    return rows[0] && restoreAccount(rows[0]);
  }

  async byEmail(email: string): Promise<Account | undefined> {
    const rows = (await this.unit.manager.query(`SELECT ${COLUMNS} FROM accounts WHERE lower(email) = lower($1)`, [email])) as AccountRow[];
    return rows[0] && restoreAccount(rows[0]);
  }

  async list(): Promise<Account[]> {
    const rows = (await this.unit.manager.query(`SELECT ${COLUMNS} FROM accounts ORDER BY lower(email)`)) as AccountRow[];
    return rows.map(restoreAccount);
  }

  /** Every account's id and display name, disabled ones included: what they did stays on record under their name. */
  async names(): Promise<AccountName[]> {
    return (await this.unit.manager.query(`SELECT id, name FROM accounts ORDER BY lower(name), id`)) as AccountName[];
  }

  async hasAdmin(): Promise<boolean> {
    const rows = (await this.unit.manager.query(`SELECT 1 FROM accounts WHERE 'admin' = ANY(roles) LIMIT 1`)) as unknown[];
    return rows.length > 0;
  }

  /** Inserts a new account; false when the e-mail address is taken (any case). */
  async insert(account: Account): Promise<boolean> {
    const s = account.snapshot();
    const rows = (await this.unit.manager.query(
      `INSERT INTO accounts (id, email, name, roles, password_hash, disabled) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (lower(email)) DO NOTHING RETURNING id`,
      [s.id, s.email, s.name, s.roles, s.passwordHash, s.disabled],
    )) as unknown[];
    return rows.length === 1;
  }

  async update(account: Account): Promise<void> {
    const s = account.snapshot();
    await this.unit.manager.query(`UPDATE accounts SET name = $2, roles = $3, password_hash = $4, disabled = $5, updated_at = now() WHERE id = $1`, [
      s.id,
      s.name,
      s.roles,
      s.passwordHash,
      s.disabled,
    ]);
  }
}

export function restoreAccount(row: AccountRow): Account {
  return Account.restore({
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    passwordHash: row.password_hash,
    disabled: row.disabled,
    linkedToProvider: row.linked_to_provider,
  });
}
