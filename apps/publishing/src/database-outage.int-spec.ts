import { randomUUID } from 'node:crypto';
import { eventually, ServiceUnderTest } from '@newsroom/test-harness';
import { startLocalBroker, startPrivatePostgres, type LocalBroker, type PrivatePostgres } from '@newsroom/testing';
import { PUBLIC_BASE_URL } from '../test/publishing.fixtures';
import { startPublishing } from './service';

type ErrorBody = { error: { code: string } };

/**
 * A request cut off by a database crash is a moment's outage, not a bug: the service answers
 * 503 SERVICE.UNAVAILABLE with Retry-After (JSON for the API, the error page for browsers) for
 * reads and writes alike, and serves again once PostgreSQL is back. The database is a private
 * server of this suite's own, so that crashing it touches nobody else.
 */
describe('publishing while its database is down (private PostgreSQL, broker)', () => {
  jest.setTimeout(60_000);

  let postgres: PrivatePostgres;
  let broker: LocalBroker;
  let service: ServiceUnderTest;

  beforeAll(async () => {
    [postgres, broker] = await Promise.all([startPrivatePostgres(), startLocalBroker()]);
    service = await ServiceUnderTest.start({
      name: 'publishing_outage',
      schema: 'publishing',
      brokers: broker.brokers,
      env: { PUBLIC_BASE_URL, DATABASE_URL: postgres.url },
      boot: startPublishing,
    });
    await postgres.crash();
  }, 120_000);

  afterAll(async () => {
    await service?.close();
    await Promise.all([broker?.stop(), postgres?.stop()]);
  }, 60_000);

  function expectUnavailable(result: { status: number; headers: Headers }): void {
    expect(result.status).toBe(503);
    expect(Number(result.headers.get('retry-after'))).toBeGreaterThan(0);
  }

  it('answers a read with 503 SERVICE.UNAVAILABLE and Retry-After', async () => {
    const read = await service.anonymous.get<ErrorBody>('/v1/articles');
    expectUnavailable(read);
    expect(read.body.error.code).toBe('SERVICE.UNAVAILABLE');
  });

  it('answers a write with 503 SERVICE.UNAVAILABLE and Retry-After', async () => {
    const write = await service.as('editor', 'eve').post<ErrorBody>(`/v1/articles/${randomUUID()}/unpublish`, { reason: 'legal advice' });
    expectUnavailable(write);
    expect(write.body.error.code).toBe('SERVICE.UNAVAILABLE');
  });

  it('gives a browser the error page with the same status and Retry-After', async () => {
    const page = await service.anonymous.get('/', { headers: { accept: 'text/html' } });
    expectUnavailable(page);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('try again');
  });

  it('serves again once PostgreSQL is back', async () => {
    await postgres.start();
    const read = await eventually('a read to succeed again', async () => {
      const result = await service.anonymous.get('/v1/articles');
      return result.status === 200 && result;
    });
    expect(read.headers.get('retry-after')).toBeNull();
  });
});
