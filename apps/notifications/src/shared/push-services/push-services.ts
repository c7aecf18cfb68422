/**
 * The push services notifications may send to. A browser hands us its push
 * endpoint and we connect there on every alert, so an endpoint anywhere else
 * would let anyone make this service probe hosts and ports on our network.
 */

/** The browsers' own push services: Chrome/Edge (FCM), Firefox, Windows (WNS) and Safari. */
export const DEFAULT_PUSH_SERVICE_HOSTS = 'fcm.googleapis.com,updates.push.services.mozilla.com,*.notify.windows.com,web.push.apple.com';

const HTTPS_PORT = 443;
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST_NAME = new RegExp(`^(\\*\\.)?${LABEL}(?:\\.${LABEL})+$`);
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;

interface Entry {
  /** Lowercase host name, IPv4 address or bracketed IPv6 address as the WHATWG URL parser writes it. */
  host: string;
  /** `*.example.com`: any name under example.com, not example.com itself. */
  wildcard: boolean;
  port: number;
}

/**
 * A comma-separated list of `host[:port]` entries, e.g. the default above.
 * `*.notify.windows.com` allows every name under that domain. The port is 443
 * unless written. An IP address (`127.0.0.1:8443`, `[::1]:8443`) is allowed only
 * where an operator lists it, which is how a local push inbox is allowed in
 * development and tests; such an address is then the only non-public address
 * notifications will connect to.
 */
export class PushServiceAllowList {
  private constructor(private readonly entries: readonly Entry[]) {}

  /** Throws an Error naming the first entry that is not `host[:port]`. */
  static parse(list: string): PushServiceAllowList {
    const entries = list
      .split(',')
      .map((item) => item.trim().toLowerCase())
      .filter((item) => item !== '')
      .map(parseEntry);
    if (entries.length === 0) throw new Error('the list of push services is empty');
    return new PushServiceAllowList(entries);
  }

  /** True when `endpoint` is https on the port of an allowed push service, without credentials. */
  allows(endpoint: URL): boolean {
    if (endpoint.protocol !== 'https:' || endpoint.username !== '' || endpoint.password !== '') return false;
    const port = endpoint.port === '' ? HTTPS_PORT : Number(endpoint.port);
    return this.entries.some((entry) => entry.port === port && matches(entry, endpoint.hostname));
  }

  /** True when the operator listed this exact IP address (`127.0.0.1`, `::1`), with the endpoint's port. */
  listsAddress(address: string, port: number): boolean {
    const host = urlHostOf(address.includes(':') && !address.startsWith('[') ? `[${address}]` : address);
    return host !== undefined && this.entries.some((entry) => !entry.wildcard && entry.port === port && entry.host === host);
  }

  /** As configured, for messages: `fcm.googleapis.com, *.notify.windows.com, 127.0.0.1:8443`. */
  describe(): string {
    return this.entries.map((entry) => `${entry.wildcard ? '*.' : ''}${entry.host}${entry.port === HTTPS_PORT ? '' : `:${entry.port}`}`).join(', ');
  }
}

function parseEntry(item: string): Entry {
  const wildcard = item.startsWith('*.');
  // Let the URL parser split host and port, so an entry is read exactly as an endpoint is.
  let url: URL;
  try {
    url = new URL(`https://${item}/`);
  } catch {
    throw new Error(`"${item}" is not host[:port]`);
  }
  const host = url.hostname;
  if (url.pathname !== '/' || url.username !== '' || url.search !== '' || url.hash !== '') throw new Error(`"${item}" is not host[:port]`);
  const isAddress = IPV4.test(host) || IPV6.test(host);
  if (!(isAddress && !wildcard) && !HOST_NAME.test(host)) throw new Error(`"${item}" is not a host name, *.domain or IP address`);
  return { host: host.replace(/^\*\./, ''), wildcard, port: url.port === '' ? HTTPS_PORT : Number(url.port) };
}

function matches(entry: Entry, hostname: string): boolean {
  if (entry.wildcard) return hostname.endsWith(`.${entry.host}`) && HOST_NAME.test(hostname);
  return hostname === entry.host;
}

/** A host as the URL parser writes it (IPv6 compressed and bracketed, IPv4 in dotted decimal). */
function urlHostOf(written: string): string | undefined {
  try {
    return new URL(`https://${written}/`).hostname;
  } catch {
    return undefined;
  }
}
