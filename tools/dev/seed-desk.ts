/**
 * Seeds the desk under `npm start` through its own API, as an admin would: signs in as the first
 * admin and invites two reporters and two editors, then accepts each invitation with a fixed
 * development password. Accounts that exist already are left as they are.
 */
import type { Role } from '@newsroom/auth';

/** The seeded desk accounts and their development passwords (printed once in the banner). */
export const DESK_DEV_ACCOUNTS: readonly { email: string; name: string; roles: Role[]; password: string }[] = [
  { email: 'alice@newsroom.localhost', name: 'Alice Reporter', roles: ['reporter'], password: 'alice-dev-password' },
  { email: 'rob@newsroom.localhost', name: 'Rob Reporter', roles: ['reporter'], password: 'rob-dev-password' },
  { email: 'eleanor@newsroom.localhost', name: 'Eleanor Editor', roles: ['editor'], password: 'eleanor-dev-password' },
  { email: 'ed@newsroom.localhost', name: 'Ed Editor', roles: ['editor'], password: 'ed-dev-password' },
];

interface Session {
  cookie: string;
  csrfToken: string;
}

export async function seedDeskAccounts(deskUrl: string, admin: { email: string; password: string }, log: (line: string) => void): Promise<void> {
  const session = await signIn(deskUrl, admin);
  const existing = await call<{ items: { email: string }[] }>(deskUrl, 'GET', '/api/accounts', session);
  const known = new Set(existing.items.map((account) => account.email.toLowerCase()));
  let created = 0;
  for (const account of DESK_DEV_ACCOUNTS) {
    if (known.has(account.email)) continue;
    const invited = await call<{ invitationUrl: string }>(deskUrl, 'POST', '/api/accounts', session, { email: account.email, name: account.name, roles: account.roles });
    const token = new URL(invited.invitationUrl).pathname.split('/').pop();
    await call(deskUrl, 'POST', `/api/invitations/${token}`, undefined, { password: account.password });
    created += 1;
  }
  log(created > 0 ? `desk: seeded ${created} accounts` : 'desk accounts already seeded');
}

async function signIn(deskUrl: string, credentials: { email: string; password: string }): Promise<Session> {
  const response = await fetch(`${deskUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
  if (response.status !== 200) throw new Error(`desk sign-in as ${credentials.email} → ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

async function call<T = unknown>(deskUrl: string, method: string, pathname: string, session: Session | undefined, body?: unknown): Promise<T> {
  const response = await fetch(`${deskUrl}${pathname}`, {
    method,
    headers: {
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`desk ${method} ${pathname} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
