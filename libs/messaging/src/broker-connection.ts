import { Logger } from '@nestjs/common';

/** The longest wait between two attempts to reach the broker, in ms. */
export const MAX_RECONNECT_DELAY_MS = 30_000;

/** A kafkajs client that connects: a producer or a consumer. */
export interface Connectable {
  connect(): Promise<void>;
}

/** How one client's attempts to reach the broker stand. */
export interface BrokerConnection {
  /** Resolves after the first attempt, whatever its outcome: true when it connected. */
  readonly first: Promise<boolean>;
  /** Resolves once connected; never rejects (it stays pending when stopped first). */
  readonly connected: Promise<void>;
  /** Stops trying (shutdown): no further attempt starts. */
  stop(): void;
  /** Ends the wait before the next attempt now: something needs the connection (a dead letter to send). */
  hurry(): void;
}

/**
 * Connects `client`, and when the broker does not answer tries again, waiting 1, 2, 4 … up to
 * MAX_RECONNECT_DELAY_MS between attempts (each attempt is kafkajs's own, with its retries),
 * until it connects or `stop()` is called. A service starts and serves HTTP — the public site,
 * the desk, the health probes (readiness says `starting` until the broker is reached once) —
 * while the broker is away, rather than exiting and restarting in a loop; events wait in the
 * outbox meanwhile. Each failed attempt is logged at `warn` with `what` (the client's role).
 */
export function connectUntilReachable(client: Connectable, what: string, logger = new Logger('Broker')): BrokerConnection {
  let stopped = false;
  let wake: (() => void) | undefined;
  let settleFirst!: (connected: boolean) => void;
  const first = new Promise<boolean>((resolve) => (settleFirst = resolve));
  const connected = (async () => {
    for (let attempt = 0; ; attempt += 1) {
      if (stopped) return new Promise<void>(() => undefined);
      try {
        await client.connect();
        settleFirst(true);
        if (attempt > 0) logger.log(`${what}: connected to the broker`);
        return;
      } catch (error) {
        settleFirst(false);
        // Stopped while the attempt was on its way (shutdown): no message, no timer left behind.
        if (stopped) return new Promise<void>(() => undefined);
        const delay = Math.min(MAX_RECONNECT_DELAY_MS, 1000 * 2 ** Math.min(attempt, 5));
        logger.warn(`${what}: could not start (${error instanceof Error ? error.message : String(error)}); trying again in ${delay / 1000} s`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          // A wait never keeps a process from exiting.
          timer.unref?.();
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  })();
  return {
    first,
    connected,
    stop: () => {
      stopped = true;
      wake?.();
    },
    hurry: () => wake?.(),
  };
}
