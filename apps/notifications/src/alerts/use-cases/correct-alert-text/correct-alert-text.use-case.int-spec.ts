import { UseCaseTestbed } from '@newsroom/test-harness';
import { deliveriesOf, emailSubscriber, errorCodeOf, publishedArticle } from '../../../../test/fixtures';
import { notificationsTestbed } from '../../../../test/notifications-testbed';
import { FanOutAlertsCommand } from '../fan-out-alerts/fan-out-alerts.command';
import { FanOutAlertsUseCase } from '../fan-out-alerts/fan-out-alerts.use-case';
import { CorrectAlertTextCommand } from './correct-alert-text.command';
import { CorrectAlertTextUseCase } from './correct-alert-text.use-case';

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

    expect(result).toEqual({ updated: true });
    expect(await storedText(article.articleId)).toMatchObject({ revision: 3, headline: 'Council approves crane ban (corrected)' });
    expect(await deliveriesOf(testbed, article.articleId)).toHaveLength(1);
  });

  it('makes alerts not sent yet carry an update’s newer text, alerting nobody new', async () => {
    await emailSubscriber(testbed, 'follower@example.com', { sections: ['politics'] });
    const article = await published();
    await emailSubscriber(testbed, 'newcomer@example.com', { sections: ['politics'] });

    const update = CorrectAlertTextCommand.create({ ...article, revision: 4, headline: 'Council bans night-time cranes from January', standfirst: 'The vote was 7 to 2.' });
    expect(await correct.execute(update)).toEqual({ updated: true });

    expect(await storedText(article.articleId)).toMatchObject({ revision: 4, headline: 'Council bans night-time cranes from January' });
    expect((await deliveriesOf(testbed, article.articleId)).map((row) => row.status)).toEqual(['pending']);
  });

  it('never goes back to an older revision', async () => {
    const article = await published();
    expect(await correct.execute(CorrectAlertTextCommand.create({ ...article, revision: 1, headline: 'Stale' }))).toEqual({ updated: false });
    expect(await storedText(article.articleId)).toMatchObject({ revision: 2, headline: article.headline });
  });

  it('changes nothing for an article it never saw published', async () => {
    const { publishedAt: _publishedAt, ...unknown } = publishedArticle();
    expect(await correct.execute(CorrectAlertTextCommand.create(unknown))).toEqual({ updated: false });
    expect(await testbed.query(`SELECT 1 FROM article_alerts`)).toHaveLength(0);
  });

  it('refuses a correction pointing off the public site: ALERT.OFF_SITE_URL, text unchanged', async () => {
    const article = await published();
    const forged = CorrectAlertTextCommand.create({ ...article, revision: 3, url: 'https://evil.example/phish' });
    expect(await errorCodeOf(() => correct.execute(forged))).toBe('ALERT.OFF_SITE_URL');
    expect(await storedText(article.articleId)).toMatchObject({ revision: 2, url: article.url });
  });
});
