/**
 * The whole newsroom on one machine: Apache Kafka (or, without Java 17, the
 * librdkafka mock broker), PostgreSQL (the machine's, or an embedded one), a
 * mail catcher, a push inbox, and the four services as separate processes.
 * Used by `npm start`.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import webpush from 'web-push';
import type { SigningJwk } from '@newsroom/auth';
import { provisionTopics, topicSettingsFromEnv } from '@newsroom/messaging';
import {
  DEFAULT_ADMIN_URL,
  DESK,
  SERVICE_NAMES,
  KafkaUnavailableError,
  WORKSPACE_ROOT,
  brokerKindFromEnv,
  canConnect,
  findJava,
  newsroomServiceEnvironment,
  ensureMachinePostgres,
  startEmbeddedPostgres,
  startLocalBroker,
  startMailCatcher,
  startPushInbox,
  startServiceProcess,
  type LocalBroker,
  type MailCatcher,
  type PushInbox,
  type ServiceName,
  type ServiceProcess,
} from '@newsroom/testing';

const STATE_DIR = path.join(WORKSPACE_ROOT, '.newsroom');
/** The desk's private signing key; `npm run token` signs with it too (tools/scripts/token.mjs). */
export const LOCAL_SIGNING_KEY_FILE = path.join(STATE_DIR, 'keys/desk-signing.jwk');
/** Its public half as a JWKS: the services' JWT_JWKS_FILE under `npm start`. */
export const LOCAL_JWKS_FILE = path.join(STATE_DIR, 'keys/jwks.json');

export const LOCAL_PORTS = {
  broker: 9092,
  embeddedPostgres: 54329,
  smtp: 1025,
  mailWeb: 8025,
  push: 8443,
  pushWeb: 8026,
  services: { drafting: 3001, 'editorial-review': 3002, publishing: 3003, notifications: 3004 } as Record<ServiceName, number>,
  desk: Number(process.env.DESK_PORT) || 3005,
};

/** The desk's first admin under `npm start` (a development password, printed in the banner). */
export const LOCAL_DESK_ADMIN = { email: 'admin@newsroom.localhost', password: 'newsroom-admin-dev' };

export interface LocalStack {
  databaseUrl: string;
  broker: LocalBroker;
  mail: MailCatcher;
  push: PushInbox;
  services: Record<ServiceName, ServiceProcess>;
  urls: Record<ServiceName, string>;
  desk: ServiceProcess;
  deskUrl: string;
  logDir: string;
  stop(): Promise<void>;
}

