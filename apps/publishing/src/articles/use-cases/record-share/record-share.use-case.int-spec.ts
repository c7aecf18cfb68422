import { randomUUID } from 'node:crypto';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { refusal, thrownBy } from '@newsroom/testing';
import { PublishingFixtures, publishingTestbed, START } from '../../../../test/publishing.fixtures';
import type { ShareNetwork } from '../../domain/share-networks';
import { RecordShareCommand } from './record-share.command';
import { RecordShareUseCase } from './record-share.use-case';
import { ShareCountsQuery } from './share-counts.query';

const HOUR = 3600_000;

describe(RecordShareUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: PublishingFixtures;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(publishingTestbed('record_share', { providers: [RecordShareUseCase, ShareCountsQuery] }));
    fixtures = new PublishingFixtures(testbed);
  });
  beforeEach(async () => {
    await testbed.reset();
    fixtures.clock.set(START);
  });
  afterAll(() => testbed?.close());

  const share = (articleId: string, network: ShareNetwork) => testbed.get(RecordShareUseCase).execute(RecordShareCommand.create({ articleId, network }));

  it('counts each share per network and in all, and keeps nothing but the counters', async () => {
    const articleId = await fixtures.live();
    await share(articleId, 'x');
    await share(articleId, 'x');
    const counts = await share(articleId, 'email');

    expect(counts).toEqual({ total: 3, byNetwork: { email: 1, x: 2, facebook: 0, linkedin: 0, whatsapp: 0 } });
    expect(await testbed.get(ShareCountsQuery).execute(articleId)).toEqual(counts);
    expect(await testbed.query('SELECT * FROM article_shares WHERE article_id = $1 ORDER BY network', [articleId])).toEqual([
      { article_id: articleId, network: 'email', shares: '1' },
      { article_id: articleId, network: 'x', shares: '2' },
    ]);
  });

  it('counts concurrent shares without losing one', async () => {
    const articleId = await fixtures.live();
    await Promise.all(Array.from({ length: 10 }, () => share(articleId, 'whatsapp')));
    expect((await testbed.get(ShareCountsQuery).execute(articleId)).byNetwork.whatsapp).toBe(10);
  });

  it('counts nothing for an article readers cannot see: unknown, scheduled, withdrawn or killed', async () => {
    const killed = await fixtures.live();
    await fixtures.kill(killed);
    const unseen = [randomUUID(), await fixtures.scheduled(HOUR), await fixtures.withdrawn(), killed];
    for (const articleId of unseen) expect((await refusal(share(articleId, 'x'))).code).toBe('ARTICLE.NOT_FOUND');
    expect(await testbed.query('SELECT count(*)::int AS n FROM article_shares')).toEqual([{ n: 0 }]);
  });

  it('refuses a network it does not know before anything runs', () => {
    expect(thrownBy(() => RecordShareCommand.create({ articleId: randomUUID(), network: 'myspace' as ShareNetwork })).code).toBe('COMMAND.INVALID');
  });
});
