import type { DataSource } from 'typeorm';
import type { ServiceRuntimeConfig } from '@newsroom/config';
import { RateLimitStore } from './rate-limit-store';
import type { LimitedRoute, RateLimitOptions } from './rate-limit.options';
import { RequestLimits } from './request-limits';

/** Limits counted in memory (perProcess), so the counting and giving back run without a database. */
function limitsFor(route: LimitedRoute, points: { client: number; target: number }): RequestLimits {
  const options: RateLimitOptions = {
    limits: {
      [`${route.name}:client`]: { points: points.client, durationSeconds: 3600, perProcess: true },
      [`${route.name}:target`]: { points: points.target, durationSeconds: 3600, perProcess: true },
    },
    routes: [route],
    trustedProxies: 0,
  };
  return new RequestLimits(new RateLimitStore({} as DataSource, {} as ServiceRuntimeConfig, options), options);
}

const request = (client: string, email: string) => ({ method: 'POST', path: '/subscribe', body: { email }, headers: {}, socket: { remoteAddress: client } });

/** Sends `count` requests one after another, each answered `status`; returns whether each was allowed. */
async function send(limits: RequestLimits, count: number, client: string, email: string, status: number): Promise<boolean[]> {
  const allowed: boolean[] = [];
  for (let i = 0; i < count; i += 1) {
    const each = request(client, email);
    const result = await limits.check(each);
    allowed.push(result.allowed);
    if (result.allowed) await limits.answered(each, status);
  }
  return allowed;
}

describe(RequestLimits.name, () => {
  afterEach(() => jest.restoreAllMocks());
  const signup: LimitedRoute = { name: 'signup', methods: ['POST'], path: /^\/subscribe$/, target: (r) => (r.body as { email: string }).email };

  it('counts every answer when nothing is given back', async () => {
    const limits = limitsFor(signup, { client: 10, target: 2 });
    expect(await send(limits, 3, '192.0.2.1', 'reader@example.com', 400)).toEqual([true, true, false]);
  });

  describe('refusalsFreeForTarget', () => {
    const route = { ...signup, refusalsFreeForTarget: true };

    it('gives the target its count back for a 400 or a 422, so corrections do not use up the address', async () => {
      const limits = limitsFor(route, { client: 10, target: 2 });
      expect(await send(limits, 3, '192.0.2.1', 'reader@example.com', 400)).toEqual([true, true, true]);
      expect(await send(limits, 3, '192.0.2.2', 'reader@example.com', 422)).toEqual([true, true, true]);
      expect(await send(limits, 3, '192.0.2.3', 'reader@example.com', 202)).toEqual([true, true, false]);
    });

    it('lets a request sent at once after a refusal wait for the refusal to be given back', async () => {
      const limits = limitsFor(route, { client: 10, target: 1 });
      // A give-back takes a database round trip or two in the shared store.
      const giveBack = RateLimitStore.prototype.giveBack;
      jest.spyOn(RateLimitStore.prototype, 'giveBack').mockImplementation(async function (this: RateLimitStore, ...args) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return giveBack.apply(this, args);
      });
      const refused = request('192.0.2.1', 'quick@example.com');
      await limits.check(refused);
      void limits.answered(refused, 400); // the answer is sent; its give-back is still under way
      expect(await limits.check(request('192.0.2.1', 'quick@example.com'))).toEqual({ allowed: true });
    });

    it('keeps the client count of a refusal, so a client sending only refused requests is still bounded', async () => {
      const limits = limitsFor(route, { client: 3, target: 10 });
      expect(await send(limits, 4, '192.0.2.9', 'someone@example.com', 400)).toEqual([true, true, true, false]);
    });

    it('keeps the count of any other answer: a success, a conflict, a failure of the service', async () => {
      for (const status of [200, 303, 409, 503]) {
        const limits = limitsFor(route, { client: 10, target: 2 });
        expect(await send(limits, 3, '192.0.2.1', `reader-${status}@example.com`, status)).toEqual([true, true, false]);
      }
    });
  });

  describe('failuresOnly', () => {
    const route = { ...signup, failuresOnly: true };

    it('gives back a success (2xx), and keeps a redirect or a refusal', async () => {
      const limits = limitsFor(route, { client: 10, target: 2 });
      expect(await send(limits, 3, '192.0.2.1', 'a@example.com', 200)).toEqual([true, true, true]);
      expect(await send(limits, 3, '192.0.2.1', 'b@example.com', 303)).toEqual([true, true, false]);
      expect(await send(limits, 3, '192.0.2.1', 'c@example.com', 401)).toEqual([true, true, false]);
    });
  });

  it('counts a request once however often it is checked', async () => {
    const limits = limitsFor(signup, { client: 10, target: 1 });
    const once = request('192.0.2.1', 'reader@example.com');
    expect(await limits.check(once)).toEqual({ allowed: true });
    expect(await limits.check(once)).toEqual({ allowed: true });
    expect((await limits.check(request('192.0.2.1', 'reader@example.com'))).allowed).toBe(false);
  });
});
