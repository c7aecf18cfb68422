import { UseCaseTestbed, eventually } from '@newsroom/test-harness';
import { alice, bob, DraftFixtures, draftingTestbed } from '../../../test/drafting.fixtures';
import { DraftRepository } from './draft.repository';

describe(DraftRepository.name, () => {
  let testbed: UseCaseTestbed;
  let given: DraftFixtures;
  let drafts: DraftRepository;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(draftingTestbed('draft_repository'));
    given = new DraftFixtures(testbed);
    drafts = testbed.get(DraftRepository);
  });
  afterAll(() => testbed?.close());

  /** Sessions of this database waiting for a row lock. */
  const lockWaiters = async () =>
    (await testbed.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [testbed.db.name]))[0].n;

  it('locks only inside a unit of work: a lock outside one would end at once', async () => {
    const id = await given.draft();
    await expect(drafts.findForUpdate(id)).rejects.toThrow('DraftRepository.findForUpdate must run inside UnitOfWork.run()');
  });

  it('holds the row until the unit ends, so a second writer waits and then sees the first one’s change', async () => {
    const id = await given.draft();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const firstHasLock = new Promise<void>((resolve) => (locked = resolve));

    const first = testbed.unitOfWork.run(async () => {
      const draft = await drafts.findForUpdate(id);
      locked();
      await released;
      draft!.edit('alice', 1, { headline: 'First writer' }, new Date());
      await drafts.save(draft!);
    });
    await firstHasLock;
    const second = testbed.unitOfWork.run(async () => (await drafts.findForUpdate(id))!.snapshot());

    await eventually('the second writer to wait for the row lock', async () => (await lockWaiters()) === 1);
    release();
    await first;
    const seen = await second;
    expect(seen).toMatchObject({ version: 2, content: expect.objectContaining({ headline: 'First writer' }) });
  });

  it('lists one reporter’s drafts or everyone’s, newest change first, with a status filter and a total', async () => {
    await testbed.reset();
    const older = await given.draft(alice);
    const bobs = await given.draft(bob);
    await given.edit(bobs, 1, { headline: 'Edited after alice started hers' }, bob);
    const newer = await given.submitted(alice);

    const [mine, myTotal] = await drafts.list({ authorId: 'alice', limit: 10, offset: 0 });
    expect(mine.map((d) => d.id)).toEqual([newer, older]);
    expect(myTotal).toBe(2);

    const [all, total] = await drafts.list({ limit: 2, offset: 0 });
    expect(total).toBe(3);
    expect(all.map((d) => d.id)).toEqual([newer, bobs]);

    const [submitted] = await drafts.list({ status: 'submitted', limit: 10, offset: 0 });
    expect(submitted.map((d) => d.id)).toEqual([newer]);
  });
});
