import { randomUUID } from 'node:crypto';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { emailSubscriber } from '../../../../test/fixtures';
import { fakesOf, notificationsTestbed, resetNotifications, TEST_SITE_URL } from '../../../../test/notifications-testbed';
import type { RecordingMailer } from '../../../../test/recording-mailer';
import { wallClockOf } from '../../../subscriptions/domain/quiet-hours';
import { DigestRepository } from '../../persistence/digest.repository';
import { SendDigestsCommand } from './send-digests.command';
import { DIGEST_RETRY_DELAY_MS, SendDigestsUseCase } from './send-digests.use-case';

/** The specs' DIGEST_LOCAL_TIME: the default. */
const DIGEST_HOUR_MS = 7 * 3_600_000;

/**
 * Fixed-offset zones from UTC−12 to UTC+14 (`Etc/GMT+5` is five hours behind): whatever the
 * time the spec runs, some have passed 07:00 today and some have not. Every reader who should
 * get a digest lives in one that has, so no spec depends on the hour it runs at.
 */
const ZONES = Array.from({ length: 27 }, (_, i) => i - 12).map((hours) => (hours === 0 ? 'UTC' : `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`));
const zoneWhere = (due: boolean) =>
  ZONES.find((zone) => {
    // Ten minutes clear of 07:00 either way, so the answer holds while the spec runs.
    const sinceDigestTime = wallClockOf(new Date(), zone).millisOfDay - DIGEST_HOUR_MS;
    return Math.abs(sinceDigestTime) > 600_000 && (sinceDigestTime > 0) === due;
  })!;

describe(SendDigestsUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let mailer: RecordingMailer;
  const run = () => testbed.get(SendDigestsUseCase).execute(SendDigestsCommand.create({ batchSize: 50 }));

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_digests', [DigestRepository, SendDigestsUseCase]));
    mailer = fakesOf(testbed).mailer;
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => resetNotifications(testbed));

  /** A confirmed daily-digest reader of politics in `timeZone`. */
  async function digestReader(email: string, timeZone: string, confirmed = true): Promise<string> {
    const id = await emailSubscriber(testbed, email, { sections: ['politics'], frequency: 'daily-digest', timeZone }, { confirmed });
    mailer.clear();
    return id;
  }

  async function story(headline: string, hoursAgo: number): Promise<void> {
    const id = randomUUID();
    await testbed.query(
      `INSERT INTO article_alerts (article_id, revision, headline, url, section, tags, priority, published_at)
       VALUES ($1, 1, $2, $3, 'politics', '{}', 'normal', now() - make_interval(secs => $4))`,
      [id, headline, `${TEST_SITE_URL}/articles/${id}`, hoursAgo * 3600],
    );
  }

  const digestOf = async (subscriberId: string) =>
    (await testbed.query<{ status: string; story_count: number | null; last_error: string | null; attempt_after: Date }>(
      `SELECT status, story_count, last_error, attempt_after FROM digests WHERE subscriber_id = $1 ORDER BY local_date DESC LIMIT 1`,
      [subscriberId],
    ))[0];

  it('claims only readers whose own clock has passed the digest time, confirmed, not bounced, and once a day', async () => {
    const due = await digestReader('due@example.com', zoneWhere(true));
    const early = await digestReader('early@example.com', zoneWhere(false));
    const pending = await digestReader('pending@example.com', zoneWhere(true), false);
    const bounced = await digestReader('bounced@example.com', zoneWhere(true));
    await testbed.query(`UPDATE subscribers SET bounced_at = now(), bounce_code = 550 WHERE id = $1`, [bounced]);
    await emailSubscriber(testbed, 'every@example.com', { sections: ['politics'], timeZone: zoneWhere(true) });
    mailer.clear();
    await story('Council meets', 1);

    const first = await run();

    expect(first).toEqual({ claimed: 1, settled: { sent: 1, empty: 0, failed: 0 }, more: false });
    expect(mailer.sent.map((mail) => mail.to)).toEqual(['due@example.com']);
    for (const id of [early, pending, bounced]) expect(await digestOf(id)).toBeUndefined();
    expect(await digestOf(due)).toMatchObject({ status: 'sent', story_count: 1 });
    expect(await run()).toEqual({ claimed: 0, settled: { sent: 0, empty: 0, failed: 0 }, more: false });
    expect(mailer.sent).toHaveLength(1);
  });

  it('lists the stories since the previous digest, and sends nothing when there are none', async () => {
    const zone = zoneWhere(true);
    const reader = await digestReader('reader@example.com', zone);
    const quiet = await digestReader('quiet@example.com', zone);
    // Yesterday's digests (on the readers' own calendar) covered everything up to three hours ago.
    await testbed.query(
      `INSERT INTO digests (subscriber_id, local_date, status, stories_since, stories_until, settled_at)
       SELECT id, (now() AT TIME ZONE $3)::date - 1, 'sent', now() - interval '27 hours', now() - interval '3 hours', now() - interval '3 hours' FROM subscribers WHERE id IN ($1, $2)`,
      [reader, quiet, zone],
    );
    await story('In yesterday\'s digest', 5);
    await testbed.query(`UPDATE subscribers SET sections = '{sport}' WHERE id = $1`, [quiet]);
    await story('New since then', 1);

    await run();

    expect(mailer.sent.map((mail) => [mail.to, mail.subject.replace(/for .*:/, 'for today:')])).toEqual([['reader@example.com', 'Your Newsroom digest for today: 1 story']]);
    expect(mailer.sent[0].text).toContain('New since then');
    expect(mailer.sent[0].text).not.toContain('yesterday');
    expect(await digestOf(quiet)).toMatchObject({ status: 'empty', story_count: 0 });
  });

  it('keeps a deferred digest claimed for a later try, and marks a refused mailbox bounced', async () => {
    const deferred = await digestReader('deferred@example.com', zoneWhere(true));
    await story('Council meets', 1);
    mailer.refuseNext();
    const before = Date.now();

    expect(await run()).toMatchObject({ claimed: 1, settled: { sent: 0, empty: 0, failed: 0 } });
    const waiting = await digestOf(deferred);
    expect(waiting).toMatchObject({ status: 'claimed', last_error: expect.stringContaining('ECONNECTION') });
    expect(waiting.attempt_after.getTime()).toBeGreaterThanOrEqual(before + DIGEST_RETRY_DELAY_MS - 1000);
    expect(mailer.sent).toHaveLength(0);
    // Not tried again before its time.
    expect(await run()).toMatchObject({ claimed: 0, settled: { sent: 0, empty: 0, failed: 0 } });

    await testbed.query(`UPDATE digests SET attempt_after = now() WHERE subscriber_id = $1`, [deferred]);
    mailer.replyNext(550);
    expect(await run()).toMatchObject({ settled: { sent: 0, empty: 0, failed: 1 } });
    expect(await digestOf(deferred)).toMatchObject({ status: 'failed', last_error: 'SMTP 550 5.1.1' });
    expect(await testbed.query(`SELECT bounce_code FROM subscribers WHERE id = $1`, [deferred])).toEqual([{ bounce_code: 550 }]);
  });

  it('sends nothing to a reader who left between the claim and the send', async () => {
    const leaving = await digestReader('leaving@example.com', zoneWhere(true));
    await story('Council meets', 1);
    await testbed.unitOfWork.run(() => testbed.get(DigestRepository).claimDue('00:00', 10));
    await testbed.query(`UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = now() WHERE id = $1`, [leaving]);

    await run();

    expect(mailer.sent).toHaveLength(0);
    expect(await digestOf(leaving)).toMatchObject({ status: 'empty' });
  });
});
