import { CreateDeadLetterAudit1764100000000 } from '@newsroom/observability';
import { CreateOutboxAndInbox1764000000000 } from '@newsroom/persistence';
import { CreateRateLimits1764200000000 } from '@newsroom/platform';
import { CreateDesk1764500000000 } from './1764500000000-create-desk';
import { CreateOidcSignIn1764600000000 } from './1764600000000-create-oidc-sign-in';

/** In order of their timestamps. The outbox and dead-letter tables are the platform's, every service has them. */
export const DESK_MIGRATIONS = [
  CreateOutboxAndInbox1764000000000,
  CreateDeadLetterAudit1764100000000,
  CreateRateLimits1764200000000,
  CreateDesk1764500000000,
  CreateOidcSignIn1764600000000,
];
