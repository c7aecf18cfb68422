import { clientAddressOf } from './client-address';

const request = (remoteAddress: string, forwardedFor?: string) => ({
  socket: { remoteAddress },
  headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
});

describe(clientAddressOf.name, () => {
  it('ignores X-Forwarded-For unless proxies are trusted: anyone can send it', () => {
    expect(clientAddressOf(request('198.51.100.7', '203.0.113.1'), 0)).toBe('198.51.100.7');
  });

  it('takes the address the trusted proxies saw, not what the client wrote before them', () => {
    // The client wrote "1.2.3.4"; the one proxy appended the client's real address.
    expect(clientAddressOf(request('10.0.0.2', '1.2.3.4, 203.0.113.9'), 1)).toBe('203.0.113.9');
    // Two proxies: a CDN, then the ingress.
    expect(clientAddressOf(request('10.0.0.2', '1.2.3.4, 203.0.113.9, 192.0.2.10'), 2)).toBe('203.0.113.9');
    expect(clientAddressOf(request('10.0.0.2', ['1.2.3.4', '203.0.113.9'] as unknown as string), 1)).toBe('203.0.113.9');
  });

  it('falls back to the connection when the header is missing, short or not an address', () => {
    expect(clientAddressOf(request('198.51.100.7'), 1)).toBe('198.51.100.7');
    expect(clientAddressOf(request('10.0.0.2', '203.0.113.9'), 3)).toBe('203.0.113.9');
    expect(clientAddressOf(request('10.0.0.2', 'not-an-address'), 1)).toBe('10.0.0.2');
  });

  it('counts an IPv4-mapped address as IPv4 and an IPv6 client by its /64', () => {
    expect(clientAddressOf(request('::ffff:198.51.100.7'), 0)).toBe('198.51.100.7');
    expect(clientAddressOf(request('2001:db8:1:2:aaaa::1'), 0)).toBe('2001:db8:1:2::/64');
    expect(clientAddressOf(request('2001:db8:1:2:bbbb::9'), 0)).toBe('2001:db8:1:2::/64');
    expect(clientAddressOf(request('2001:db8:1:3::1'), 0)).not.toBe('2001:db8:1:2::/64');
  });
});
