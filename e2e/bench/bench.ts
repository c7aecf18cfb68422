/**
 * npm run bench -- [--subscribers 10000] [--processes 1] [--only fanout,page,latency,pipeline] [--seconds 5]
 *                  [--connections 32] [--articles 15] [--events 1000] [--out latest]
 *
 * Starts the real infrastructure (Kafka node, PostgreSQL, the services as processes, an SMTP
 * catcher and a push inbox) and runs each workload with its raw ceiling in the same run:
 *   fanout   one `published` event to N e-mail subscribers and N push subscriptions, against
 *            the same nodemailer pool and web-push loop to the same sinks without the service;
 *   page     an article page (200, and 304 to its ETag), against a bare Node server with the same bytes;
 *   latency  approve → page / e-mail / push p50 against raw kafkajs hops, then N approvals
 *            through the whole newsroom against a raw kafkajs consume-and-forward (reported
 *            as `pipeline.wholeNewsroom`: the four services share the machine's cores);
 *   pipeline N approvals through publishing alone, the one hop the ratio is about (outbox →
 *            relay → consumer → inbox), against the same raw consume-and-forward.
 * Writes bench/results/latest.json and bench/results/fan-out.svg; never part of `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WORKSPACE_ROOT } from '@newsroom/testing';
import { fanOutSvg } from './fan-out-plot';
import { CONCURRENCY, fanOutWorkload, latencyWorkload, pageWorkload, pipelineWorkload, type FanOutFigures, type LatencyFigures, type PageFigures } from './workloads';

interface Options {
  subscribers: number;
  processes: number;
  /** Results go to bench/results/<out>.json (and <out>-fan-out.svg unless `latest`). */
  out: string;
  only: string[];
  seconds: number;
  connections: number;
  articles: number;
  events: number;
}

function options(argv: string[]): Options {
  const value = (name: string, fallback: string) => {
    const index = argv.indexOf(`--${name}`);
    return index >= 0 && argv[index + 1] ? argv[index + 1] : fallback;
  };
  const number = (name: string, fallback: number) => {
    const parsed = Number(value(name, String(fallback)));
    if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} takes a positive whole number`);
    return parsed;
  };
  return {
    subscribers: number('subscribers', 10_000),
    processes: number('processes', 1),
    out: /^[\w-]+$/.test(value('out', 'latest')) ? value('out', 'latest') : 'latest',
    only: value('only', 'fanout,page,latency,pipeline').split(','),
    seconds: number('seconds', 5),
    connections: number('connections', 32),
    articles: number('articles', 15),
    events: number('events', 1_000),
  };
}

const progress = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const startedAt = new Date();
  progress(`options ${JSON.stringify(opts)}`);
  const fanout: FanOutFigures | undefined = opts.only.includes('fanout') ? await fanOutWorkload(opts.subscribers, opts.processes, progress) : undefined;
  const page: PageFigures | undefined = opts.only.includes('page') ? await pageWorkload(opts.seconds, opts.connections, progress) : undefined;
  const latency: LatencyFigures | undefined = opts.only.includes('latency') ? await latencyWorkload(opts.articles, opts.events, progress) : undefined;
  const alone = opts.only.includes('pipeline') ? await pipelineWorkload(opts.events, progress) : undefined;
  // Without the latency workload `wholeNewsroom` is undefined and left out of latest.json.
  const pipeline = alone || latency ? { ...alone, wholeNewsroom: latency?.pipeline } : undefined;

  const results = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machine(),
    settings: { ...opts, deliveryConcurrencyPerChannel: CONCURRENCY, rawConcurrencyPerChannel: CONCURRENCY },
    fanout: fanout && {
      subscribers: fanout.subscribers,
      processes: fanout.processes,
      email: fanout.email,
      push: fanout.push,
      rssMb: fanout.rssMb,
      heapUsedMb: fanout.heapUsedMb,
      oldSpaceMb: fanout.oldSpaceMb,
      oneMillionSeconds: fanout.oneMillionSeconds,
      oneMillionBasis: fanout.oneMillionBasis,
    },
    page,
    latency: latency && {
      pageP50OverFloor: latency.pageP50OverFloor,
      pushP50OverFloor: latency.pushP50OverFloor,
      emailP50OverFloor: latency.emailP50OverFloor,
      pageP50Ms: latency.pageP50Ms,
      emailP50Ms: latency.emailP50Ms,
      pushP50Ms: latency.pushP50Ms,
      oneHopP50Ms: latency.oneHopP50Ms,
      twoHopP50Ms: latency.twoHopP50Ms,
      articles: latency.articles,
      stagesP50Ms: latency.stagesP50Ms,
    },
    pipeline,
    fanoutSamples: fanout?.samples,
  };
  const dir = path.join(WORKSPACE_ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const svg = opts.out === 'latest' ? 'fan-out.svg' : `${opts.out}-fan-out.svg`;
  writeFileSync(path.join(dir, `${opts.out}.json`), `${JSON.stringify(results, null, 2)}\n`);
  if (fanout) writeFileSync(path.join(dir, svg), fanOutSvg(fanout));
  progress(`wrote bench/results/${opts.out}.json${fanout ? ` and bench/results/${svg}` : ''}`);
  console.table(
    Object.fromEntries(
      [
        fanout && ['fan-out e-mail /s', { service: fanout.email.perSecond, raw: fanout.email.rawPerSecond, ratio: fanout.email.ratio }],
        fanout && ['fan-out push /s', { service: fanout.push.perSecond, raw: fanout.push.rawPerSecond, ratio: fanout.push.ratio }],
        page && ['page 200 req/s', { service: page.perSecond200, raw: page.rawPerSecond200, ratio: page.ratio200 }],
        page && ['page 304 req/s', { service: page.perSecond304, raw: page.rawPerSecond304, ratio: page.ratio304 }],
        latency && ['approve → e-mail p50 ms', { service: latency.emailP50Ms, raw: latency.twoHopP50Ms, ratio: latency.emailP50OverFloor }],
        latency && ['approve → push p50 ms', { service: latency.pushP50Ms, raw: latency.twoHopP50Ms, ratio: latency.pushP50OverFloor }],
        latency && ['approve → page p50 ms', { service: latency.pageP50Ms, raw: latency.oneHopP50Ms, ratio: latency.pageP50OverFloor }],
        alone && ['pipeline events/s (publishing alone)', { service: alone.perSecond, raw: alone.rawPerSecond, ratio: alone.ratio }],
        latency && ['pipeline events/s (whole newsroom)', { service: latency.pipeline.perSecond, raw: latency.pipeline.rawPerSecond, ratio: latency.pipeline.ratio }],
      ].filter((row): row is [string, { service: number; raw: number; ratio: number }] => Boolean(row)),
    ),
  );
}

function machine(): Record<string, unknown> {
  const version = (command: string, args: string[]) => {
    try {
      return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n')[0];
    } catch {
      return 'unknown';
    }
  };
  const pkg = (name: string) => (JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: version('psql', ['--version']),
    kafka: '4.4.0',
    nestjs: pkg('@nestjs/core'),
    kafkajs: pkg('kafkajs'),
    nodemailer: pkg('nodemailer'),
    webPush: pkg('web-push'),
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
  };
}

// Every workload stops what it started, but a client's idle socket or timer (an SDK's
// keep-alive agent, a reconnect timer) may still hold the event loop: the results are
// written, so end the run rather than leave the terminal waiting.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
