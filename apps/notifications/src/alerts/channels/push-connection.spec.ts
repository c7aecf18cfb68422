import type { LookupAddress } from 'node:dns';
import { request } from 'node:https';
import { createServer, type Server } from 'node:net';
import { thrownCodeOf } from '../../../test/fixtures';
import { PushServiceAllowList } from '../../shared/push-services/push-services';
import { assertPushTarget, checkedLookup, isPublicAddress, pushServiceAgent, type Resolver } from './push-connection';

describe('isPublicAddress', () => {
  it.each(['8.8.8.8', '151.101.1.69', '2606:4700::1111', '2a00:1450:4001:80b::200a'])('allows the public address %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.7', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local: cloud metadata'],
    ['fe80::1', 'link-local'],
    ['100.64.0.1', 'CGNAT'],
    ['fd00:ec2::254', 'unique-local: cloud metadata over IPv6'],
    ['fc00::1', 'unique-local'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:8.8.8.8', 'IPv4-mapped'],
    ['64:ff9b::7f00:1', 'NAT64 of loopback'],
    ['2002:7f00:1::', '6to4 of loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['192.0.2.1', 'documentation'],
    ['not an address', 'not an address'],
  ])('refuses %s (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe('assertPushTarget', () => {
  const services = PushServiceAllowList.parse('fcm.googleapis.com,*.notify.windows.com,127.0.0.1:19443');

  it('lets an allowed push service through, and an address the operator listed', () => {
    expect(thrownCodeOf(() => assertPushTarget('https://fcm.googleapis.com/fcm/send/abc', services))).toBeUndefined();
    expect(thrownCodeOf(() => assertPushTarget('https://127.0.0.1:19443/push/abc', services))).toBeUndefined();
  });

  // Stored before the subscribe-time check existed, or after the list changed: refused before any connection.
  it.each([
    'https://127.0.0.1:5432/',
    'https://localhost:19443/push/abc',
    'https://[::1]:19443/push/abc',
    'https://0x7f000001/',
    'https://169.254.169.254/latest/meta-data/',
    'https://updates.push.services.mozilla.com/wpush/v2/abc',
    'not a url',
  ])('refuses %s: PUSH.SERVICE_NOT_ALLOWED', (endpoint) => {
    expect(thrownCodeOf(() => assertPushTarget(endpoint, services))).toBe('PUSH.SERVICE_NOT_ALLOWED');
  });

  it('lets a non-public address through only as the operator listed it, port included', () => {
    const listed = PushServiceAllowList.parse('[::ffff:a00:7]');
    expect(thrownCodeOf(() => assertPushTarget('https://[::ffff:10.0.0.7]/push/abc', listed))).toBeUndefined();
    expect(thrownCodeOf(() => assertPushTarget('https://[::ffff:10.0.0.7]:8443/push/abc', listed))).toBe('PUSH.SERVICE_NOT_ALLOWED');
    expect(thrownCodeOf(() => assertPushTarget('https://10.0.0.7/push/abc', listed))).toBe('PUSH.SERVICE_NOT_ALLOWED');
  });
});

describe('checkedLookup', () => {
  const answering =
    (...answers: string[][]): Resolver =>
    (_hostname, _options, callback) => {
      const next = answers.shift() ?? [];
      callback(null, next.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 })));
    };
  const lookup = (resolver: Resolver, all: boolean) =>
    new Promise<{ error: Error | null; result: unknown }>((resolve) =>
      (checkedLookup(resolver) as unknown as (h: string, o: object, cb: (e: Error | null, r: unknown) => void) => void)('push.example', { all }, (error, result) =>
        resolve({ error, result }),
      ),
    );

  it('answers with exactly the public addresses it checked', async () => {
    expect(await lookup(answering(['8.8.8.8', '2606:4700::1111']), true)).toEqual({
      error: null,
      result: [
        { address: '8.8.8.8', family: 4 },
        { address: '2606:4700::1111', family: 6 },
      ],
    });
    expect((await lookup(answering(['8.8.8.8']), false)).result).toBe('8.8.8.8');
  });

  it.each([[['127.0.0.1']], [['8.8.8.8', '10.0.0.7']], [['::ffff:169.254.169.254']], [[]]])('refuses a name that resolves to %j', async (addresses) => {
    const { error } = await lookup(answering(addresses), true);
    expect(error).toMatchObject({ code: 'PUSH.ADDRESS_REFUSED' });
  });
});

describe('pushServiceAgent', () => {
  let server: Server;
  let connections = 0;

  beforeAll(async () => {
    server = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('never connects to a name that resolves to loopback', async () => {
    const port = (server.address() as { port: number }).port;
    const agent = pushServiceAgent();
    const error = await new Promise<Error>((resolve) => {
      const sent = request({ host: 'localhost', port, method: 'POST', path: '/push', agent }, () => resolve(new Error('answered')));
      sent.on('error', resolve);
      sent.end();
    });
    agent.destroy();
    expect(error).toMatchObject({ code: 'PUSH.ADDRESS_REFUSED' });
    expect(connections).toBe(0);
  });
});
