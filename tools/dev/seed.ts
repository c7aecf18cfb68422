/**
 * Seeds a fresh local newsroom through its public APIs, exactly as people
 * would: reporters write and submit the sample articles, an editor claims and
 * approves them, and two demo subscribers sign up (one email, confirmed through
 * the link in the confirmation mail, and one push subscription in the inbox).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { issueToken, type Role, type SigningJwk } from '@newsroom/auth';
import { WORKSPACE_ROOT, type MailCatcher, type PushInbox, type ServiceName } from '@newsroom/testing';

const SAMPLES_DIR = path.join(WORKSPACE_ROOT, 'tools/seed/articles');
export const DEMO_EMAIL = 'reader@example.com';

export interface SeedContext {
  urls: Record<ServiceName, string>;
  /** The desk's signing key: the seed acts as reporters and editors with tokens it signs. */
  signingKey: SigningJwk;
  mail: MailCatcher;
  push: PushInbox;
  log: (line: string) => void;
}

export async function seedLocalNewsroom(context: SeedContext): Promise<void> {
  const existing = await api<{ total?: number; items?: unknown[] }>(context, 'publishing', 'GET', '/v1/articles?limit=1', 'editor', 'seed');
  const alreadySeeded = (existing.total ?? existing.items?.length ?? 0) > 0;
  if (alreadySeeded) {
    context.log('sample articles already published; skipping the seed');
  } else {
    await seedArticles(context);
  }
  await seedSubscribers(context, sectionsOfSamples());
}

function sampleFiles(): string[] {
  return readdirSync(SAMPLES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => path.join(SAMPLES_DIR, file));
}

function sectionsOfSamples(): string[] {
  return [...new Set(sampleFiles().map((file) => (JSON.parse(readFileSync(file, 'utf8')) as { section: string }).section))];
}

async function seedArticles(context: SeedContext): Promise<void> {
  const reporters = ['amara.okafor', 'tomas.lindqvist'];
  const ids: string[] = [];
  for (const [index, file] of sampleFiles().entries()) {
    const article = JSON.parse(readFileSync(file, 'utf8').replaceAll('{{PUBLIC_BASE_URL}}', context.urls.publishing)) as object;
    const reporter = reporters[index % reporters.length];
    const draft = await api<{ id: string }>(context, 'drafting', 'POST', '/v1/drafts', 'reporter', reporter, article);
    await api(context, 'drafting', 'POST', `/v1/drafts/${draft.id}/submit`, 'reporter', reporter);
    ids.push(draft.id);
  }
  context.log(`submitted ${ids.length} sample articles; an editor reviews them…`);
  for (const id of ids) {
    await eventually(() => api(context, 'editorial-review', 'GET', `/v1/reviews/${id}`, 'editor', 'eleanor.vance'), 30_000);
    await api(context, 'editorial-review', 'POST', `/v1/reviews/${id}/claim`, 'editor', 'eleanor.vance');
    await api(context, 'editorial-review', 'POST', `/v1/reviews/${id}/approve`, 'editor', 'eleanor.vance', { priority: 'normal' });
  }
  for (const id of ids) {
    await eventually(() => api(context, 'publishing', 'GET', `/v1/articles/${id}`, 'editor', 'seed'), 30_000);
  }
  context.log(`published ${ids.length} sample articles`);
}

/**
 * The demo e-mail subscriber and the push inbox's subscription, each on its own: a sign-up the
 * notifications service refuses for now (its per-address limit, after a restart a moment ago)
 * must not leave the new push inbox without a subscription, which every alert would then miss.
 */
async function seedSubscribers(context: SeedContext, sections: string[]): Promise<void> {
  try {
    await seedEmailSubscriber(context, sections);
  } catch (error) {
    context.log(`the demo e-mail subscriber was not set up: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The inbox is new at every start; subscriptions to an earlier inbox answer 410 and are dropped.
  await context.push.subscribeTo(context.urls.notifications, { sections, tags: [], breakingOnly: false });
  context.log('push inbox subscribed to every section');
}

/** Longest Retry-After the seed waits out before giving up on the demo sign-up. */
const MAX_SIGNUP_WAIT_SECONDS = 60;

async function seedEmailSubscriber(context: SeedContext, sections: string[]): Promise<void> {
  // Confirmed at an earlier start: a sign-up again would only spend the address's sign-up
  // limit (3 an hour), and a few restarts would leave the demo address refused on the forms.
  const found = await api<{ subscribers: { email: string; status: string }[] }>(
    context,
    'notifications',
    'GET',
    `/v1/subscribers?q=${encodeURIComponent(DEMO_EMAIL)}`,
    'editor',
    'seed',
  );
  if (found.subscribers.some((subscriber) => subscriber.email.toLowerCase() === DEMO_EMAIL && subscriber.status === 'confirmed')) {
    context.log(`${DEMO_EMAIL} is already subscribed`);
    return;
  }
  const signUp = () =>
    fetch(`${context.urls.notifications}/v1/subscribers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_EMAIL, sections }),
    });
  let signup = await signUp();
  const wait = Number(signup.headers.get('retry-after'));
  if (signup.status === 429 && wait > 0 && wait <= MAX_SIGNUP_WAIT_SECONDS) {
    context.log(`the demo sign-up is rate-limited; trying again in ${wait} s`);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    signup = await signUp();
  }
  if (signup.status >= 300) throw new Error(`demo email signup failed: ${signup.status} ${await signup.text()}`);
  const confirmation = await context.mail
    .waitFor((mail) => mail.to.includes(DEMO_EMAIL) && /confirm/i.test(`${mail.subject} ${mail.text}`), 15_000)
    .catch(() => undefined);
  const link = confirmation?.text.match(/https?:\/\/\S+\/v1\/subscribers\/confirm\?token=[\w.-]+/)?.[0];
  if (link) {
    // The link opens a page with a button; the button posts to the same address.
    const confirmed = await fetch(link, { method: 'POST' });
    if (!confirmed.ok) throw new Error(`demo email subscriber not confirmed: ${confirmed.status} ${await confirmed.text()}`);
    context.log(`demo email subscriber ${DEMO_EMAIL} confirmed (sections: ${sections.join(', ')})`);
  } else if (confirmation === undefined) {
    context.log(`${DEMO_EMAIL} is already subscribed`);
  }
}

async function api<T = unknown>(
  context: SeedContext,
  service: ServiceName,
  method: string,
  pathname: string,
  role: Role,
  userId: string,
  body?: unknown,
): Promise<T> {
  const token = issueToken({ id: userId, roles: [role] }, context.signingKey);
  const response = await fetch(`${context.urls[service]}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${service}${pathname} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function eventually<T>(attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
