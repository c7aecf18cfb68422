/**
 * The fan-out workload's raw ceiling, in its own process like the service: the same
 * nodemailer pool (50 connections, TCP_NODELAY) and the same web-push loop (keep-alive agent,
 * 50 in flight, one VAPID token per push service as the service signs it) sending the same
 * messages to the same sinks, without the framework, the database or any bookkeeping. Both channels at once, as the service sends them. Started with
 * fork(); reads the job from the JSON file named in argv[2]; answers with per-channel rates.
 */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { connect } from 'node:net';
import nodemailer from 'nodemailer';
import webpush from 'web-push';

export interface RawJob {
  smtpUrl: string;
  from: string;
  concurrency: number;
  emails: { to: string; subject: string; text: string; html: string; headers: Record<string, string> }[];
  pushes: { endpoint: string; keys: { p256dh: string; auth: string }; payload: string }[];
  vapid: { subject: string; publicKey: string; privateKey: string };
  ca: string;
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<number> {
  const startedAt = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
  return performance.now() - startedAt;
}

async function main(): Promise<void> {
  const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as RawJob;
  const url = new URL(job.smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port),
    secure: false,
    pool: true,
    maxConnections: job.concurrency,
    maxMessages: 1000,
    getSocket: (_options: unknown, callback: (error: Error | null, socket?: unknown) => void) => {
      const socket = connect({ host: url.hostname, port: Number(url.port), noDelay: true });
      socket.once('connect', () => callback(null, { connection: socket }));
      socket.once('error', callback);
    },
  } as Parameters<typeof nodemailer.createTransport>[0]);
  const agent = new Agent({ keepAlive: true, ca: job.ca });
  const authorizations = new Map<string, string>();
  const authorization = (endpoint: string): string => {
    const origin = new URL(endpoint).origin;
    let header = authorizations.get(origin);
    if (!header) {
      const { subject, publicKey, privateKey } = job.vapid;
      header = webpush.getVapidHeaders(origin, subject, publicKey, privateKey, 'aes128gcm', Math.floor(Date.now() / 1000) + 12 * 3600).Authorization;
      authorizations.set(origin, header);
    }
    return header;
  };
  const [emailMs, pushMs] = await Promise.all([
    pool(job.emails, job.concurrency, (mail) => transport.sendMail({ from: job.from, ...mail })),
    pool(job.pushes, job.concurrency, (push) =>
      webpush.sendNotification({ endpoint: push.endpoint, keys: push.keys }, push.payload, {
        TTL: 3600,
        urgency: 'normal',
        headers: { Authorization: authorization(push.endpoint) },
        timeout: 15_000,
        agent,
      }),
    ),
  ]);
  transport.close();
  agent.destroy();
  process.send?.({ emailPerSecond: (job.emails.length * 1000) / emailMs, pushPerSecond: (job.pushes.length * 1000) / pushMs });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
