import { randomUUID } from 'node:crypto';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { emailSubscriber, errorCodeOf } from '../../../../test/fixtures';
import { notificationsTestbed, resetNotifications } from '../../../../test/notifications-testbed';
import { SearchSubscribersQuery } from '../search-subscribers/search-subscribers.query';
import { EraseSubscriberCommand } from './erase-subscriber.command';
import { EraseSubscriberUseCase } from './erase-subscriber.use-case';

describe(EraseSubscriberUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let erase: EraseSubscriberUseCase;
  let search: SearchSubscribersQuery;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_erase_subscriber', [EraseSubscriberUseCase, SearchSubscribersQuery]));
    erase = testbed.get(EraseSubscriberUseCase);
    search = testbed.get(SearchSubscribersQuery);
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => resetNotifications(testbed));

  it('removes the address and everything personal, cancels what is pending, and keeps every delivery counted', async () => {
    const id = await emailSubscriber(testbed, 'ann@example.com', { sections: ['politics'] });
    const other = await emailSubscriber(testbed, 'bob@example.com', { sections: ['politics'] });
    const [sent, pending] = [randomUUID(), randomUUID()];
    for (const articleId of [sent, pending]) await testbed.query(`INSERT INTO article_alerts (article_id, headline) VALUES ($1, 'x')`, [articleId]);
    const [{ id: deliveryId }] = await testbed.query<{ id: string }>(
      `INSERT INTO deliveries (article_id, channel, subscriber_id, status, last_error) VALUES ($1, 'email', $2, 'failed', '550 ann@example.com: no such user') RETURNING id`,
      [sent, id],
    );
    await testbed.query(`INSERT INTO delivery_attempts (delivery_id, attempt, started_at, finished_at, outcome, error) VALUES ($1, 1, now(), now(), 'failed', '550 ann@example.com')`, [deliveryId]);
    await testbed.query(`INSERT INTO deliveries (article_id, channel, subscriber_id) VALUES ($1, 'email', $2), ($1, 'email', $3)`, [pending, id, other]);

    await erase.execute(EraseSubscriberCommand.create({ subscriberId: id }));

    expect(await testbed.query(`SELECT email, status, sections, confirmed_at FROM subscribers WHERE id = $1`, [id])).toEqual([
      { email: `erased:${id}`, status: 'unsubscribed', sections: [], confirmed_at: null },
    ]);
    const personal = await testbed.query(`SELECT d.last_error, a.error FROM deliveries d LEFT JOIN delivery_attempts a ON a.delivery_id = d.id WHERE d.subscriber_id = $1`, [id]);
    expect(JSON.stringify(personal)).not.toContain('ann@');
    expect(await testbed.query(`SELECT article_id, status FROM deliveries ORDER BY subscriber_id = $1, article_id`, [id])).toHaveLength(3);
    expect(await testbed.query(`SELECT status FROM deliveries WHERE article_id = $1 AND subscriber_id = $2`, [pending, id])).toEqual([{ status: 'cancelled' }]);
    expect(await testbed.query(`SELECT status FROM deliveries WHERE article_id = $1 AND subscriber_id = $2`, [pending, other])).toEqual([{ status: 'pending' }]);
    expect((await search.search('ann', 10, 0)).total).toBe(0);
    expect((await search.search('EXAMPLE', 10, 0)).subscribers.map((s) => s.email)).toEqual(['bob@example.com']);
  });

  it('lets the address sign up again as a new subscriber afterwards', async () => {
    const id = await emailSubscriber(testbed, 'ann@example.com', { sections: ['politics'] });
    await erase.execute(EraseSubscriberCommand.create({ subscriberId: id }));
    const again = await emailSubscriber(testbed, 'ann@example.com', { sections: ['politics'] }, { confirmed: false });
    expect(again).not.toBe(id);
  });

  it('says when there is nobody to erase: SUBSCRIBER.NOT_FOUND', async () => {
    expect(await errorCodeOf(() => erase.execute(EraseSubscriberCommand.create({ subscriberId: randomUUID() })))).toBe('SUBSCRIBER.NOT_FOUND');
  });
});
