/**
 * What an operator sees while a story goes from a reporter to a subscriber: every
 * service's /metrics moves (HTTP by route template, outbox and relay, consumer outcomes,
 * lag, dead letters, the schedule, the alert fan-out and its delivery speed), and one
 * OpenTelemetry trace, received over OTLP/HTTP by a collector stand-in in this process,
 * follows that story from the reporter's submit through all four services to the push send.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_NAMES, type ServiceName } from '@newsroom/testing';
import { NewsroomUnderTest, eventually } from './support/newsroom-under-test';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './support/otlp-receiver';
import { parseMetrics, sumOf, type Sample } from './support/prometheus-text';

jest.setTimeout(180_000);

const reporter = { role: 'reporter' as const, user: 'olive.reporter' };
const editor = { role: 'editor' as const, user: 'oscar.editor' };

describe('observability: metrics and traces under real traffic', () => {
  let newsroom: NewsroomUnderTest;
  let collector: OtlpReceiver;

  beforeAll(async () => {
    collector = await startOtlpReceiver();
    // The service processes inherit these; a short batch delay gets spans out within the test.
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = collector.url;
    process.env.OTEL_BSP_SCHEDULE_DELAY = '200';
    try {
      newsroom = await NewsroomUnderTest.start();
    } finally {
      delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
      delete process.env.OTEL_BSP_SCHEDULE_DELAY;
    }
  });

  afterAll(async () => {
    await newsroom?.stop();
    await collector?.stop();
  });

  async function scrape(): Promise<Record<ServiceName, Sample[]>> {
    const entries = await Promise.all(
      SERVICE_NAMES.map(async (name) => {
        const response = await fetch(newsroom.url(name, '/metrics'));
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toContain('text/plain');
        return [name, parseMetrics(await response.text())] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<ServiceName, Sample[]>;
  }

  it('shows a story in every service’s metrics and in one trace from the submit to the alert', async () => {
    const before = await scrape();
    const push = await newsroom.push.subscribeTo(newsroom.url('notifications'), { sections: ['politics'], tags: [], breakingOnly: false });
    const pushSubscriptionId = new URL(push.subscription.endpoint).pathname.split('/').pop();

    const article = JSON.parse(
      readFileSync(path.resolve(__dirname, '../tools/seed/articles/01-harwick-night-freight-ban.json'), 'utf8').replaceAll(
        '{{PUBLIC_BASE_URL}}',
        'http://localhost:3003',
      ),
    ) as Record<string, unknown>;
    const created = await newsroom.call<{ id: string }>('drafting', 'POST', '/v1/drafts', reporter, article);
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await newsroom.call('drafting', 'POST', `/v1/drafts/${id}/submit`, reporter)).status).toBe(202);
    await eventually('the review item', async () => ((await newsroom.call('editorial-review', 'GET', `/v1/reviews/${id}`, editor)).status === 200) || undefined);
    expect((await newsroom.call('editorial-review', 'POST', `/v1/reviews/${id}/claim`, editor)).status).toBe(200);
    expect((await newsroom.call('editorial-review', 'POST', `/v1/reviews/${id}/approve`, editor, { priority: 'normal' })).status).toBe(200);
    await newsroom.push.waitFor((received) => received.subscriptionId === pushSubscriptionId, 30_000);
    // The drafting timeline shows "published" once drafting consumed publishing's event: every hop has happened.
    await eventually('the published draft', async () => {
      const draft = await newsroom.call<{ status: string }>('drafting', 'GET', `/v1/drafts/${id}`, reporter);
      return draft.body.status === 'published' || undefined;
    });

    const after = await eventually('the alert in notifications’ metrics', async () => {
      const scraped = await scrape();
      return sumOf(scraped.notifications, 'newsroom_alerts_handed_off_total', { channel: 'push', outcome: 'sent' }) >
        sumOf(before.notifications, 'newsroom_alerts_handed_off_total', { channel: 'push', outcome: 'sent' })
        ? scraped
        : undefined;
    });
    const grew = (service: ServiceName, name: string, labels: Record<string, string> = {}) =>
      sumOf(after[service], name, labels) - sumOf(before[service], name, labels);

    // HTTP by route template: the article id never becomes a label value.
    expect(grew('drafting', 'http_requests_total', { route: '/v1/drafts/:id/submit', method: 'POST', status: '202' })).toBe(1);
    expect(grew('editorial-review', 'http_request_duration_seconds_count', { route: '/v1/reviews/:articleId/approve', status: '200' })).toBe(1);
    for (const service of SERVICE_NAMES) {
      expect(after[service].some((sample) => Object.values(sample.labels).some((value) => value.includes(id)))).toBe(false);
    }

    // Outbox and relay: every producing service sent, nothing is left waiting.
    for (const service of ['drafting', 'editorial-review', 'publishing'] as const) {
      expect(grew(service, 'newsroom_relay_sent_total')).toBeGreaterThanOrEqual(1);
      expect(sumOf(after[service], 'newsroom_relay_leader')).toBe(1);
      expect(after[service].some((sample) => sample.name === 'newsroom_outbox_oldest_unsent_age_seconds')).toBe(true);
    }
    expect(grew('drafting', 'newsroom_relay_sent_total', { topic: 'newsroom.drafting.article.v1' })).toBe(1);

    // Consumers: events applied, lag per partition of each consumed topic, dead letters per topic.
    for (const service of SERVICE_NAMES) {
      expect(grew(service, 'newsroom_events_consumed_total', { outcome: 'applied' })).toBeGreaterThanOrEqual(1);
      const lag = after[service].filter((sample) => sample.name === 'newsroom_consumer_lag');
      expect(lag.length).toBeGreaterThanOrEqual(3);
      expect(lag.every((sample) => sample.labels.partition !== undefined && sample.value >= 0)).toBe(true);
      expect(after[service].some((sample) => sample.name === 'newsroom_dead_letters' && sample.labels.topic.endsWith('.dlq'))).toBe(true);
    }
    expect(grew('publishing', 'newsroom_event_age_seconds_count', { type: 'news.article.approved.v1' })).toBe(1);

    // Publishing's schedule, notifications' fan-out and delivery speed.
    expect(after.publishing.filter((sample) => sample.name === 'newsroom_scheduled_stories').map((sample) => sample.labels.state).sort()).toEqual(['due', 'late', 'waiting']);
    expect(grew('notifications', 'newsroom_alert_delivery_seconds_count', { channel: 'push' })).toBe(1);
    expect(grew('notifications', 'newsroom_alert_delivery_seconds_bucket', { channel: 'push', le: '120' })).toBe(1);

    // One trace follows the story from the reporter's submit: drafting, editorial review (the
    // editor's decision continues the submission's stored context), publishing, notifications,
    // and the alert's send (under the fan-out's stored context).
    const isPushSend = (span: ReceivedSpan) => span.name === 'send push' && span.attributes['newsroom.article.id'] === id;
    const trace = await eventually(
      'one trace from the submit to the push send',
      async () => {
        const traceIds = new Set(collector.spans().filter(isPushSend).map((span) => span.traceId));
        for (const traceId of traceIds) {
          const spans = collector.spans().filter((span) => span.traceId === traceId);
          // Spans are exported as they end: a parent (a request, a consumer's handling) often
          // ends after the child that sent the next event, so wait until every parent is in.
          const ids = new Set(spans.map((span) => span.spanId));
          const complete = spans.filter((span) => !span.parentSpanId || !ids.has(span.parentSpanId)).length === 1;
          if (complete && SERVICE_NAMES.every((service) => spans.some((span) => span.service === service))) return spans;
        }
        return undefined;
      },
      { timeoutMs: 20_000 },
    );
    // Linked, not merely sharing an id: one root (the submit request), every other span's parent is in the trace.
    const spanIds = new Set(trace.map((span) => span.spanId));
    const roots = trace.filter((span) => !span.parentSpanId || !spanIds.has(span.parentSpanId));
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ service: 'drafting', kind: 2 });
    expect(`${roots[0].name} ${roots[0].attributes['http.route'] ?? ''}`).toContain('/submit');
    const decision = trace.find((span) => span.service === 'editorial-review' && span.name === 'review decision');
    expect(decision?.attributes).toMatchObject({ 'newsroom.article.id': id, 'newsroom.review.decision': 'approved' });
    expect(trace.some((span) => span.service === 'editorial-review' && span.name.startsWith('process newsroom.drafting.article.v1'))).toBe(true);
    expect(trace.some((span) => span.service === 'publishing' && span.name.startsWith('process newsroom.review.article.v1'))).toBe(true);
    expect(trace.some((span) => span.service === 'notifications' && span.name.startsWith('process newsroom.publishing.article.v1'))).toBe(true);
    expect(trace.some((span) => span.service === 'publishing' && span.attributes['db.system.name'] === 'postgresql')).toBe(true);
    const send = trace.find(isPushSend);
    expect(send).toMatchObject({ service: 'notifications', kind: 3, attributes: { 'newsroom.alert.channel': 'push', 'newsroom.delivery.outcome': 'sent' } });
    expect(send?.attributes['newsroom.delivery.id']).toMatch(/^\d+$/);
    expect(JSON.stringify(send?.attributes)).not.toContain(push.subscription.endpoint);

    // The editor's approve request is a trace of its own, linked to the story's decision span and back.
    const approveRequest = collector
      .spans()
      .find((span) => span.service === 'editorial-review' && span.kind === 2 && span.links.some((link) => link.spanId === decision?.spanId));
    expect(approveRequest).toBeDefined();
    expect(approveRequest?.traceId).not.toBe(trace[0].traceId);
    expect(decision?.links.map((link) => link.traceId)).toContain(approveRequest?.traceId);

    // Logs carry the same trace id.
    expect(readFileSync(newsroom.services.publishing.logFile, 'utf8')).toContain(`"traceId":"${trace[0].traceId}"`);
  });
});
