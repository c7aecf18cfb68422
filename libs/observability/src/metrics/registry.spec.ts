import express from 'express';
import type { Histogram } from 'prom-client';
import request from 'supertest';
import { countedAndTimed, counter, metricsRegistry, secondsBetween, setCounterTotal } from './registry';
import { HttpMetricsMiddleware, UNMATCHED_ROUTE, routeTemplateOf } from './http-metrics.middleware';

describe(setCounterTotal.name, () => {
  const sent = counter({ name: 'test_relay_sent_total', help: 'test', labelNames: ['topic'] });

  it('brings a counter up to a total kept elsewhere, per label set, never down', async () => {
    setCounterTotal(sent, { topic: 'a' }, 3);
    setCounterTotal(sent, { topic: 'a' }, 5);
    setCounterTotal(sent, { topic: 'b' }, 2);
    setCounterTotal(sent, { topic: 'a' }, 4);
    const values = (await sent.get()).values.map(({ labels, value }) => [labels.topic, value]);
    expect(values).toEqual([
      ['a', 5],
      ['b', 2],
    ]);
  });

  it('returns the metric already registered under a name instead of failing', () => {
    expect(counter({ name: 'test_relay_sent_total', help: 'other' })).toBe(sent);
    expect(metricsRegistry.getSingleMetric('test_relay_sent_total')).toBe(sent);
  });
});

describe(countedAndTimed.name, () => {
  const record = countedAndTimed(
    { name: 'test_jobs_total', help: 'test', labelNames: ['queue', 'outcome'] },
    { name: 'test_job_seconds', help: 'test', labelNames: ['queue'], buckets: [1, 10] },
  );

  it('counts every outcome and times only those given seconds, under the labels the histogram shares', async () => {
    record({ queue: 'email', outcome: 'sent' }, 0.5);
    record({ queue: 'email', outcome: 'sent' }, 4);
    record({ queue: 'email', outcome: 'failed' });
    const counted = (await metricsRegistry.getSingleMetric('test_jobs_total')!.get()).values.map(({ labels, value }) => [labels, value]);
    expect(counted).toEqual([
      [{ queue: 'email', outcome: 'sent' }, 2],
      [{ queue: 'email', outcome: 'failed' }, 1],
    ]);
    const timed = (await (metricsRegistry.getSingleMetric('test_job_seconds') as Histogram).get()).values.filter(({ metricName }) => metricName !== 'test_job_seconds_bucket');
    expect(timed.map(({ metricName, labels, value }) => [metricName, labels, value])).toEqual([
      ['test_job_seconds_sum', { queue: 'email' }, 4.5],
      ['test_job_seconds_count', { queue: 'email' }, 2],
    ]);
  });
});

describe(secondsBetween.name, () => {
  it('gives the seconds from one instant to a later one, and 0 when the later is earlier', () => {
    expect(secondsBetween(new Date('2025-11-21T08:30:00Z'), new Date('2025-11-21T08:32:30.250Z'))).toBe(150.25);
    expect(secondsBetween(new Date('2025-11-21T08:30:00Z'), new Date('2025-11-21T08:29:59Z'))).toBe(0);
  });
});

describe(routeTemplateOf.name, () => {
  it('labels a request by the route template, never by the path with its ids', () => {
    expect(routeTemplateOf({ baseUrl: '', route: { path: '/v1/drafts/:id/submit' } })).toBe('/v1/drafts/:id/submit');
    expect(routeTemplateOf({ baseUrl: '/v1', route: { path: '/reviews/:articleId' } })).toBe('/v1/reviews/:articleId');
  });

  it('puts every request no route matched under one label', () => {
    expect(routeTemplateOf({ baseUrl: '' })).toBe(UNMATCHED_ROUTE);
  });
});

describe(HttpMetricsMiddleware.name, () => {
  it('counts and times each answered request under its method, route template and status', async () => {
    const app = express();
    const middleware = new HttpMetricsMiddleware();
    app.use((req, res, next) => middleware.use(req, res, next));
    app.get('/v1/drafts/:id', (_req, res) => {
      res.status(201).send('ok');
    });
    await request(app).get('/v1/drafts/7f1c').expect(201);
    await request(app).get('/v1/drafts/9a2b').expect(201);
    const labels = { method: 'GET', route: '/v1/drafts/:id', status: '201' };
    const answered = (await metricsRegistry.getSingleMetric('http_requests_total')!.get()).values;
    expect(answered).toContainEqual(expect.objectContaining({ labels, value: 2 }));
    const timed = (await (metricsRegistry.getSingleMetric('http_request_duration_seconds') as Histogram).get()).values;
    expect(timed).toContainEqual(expect.objectContaining({ metricName: 'http_request_duration_seconds_count', labels, value: 2 }));
  });
});
