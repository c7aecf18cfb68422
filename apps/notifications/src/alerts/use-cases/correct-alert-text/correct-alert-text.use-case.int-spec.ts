import { UseCaseTestbed } from '@newsroom/test-harness';
import { deliveriesOf, emailSubscriber, errorCodeOf, publishedArticle, pushSubscriber } from '../../../../test/fixtures';
import { notificationsTestbed } from '../../../../test/notifications-testbed';
import { FanOutAlertsCommand } from '../fan-out-alerts/fan-out-alerts.command';
import { FanOutAlertsUseCase } from '../fan-out-alerts/fan-out-alerts.use-case';
import { CorrectAlertTextCommand } from './correct-alert-text.command';
import { CorrectAlertTextUseCase } from './correct-alert-text.use-case';
import { WithdrawAlertsCommand } from '../withdraw-alerts/withdraw-alerts.command';
import { WithdrawAlertsUseCase } from '../withdraw-alerts/withdraw-alerts.use-case';

describe(CorrectAlertTextUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let correct: CorrectAlertTextUseCase;
  const published = async (overrides: Parameters<typeof publishedArticle>[0] = {}) => {
    const article = publishedArticle({ revision: 2, ...overrides });
    await testbed.get(FanOutAlertsUseCase).execute(FanOutAlertsCommand.create(article));
    const { publishedAt: _publishedAt, ...content } = article;
    return content;
  };
  const storedText = async (articleId: string) =>
    (await testbed.query(`SELECT revision, headline, url FROM article_alerts WHERE article_id = $1`, [articleId]))[0];

  /** Marks the alert's deliveries to these recipients sent, as the delivery worker would. */
  const sentTo = (articleId: string, recipientIds: string[]) =>
    testbed.query(`UPDATE deliveries SET status = 'sent', attempts = 1, sent_at = now() WHERE article_id = $1 AND recipient_id = ANY($2::uuid[])`, [articleId, recipientIds]);
  const corrections = (articleId: string) =>
    testbed.query<{ channel: string; recipient_id: string; status: string; correction_note: string }>(
      `SELECT channel, recipient_id, status, correction_note FROM deliveries WHERE article_id = $1 AND kind = 'correction' ORDER BY channel, recipient_id`,
      [articleId],
    );
  const correction = { note: 'An earlier version misstated the vote: it was 7 to 2.', correctedAt: new Date('2026-11-30T12:00:00Z') };

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_correct'));
    correct = testbed.get(CorrectAlertTextUseCase);
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => testbed.reset());

  it('makes alerts not sent yet carry the corrected text, alerting nobody new', async () => {
    await emailSubscriber(testbed, 'follower@example.com', { sections: ['politics'] });
    const article = await published();
    await emailSubscriber(testbed, 'newcomer@example.com', { sections: ['politics'] });

    const result = await correct.execute(CorrectAlertTextCommand.create({ ...article, revision: 3, headline: 'Council approves crane ban (corrected)' }));

    expect(result).toEqual({ updated: true, correctionsQueued: 0 });
    expect(await storedText(article.articleId)).toMatchObject({ revision: 3, headline: 'Council approves crane ban (corrected)' });
    expect(await deliveriesOf(testbed, article.articleId)).toHaveLength(1);
  });

  it('makes alerts not sent yet carry an update’s newer text, alerting nobody new', async () => {
    await emailSubscriber(testbed, 'follower@example.com', { sections: ['politics'] });
    const article = await published();
    await emailSubscriber(testbed, 'newcomer@example.com', { sections: ['politics'] });

    const update = CorrectAlertTextCommand.create({ ...article, revision: 4, headline: 'Council bans night-time cranes from January', standfirst: 'The vote was 7 to 2.' });
    expect(await correct.execute(update)).toEqual({ updated: true, correctionsQueued: 0 });

    expect(await storedText(article.articleId)).toMatchObject({ revision: 4, headline: 'Council bans night-time cranes from January' });
    expect((await deliveriesOf(testbed, article.articleId)).map((row) => row.status)).toEqual(['pending']);
  });

  it('never goes back to an older revision', async () => {
    const article = await published();
    expect(await correct.execute(CorrectAlertTextCommand.create({ ...article, revision: 1, headline: 'Stale' }))).toEqual({ updated: false, correctionsQueued: 0 });
    expect(await storedText(article.articleId)).toMatchObject({ revision: 2, headline: article.headline });
  });

  it('changes nothing for an article it never saw published', async () => {
    const { publishedAt: _publishedAt, ...unknown } = publishedArticle();
    expect(await correct.execute(CorrectAlertTextCommand.create(unknown))).toEqual({ updated: false, correctionsQueued: 0 });
    expect(await testbed.query(`SELECT 1 FROM article_alerts`)).toHaveLength(0);
  });

  it('refuses a correction pointing off the public site: ALERT.OFF_SITE_URL, text unchanged', async () => {
    const article = await published();
    const forged = CorrectAlertTextCommand.create({ ...article, revision: 3, url: 'https://evil.example/phish' });
    expect(await errorCodeOf(() => correct.execute(forged))).toBe('ALERT.OFF_SITE_URL');
    expect(await storedText(article.articleId)).toMatchObject({ revision: 2, url: article.url });
  });

  it('queues one correction for each recipient and channel the alert reached, and none for the rest', async () => {
    const reader = await emailSubscriber(testbed, 'reader@example.com', { sections: ['politics'] });
    const phone = await pushSubscriber(testbed, { sections: ['politics'] });
    const waiting = await emailSubscriber(testbed, 'waiting@example.com', { sections: ['politics'] });
    const article = await published();
    const newcomer = await emailSubscriber(testbed, 'newcomer@example.com', { sections: ['politics'] });
    await sentTo(article.articleId, [reader, phone]);

    const result = await correct.execute(CorrectAlertTextCommand.create({ ...article, headline: 'Council approves crane ban by 7 to 2', correction }));

    expect(result).toEqual({ updated: true, correctionsQueued: 2 });
    const queued = await corrections(article.articleId);
    expect(queued.map((row) => [row.channel, row.recipient_id, row.status, row.correction_note])).toEqual([
      ['email', reader, 'pending', correction.note],
      ['push', phone, 'pending', correction.note],
    ]);
    expect(queued.map((row) => row.recipient_id)).not.toEqual(expect.arrayContaining([waiting]));
    expect(queued.map((row) => row.recipient_id)).not.toEqual(expect.arrayContaining([newcomer]));
  });

  it('queues the same correction only once, however often it is seen; a later correction again', async () => {
    const reader = await emailSubscriber(testbed, 'reader@example.com', { sections: ['politics'] });
    const article = await published();
    await sentTo(article.articleId, [reader]);
    const command = CorrectAlertTextCommand.create({ ...article, correction });

    expect((await correct.execute(command)).correctionsQueued).toBe(1);
    expect((await correct.execute(command)).correctionsQueued).toBe(0);
    const second = { note: 'The vote was held on Tuesday, not Monday.', correctedAt: new Date('2026-11-30T13:00:00Z') };
    expect((await correct.execute(CorrectAlertTextCommand.create({ ...article, correction: second }))).correctionsQueued).toBe(1);
    expect((await corrections(article.articleId)).map((row) => row.correction_note)).toEqual([correction.note, second.note]);
  });

  it('queues nothing for an update, even to recipients the alert reached', async () => {
    const reader = await emailSubscriber(testbed, 'reader@example.com', { sections: ['politics'] });
    const article = await published();
    await sentTo(article.articleId, [reader]);

    const update = await correct.execute(CorrectAlertTextCommand.create({ ...article, revision: 3, headline: 'Council bans night-time cranes from January' }));

    expect(update).toEqual({ updated: true, correctionsQueued: 0 });
    expect(await corrections(article.articleId)).toEqual([]);
  });

  it('queues nothing for a story withdrawn before its alert went out, nor after', async () => {
    await emailSubscriber(testbed, 'reader@example.com', { sections: ['politics'] });
    const article = await published();
    await testbed.get(WithdrawAlertsUseCase).execute(WithdrawAlertsCommand.create({ articleId: article.articleId, withdrawnAt: new Date(), removal: 'unpublished' }));

    expect((await correct.execute(CorrectAlertTextCommand.create({ ...article, correction }))).correctionsQueued).toBe(0);
    expect((await deliveriesOf(testbed, article.articleId)).map((row) => row.status)).toEqual(['cancelled']);
  });
});
