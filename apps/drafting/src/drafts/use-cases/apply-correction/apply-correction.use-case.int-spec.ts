import { randomUUID } from 'node:crypto';
import type { ArticleCorrectedData } from '@newsroom/contracts';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { refusal } from '@newsroom/testing';
import { article } from '../../../../test/article.fixtures';
import { alice, DraftFixtures, draftingTestbed, eve } from '../../../../test/drafting.fixtures';
import { ReadDraftsQuery } from '../read-drafts/read-drafts.query';
import { StartRevisionCommand } from '../start-revision/start-revision.command';
import { StartRevisionUseCase } from '../start-revision/start-revision.use-case';
import { ApplyCorrectionCommand } from './apply-correction.command';
import { ApplyCorrectionUseCase } from './apply-correction.use-case';

const PUBLIC_URL = 'https://news.example.org/articles/mayor-resigns';
const NOTE = 'The mayor is named Smyth, not Smith.';

describe(ApplyCorrectionUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let given: DraftFixtures;

  beforeAll(async () => {
    const base = draftingTestbed('apply_correction');
    testbed = await UseCaseTestbed.start({ ...base, providers: [...base.providers, StartRevisionUseCase] });
    given = new DraftFixtures(testbed);
  });
  afterAll(() => testbed?.close());

  const read = (draftId: string) => testbed.get(ReadDraftsQuery).get(alice, draftId);
  const revision = (draftId: string, number: number) => testbed.get(ReadDraftsQuery).revision(alice, draftId, number);
  const startRevision = (draftId: string) => testbed.get(StartRevisionUseCase).execute(StartRevisionCommand.create({ draftId, actor: alice }));

  /** A correction of live revision `revision` whose fields are the sample article's, but for `changes`, as its event carries them. */
  function correction(articleId: string, changes: Partial<ArticleCorrectedData> = {}, revision = 1): ApplyCorrectionCommand {
    const live = article({ headline: 'Mayor Smith resigns' });
    const at = new Date(Date.now() + 60_000).toISOString();
    const data: ArticleCorrectedData = {
      articleId, revision, slug: 'mayor-resigns', url: PUBLIC_URL, priority: 'normal', publishedAt: at,
      headline: live.headline, standfirst: live.standfirst, section: live.section, tags: live.tags, language: live.language,
      bylines: live.bylines.map((byline) => ({ name: byline.name })), correctionNote: NOTE, correctedAt: at, ...changes,
    };
    return ApplyCorrectionCommand.create({ articleId, eventId: randomUUID(), correction: data });
  }
  const apply = (command: ApplyCorrectionCommand) => testbed.get(ApplyCorrectionUseCase).execute(command);

  /** A story whose revision 1 ("Mayor Smith resigns") is live; returns its id. */
  async function published(): Promise<string> {
    const id = await given.draft(alice, { headline: 'Mayor Smith resigns' });
    await given.submit(id);
    await given.progress(id, { milestone: 'approved', revision: 1, actorId: eve.id });
    await given.progress(id, { milestone: 'published', revision: 1, publicUrl: PUBLIC_URL });
    return id;
  }

  it('names the editor who made the correction on the timeline, when the event says who', async () => {
    const id = await published();
    await apply(correction(id, { headline: 'Mayor Smyth resigns', editorId: eve.id }));
    expect((await read(id)).activity.at(-1)).toMatchObject({ kind: 'corrected', revision: 1, note: NOTE, actorId: eve.id });
  });

  it('puts the corrected headline in the draft, as a new revision that a new revision of the story starts from', async () => {
    const id = await published();

    const result = await apply(correction(id, { headline: 'Mayor Smyth resigns' }));

    expect(result).toEqual({ outcome: 'recorded', status: 'published', version: 2, applied: ['headline'], kept: [] });
    const view = await read(id);
    expect(view).toMatchObject({ status: 'published', version: 2, publicUrl: PUBLIC_URL, article: { headline: 'Mayor Smyth resigns' } });
    // Made before the event named its editor: no one is named.
    expect(view.activity.at(-1)).toMatchObject({ kind: 'corrected', revision: 1, note: NOTE, actorId: null });
    expect((await revision(id, 1)).article.headline).toBe('Mayor Smith resigns');

    expect(await startRevision(id)).toEqual({ revision: 3 });
    expect((await revision(id, 3)).article.headline).toBe('Mayor Smyth resigns');
    await given.edit(id, 3, { standfirst: 'He leaves after ten years in office.' });
    await given.submit(id);
    const submitted = (await testbed.recordedEvents(id)).map((event) => event.data as { revision: number; article: { headline: string } });
    expect(submitted.at(-1)).toMatchObject({ revision: 4, article: { headline: 'Mayor Smyth resigns' } });
  });

  it('takes a corrected body from the whole text the event carries, through the saved revision (jsonb) and into the next revision', async () => {
    const id = await published();
    const live = article({ headline: 'Mayor Smith resigns' });
    const body = [{ type: 'paragraph' as const, text: 'The council voted 7 to 2, not 9 to 0.' }, ...live.body.slice(1)];

    const result = await apply(correction(id, { article: { ...live, body, bylines: live.bylines.map((byline) => ({ name: byline.name })) } }));

    expect(result).toMatchObject({ outcome: 'recorded', version: 2, applied: ['body'], kept: [] });
    await startRevision(id);
    expect((await read(id)).article.body[0]).toMatchObject({ text: 'The council voted 7 to 2, not 9 to 0.' });
    // The same correction delivered again (a new event id, the same text) finds nothing left to change.
    expect(await apply(correction(id, { article: { ...live, body } }))).toMatchObject({ outcome: 'recorded', applied: [], kept: [] });
  });

  it('in a revision in progress, replaces what the reporter left untouched, keeps what they changed, and refuses a PATCH made before', async () => {
    const id = await published();
    await startRevision(id);
    await given.edit(id, 2, { standfirst: 'He leaves after ten years in office.' });

    const result = await apply(correction(id, { headline: 'Mayor Smyth resigns', standfirst: 'Mr Smyth leaves after a decade.' }));

    expect(result).toEqual({ outcome: 'recorded', status: 'draft', version: 4, applied: ['headline'], kept: ['standfirst'] });
    expect((await read(id)).article).toMatchObject({ headline: 'Mayor Smyth resigns', standfirst: 'He leaves after ten years in office.' });
    expect((await refusal(given.edit(id, 3, { standfirst: 'Saved on the old copy.' }))).code).toBe('DRAFT.VERSION_CONFLICT');
    expect((await read(id)).activity.map((entry) => entry.kind)).toEqual(['created', 'submitted', 'approved', 'published', 'revision_started', 'edited', 'corrected']);
  });

  it('takes in a correction once: delivered again, even at the same moment, it changes nothing', async () => {
    const id = await published();
    const command = correction(id, { headline: 'Mayor Smyth resigns' });

    const outcomes = await Promise.all([apply(command), apply(command)]);

    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['duplicate', 'recorded']);
    expect(await apply(command)).toEqual({ outcome: 'duplicate' });
    const view = await read(id);
    expect(view).toMatchObject({ version: 2, article: { headline: 'Mayor Smyth resigns' } });
    expect(view.activity.filter((entry) => entry.kind === 'corrected')).toHaveLength(1);
  });

  it('compares a second correction with the text the first one left live', async () => {
    const id = await published();
    await startRevision(id);
    await apply(correction(id, { headline: 'Mayor Smyth resigns' }));

    const second = await apply(correction(id, { headline: 'Mayor Smyth resigns', tags: ['politics'] }));

    expect(second).toMatchObject({ applied: ['tags'], kept: [], version: 4 });
    expect((await read(id)).article).toMatchObject({ headline: 'Mayor Smyth resigns', tags: ['politics'] });
  });

  it('leaves a revision under review as it was submitted, and records the correction', async () => {
    const id = await published();
    await startRevision(id);
    await given.submit(id);

    expect(await apply(correction(id, { headline: 'Mayor Smyth resigns' }))).toEqual({ outcome: 'recorded', status: 'submitted', version: 2, applied: [], kept: [] });
    expect((await read(id)).article.headline).toBe('Mayor Smith resigns');
  });

  it('takes the live text once the revision under review goes live with the correction carried into it, and compares the next correction with it', async () => {
    const id = await published();
    await startRevision(id);
    await given.edit(id, 2, { standfirst: 'He leaves after ten years in office.' });
    await given.submit(id);
    await apply(correction(id, { headline: 'Mayor Smyth resigns' }));
    expect((await read(id)).article.headline).toBe('Mayor Smith resigns');

    // Publishing puts revision 3 live with the corrected headline carried into it, and says so.
    const live = article({ headline: 'Mayor Smyth resigns', standfirst: 'He leaves after ten years in office.' });
    const carried = { ...live, bylines: live.bylines.map((byline) => ({ name: byline.name })) };
    await given.progress(id, { milestone: 'approved', revision: 3, actorId: eve.id });
    await given.progress(id, { milestone: 'updated', revision: 3, publicUrl: PUBLIC_URL, liveText: carried, note: 'Corrections made to the text it replaced were carried into this revision.' });

    const view = await read(id);
    expect(view).toMatchObject({ status: 'published', version: 4, article: { headline: 'Mayor Smyth resigns', standfirst: 'He leaves after ten years in office.' } });
    expect(view.activity.find((entry) => entry.kind === 'updated')).toMatchObject({ revision: 3, note: 'Corrections made to the text it replaced were carried into this revision.' });
    expect((await revision(id, 3)).article.headline).toBe('Mayor Smith resigns');
    expect(await startRevision(id)).toEqual({ revision: 5 });
    expect((await revision(id, 5)).article.headline).toBe('Mayor Smyth resigns');

    // A correction of revision 3 is compared with its live text, not with the revision as submitted.
    const next = await apply(correction(id, { revision: 3, headline: 'Mayor Smyth resigns', standfirst: 'He leaves after a decade in office.' }, 3));
    expect(next).toMatchObject({ applied: ['standfirst'], kept: [] });
  });

  it('ignores a correction of an article this service never saw', async () => {
    const unknown = randomUUID();
    expect(await apply(correction(unknown))).toEqual({ outcome: 'unknown_article' });
    expect(await testbed.query('SELECT 1 FROM draft_activity WHERE draft_id = $1', [unknown])).toEqual([]);
  });
});
