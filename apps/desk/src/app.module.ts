import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@newsroom/platform';
import { PasswordHasher } from './accounts/domain/password-hasher';
import { AccountIdentitiesRepository } from './accounts/persistence/account-identities.repository';
import { AccountsRepository } from './accounts/persistence/accounts.repository';
import { AuditLog } from './accounts/persistence/audit-log';
import { InvitationsRepository } from './accounts/persistence/invitations.repository';
import { OidcFlowsRepository } from './accounts/persistence/oidc-flows.repository';
import { SessionsRepository } from './accounts/persistence/sessions.repository';
import { AccountNamesController } from './accounts/transport/account-names.http.controller';
import { AccountsController } from './accounts/transport/accounts.http.controller';
import { OidcSignInController } from './accounts/transport/oidc-sign-in.http.controller';
import { SessionController } from './accounts/transport/session.http.controller';
import { SessionGuard } from './accounts/transport/session.guard';
import { AcceptInvitationUseCase } from './accounts/use-cases/accept-invitation/accept-invitation.use-case';
import { InviteAccountUseCase } from './accounts/use-cases/invite-account/invite-account.use-case';
import { ReinviteAccountUseCase } from './accounts/use-cases/reinvite-account/reinvite-account.use-case';
import { ListAccountNamesUseCase } from './accounts/use-cases/list-account-names/list-account-names.use-case';
import { ListAccountsUseCase } from './accounts/use-cases/list-accounts/list-accounts.use-case';
import { SessionOpener } from './accounts/use-cases/open-session';
import { ResolveSessionUseCase } from './accounts/use-cases/resolve-session/resolve-session.use-case';
import { SeedInitialAdminUseCase } from './accounts/use-cases/seed-initial-admin/seed-initial-admin.use-case';
import { SignInUseCase } from './accounts/use-cases/sign-in/sign-in.use-case';
import { SignInWithOidcUseCase } from './accounts/use-cases/sign-in-with-oidc/sign-in-with-oidc.use-case';
import { SignOutUseCase } from './accounts/use-cases/sign-out/sign-out.use-case';
import { StartOidcSignInUseCase } from './accounts/use-cases/start-oidc-sign-in/start-oidc-sign-in.use-case';
import { UpdateAccountUseCase } from './accounts/use-cases/update-account/update-account.use-case';
import type { DeskConfig } from './config/desk.config';
import { DESK_MIGRATIONS } from './migrations';
import { ApiProxyController } from './proxy/api-proxy.http.controller';
import { DESK_CONFIG } from './shared/desk-config.token';
import { IdentityProvider } from './shared/identity-provider';
import { InvitationMailer } from './shared/invitation-mailer';
import { AccessTokens } from './tokens/access-tokens';
import { JwksController } from './tokens/jwks.http.controller';
import { SigningKeys } from './tokens/signing-keys';

/** The desk keeps its rows with plain SQL through the unit of work: no TypeORM entities. */
export const DESK_ENTITIES = [];

/** Everything the desk's use cases inject, for the service and for use-case specs. */
export const DESK_PROVIDERS = [
  PasswordHasher,
  AccountsRepository,
  SessionsRepository,
  InvitationsRepository,
  AccountIdentitiesRepository,
  OidcFlowsRepository,
  AuditLog,
  SessionOpener,
  SignInUseCase,
  SignOutUseCase,
  InviteAccountUseCase,
  ReinviteAccountUseCase,
  AcceptInvitationUseCase,
  UpdateAccountUseCase,
  ListAccountsUseCase,
  ListAccountNamesUseCase,
  ResolveSessionUseCase,
  SeedInitialAdminUseCase,
  StartOidcSignInUseCase,
  SignInWithOidcUseCase,
  IdentityProvider,
  InvitationMailer,
];

@Module({})
export class AppModule {
  static register(config: DeskConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService(config.runtime, { persistence: { entities: DESK_ENTITIES, migrations: DESK_MIGRATIONS }, rateLimits: config.rateLimits }),
      ],
      controllers: [JwksController, SessionController, OidcSignInController, AccountNamesController, AccountsController, ApiProxyController],
      providers: [{ provide: DESK_CONFIG, useValue: config }, ...DESK_PROVIDERS, SigningKeys, AccessTokens, SessionGuard],
    };
  }
}
