import ipaddr from 'ipaddr.js';

export interface ClientRequest {
  socket: { remoteAddress?: string };
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Who a request comes from, for rate limiting. Behind `trustedProxies` proxies
 * (TRUST_PROXY), each of which appends the address it received the request from
 * to X-Forwarded-For, the client is the address that many hops back from the
 * connection; entries further left are whatever the client wrote and are never
 * used. With 0 (the default) the header is ignored, since anyone can send it.
 *
 * IPv4-mapped IPv6 addresses count as IPv4, and an IPv6 client as its /64: one
 * home or host usually holds a whole /64, so counting single addresses would
 * give it billions of allowances.
 */
export function clientAddressOf(request: ClientRequest, trustedProxies: number): string {
  const connection = request.socket.remoteAddress ?? 'unknown';
  if (trustedProxies <= 0) return clientKey(connection);
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const hops = [...forwarded, connection];
  const client = hops[Math.max(0, hops.length - 1 - trustedProxies)];
  return ipaddr.isValid(client) ? clientKey(client) : clientKey(connection);
}

function clientKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((part) => part.toString(16)).join(':')}::/64`;
}
