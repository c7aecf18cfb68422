import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { UnitOfWork } from '@newsroom/persistence';
import type { DeskConfig } from '../../../config/desk.config';
import { DESK_CONFIG } from '../../../shared/desk-config.token';
import { Account } from '../../domain/account';
import { PasswordHasher } from '../../domain/password-hasher';
import { AccountsRepository } from '../../persistence/accounts.repository';
import { AuditLog } from '../../persistence/audit-log';

/**
 * The first admin (DESK_INITIAL_ADMIN_EMAIL and _PASSWORD), created at start-up while no account
 * has the admin role; once one has, the settings are ignored. Everyone else is invited by an admin.
 */
@Injectable()
export class SeedInitialAdminUseCase implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedInitialAdminUseCase.name);

  constructor(
    private readonly unit: UnitOfWork,
    private readonly accounts: AccountsRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.initialAdmin;
    if (admin) await this.execute(admin);
  }

  async execute(admin: { email: string; password: string }): Promise<boolean> {
    if (await this.accounts.hasAdmin()) return false;
    const passwordHash = await this.hasher.hash(admin.password);
    return this.unit.run(async () => {
      if (await this.accounts.hasAdmin()) return false;
      const account = Account.invite({ id: randomUUID(), email: admin.email, name: 'Desk admin', roles: ['admin'] });
      account.activate(passwordHash);
      if (!(await this.accounts.insert(account))) return false;
      await this.audit.record({ action: 'account-seeded', accountId: account.id, email: account.email, details: { roles: ['admin'] } });
      this.logger.log(`created the initial admin ${account.email}`);
      return true;
    });
  }
}