export async function startLocalStack(log: (line: string) => void): Promise<LocalStack> {
  mkdirSync(STATE_DIR, { recursive: true });
  const logDir = path.join(STATE_DIR, 'logs');
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => log(`while stopping: ${String(error)}`));
  };
  try {
    log('starting PostgreSQL…');
    const adminUrl = await startPostgres(stops, log);
    const databaseUrl = await ensureDatabase(adminUrl, 'newsroom');

    const broker = await startBroker(log).catch((error: unknown) => {
      throw new Error(`cannot start the broker on port ${LOCAL_PORTS.broker}: ${error instanceof Error ? error.message : String(error)}`);
    });
    stops.push(() => broker.stop());

    log('starting the mail catcher and the push inbox…');
    const mail = await startMailCatcher({ smtpPort: LOCAL_PORTS.smtp, httpPort: LOCAL_PORTS.mailWeb });
    stops.push(() => mail.stop());
    const urls = Object.fromEntries(SERVICE_NAMES.map((name) => [name, `http://localhost:${LOCAL_PORTS.services[name]}`])) as Record<
      ServiceName,
      string
    >;
    const push = await startPushInbox({ port: LOCAL_PORTS.push, webPort: LOCAL_PORTS.pushWeb, notificationsUrl: urls.notifications });
    stops.push(() => push.stop());

    const environment = newsroomServiceEnvironment({
      databaseUrl,
      brokers: broker.brokers,
      jwksFile: writeLocalJwks(loadOrCreateSigningKey()),
      publicHost: 'localhost',
      ports: LOCAL_PORTS.services,
      smtpUrl: mail.smtpUrl,
      pushCaFile: push.caFile,
      pushOrigin: push.origin,
      vapid: loadOrCreateVapidKeys(),
      subscriberLinkSecret: 'newsroom-local-subscriber-link-secret',
      mailDomain: 'newsroom.localhost',
      logLevel: process.env.LOG_LEVEL || 'info',
      desk: { port: LOCAL_PORTS.desk, signingKeyFile: process.env.DESK_SIGNING_KEY_FILE || LOCAL_SIGNING_KEY_FILE, initialAdmin: LOCAL_DESK_ADMIN },
    });

    log('starting the four services…');
    const started = await Promise.all(
      SERVICE_NAMES.map(async (name) => {
        const service = await startServiceProcess(name, environment[name], { logDir, readyTimeoutMs: 90_000 });
        stops.push(() => service.stop());
        return [name, service] as const;
      }),
    );
    const services = Object.fromEntries(started) as Record<ServiceName, ServiceProcess>;

    // After the four: the desk's proxy and the services' JWKS file are in place by then.
    log('starting the desk…');
    const desk = await startServiceProcess(DESK, environment.desk!, { logDir, readyTimeoutMs: 90_000 });
    stops.push(() => desk.stop());
    return { databaseUrl, broker, mail, push, services, urls, desk, deskUrl: `http://localhost:${LOCAL_PORTS.desk}`, logDir, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * Apache Kafka on 127.0.0.1:9092 (its controller on 9093), its data in
 * .newsroom/kafka so topics and consumer offsets survive a restart; the jars
 * are fetched on the first run. Without Java 17 (or the jars, or Maven to fetch
 * them) it says so and runs the librdkafka mock on 9092-9094 instead, unless
 * NEWSROOM_BROKER=kafka insists; NEWSROOM_BROKER=mock asks for the mock.
 */
async function startBroker(log: (line: string) => void): Promise<LocalBroker> {
  const wanted = brokerKindFromEnv();
  if (wanted === 'kafka') {
    try {
      findJava();
      log('starting Apache Kafka…');
      return await startLocalBroker({
        kind: 'kafka',
        port: LOCAL_PORTS.broker,
        dataDir: path.join(STATE_DIR, 'kafka'),
        heapMb: 512,
        // One node: one copy of each partition, the default retention.
        provisionTopics: async (brokers, topics) => {
          await provisionTopics({ brokers, topics, settings: topicSettingsFromEnv({}) });
        },
        log: (line) => log(`kafka: ${line}`),
      });
    } catch (error) {
      if (!(error instanceof KafkaUnavailableError) || process.env.NEWSROOM_BROKER) throw error;
      log(`${error.message}`);
      log('using the librdkafka mock broker instead (no admin API, ACLs, SASL or TLS; see README)');
    }
  }
  log('starting the librdkafka mock broker…');
  return startLocalBroker({ kind: 'mock', port: LOCAL_PORTS.broker });
}

async function startPostgres(stops: (() => Promise<void>)[], log: (line: string) => void): Promise<string> {
  const configured = process.env.NEWSROOM_DATABASE_ADMIN_URL;
  if (configured) {
    if (!(await canConnect(configured))) throw new Error(`cannot connect to NEWSROOM_DATABASE_ADMIN_URL (${configured})`);
    return configured;
  }
  const embeddedWanted = process.env.NEWSROOM_EMBEDDED_POSTGRES === '1';
  if (!embeddedWanted && (await ensureMachinePostgres(DEFAULT_ADMIN_URL, { install: false }))) return DEFAULT_ADMIN_URL;
  log(`${embeddedWanted ? 'as asked' : 'no PostgreSQL on 127.0.0.1:5432'}; starting an embedded one on port ${LOCAL_PORTS.embeddedPostgres}…`);
  const embedded = await startEmbeddedPostgres(path.join(STATE_DIR, 'postgres'), LOCAL_PORTS.embeddedPostgres);
  stops.push(() => embedded.stop());
  return embedded.url;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The desk's signing key, kept across runs so tokens stay valid; created like the dev token
 * command creates it (a P-256 private JWK, mode 0600) when neither has yet.
 */
export function loadOrCreateSigningKey(file = process.env.DESK_SIGNING_KEY_FILE || LOCAL_SIGNING_KEY_FILE): SigningJwk {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SigningJwk;
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: `desk-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}` } as SigningJwk;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(jwk)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return jwk;
}

/** Writes the public JWKS of `key` for the services and returns its path. */
function writeLocalJwks(key: SigningJwk): string {
  const { kty, crv, x, y, kid } = key;
  mkdirSync(path.dirname(LOCAL_JWKS_FILE), { recursive: true });
  writeFileSync(LOCAL_JWKS_FILE, JSON.stringify({ keys: [{ kty, crv, x, y, kid, use: 'sig', alg: 'ES256' }] }, null, 2));
  return LOCAL_JWKS_FILE;
}

/** Kept across runs so push subscriptions made earlier stay valid. */
function loadOrCreateVapidKeys(): { publicKey: string; privateKey: string } {
  const file = path.join(STATE_DIR, 'vapid.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { publicKey: string; privateKey: string };
  const keys = webpush.generateVAPIDKeys();
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}
