/**
 * `npm start`: the whole newsroom on this machine, seeded, with its URLs
 * printed. Ctrl-C stops everything it started.
 */
import { issueToken, type SigningJwk } from '@newsroom/auth';
import { LOCAL_DESK_ADMIN, loadOrCreateSigningKey, startLocalStack, type LocalStack } from './local-stack';
import { DESK_DEV_ACCOUNTS, seedDeskAccounts } from './seed-desk';
import { DEMO_EMAIL, seedLocalNewsroom } from './seed';

const log = (line: string) => console.log(`[newsroom] ${line}`);

async function main(): Promise<void> {
  const startedAt = Date.now();
  const stack = await startLocalStack(log);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping…`);
    await stack.stop();
    log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  for (const service of Object.values(stack.services)) {
    service.process.once('exit', (code) => {
      if (!stopping) log(`${service.name} exited unexpectedly (code ${code}); see ${service.logFile}`);
    });
  }

  const signingKey = loadOrCreateSigningKey();
  try {
    await seedLocalNewsroom({ urls: stack.urls, signingKey, mail: stack.mail, push: stack.push, log });
  } catch (error) {
    log(`seeding failed (the services keep running): ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    await seedDeskAccounts(stack.deskUrl, LOCAL_DESK_ADMIN, log);
  } catch (error) {
    log(`seeding the desk's accounts failed (the desk keeps running): ${error instanceof Error ? error.message : String(error)}`);
  }
  printBanner(stack, (Date.now() - startedAt) / 1000, signingKey);
}

function printBanner(stack: LocalStack, seconds: number, signingKey: SigningJwk): void {
  const example = issueToken({ id: 'alice', roles: ['reporter'] }, signingKey);
  console.log(`
  Newsroom is running (ready in ${seconds.toFixed(1)} s)

  Desk               ${stack.deskUrl}/   (sign in with an account below)
  Public site        ${stack.urls.publishing}/
  Drafting API       ${stack.urls.drafting}/docs
  Review API         ${stack.urls['editorial-review']}/docs
  Publishing API     ${stack.urls.publishing}/docs
  Notifications API  ${stack.urls.notifications}/docs
  Mail catcher       ${stack.mail.webUrl}   (confirmed demo subscriber: ${DEMO_EMAIL})
  Push inbox         ${stack.push.webUrl}

  Broker             ${stack.broker.bootstrap}   (${stack.broker.kind === 'kafka' ? `Apache Kafka ${stack.broker.version}` : stack.broker.version})
  Database           ${stack.databaseUrl}
  Service logs       ${stack.logDir}

  Desk accounts (development passwords):
${[{ ...LOCAL_DESK_ADMIN, roles: ['admin'] }, ...DESK_DEV_ACCOUNTS].map((a) => `    ${a.email.padEnd(28)} ${a.password.padEnd(22)} ${a.roles.join(',')}`).join('\n')}

  Tokens: npm run -s token -- <reporter|editor|admin> <user-id>
  e.g. a reporter token for "alice": ${example.slice(0, 24)}…

  Press Ctrl-C to stop.
`);
}

main().catch((error: unknown) => {
  console.error(`[newsroom] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
