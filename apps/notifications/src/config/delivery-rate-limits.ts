/**
 * DELIVERY_RATE_LIMITS: how fast alerts may leave for each destination, shared by every
 * process and replica (the allowance lives in PostgreSQL, see DestinationLimiter).
 *
 *   email=200/s,fcm.googleapis.com=1000/s,*.notify.windows.com=300/s,*=500/s
 *
 * - `email`: the SMTP relay of SMTP_URL, which every alert e-mail goes through;
 * - `host`: one push service, by its endpoint's host name (port left out);
 * - `*.domain`: every push host under `domain`, sharing ONE allowance (one service behind
 *   many names, such as Windows' `*.notify.windows.com`);
 * - `*`: every other push host, each with an allowance of its own.
 *
 * A rate is `count/unit` with unit `s`, `min` or `h`; count 1–1,000,000. Empty (the default):
 * no limit anywhere, and the delivery worker claims exactly as without this feature.
 */

/** At most `count` sends start in each window of `periodSeconds` (windows aligned on the epoch). */
export interface DeliveryRate {
  count: number;
  periodSeconds: number;
}

/** One rule: `pattern` is `email`, a host, `*.domain` or `*`. */
export interface DeliveryRateRule {
  pattern: string;
  rate: DeliveryRate;
}

export interface DeliveryRateLimits {
  /** The `email` rule, if any. */
  email: DeliveryRate | null;
  /** Push rules (hosts, `*.domain`, `*`) in the order written. */
  push: DeliveryRateRule[];
}

export const NO_DELIVERY_RATE_LIMITS: DeliveryRateLimits = { email: null, push: [] };

const UNIT_SECONDS: Record<string, number> = { s: 1, min: 60, h: 3600 };
const MAX_COUNT = 1_000_000;
const HOST = /^(\*\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
export const DELIVERY_RATE_LIMITS_EXAMPLE = 'email=200/s,fcm.googleapis.com=1000/s,*=500/s';

/** A bad DELIVERY_RATE_LIMITS value; the message is one line naming the offending part. */
export class DeliveryRateLimitsError extends Error {}

/**
 * Reads DELIVERY_RATE_LIMITS (see the file's comment). Throws DeliveryRateLimitsError for an
 * entry that is not `destination=count/unit`, a count outside 1–1,000,000, an unknown unit,
 * a host that is not a host name, or a destination named twice.
 */
export function parseDeliveryRateLimits(value: string): DeliveryRateLimits {
  const limits: DeliveryRateLimits = { email: null, push: [] };
  const seen = new Set<string>();
  for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^([^=\s]+)\s*=\s*(\d+)\s*\/\s*([a-z]+)$/i.exec(entry);
    if (!match) throw new DeliveryRateLimitsError(`"${entry}" is not destination=count/unit`);
    const pattern = match[1].toLowerCase();
    const count = Number(match[2]);
    const periodSeconds = UNIT_SECONDS[match[3].toLowerCase()];
    if (periodSeconds === undefined) throw new DeliveryRateLimitsError(`"${entry}": the unit must be s, min or h`);
    if (!Number.isSafeInteger(count) || count < 1 || count > MAX_COUNT) throw new DeliveryRateLimitsError(`"${entry}": the count must be between 1 and ${MAX_COUNT}`);
    if (pattern !== 'email' && pattern !== '*' && !HOST.test(pattern)) throw new DeliveryRateLimitsError(`"${entry}": "${pattern}" is not email, a push host, *.domain or *`);
    if (seen.has(pattern)) throw new DeliveryRateLimitsError(`"${pattern}" is named twice`);
    seen.add(pattern);
    const rate = { count, periodSeconds };
    if (pattern === 'email') limits.email = rate;
    else limits.push.push({ pattern, rate });
  }
  return limits;
}

/** The reason DELIVERY_RATE_LIMITS is refused, or undefined when it reads. */
export function deliveryRateLimitsProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a list';
  try {
    parseDeliveryRateLimits(value);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** True when no destination is limited: the worker then claims as it always did. */
export function isUnlimited(limits: DeliveryRateLimits): boolean {
  return limits.email === null && limits.push.length === 0;
}
