/**
 * What the process-fault suites share: drafts to submit, the services' JSON
 * logs read back, consumer-group offsets, table snapshots and session locks
 * that hold a background loop or a row still.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { Client } from 'pg';
import { brokerKindFromEnv, type ServiceName } from '@newsroom/testing';
import { eventually, type NewsroomUnderTest } from '../../support/newsroom-under-test';

/** The mock broker (NEWSROOM_BROKER=mock) has no admin API for group offsets: these suites are reported as skipped there. */
export const describeOnKafka = brokerKindFromEnv() === 'mock' ? describe.skip : describe;

export const reporter = { role: 'reporter' as const, user: 'faults-reporter' };
export const editor = { role: 'editor' as const, user: 'faults-editor' };

const SEED_ARTICLE = path.resolve(__dirname, '../../../tools/seed/articles/01-harwick-night-freight-ban.json');

/** A valid draft body (the first seed article) under its own headline. */
export function draftBody(headline: string): Record<string, unknown> {
  const article = JSON.parse(readFileSync(SEED_ARTICLE, 'utf8').replaceAll('{{PUBLIC_BASE_URL}}', 'http://localhost:3003')) as Record<string, unknown>;
  return { ...article, headline };
}

/** Creates a draft as a reporter; returns its article id. */
export async function createDraft(newsroom: NewsroomUnderTest, headline: string): Promise<string> {
  const created = await newsroom.call<{ id: string }>('drafting', 'POST', '/v1/drafts', reporter, draftBody(headline));
  if (created.status !== 201) throw new Error(`creating a draft answered ${created.status}: ${JSON.stringify(created.body)}`);
  return created.body.id;
}

/** Creates and submits a draft: drafting commits the state change and its `submitted` event together. */
export async function submitNewDraft(newsroom: NewsroomUnderTest, headline: string): Promise<string> {
  const articleId = await createDraft(newsroom, headline);
  const submitted = await newsroom.call('drafting', 'POST', `/v1/drafts/${articleId}/submit`, reporter);
  if (submitted.status !== 202) throw new Error(`submitting ${articleId} answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
  return articleId;
}

export interface LogLine {
  msg?: string;
  eventId?: string;
  [field: string]: unknown;
}

/** Every JSON line `service` logged so far, across its restarts (they append to one file). */
export function serviceLog(newsroom: NewsroomUnderTest, service: ServiceName): LogLine[] {
  return readFileSync(newsroom.services[service].logFile, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        return {};
      }
    });
}

/** How often `service` logged `message` about event `eventId` (or about any event). */
export function countLogged(newsroom: NewsroomUnderTest, service: ServiceName, message: string, eventId?: string): number {
  return serviceLog(newsroom, service).filter((line) => line.msg === message && (eventId === undefined || line.eventId === eventId)).length;
}

export function kafkaAdmin(newsroom: NewsroomUnderTest): Admin {
  return new Kafka({ clientId: 'newsroom-faults', brokers: newsroom.broker.brokers, logLevel: logLevel.NOTHING }).admin();
}

/** True once `groupId` has committed, on every partition of `topic`, the topic's end offset: it has read everything. */
export async function groupCaughtUp(admin: Admin, groupId: string, topic: string): Promise<boolean> {
  const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
  return ends.every(({ partition, high }) => {
    const mine = committed.partitions.find((p) => p.partition === partition);
    return Number(high) === 0 || (mine !== undefined && Number(mine.offset) === Number(high));
  });
}

/**
 * A digest of every row of `tables` in `schema`: equal digests mean no row was
 * added, removed or changed (timestamps included).
 */
export async function tableDigest(db: Client, schema: string, tables: readonly string[]): Promise<Record<string, string>> {
  const digest: Record<string, string> = {};
  for (const table of tables) {
    const { rows } = await db.query<{ rows: string; md5: string | null }>(
      `SELECT count(*)::text AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS md5 FROM "${schema}"."${table}" t`,
    );
    digest[table] = `${rows[0].rows} rows, ${rows[0].md5 ?? 'empty'}`;
  }
  return digest;
}

/**
 * Takes the session advisory lock a BackgroundLoop leader holds (`newsroom:<loop>:<schema>`),
 * so that loop stands by: the outbox relay sends nothing while the test holds it.
 * Waits until the lock is free (a killed holder's session has gone).
 */
export async function holdLease(db: Client, loop: string, schema: string): Promise<{ release(): Promise<void> }> {
  const name = `newsroom:${loop}:${schema}`;
  await eventually(`the ${name} lease to be free`, async () => {
    const { rows } = await db.query<{ acquired: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS acquired`, [name]);
    return rows[0].acquired;
  });
  return {
    async release() {
      await db.query(`SELECT pg_advisory_unlock(hashtext($1))`, [name]);
    },
  };
}

/** Server process ids of sessions waiting for a lock that `db`'s session holds. */
/**
 * The sessions waiting for a lock `db`'s session holds: their process ids, and the statement each waits in.
 *
 * PostgreSQL reads pg_stat_activity once per transaction and answers from that snapshot until it
 * ends; the lock holder is inside one, so the snapshot is dropped first or every poll would see
 * the sessions of the first one.
 */
export async function sessionsBlockedBy(db: Client): Promise<Array<{ pid: number; query: string }>> {
  await db.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await db.query<{ pid: number; query: string }>(
    `SELECT pid, query FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))`,
  );
  return rows;
}

export async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}
