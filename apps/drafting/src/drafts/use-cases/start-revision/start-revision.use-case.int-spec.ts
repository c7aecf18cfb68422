import { EVENT_TYPES } from '@newsroom/contracts';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { refusal } from '@newsroom/testing';
import { alice, bob, DraftFixtures, draftingTestbed, eve } from '../../../../test/drafting.fixtures';
import { ReadDraftsQuery } from '../read-drafts/read-drafts.query';
import { StartRevisionCommand } from './start-revision.command';
import { StartRevisionUseCase } from './start-revision.use-case';

const PUBLIC_URL = 'https://news.example.org/articles/city-opens-night-bus';

describe(StartRevisionUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let given: DraftFixtures;

  beforeAll(async () => {
    const base = draftingTestbed('start_revision');
    testbed = await UseCaseTestbed.start({ ...base, providers: [...base.providers, StartRevisionUseCase] });
    given = new DraftFixtures(testbed);
  });
  afterAll(() => testbed?.close());

  const start = (draftId: string, actor = alice, expectedVersion?: number) =>
    testbed.get(StartRevisionUseCase).execute(StartRevisionCommand.create({ draftId, actor, expectedVersion }));
  const read = (draftId: string) => testbed.get(ReadDraftsQuery).get(alice, draftId);

  /** A draft whose revision 1 an editor approved and publishing put live; returns its id. */
  async function published(): Promise<string> {
    const id = await given.submitted();
    await given.progress(id, { milestone: 'approved', revision: 1, actorId: eve.id });
    await given.progress(id, { milestone: 'published', revision: 1, publicUrl: PUBLIC_URL });
    return id;
  }

  it('opens a published story for a newer revision that goes to review like any draft', async () => {
    const id = await published();

    expect(await start(id, alice, 1)).toEqual({ revision: 2 });
    expect(await read(id)).toMatchObject({ status: 'draft', version: 2, editable: true, publicUrl: PUBLIC_URL });
    await given.edit(id, 2, { headline: 'City opens its first night bus line, with two more to come' });
    await given.submit(id);

    const submitted = (await testbed.recordedEvents(id)).filter((event) => event.type === EVENT_TYPES.articleSubmitted);
    expect(submitted.map((event) => (event.data as { revision: number }).revision)).toEqual([1, 3]);
    expect((submitted[1].data as { article: { headline: string } }).article.headline).toBe('City opens its first night bus line, with two more to come');
    expect((await read(id)).activity.map((entry) => entry.kind)).toEqual(['created', 'submitted', 'approved', 'published', 'revision_started', 'edited', 'submitted']);
  });

  it('shows the update as published when publishing reports it live', async () => {
    const id = await published();
    await start(id);
    await given.submit(id);
    await given.progress(id, { milestone: 'approved', revision: 2, actorId: eve.id });
    await given.progress(id, { milestone: 'updated', revision: 2, publicUrl: PUBLIC_URL });
    expect(await read(id)).toMatchObject({ status: 'published', version: 2, publicUrl: PUBLIC_URL, editable: false });
  });

  it('refuses a story that is not published, someone else’s, or a stale version, changing nothing', async () => {
    const draft = await given.draft();
    expect((await refusal(start(draft))).code).toBe('DRAFT.NOT_REVISABLE');
    const id = await published();
    expect((await refusal(start(id, bob))).code).toBe('DRAFT.NOT_FOUND');
    expect((await refusal(start(id, alice, 5))).code).toBe('DRAFT.VERSION_CONFLICT');
    expect(await read(id)).toMatchObject({ status: 'published', version: 1 });
  });
});
