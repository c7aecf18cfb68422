import { counter, metricsRegistry, setCounterTotal } from './registry';
import { UNMATCHED_ROUTE, routeTemplateOf } from './http-metrics.middleware';

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

describe(routeTemplateOf.name, () => {
  it('labels a request by the route template, never by the path with its ids', () => {
    expect(routeTemplateOf({ baseUrl: '', route: { path: '/v1/drafts/:id/submit' } })).toBe('/v1/drafts/:id/submit');
    expect(routeTemplateOf({ baseUrl: '/v1', route: { path: '/reviews/:articleId' } })).toBe('/v1/reviews/:articleId');
  });

  it('puts every request no route matched under one label', () => {
    expect(routeTemplateOf({ baseUrl: '' })).toBe(UNMATCHED_ROUTE);
  });
});
