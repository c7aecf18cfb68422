import { randomUUID } from 'node:crypto';
import { createEvent, EVENT_TYPES, TOPICS } from '@newsroom/contracts';
import { eventually, type ServiceUnderTest, type TestEventBus } from '@newsroom/test-harness';
import type { FakeSmtpServer } from '../../../test/fake-smtp-server';
import { startNotificationsWithMail, TEST_PUBLIC_BASE_URL as PUBLIC_BASE_URL, TEST_SITE as SITE, type NotificationsWithMail } from '../../../test/notifications-under-test';

interface DeliveriesBody {
  counts: Record<string, number>;
  deliveries: { recipient: string; status: string; attempts: number; attemptLog: { outcome: string; responseCode: number | null; error: string | null }[] }[];
}
interface SearchBody {
  subscribers: { email: string; status: string; bounced: boolean; bounceCode: number | null }[];
}

/**
 * Bounces through the whole service and a real SMTP server: one address refused
 * for good (550) and one deferred (451). The refused one is marked bounced and
 * alerted no more until it opts in again; the deferred one is retried and delivered.
 */
describe('notifications e-mail bounces (PostgreSQL, broker, SMTP server)', () => {
  jest.setTimeout(90_000);

  let suite: NotificationsWithMail;
  let smtp: FakeSmtpServer;
  let service: ServiceUnderTest;
  let bus: TestEventBus;

  beforeAll(async () => {
    suite = await startNotificationsWithMail('notifications_bounces');
    ({ smtp, service, bus } = suite);
  }, 120_000);

  afterAll(() => suite?.close(), 60_000);

  const gone = 'gone@example.com';
  const busy = 'busy@example.com';

  async function signUpAndConfirm(email: string): Promise<void> {
    const before = smtp.mailsTo(email, /Confirm/).length;
    expect((await service.anonymous.post('/v1/subscribers', { email, sections: ['politics'] })).status).toBe(202);
    const mail = await eventually(`confirmation email to ${email}`, () => smtp.mailsTo(email, /Confirm/)[before]);
    const link = new RegExp(`${PUBLIC_BASE_URL}(/v1/subscribers/confirm\\?token=[\\w.-]+)`).exec(mail.parsed.text ?? '')?.[1];
    expect((await service.anonymous.post(link!)).status).toBe(200);
  }

  async function publish(headline: string): Promise<string> {
    const articleId = randomUUID();
    const data = {
      articleId,
      revision: 1,
      slug: 'story',
      url: `${SITE}/articles/${articleId}`,
      headline,
      standfirst: 'What the council decided.',
      section: 'politics',
      tags: [] as string[],
      language: 'en',
      bylines: [{ name: 'Ann Reporter' }],
      priority: 'normal' as const,
      publishedAt: new Date().toISOString(),
    };
    await bus.produce(TOPICS.publishing, createEvent(EVENT_TYPES.articlePublished, data, { subject: articleId }));
    return articleId;
  }

  const deliveryLog = async (articleId: string) => (await service.as('editor', 'editor-1').get<DeliveriesBody>(`/v1/deliveries?articleId=${articleId}`)).body;
  const searched = async (email: string) => (await service.as('editor', 'editor-1').get<SearchBody>(`/v1/subscribers?q=${encodeURIComponent(email)}`)).body.subscribers;
  const settled = (articleId: string) =>
    eventually(`the deliveries of ${articleId} to settle`, async () => {
      const body = await deliveryLog(articleId);
      return body.counts.total > 0 && body.counts.pending + body.counts.sending === 0 ? body : undefined;
    });

  it('asks a reader signing up with an address the mail server refuses for good to check it, not to try again', async () => {
    const refused = 'no-such-mailbox@example.com';
    smtp.refuse(refused);
    const api = await service.anonymous.post<{ error: { code: string; message: string } }>('/v1/subscribers', { email: refused, sections: ['politics'] });
    expect([api.status, api.body.error.code, api.body.error.message]).toEqual([400, 'SUBSCRIBER.EMAIL_REFUSED', expect.stringMatching(/^The mail server refused this address \(SMTP 550 5\.1\.1\)\. Check it/)]);
    const form = await service.anonymous.post('/subscribe', undefined, {
      raw: `email=${encodeURIComponent(refused)}&sections=politics`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });
    expect([form.status, form.headers.get('retry-after')]).toEqual([400, null]);
    expect(form.text).toContain('The mail server refused this address');
  });

  it('marks a 550 address bounced and alerts it no more, retries a 451 one until delivered, and lets double opt-in clear the bounce', async () => {
    await signUpAndConfirm(gone);
    await signUpAndConfirm(busy);
    smtp.refuse(gone);
    smtp.defer(busy);

    const first = await publish('Council votes on the budget');
    await eventually('the 550 to fail and the 451 to be rescheduled', async () => {
      const rows = await service.sql<{ status: string }>(`SELECT status FROM deliveries WHERE article_id = $1 ORDER BY status`, [first]);
      return rows.map((row) => row.status).join() === 'failed,pending' ? rows : undefined;
    });
    const log = await deliveryLog(first);
    const byOutcome = Object.fromEntries(log.deliveries.map((delivery) => [delivery.status, delivery.attemptLog]));
    expect(byOutcome.failed).toEqual([expect.objectContaining({ outcome: 'failed', responseCode: 550, error: 'SMTP 550 5.1.1' })]);
    expect(byOutcome.pending).toEqual([expect.objectContaining({ outcome: 'retry', responseCode: 451 })]);
    expect(await searched(gone)).toEqual([expect.objectContaining({ email: gone, status: 'confirmed', bounced: true, bounceCode: 550 })]);
    expect(await searched(busy)).toEqual([expect.objectContaining({ bounced: false })]);

    // The server takes both again; the retry comes due now instead of after its 30 s backoff.
    smtp.allow(gone);
    smtp.allow(busy);
    await service.sql(`UPDATE deliveries SET next_attempt_at = now() WHERE article_id = $1 AND status = 'pending'`, [first]);
    expect((await settled(first)).counts).toMatchObject({ total: 2, sent: 1, failed: 1 });
    expect(smtp.mailsTo(busy, /Council votes/)).toHaveLength(1);

    // Accepted by the server or not, a bounced address is not alerted: the fan-out skips it.
    const second = await publish('Budget passes');
    expect((await settled(second)).counts).toMatchObject({ total: 1, sent: 1 });
    expect(smtp.mailsTo(busy, /Budget passes/)).toHaveLength(1);
    expect(smtp.mailsTo(gone, /Budget passes|Council votes/)).toHaveLength(0);

    // Signing up again is a new double opt-in; confirming clears the bounce. (The link email's once-a-minute limit is moved past.)
    await service.sql(`UPDATE subscribers SET link_sent_at = now() - interval '2 minutes' WHERE lower(email) = $1`, [gone]);
    await signUpAndConfirm(gone);
    expect(await searched(gone)).toEqual([expect.objectContaining({ status: 'confirmed', bounced: false, bounceCode: null })]);
    const third = await publish('Mayor resigns');
    expect((await settled(third)).counts).toMatchObject({ total: 2, sent: 2 });
    expect(smtp.mailsTo(gone, /Mayor resigns/)).toHaveLength(1);
  });
});
