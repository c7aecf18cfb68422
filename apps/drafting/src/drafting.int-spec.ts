/**
 * The drafting service end to end, in process, against the real PostgreSQL and
 * the local broker: its HTTP API (auth, validation, If-Match), the submitted
 * event it publishes through the outbox, and the review and publishing events
 * it mirrors through its consumer. The rules behind each answer are covered
 * one by one in the use-case specs; this suite checks that the wiring carries them.
 */
import { deadLetterTopicOf, EVENT_TYPES, exampleArticle, TOPICS } from '@newsroom/contracts';
import { eventually, ServiceUnderTest, TestEventBus, type HttpClient, type ReceivedMessage } from '@newsroom/test-harness';
import { startLocalBroker, type LocalBroker } from '@newsroom/testing';
import { article as validArticle, sampleArticle } from '../test/article.fixtures';
import { publishingEvents, reviewEvents } from '../test/review-events.fixtures';
import { startDrafting } from './drafting.service';
import type { DraftView } from './drafts/use-cases/read-drafts/draft.views';

jest.setTimeout(120_000);

/** An error answer; `details` lists validation problems unless said otherwise. */
interface ErrorBody<Details = { path: string; message: string }[]> {
  error: { code: string; message: string; details?: Details };
}

describe('drafting service', () => {
  let broker: LocalBroker;
  let service: ServiceUnderTest;
  let bus: TestEventBus;
  let alice: HttpClient;
  let bob: HttpClient;
  let editor: HttpClient;
  const article = sampleArticle();

  beforeAll(async () => {
    broker = await startLocalBroker();
    service = await ServiceUnderTest.start({ name: 'drafting_service', schema: 'drafting', brokers: broker.brokers, boot: startDrafting });
    bus = new TestEventBus(broker.brokers);
    alice = service.as('reporter', 'alice');
    bob = service.as('reporter', 'bob');
    editor = service.as('editor', 'eve');
  });

  afterAll(async () => {
    await bus?.close();
    await service?.close();
    await broker?.stop();
  });

  async function newDraft(): Promise<string> {
    const created = await alice.post<DraftView>('/v1/drafts', article);
    expect(created.status).toBe(201);
    return created.body.id;
  }

  /** The draft as alice sees it once `ready` holds. */
  function draftWhen(id: string, what: string, ready: (draft: DraftView) => boolean): Promise<DraftView> {
    return eventually(what, async () => {
      const { body } = await alice.get<DraftView>(`/v1/drafts/${id}`);
      return ready(body) ? body : undefined;
    });
  }

  it('answers anonymous, malformed and invalid requests with coded errors', async () => {
    expect((await service.anonymous.get('/v1/drafts')).status).toBe(401);
    expect((await editor.post<ErrorBody>('/v1/drafts', article)).body.error.code).toBe('AUTH.FORBIDDEN');
    const malformed = await alice.post<ErrorBody>('/v1/drafts', undefined, { raw: '{"headline":' });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'REQUEST.MALFORMED_JSON']);
    const invalid = await alice.post<ErrorBody>('/v1/drafts', { ...article, extra: true, body: [{ type: 'quote', text: 'x', attribution: 'y', colour: 'red' }] });
    expect([invalid.status, invalid.body.error.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    expect(invalid.body.error.details?.map((d) => d.path)).toEqual(expect.arrayContaining(['extra', 'body.0.colour']));
    expect((await alice.get<ErrorBody>('/v1/drafts/not-a-uuid')).status).toBe(400);
    expect((await alice.post<ErrorBody>('/v1/drafts', undefined, { raw: '[1, 2]' })).body.error.code).toBe('REQUEST.BODY_NOT_OBJECT');
    expect((await alice.post('/v1/drafts', undefined, { raw: 'headline=x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    const missing = await alice.post<ErrorBody>('/v1/drafts', { body: [{ type: 'paragraph', text: 'x' }] });
    expect(missing.body.error.details?.map((d) => d.message)).toEqual(expect.arrayContaining(['headline is required', 'section is required']));
  });

  it('shows the example article as the body of a new draft in its OpenAPI, and accepts it', async () => {
    type Docs = { paths: Record<string, { post?: { requestBody: { content: Record<string, { examples: Record<string, { value: unknown }> }> } } }> };
    const docs = await service.anonymous.get<Docs>('/docs-json');
    expect(docs.body.paths['/v1/drafts'].post?.requestBody.content['application/json'].examples.article.value).toEqual(exampleArticle());
    expect((await alice.post<DraftView>('/v1/drafts', exampleArticle())).status).toBe(201);
  });

  it('keeps drafts private to their reporter, with editors seeing all', async () => {
    const created = await alice.post<DraftView>('/v1/drafts', article);
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.headers.get('location')).toBe(`/v1/drafts/${created.body.id}`);
    expect(created.body).toMatchObject({ version: 1, status: 'draft' });
    const id = created.body.id;

    expect((await bob.get(`/v1/drafts/${id}`)).status).toBe(404);
    expect((await editor.get(`/v1/drafts/${id}`)).status).toBe(200);
    expect((await bob.get<{ items: { id: string }[] }>('/v1/drafts')).body.items.map((d) => d.id)).not.toContain(id);
    expect((await editor.get<{ items: { id: string }[] }>('/v1/drafts')).body.items.map((d) => d.id)).toContain(id);
  });

  it("lists an editor who also writes only their own stories with mine=true, as My stories shows them", async () => {
    const writingEditor = service.as(['reporter', 'editor'], 'erin-writes');
    const own = (await writingEditor.post<DraftView>('/v1/drafts', article)).body.id;
    const others = (await alice.post<DraftView>('/v1/drafts', article)).body.id;
    const ids = async (client: typeof alice, query: string) => (await client.get<{ items: { id: string }[]; total: number }>(`/v1/drafts?limit=100${query}`)).body;

    const mine = await ids(writingEditor, '&mine=true');
    expect([mine.items.map((d) => d.id), mine.total]).toEqual([[own], 1]);
    expect((await ids(writingEditor, '')).items.map((d) => d.id)).toEqual(expect.arrayContaining([own, others]));
    expect((await ids(writingEditor, '&mine=false')).items.map((d) => d.id)).toEqual(expect.arrayContaining([own, others]));
    // a reporter's own list is theirs either way
    expect((await ids(alice, '&mine=true')).items.map((d) => d.id)).toContain(others);
    expect((await ids(alice, '&mine=true')).items.map((d) => d.id)).not.toContain(own);
    const refused = await alice.get<ErrorBody>('/v1/drafts?mine=yes');
    expect([refused.status, refused.body.error.code, refused.body.error.message]).toEqual([400, 'REQUEST.VALIDATION_FAILED', expect.stringContaining('mine must be true or false')]);
  });

  it('edits with If-Match: 428 without it, 412 when stale, 404 for someone else, 400 for an invalid result', async () => {
    const id = await newDraft();
    const path = `/v1/drafts/${id}`;

    const noVersion = await alice.patch<ErrorBody>(path, { headline: 'No version' });
    expect([noVersion.status, noVersion.body.error.code]).toEqual([428, 'DRAFT.VERSION_REQUIRED']);
    const edited = await alice.patch<DraftView>(path, { headline: 'Second take' }, { headers: { 'if-match': '"1"' } });
    expect(edited.status).toBe(200);
    expect(edited.headers.get('etag')).toBe('"2"');
    // Fields the request did not name keep their value, even those validation would default.
    expect(edited.body).toMatchObject({ version: 2, article: { headline: 'Second take', standfirst: article.standfirst, tags: article.tags } });
    const stale = await alice.patch<ErrorBody<{ currentVersion: number }>>(path, { headline: 'Lost' }, { headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.error.details?.currentVersion).toBe(2);
    expect((await bob.patch(path, { headline: 'Bob' }, { headers: { 'if-match': '"2"' } })).status).toBe(404);
    expect((await alice.patch(path, { headline: '' }, { headers: { 'if-match': '"2"' } })).status).toBe(400);
    expect((await alice.patch<ErrorBody>(path, { headline: 'x' }, { headers: { 'if-match': 'v2' } })).body.error.code).toBe('REQUEST.INVALID_IF_MATCH');

    expect((await alice.get<{ number: number }[]>(`${path}/revisions`)).body.map((r) => r.number)).toEqual([1, 2]);
    expect((await alice.get(`${path}/revisions/1`)).body).toMatchObject({ article: { headline: article.headline } });
    expect((await alice.get<ErrorBody>(`${path}/revisions/9`)).body.error.code).toBe('DRAFT.REVISION_NOT_FOUND');
  });

  it('submits the exact revision through the outbox, then locks the text', async () => {
    const submittedEvents = await bus.collect(TOPICS.drafting);
    const id = await newDraft();
    await alice.patch(`/v1/drafts/${id}`, { headline: 'Second take' }, { headers: { 'if-match': '"1"' } });

    const submitted = await alice.post<DraftView>(`/v1/drafts/${id}/submit`);

    expect([submitted.status, submitted.body.status]).toEqual([202, 'submitted']);
    const message = await eventually('the submitted event on the drafting topic', () => submittedEvents.find((m) => m.key === id));
    expect(message.event).toMatchObject({
      type: EVENT_TYPES.articleSubmitted,
      subject: id,
      data: { revision: 2, authorId: 'alice', article: { headline: 'Second take' } },
    });
    expect(message.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    expect((await alice.patch<ErrorBody>(`/v1/drafts/${id}`, { headline: 'Too late' }, { headers: { 'if-match': '"2"' } })).body.error.code).toBe('DRAFT.NOT_EDITABLE');
    expect((await alice.post(`/v1/drafts/${id}/submit`)).status).toBe(409);
  });

  it('spikes a draft: off the list, listed with the spiked, read-only and nothing sent, until unspiked as it was', async () => {
    const submittedEvents = await bus.collect(TOPICS.drafting);
    const id = await newDraft();
    const listed = async (query = '') => (await alice.get<{ items: { id: string }[]; total: number }>(`/v1/drafts?limit=100${query}`)).body.items.map((item) => item.id);

    const spiked = await alice.post<DraftView>(`/v1/drafts/${id}/spike`, undefined, { headers: { 'if-match': '"1"' } });
    expect([spiked.status, spiked.body.status, spiked.body.editable, spiked.body.spikeable, spiked.headers.get('etag')]).toEqual([200, 'draft', false, false, '"1"']);
    expect(spiked.body.spikedAt).toEqual(expect.any(String));
    expect((await alice.post<DraftView>(`/v1/drafts/${id}/spike`)).status).toBe(200); // a second click
    expect(await listed()).not.toContain(id);
    expect(await listed('&spiked=true')).toEqual([id]);
    // editors list every reporter's spiked stories too
    expect((await editor.get<{ items: { id: string }[] }>('/v1/drafts?spiked=true&limit=100')).body.items.map((item) => item.id)).toContain(id);
    const edit = await alice.patch<ErrorBody>(`/v1/drafts/${id}`, { headline: 'Set aside' }, { headers: { 'if-match': '"1"' } });
    const submit = await alice.post<ErrorBody>(`/v1/drafts/${id}/submit`);
    expect([edit.status, edit.body.error.code, submit.status, submit.body.error.code]).toEqual([409, 'DRAFT.SPIKED', 409, 'DRAFT.SPIKED']);

    const back = await alice.post<DraftView>(`/v1/drafts/${id}/unspike`);
    expect([back.status, back.body.status, back.body.editable, back.body.spikedAt, back.body.version]).toEqual([200, 'draft', true, null, 1]);
    expect(back.body.activity.map((entry) => entry.kind)).toEqual(['created', 'spiked', 'unspiked']);
    expect(await listed()).toContain(id);
    expect(await listed('&spiked=true')).not.toContain(id);
    // spiking announced nothing: the only event about the story is its submission once it is sent
    await alice.post(`/v1/drafts/${id}/submit`);
    await eventually('the submitted event', () => submittedEvents.find((m) => m.key === id));
    expect(submittedEvents.filter((m) => m.key === id).map((m) => m.event?.type)).toEqual([EVENT_TYPES.articleSubmitted]);

    // with the editors now: not spikeable; someone else's, a stale version, a bad filter
    const refused = await Promise.all([
      alice.post<ErrorBody>(`/v1/drafts/${id}/spike`),
      bob.post<ErrorBody>(`/v1/drafts/${id}/spike`),
      editor.post<ErrorBody>(`/v1/drafts/${id}/spike`),
      alice.post<ErrorBody>(`/v1/drafts/${await newDraft()}/spike`, undefined, { headers: { 'if-match': '"4"' } }),
      alice.get<ErrorBody>('/v1/drafts?spiked=maybe'),
      alice.post<ErrorBody>('/v1/drafts/not-a-uuid/unspike'),
      // the nil UUID passes the path and the command alike: no such draft
      alice.post<ErrorBody>('/v1/drafts/00000000-0000-0000-0000-000000000000/spike'),
    ]);
    expect(refused.map((answer) => [answer.status, answer.body.error.code])).toEqual([
      [409, 'DRAFT.NOT_SPIKEABLE'],
      [404, 'DRAFT.NOT_FOUND'],
      [403, 'DRAFT.NOT_AUTHOR'],
      [412, 'DRAFT.VERSION_CONFLICT'],
      [400, 'REQUEST.VALIDATION_FAILED'],
      [400, 'REQUEST.INVALID_ID'],
      [404, 'DRAFT.NOT_FOUND'],
    ]);
  });

  it('mirrors review and publishing events onto the draft, each once, whatever the topic order', async () => {
    const id = await newDraft();
    await alice.post(`/v1/drafts/${id}/submit`);

    // The same event twice, then a later one on the same topic and key: once that
    // one is handled, so is the duplicate before it.
    const changes = reviewEvents.changesRequested(id, 'Name the union spokesperson.');
    await bus.produce(TOPICS.review, changes);
    await bus.produce(TOPICS.review, changes);
    const note = reviewEvents.commentAdded(id, 'And check the turnover figure.', 1, 'eve', 2);
    await bus.produce(TOPICS.review, note);
    await service.handled(note.id);

    const reopened = await draftWhen(id, 'changes requested', (d) => d.status === 'changes_requested');
    expect(reopened.editable).toBe(true);
    expect(reopened.activity.filter((a) => a.note === 'Name the union spokesperson.')).toHaveLength(1);
    // A note on one paragraph says which, for the reporter's timeline.
    expect(reopened.activity.find((a) => a.kind === 'editor_note')).toMatchObject({ note: 'And check the turnover figure.', blockIndex: 2 });
    expect(reopened.activity.find((a) => a.kind === 'changes_requested')).toMatchObject({ blockIndex: null });

    await bus.produce(TOPICS.publishing, publishingEvents.published(id, 'http://localhost:3003/articles/second-take'));
    const published = await draftWhen(id, 'published', (d) => d.status === 'published');
    expect(published.publicUrl).toBe('http://localhost:3003/articles/second-take');

    // An approval arriving after the publication (another topic) stays on the timeline only.
    const lateApproval = reviewEvents.approved(id);
    await bus.produce(TOPICS.review, lateApproval);
    await service.handled(lateApproval.id);
    const final = await draftWhen(id, 'the late approval on the timeline', (d) => d.activity.some((a) => a.kind === 'approved'));
    expect(final.status).toBe('published');
    expect(final.activity.map((a) => a.kind)).toEqual(['created', 'submitted', 'changes_requested', 'editor_note', 'published', 'approved']);
  });

  it('makes a story its reporter recalled from review editable again, and sends it back as a submission', async () => {
    const id = await newDraft();
    await alice.post(`/v1/drafts/${id}/submit`);
    expect((await alice.get<DraftView>(`/v1/drafts/${id}`)).body).toMatchObject({ status: 'submitted', editable: false });
    const recalled = reviewEvents.recalled(id, 1);
    await bus.produce(TOPICS.review, recalled);
    await service.handled(recalled.id);
    const back = await draftWhen(id, 'recalled', (d) => d.status === 'recalled');
    expect(back.editable).toBe(true);
    expect(back.activity.at(-1)).toMatchObject({ kind: 'recalled', actorId: 'alice', revision: 1 });
    // submitted again as it was: the same revision goes to review once more
    expect((await alice.post(`/v1/drafts/${id}/submit`)).status).toBe(202);
    expect((await alice.get<DraftView>(`/v1/drafts/${id}`)).body).toMatchObject({ status: 'submitted', version: 1 });
  });

  it('follows a story after it went live: a cancelled schedule, an update, then a kill', async () => {
    const id = await newDraft();
    await alice.post(`/v1/drafts/${id}/submit`);
    const url = 'http://localhost:3003/articles/four-day-week';
    await bus.produce(TOPICS.publishing, publishingEvents.published(id, url, 1));
    await bus.produce(TOPICS.publishing, publishingEvents.scheduled(id, '2030-01-01T06:00:00.000Z', 2));
    const cancelled = publishingEvents.scheduleCancelled(id, 2);
    await bus.produce(TOPICS.publishing, cancelled);
    await service.handled(cancelled.id);
    expect(await draftWhen(id, 'the schedule cancelled', (d) => d.status === 'cancelled')).toMatchObject({ publicUrl: url, publishAt: null });

    const updated = publishingEvents.updated(id, url, 3);
    await bus.produce(TOPICS.publishing, updated);
    await service.handled(updated.id);
    expect(await draftWhen(id, 'the update live', (d) => d.status === 'published')).toMatchObject({ publicUrl: url });

    const killed = publishingEvents.killed(id);
    await bus.produce(TOPICS.publishing, killed);
    await service.handled(killed.id);
    const gone = await draftWhen(id, 'the story killed', (d) => d.status === 'killed');
    expect(gone).toMatchObject({ publicUrl: null, editable: false });
    expect(gone.activity.map((a) => [a.kind, a.revision])).toEqual([
      ['created', 1], ['submitted', 1], ['published', 1], ['scheduled', 2], ['schedule_cancelled', 2], ['updated', 3], ['killed', 3],
    ]);
    // The reporter's own copy stays readable to them and to editors.
    expect((await editor.get<DraftView>(`/v1/drafts/${id}`)).body.status).toBe('killed');
    expect((await alice.get(`/v1/drafts/${id}/revisions/1`)).status).toBe(200);
  });

  it('starts a newer revision of a published story over HTTP, which is submitted again and shows as published once the update is live', async () => {
    const submittedEvents = await bus.collect(TOPICS.drafting);
    const id = await newDraft();
    const notLive = await alice.post<ErrorBody>(`/v1/drafts/${id}/revisions`);
    expect([notLive.status, notLive.body.error.code]).toEqual([409, 'DRAFT.NOT_REVISABLE']);
    await alice.post(`/v1/drafts/${id}/submit`);
    const url = 'http://localhost:3003/articles/four-day-week';
    await bus.produce(TOPICS.review, reviewEvents.approved(id, 1));
    const live = publishingEvents.published(id, url, 1);
    await bus.produce(TOPICS.publishing, live);
    await service.handled(live.id);
    await draftWhen(id, 'published', (d) => d.status === 'published');

    expect((await bob.post(`/v1/drafts/${id}/revisions`)).status).toBe(404);
    expect((await alice.post(`/v1/drafts/${id}/revisions`, undefined, { headers: { 'if-match': '"7"' } })).status).toBe(412);
    const started = await alice.post<DraftView>(`/v1/drafts/${id}/revisions`, undefined, { headers: { 'if-match': '"1"' } });
    expect(started).toMatchObject({ status: 201, body: { status: 'draft', version: 2, editable: true, publicUrl: url } });
    expect(started.headers.get('location')).toBe(`/v1/drafts/${id}/revisions/2`);
    expect(started.headers.get('etag')).toBe('"2"');
    expect((await alice.patch(`/v1/drafts/${id}`, { headline: 'Bakery chain moves to a four-day week, staff vote next' }, { headers: { 'if-match': '"2"' } })).status).toBe(200);
    expect((await alice.post<DraftView>(`/v1/drafts/${id}/submit`)).body).toMatchObject({ status: 'submitted', submittedRevision: 3 });
    const resubmitted = await eventually('revision 3 on the drafting topic', () => submittedEvents.find((m) => m.key === id && (m.event?.data as { revision?: number }).revision === 3));
    expect(resubmitted.event?.data).toMatchObject({ article: { headline: 'Bakery chain moves to a four-day week, staff vote next' } });

    await bus.produce(TOPICS.review, reviewEvents.approved(id, 3));
    const updated = publishingEvents.updated(id, url, 3);
    await bus.produce(TOPICS.publishing, updated);
    await service.handled(updated.id);
    expect(await draftWhen(id, 'the update live', (d) => d.status === 'published' && d.version === 3)).toMatchObject({ publicUrl: url, editable: false });
  });

  /** A submitted draft whose revision 1 publishing has put live at `url`; returns its id. */
  async function liveStory(url: string): Promise<string> {
    const id = await newDraft();
    await alice.post(`/v1/drafts/${id}/submit`);
    const live = publishingEvents.published(id, url, 1);
    await bus.produce(TOPICS.publishing, live);
    await service.handled(live.id);
    return id;
  }

  it('takes the live text of an update that publishing carried a correction into, so the next revision starts from it', async () => {
    const url = 'http://localhost:3003/articles/four-day-week';
    const id = await liveStory(url);
    await draftWhen(id, 'published', (d) => d.status === 'published');
    await alice.post(`/v1/drafts/${id}/revisions`);
    expect((await alice.patch(`/v1/drafts/${id}`, { standfirst: 'Staff vote on the plan next week.' }, { headers: { 'if-match': '"2"' } })).status).toBe(200);
    await alice.post(`/v1/drafts/${id}/submit`);

    // Revision 3 went live with a correction of revision 1's headline carried into it.
    const correctedHeadline = 'Bakery chain Hearth & Crust moves all 900 staff to a four-day week';
    const carried = validArticle({ headline: correctedHeadline, standfirst: 'Staff vote on the plan next week.' });
    const updated = publishingEvents.updated(id, url, 3, carried, ['body']);
    await bus.produce(TOPICS.publishing, updated);
    await service.handled(updated.id);

    const draft = await draftWhen(id, 'the update live with its text', (d) => d.status === 'published' && d.version === 4);
    expect(draft.article).toMatchObject({ headline: correctedHeadline, standfirst: 'Staff vote on the plan next week.' });
    expect(draft.activity.find((a) => a.kind === 'updated')).toMatchObject({
      revision: 3,
      note: 'Corrections made to the text it replaced were carried into this revision. A correction of the body was not carried in, since this revision rewrote it: read it again.',
    });
    const started = await alice.post<DraftView>(`/v1/drafts/${id}/revisions`, undefined, { headers: { 'if-match': '"4"' } });
    expect(started).toMatchObject({ status: 201, body: { version: 5, article: { headline: correctedHeadline } } });
  });

  it('takes a published correction into the draft, so a new revision starts from the corrected text', async () => {
    const submittedEvents = await bus.collect(TOPICS.drafting);
    const url = 'http://localhost:3003/articles/four-day-week';
    const id = await liveStory(url);

    const corrected = publishingEvents.corrected(id, 'An earlier version misnamed the bakery chain.', 1, { headline: 'Bakery chain Hearth & Crust moves all 900 staff to a four-day week' });
    await bus.produce(TOPICS.publishing, corrected);
    await bus.produce(TOPICS.publishing, corrected);
    const later = publishingEvents.corrected(id, 'The standfirst misstated the turnover.', 1, { headline: corrected.data.headline, standfirst: 'Turnover fell by a quarter.' });
    await bus.produce(TOPICS.publishing, later);
    await service.handled(later.id);

    const draft = await draftWhen(id, 'both corrections in the draft', (d) => d.activity.filter((a) => a.kind === 'corrected').length === 2);
    expect(draft).toMatchObject({ status: 'published', version: 3, publicUrl: url });
    expect(draft.article).toMatchObject({ headline: 'Bakery chain Hearth & Crust moves all 900 staff to a four-day week', standfirst: 'Turnover fell by a quarter.' });
    expect(draft.activity.filter((a) => a.kind === 'corrected').map((a) => a.note)).toEqual(['An earlier version misnamed the bakery chain.', 'The standfirst misstated the turnover.']);
    expect((await alice.get<{ article: { headline: string } }>(`/v1/drafts/${id}/revisions/1`)).body.article.headline).toBe(article.headline);

    const started = await alice.post<DraftView>(`/v1/drafts/${id}/revisions`, undefined, { headers: { 'if-match': '"3"' } });
    expect(started).toMatchObject({ status: 201, body: { version: 4, article: { headline: 'Bakery chain Hearth & Crust moves all 900 staff to a four-day week' } } });
    const revision = await alice.get<{ article: { headline: string; standfirst: string } }>(`/v1/drafts/${id}/revisions/4`);
    expect(revision.body.article).toMatchObject({ headline: 'Bakery chain Hearth & Crust moves all 900 staff to a four-day week', standfirst: 'Turnover fell by a quarter.' });
    expect((await alice.patch(`/v1/drafts/${id}`, { tags: ['work', 'retail'] }, { headers: { 'if-match': '"4"' } })).status).toBe(200);
    await alice.post(`/v1/drafts/${id}/submit`);
    const resubmitted = await eventually('revision 5 on the drafting topic', () => submittedEvents.find((m) => m.key === id && (m.event?.data as { revision?: number }).revision === 5));
    expect(resubmitted.event?.data).toMatchObject({ article: { headline: 'Bakery chain Hearth & Crust moves all 900 staff to a four-day week' } });
  });

  it('dead-letters an event that arrived on a topic it does not belong to, and changes nothing', async () => {
    const deadLetters: ReceivedMessage[] = await bus.collect(deadLetterTopicOf(TOPICS.publishing));
    const id = await newDraft();
    await alice.post(`/v1/drafts/${id}/submit`);

    const forged = reviewEvents.rejected(id, 'Forged on the publishing topic');
    await bus.produce(TOPICS.publishing, forged);

    await eventually('the forged event in the dead-letter topic', () => deadLetters.find((m) => m.event?.id === forged.id));
    const { body } = await alice.get<DraftView>(`/v1/drafts/${id}`);
    expect(body.status).toBe('submitted');
    expect(body.activity.map((a) => a.kind)).toEqual(['created', 'submitted']);
  });
});
