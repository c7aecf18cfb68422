import { UnitOfWork } from '@newsroom/persistence';
import { eventually, UseCaseTestbed } from '@newsroom/test-harness';
import { afterStart, PublishingFixtures, publishingTestbed, START } from '../../../test/publishing.fixtures';
import { testContent } from '../../../test/test-articles';
import { ArticleRepository } from './article.repository';

const MINUTE = 60_000;

/**
 * A promise with its resolver: lets a spec hold a transaction open (and its row locks) until
 * it has looked at what another transaction does meanwhile.
 */
function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe(ArticleRepository.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: PublishingFixtures;
  let articles: ArticleRepository;
  let unitOfWork: UnitOfWork;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(publishingTestbed('article_repository'));
    fixtures = new PublishingFixtures(testbed);
    articles = testbed.get(ArticleRepository);
    unitOfWork = testbed.get(UnitOfWork);
  });
  beforeEach(async () => {
    await testbed.reset();
    fixtures.clock.set(START);
  });
  afterAll(() => testbed?.close());

  /** Sessions of this database waiting for a row lock right now. */
  const lockWaits = async () =>
    (await testbed.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n;

  describe('findForUpdate', () => {
    it('locks the row: a second unit of work waits until the first one ends, then reads what it wrote', async () => {
      const articleId = await fixtures.live();
      const release = gate();
      const locked = gate();

      const first = unitOfWork.run(async () => {
        const article = (await articles.findForUpdate(articleId))!;
        locked.open();
        await release.opened;
        article.unpublish('Legal hold', 'editor-eve', START);
        await articles.save(article);
      });
      await locked.opened;
      const second = unitOfWork.run(async () => (await articles.findForUpdate(articleId))?.status);

      await eventually('the second unit of work to wait for the lock', async () => (await lockWaits()) === 1);
      release.open();
      await first;
      expect(await second).toBe('withdrawn');
      expect(await lockWaits()).toBe(0);
    });

    it('needs a unit of work', async () => {
      await expect(articles.findForUpdate('5150485c-452c-4066-a93f-52483f84c08b')).rejects.toThrow(/inside UnitOfWork.run/);
    });

    it('is null for an unknown article', async () => {
      expect(await unitOfWork.run(() => articles.findForUpdate('5150485c-452c-4066-a93f-52483f84c08b'))).toBeNull();
    });
  });

  describe('findForUpdateWithSlugs', () => {
    it('locks the row as findForUpdate does, and says which candidates other articles hold', async () => {
      const articleId = await fixtures.live({ article: testContent({ headline: 'Bridge reopens' }) });
      const other = await fixtures.live({ article: testContent({ headline: 'Harbour closes' }) });
      const release = gate();
      const locked = gate();

      const first = unitOfWork.run(async () => {
        const read = await articles.findForUpdateWithSlugs(articleId, ['bridge-reopens', 'harbour-closes', 'nobody-has-this']);
        locked.open();
        await release.opened;
        return read;
      });
      await locked.opened;
      const second = unitOfWork.run(async () => (await articles.findForUpdateWithSlugs(articleId, []))?.article?.status);

      await eventually('the second unit of work to wait for the lock', async () => (await lockWaits()) === 1);
      release.open();
      const { article, slugs } = await first;
      expect(article?.id).toBe(articleId);
      expect(article?.slug).toBe('bridge-reopens');
      // Its own slug is not taken from it; the other article's is.
      expect([...slugs.taken]).toEqual(['harbour-closes']);
      expect(slugs.candidates).toEqual(['bridge-reopens', 'harbour-closes', 'nobody-has-this']);
      expect(await second).toBe('published');
      expect(other).not.toBe(articleId);
    });

    it('is null for an unknown article, still with the slugs in use', async () => {
      await fixtures.live({ article: testContent({ headline: 'Harbour closes' }) });
      const read = await unitOfWork.run(() => articles.findForUpdateWithSlugs('5150485c-452c-4066-a93f-52483f84c08b', ['harbour-closes', 'free-slug']));
      expect(read.article).toBeNull();
      expect([...read.slugs.taken]).toEqual(['harbour-closes']);
    });
  });

  describe('claimNextDue', () => {
    it('claims the article due the longest, and nothing that is not due yet', async () => {
      const second = await fixtures.scheduled(2 * MINUTE);
      const first = await fixtures.scheduled(1 * MINUTE);
      await fixtures.scheduled(10 * MINUTE);

      expect(await unitOfWork.run(() => articles.claimNextDue(afterStart(5 * MINUTE), new Set()))).toBe(first);
      expect(await unitOfWork.run(() => articles.claimNextDue(afterStart(5 * MINUTE), new Set([first])))).toBe(second);
      expect(await unitOfWork.run(() => articles.claimNextDue(afterStart(5 * MINUTE), new Set([first, second])))).toBeNull();
      expect(await unitOfWork.run(() => articles.claimNextDue(afterStart(0), new Set()))).toBeNull();
    });

    it('skips a row another transaction holds instead of waiting for it', async () => {
      const first = await fixtures.scheduled(1 * MINUTE);
      const second = await fixtures.scheduled(2 * MINUTE);
      const release = gate();
      const claimed = gate();

      const holder = unitOfWork.run(async () => {
        const id = await articles.claimNextDue(afterStart(5 * MINUTE), new Set());
        claimed.open();
        await release.opened;
        return id;
      });
      await claimed.opened;
      const other = await unitOfWork.run(() => articles.claimNextDue(afterStart(5 * MINUTE), new Set()));
      release.open();

      expect([await holder, other]).toEqual([first, second]);
    });

    it('needs a unit of work', async () => {
      await expect(articles.claimNextDue(START, new Set())).rejects.toThrow(/inside UnitOfWork.run/);
    });
  });

  describe('nextDueAfter', () => {
    it('is the earliest time still to come, or null when nothing waits', async () => {
      expect(await articles.nextDueAfter(START)).toBeNull();
      await fixtures.scheduled(3 * MINUTE);
      await fixtures.scheduled(1 * MINUTE);
      expect(await articles.nextDueAfter(START)).toEqual(afterStart(MINUTE));
      expect(await articles.nextDueAfter(afterStart(MINUTE))).toEqual(afterStart(3 * MINUTE));
      expect(await articles.nextDueAfter(afterStart(3 * MINUTE))).toBeNull();
    });
  });

  describe('allocateSlug', () => {
    it('takes the headline’s slug, then one with a piece of the id, then the whole id', async () => {
      const article = testContent({ headline: 'Flood warning' });
      const plain = await fixtures.live({ article });
      const twin = await fixtures.live({ article });
      const shortSuffix = (await fixtures.row(twin))!.slug!;
      // A third article whose short suffix is already taken, as a collision would leave it.
      const third = `${twin.slice(0, 8)}-0000-4000-8000-000000000000`;

      expect((await fixtures.row(plain))!.slug).toBe('flood-warning');
      expect(shortSuffix).toBe(`flood-warning-${twin.slice(0, 8)}`);
      expect(await articles.allocateSlug(third, 'Flood warning')).toBe(`flood-warning-${third.replace(/-/g, '')}`);
    });

    it('keeps an article’s own slug free for itself', async () => {
      const articleId = await fixtures.live({ article: testContent({ headline: 'Flood warning' }) });
      expect(await articles.allocateSlug(articleId, 'Flood warning')).toBe('flood-warning');
    });
  });
});
