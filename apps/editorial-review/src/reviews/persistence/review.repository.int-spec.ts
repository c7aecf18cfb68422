import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '@newsroom/persistence';
import { eventually, UseCaseTestbed } from '@newsroom/test-harness';
import { ReviewFixtures, reviewTestbed } from '../../../test/review.fixtures';
import { ReviewRepository } from './review.repository';

describe(ReviewRepository.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: ReviewFixtures;
  let reviews: ReviewRepository;
  let unitOfWork: UnitOfWork;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(reviewTestbed('repository'));
    fixtures = new ReviewFixtures(testbed);
    reviews = testbed.get(ReviewRepository);
    unitOfWork = testbed.get(UnitOfWork);
  });
  afterAll(() => testbed?.close());

  describe('lock', () => {
    it('holds the row until the unit of work ends: a second locker waits, then reads what the first stored', async () => {
      const articleId = await fixtures.inStatus('pending');
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let firstHolds!: () => void;
      const held = new Promise<void>((resolve) => (firstHolds = resolve));

      const first = unitOfWork.run(async () => {
        const review = await reviews.lockExisting(articleId);
        firstHolds();
        await released;
        review.claim({ id: 'bob', isAdmin: false }, new Date());
        await reviews.save(review);
      });
      await held;
      let secondSaw: string | undefined;
      const second = unitOfWork.run(async () => {
        secondSaw = (await reviews.lockExisting(articleId)).status;
      });

      await eventually('the second lock to wait on the first', async () => {
        const waiting = await testbed.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        return waiting.length === 1 || undefined;
      });
      expect(secondSaw).toBeUndefined();
      release();
      await Promise.all([first, second]);
      expect(secondSaw).toBe('in_review');
    });

    it('refuses to lock outside a unit of work, where the lock would end with the statement', async () => {
      await expect(reviews.lock(randomUUID())).rejects.toThrow(/inside UnitOfWork\.run\(\)/);
    });

    it('finds nothing for an article never submitted, and lockExisting calls that REVIEW.NOT_FOUND', async () => {
      await unitOfWork.run(async () => {
        expect(await reviews.lock(randomUUID())).toBeNull();
        await expect(reviews.lockExisting(randomUUID())).rejects.toMatchObject({ code: 'REVIEW.NOT_FOUND' });
      });
    });
  });

  describe('list (the queue)', () => {
    const at = (minute: number) => new Date(Date.UTC(2025, 10, 21, 9, minute));
    let ids: { early: string; tieLow: string; tieHigh: string; late: string };

    beforeAll(async () => {
      await testbed.reset();
      const [tieLow, tieHigh] = [randomUUID(), randomUUID()].sort();
      ids = { early: randomUUID(), tieLow, tieHigh, late: randomUUID() };
      await fixtures.submit({ articleId: ids.late, submittedAt: at(30) });
      await fixtures.submit({ articleId: ids.tieHigh, submittedAt: at(10) });
      await fixtures.inStatus('in_review', { articleId: ids.early, submittedAt: at(0) });
      await fixtures.submit({ articleId: ids.tieLow, submittedAt: at(10) });
    });

    it('puts the oldest submission first, and breaks ties by article id so pages never overlap', async () => {
      const [rows, total] = await reviews.list({ limit: 10, offset: 0 });
      expect(rows.map((row) => row.articleId)).toEqual([ids.early, ids.tieLow, ids.tieHigh, ids.late]);
      expect(total).toBe(4);
    });

    it('pages with limit and offset, counting every match', async () => {
      const [rows, total] = await reviews.list({ limit: 2, offset: 1 });
      expect(rows.map((row) => row.articleId)).toEqual([ids.tieLow, ids.tieHigh]);
      expect(total).toBe(4);
    });

    it('filters by status', async () => {
      const [pending, pendingTotal] = await reviews.list({ status: 'pending', limit: 10, offset: 0 });
      expect(pending.map((row) => row.articleId)).toEqual([ids.tieLow, ids.tieHigh, ids.late]);
      expect(pendingTotal).toBe(3);
      expect(await reviews.list({ status: 'approved', limit: 10, offset: 0 })).toEqual([[], 0]);
    });
  });
});
