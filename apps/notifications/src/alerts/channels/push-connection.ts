import { lookup as resolve, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { Agent, type AgentOptions } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { PushServiceAllowList } from '../../shared/push-services/push-services';

/**
 * Why a push was not sent: the endpoint is no longer on the allowed push
 * services, or its host resolves to an address we never connect to. The code is
 * all the delivery log keeps, so it tells nobody what answers at that address.
 */
export class PushTargetRefused extends Error {
  constructor(readonly code: 'PUSH.SERVICE_NOT_ALLOWED' | 'PUSH.ADDRESS_REFUSED') {
    super(code === 'PUSH.SERVICE_NOT_ALLOWED' ? 'endpoint is not on an allowed push service' : 'push service host resolves to a non-public address');
    this.name = 'PushTargetRefused';
  }
}

/**
 * Public unicast addresses only. Refused: loopback, private (RFC 1918),
 * link-local (169.254/16 — where cloud metadata services answer — and fe80::/10),
 * CGNAT (100.64/10), unique-local IPv6 (fc00::/7), IPv4-mapped and other
 * IPv4-embedding IPv6 forms (::ffff:0:0/96, 6to4, NAT64, Teredo), multicast,
 * broadcast, unspecified, documentation and reserved ranges — ipaddr.js's range
 * table; anything it does not call `unicast` is refused.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.parse(address).range() === 'unicast';
}

/**
 * Checks an endpoint just before sending: still on an allowed push service, and,
 * when its host is an IP address, a public one or one the operator listed by
 * address. Host names are checked after DNS resolution by pushServiceAgent().
 */
export function assertPushTarget(endpoint: string, services: PushServiceAllowList): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new PushTargetRefused('PUSH.SERVICE_NOT_ALLOWED');
  }
  if (!services.allows(url)) throw new PushTargetRefused('PUSH.SERVICE_NOT_ALLOWED');
  const address = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(address) === 0) return;
  const port = url.port === '' ? 443 : Number(url.port);
  if (!isPublicAddress(address) && !services.listsAddress(address, port)) throw new PushTargetRefused('PUSH.ADDRESS_REFUSED');
}

/**
 * The https.Agent every push goes through. Its lookup resolves the push
 * service's name, refuses the connection unless every address is public, and
 * hands the socket exactly the addresses it checked: the connection cannot be
 * switched to another address by a second DNS answer (DNS rebinding). TLS still
 * verifies the certificate against the host name. `tls` adds trusted CAs, for a
 * test's own push service.
 */
export function pushServiceAgent(tls: Pick<AgentOptions, 'ca'> = {}): Agent {
  return new Agent({ keepAlive: true, ...tls, lookup: checkedLookup() });
}

/** Resolves every address of a name, as `dns.lookup(name, { all: true }, callback)` does. */
export type Resolver = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for net/tls connections that answers only with public addresses, and
 * only the ones it checked; `resolver` is dns.lookup except in tests.
 */
export function checkedLookup(resolver: Resolver = resolve): LookupFunction {
  const lookup = (hostname: string, options: { all?: boolean; family?: number }, callback: (...args: unknown[]) => void) => {
    const query: LookupAllOptions = { all: true, ...(options?.family ? { family: options.family } : {}) };
    resolver(hostname, query, (error, addresses) => {
      if (error) return callback(error);
      if (addresses.length === 0 || !addresses.every((entry) => isPublicAddress(entry.address))) {
        return callback(new PushTargetRefused('PUSH.ADDRESS_REFUSED'));
      }
      if (options?.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
  return lookup as unknown as LookupFunction;
}
