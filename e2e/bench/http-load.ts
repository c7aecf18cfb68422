import { Agent, request, type OutgoingHttpHeaders } from 'node:http';

export interface LoadResult {
  requests: number;
  perSecond: number;
  /** Answers with another status than `expectStatus`. */
  unexpected: number;
  /** How many answers had each status. */
  statuses: Record<string, number>;
  p50Ms: number;
}

/**
 * A closed-loop HTTP load: `connections` keep-alive connections, each sending its next GET as
 * soon as the last answer is read, for `seconds`. Each connection comes from its own loopback
 * address (127.0.0.2, .3, …), as readers come from theirs: the site's per-client page limit
 * applies to each, as deployed. The same client measures the product and the bare server, so
 * its own cost weighs on both; figures are what this client can drive.
 */
export async function httpLoad(url: string, options: { connections: number; seconds: number; headers?: OutgoingHttpHeaders; expectStatus: number }): Promise<LoadResult> {
  const agents = Array.from({ length: options.connections }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
  const target = new URL(url);
  const latencies: number[] = [];
  let requests = 0;
  let unexpected = 0;
  const statuses: Record<string, number> = {};
  const endAt = performance.now() + options.seconds * 1000;
  const once = (connection: number) =>
    new Promise<void>((resolve, reject) => {
      const startedAt = performance.now();
      const localAddress = `127.0.${Math.floor((connection + 2) / 256)}.${(connection + 2) % 256}`;
      const req = request({ host: target.hostname, port: target.port, path: target.pathname + target.search, agent: agents[connection], localAddress, headers: options.headers }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => {
          requests += 1;
          if (res.statusCode !== options.expectStatus) unexpected += 1;
          statuses[String(res.statusCode)] = (statuses[String(res.statusCode)] ?? 0) + 1;
          if (requests % 16 === 0) latencies.push(performance.now() - startedAt);
          resolve();
        });
      });
      req.on('error', reject);
      req.end();
    });
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: options.connections }, async (_, connection) => {
      while (performance.now() < endAt) await once(connection);
    }),
  );
  const elapsed = (performance.now() - startedAt) / 1000;
  for (const agent of agents) agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests, perSecond: Math.round(requests / elapsed), unexpected, statuses, p50Ms: round(latencies[Math.floor(latencies.length / 2)] ?? 0, 2) };
}

export function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
