import { randomUUID } from 'node:crypto';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { notificationsTestbed, resetNotifications } from '../../../../test/notifications-testbed';
import { ReadAlertClicksQuery } from '../read-alert-clicks/read-alert-clicks.query';
import { RecordAlertClickCommand } from './record-alert-click.command';
import { RecordAlertClickUseCase } from './record-alert-click.use-case';

describe(RecordAlertClickUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let record: RecordAlertClickUseCase;
  let read: ReadAlertClicksQuery;
  const click = (articleId: string) => record.execute(RecordAlertClickCommand.create({ articleId, channel: 'push' }));

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_alert_clicks', [RecordAlertClickUseCase, ReadAlertClicksQuery]));
    record = testbed.get(RecordAlertClickUseCase);
    read = testbed.get(ReadAlertClicksQuery);
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => resetNotifications(testbed));

  it('counts push click-throughs per alert', async () => {
    const [story, other] = [randomUUID(), randomUUID()];
    for (const articleId of [story, other]) await testbed.query(`INSERT INTO article_alerts (article_id, headline) VALUES ($1, 'x')`, [articleId]);

    await click(story);
    await click(story.toUpperCase());
    await click(other);

    expect(await read.forArticle(story)).toEqual({ articleId: story, clicks: { push: 2, email: 0 } });
    expect(await read.forArticle(other)).toEqual({ articleId: other, clicks: { push: 1, email: 0 } });
  });

  it('stores nothing for an article it never alerted about (made-up ids cannot fill the table)', async () => {
    const unknown = randomUUID();
    await click(unknown);
    expect(await testbed.query(`SELECT 1 FROM alert_clicks`)).toEqual([]);
    expect(await read.forArticle(unknown)).toEqual({ articleId: unknown, clicks: { push: 0, email: 0 } });
  });

  it('takes only an article id and a known channel: COMMAND.INVALID', async () => {
    expect(() => RecordAlertClickCommand.create({ articleId: 'nope', channel: 'push' })).toThrow(expect.objectContaining({ code: 'COMMAND.INVALID' }));
    expect(() => RecordAlertClickCommand.create({ articleId: randomUUID(), channel: 'sms' as 'push' })).toThrow(expect.objectContaining({ code: 'COMMAND.INVALID' }));
    // E-mail alerts link straight to the story: a click said to come from one is made up.
    expect(() => RecordAlertClickCommand.create({ articleId: randomUUID(), channel: 'email' as 'push' })).toThrow(expect.objectContaining({ code: 'COMMAND.INVALID' }));
  });
});
