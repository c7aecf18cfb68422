import { ensureBrokerBinary } from '../broker-binary';
import { DEFAULT_ADMIN_URL, ensureMachinePostgres } from '../postgres';

/** Infrastructure the integration and end-to-end suites need, once per run. */
export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_ADMIN_URL;
  if (!(await ensureMachinePostgres(adminUrl))) {
    throw new Error(`PostgreSQL is not reachable at ${adminUrl} and could not be started or installed`);
  }
  ensureBrokerBinary();
}
