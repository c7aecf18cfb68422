/**
 * The editorial-review service end to end, in process, against the real
 * PostgreSQL and the local broker: submitted events in through the consumer
 * (validation, inbox, dead letters), the editors' HTTP API (auth, validation,
 * coded errors), and the review events out through the outbox. The rules
 * behind each answer are covered one by one in the use-case specs; this suite
 * checks that the wiring carries them.
 */
import { randomUUID } from 'node:crypto';
import { type ArticleContent, createEvent, deadLetterTopicOf, EVENT_TYPES, TOPICS, type NewsroomEvent } from '@newsroom/contracts';
import { eventually, ServiceUnderTest, TestEventBus, type HttpClient, type ReceivedMessage } from '@newsroom/test-harness';
import { startLocalBroker, type LocalBroker } from '@newsroom/testing';
import { article, articleWithBlockingErrors, proseParagraphs, revisedArticle } from '../test/article.fixtures';
import type { QueryRunner } from 'typeorm';
import { startEditorialReview } from './editorial-review.service';
import { ReviewWordCount1766000200000 } from './migrations/1766000200000-review-word-count';
import type { ReviewList, ReviewView } from './reviews/use-cases/read-reviews/review.views';

jest.setTimeout(120_000);

const AUTHOR = 'alice';
const DEAD_LETTERS = deadLetterTopicOf(TOPICS.drafting);

interface ErrorBody {
  error: { code: string; message: string; details?: { code?: string; path?: string }[] };
}

/** A drafting submitted event for `articleId` by AUTHOR, as drafting's outbox would publish it. */
function submitted(articleId: string, revision: number, content: ArticleContent = article()) {
  return createEvent(
    EVENT_TYPES.articleSubmitted,
    { articleId, revision, authorId: AUTHOR, submittedAt: new Date().toISOString(), article: content },
    { subject: articleId },
  );
}

describe('editorial-review service', () => {
  let broker: LocalBroker;
  let service: ServiceUnderTest;
  let bus: TestEventBus;
  let reviewTopic: ReceivedMessage[];
  let deadLetters: ReceivedMessage[];
  let bob: HttpClient;
  let carol: HttpClient;
  let author: HttpClient;

  beforeAll(async () => {
    broker = await startLocalBroker();
    service = await ServiceUnderTest.start({ name: 'editorial_review_service', schema: 'editorial_review', brokers: broker.brokers, boot: startEditorialReview });
    bus = new TestEventBus(broker.brokers);
    [reviewTopic, deadLetters] = await Promise.all([bus.collect(TOPICS.review), bus.collect(DEAD_LETTERS)]);
    bob = service.as('editor', 'bob');
    carol = service.as('editor', 'carol');
    author = service.as('editor', AUTHOR);
  });

  afterAll(async () => {
    await bus?.close();
    await service?.close();
    await broker?.stop();
  });

  /** Produces a submission on the drafting topic and waits until the service has handled it. */
  async function deliver(event: NewsroomEvent | string, key?: string): Promise<void> {
    await bus.produce(TOPICS.drafting, event, { key });
    if (typeof event !== 'string') await service.handled(event.id);
  }

  /** The review as bob sees it once `ready` holds. */
  function reviewWhen(articleId: string, what: string, ready: (review: ReviewView) => boolean): Promise<ReviewView> {
    return eventually(what, async () => {
      const { status, body } = await bob.get<ReviewView>(`/v1/reviews/${articleId}`);
      return status === 200 && ready(body) ? body : undefined;
    });
  }

  /** The events about `articleId` on the review topic once `ready` holds. */
  function reviewEventsWhen(articleId: string, what: string, ready: (events: NewsroomEvent[]) => boolean): Promise<NewsroomEvent[]> {
    return eventually(what, () => {
      const events = reviewTopic.flatMap((message) => (message.event?.subject === articleId ? [message.event] : []));
      return ready(events) ? events : undefined;
    });
  }

  const count = async (table: 'review_items' | 'review_submissions', articleId: string) =>
    (await service.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE article_id = $1`, [articleId]))[0].n;

  it('answers anonymous, unauthorised and malformed requests with coded errors', async () => {
    const unknown = randomUUID();
    expect((await service.anonymous.get<ErrorBody>('/v1/reviews')).body.error.code).toBe('AUTH.REQUIRED');
    const reporter = await service.as('reporter', 'rita').get<ErrorBody>('/v1/reviews');
    expect([reporter.status, reporter.body.error.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    const missing = await bob.get<ErrorBody>(`/v1/reviews/${unknown}`);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'REVIEW.NOT_FOUND']);
    expect((await bob.post<ErrorBody>(`/v1/reviews/${unknown}/claim`)).body.error.code).toBe('REVIEW.NOT_FOUND');
    const badId = await bob.get<ErrorBody>('/v1/reviews/not-a-uuid');
    expect([badId.status, badId.body.error.code]).toEqual([400, 'REQUEST.INVALID_ID']);
    expect((await bob.get('/v1/reviews?status=done')).status).toBe(400);
    for (const section of ['Politics', 'politics%20desk', '%3Cscript%3E', 'a'.repeat(65), '']) {
      const refused = await bob.get<ErrorBody>(`/v1/reviews?section=${section}`);
      expect([section, refused.status, refused.body.error.code]).toEqual([section, 400, 'REQUEST.VALIDATION_FAILED']);
    }
    expect((await bob.get('/v1/reviews?limit=0')).status).toBe(400);
    const malformed = await bob.post<ErrorBody>(`/v1/reviews/${unknown}/comments`, undefined, { raw: '{"body":' });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'REQUEST.MALFORMED_JSON']);
    const unknownField = await bob.post<ErrorBody>(`/v1/reviews/${unknown}/request-changes`, { note: 'x', urgent: true });
    expect([unknownField.status, unknownField.body.error.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    const zoneless = await bob.post<ErrorBody>(`/v1/reviews/${unknown}/approve`, { publishAt: '2025-11-21 18:00' });
    expect([zoneless.status, zoneless.body.error.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    // more than a year ahead: a typo in the year would hide the story for good
    const yearAhead = new Date(Date.now() + 367 * 24 * 3_600_000).toISOString();
    for (const body of [{ publishAt: yearAhead }, { embargoUntil: '2206-01-01T09:00:00Z' }]) {
      const far = await bob.post<ErrorBody>(`/v1/reviews/${unknown}/approve`, body);
      expect([far.status, far.body.error.code, far.body.error.message]).toEqual([400, 'REQUEST.VALIDATION_FAILED', expect.stringMatching(/is more than a year ahead; check the year/)]);
    }
  });

  it('describes its API in OpenAPI', async () => {
    const docs = await service.anonymous.get<{ paths: Record<string, unknown>; components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> } }>(
      '/docs-json',
    );
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/v1/reviews', '/v1/reviews/{articleId}', '/v1/reviews/{articleId}/approve', '/v1/reviews/{articleId}/request-changes']),
    );
    expect(docs.body.components.schemas.ApproveRequest.properties.priority.enum).toEqual(['normal', 'breaking']);
  });

  it('queues a submitted article with its automated checks and lists it, oldest first', async () => {
    const articleId = randomUUID();
    await deliver(submitted(articleId, 1, articleWithBlockingErrors()));

    const review = await reviewWhen(articleId, 'the submitted article', () => true);
    expect(review).toMatchObject({ articleId, status: 'pending', authorId: AUTHOR, revision: 1, assigneeId: null, diff: null });
    expect(review.checks.map((check) => [check.code, check.severity, check.path])).toEqual([
      ['DATELINE_MISSING', 'warning', 'dateline'],
      ['UNSAFE_LINK', 'error', 'body.0.text'],
      ['QUOTE_WITHOUT_ATTRIBUTION', 'error', 'body.3.attribution'],
    ]);
    // The first article this suite submits, so the queue is known exactly.
    const queue = await bob.get<ReviewList>('/v1/reviews?status=pending');
    expect(queue.body).toEqual({ items: [expect.objectContaining({ articleId, section: 'politics', revision: 1, checkSummary: { errors: 2, warnings: 1 } })], total: 1 });
    expect((await bob.get<ReviewList>('/v1/reviews?status=approved')).body).toEqual({ items: [], total: 0 });
    await deliver(submitted(randomUUID(), 1));
    const firstPage = await bob.get<ReviewList>('/v1/reviews?limit=1&offset=0');
    expect([firstPage.body.items.map((item) => item.articleId), firstPage.body.total]).toEqual([[articleId], 2]);
    // A desk's editors read the stories of their section: the filter is the revision's section.
    const business = randomUUID();
    await deliver(submitted(business, 1, { ...article(), section: 'business' }));
    const bySection = await Promise.all(
      ['/v1/reviews?section=business', '/v1/reviews?status=pending&section=politics', '/v1/reviews?status=in_review&section=business', '/v1/reviews?section=sport'].map((path) => bob.get<ReviewList>(path)),
    );
    expect(bySection.map(({ body }) => [body.items.map((item) => item.section), body.total])).toEqual([
      [['business'], 1],
      [['politics', 'politics'], 2],
      [[], 0],
      [[], 0],
    ]);
    expect(bySection[0].body.items[0].articleId).toBe(business);
  });

  it('lists each story with the length of the revision under review, counted again on resubmission and by its migration', async () => {
    const articleId = randomUUID();
    const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
    const short = { ...article(), body: [{ type: 'paragraph', text: 'The N1 runs from midnight to 5am.' }] } as ArticleContent;
    await deliver(submitted(articleId, 1, short));
    const listed = async () => (await eventually('the story listed', async () => (await bob.get<ReviewList>('/v1/reviews?limit=100')).body.items.find((item) => item.articleId === articleId)))!;
    expect((await listed()).words).toBe(words('The N1 runs from midnight to 5am.'));
    // A Japanese text is counted by its words, not its spaces (bodyWordCount, as the desk counts).
    await deliver(submitted(articleId, 2, { ...short, language: 'ja', body: [{ type: 'paragraph', text: '東京で新しい夜行バス路線が開業した。' }] } as ArticleContent));
    await reviewWhen(articleId, 'revision 2', (review) => review.revision === 2);
    const japanese = (await listed()).words;
    expect(japanese).toBeGreaterThan(3);
    // Stories queued before the count: the migration counts their current revision.
    await service.sql(`UPDATE review_items SET word_count = 0 WHERE article_id = $1`, [articleId]);
    const runner = { query: (text: string, params?: unknown[]) => service.sql(text, params) } as unknown as QueryRunner;
    const migration = new ReviewWordCount1766000200000();
    await migration.down(runner);
    await migration.up(runner);
    expect((await listed()).words).toBe(japanese);
  });

  it('applies a redelivered submission once, and a second event for the same revision not at all', async () => {
    const articleId = randomUUID();
    const first = submitted(articleId, 1);
    await deliver(first);
    const sameRevisionNewId = submitted(articleId, 1);
    await bus.produce(TOPICS.drafting, first);
    // Same key, same partition: once the later event is handled, the redelivery before it was too.
    await deliver(sameRevisionNewId);

    expect(await count('review_items', articleId)).toBe(1);
    expect(await count('review_submissions', articleId)).toBe(1);
    expect(await service.sql('SELECT 1 FROM inbox WHERE event_id = $1', [first.id])).toHaveLength(1);
    expect(await service.sql('SELECT 1 FROM outbox WHERE message_key = $1', [articleId])).toEqual([]);
  });

  it('dead-letters events it cannot apply: invalid data, not JSON, or a type that does not belong on the drafting topic', async () => {
    const articleId = randomUUID();
    const valid = submitted(articleId, 1);
    const invalid = { ...valid, id: randomUUID(), data: { ...valid.data, article: { ...valid.data.article, headline: '', body: [{ type: 'video' }] } } };
    const forged = createEvent(
      EVENT_TYPES.articleRejected,
      { articleId, revision: 1, editorId: 'mallory', reason: 'Forged', rejectedAt: new Date().toISOString() },
      { subject: articleId },
    );
    await bus.produce(TOPICS.drafting, JSON.stringify(invalid), { key: articleId });
    await bus.produce(TOPICS.drafting, 'not json at all', { key: articleId });
    await bus.produce(TOPICS.drafting, forged);

    const dead = await eventually('three dead letters', () => {
      const mine = deadLetters.filter((letter) => letter.key === articleId);
      return mine.length >= 3 ? mine : undefined;
    });
    expect(dead[0].event?.id).toBe(invalid.id);
    expect(dead[0].headers['x-dlq-error']).toMatch(/invalid event: .*data\.article\.headline/);
    expect(dead[0].headers['x-dlq-source-topic']).toBe(TOPICS.drafting);
    expect([dead[1].raw, dead[1].headers['x-dlq-error']]).toEqual(['not json at all', expect.stringMatching(/not JSON/)]);
    expect(dead[2].headers['x-dlq-error']).toMatch(/does not belong on topic/);
    expect((await bob.get(`/v1/reviews/${articleId}`)).status).toBe(404);
  });

  it('carries a review from claim to approval over HTTP and announces every step on the review topic', async () => {
    const articleId = randomUUID();
    await deliver(submitted(articleId, 1, articleWithBlockingErrors()));

    const selfClaim = await author.post<ErrorBody>(`/v1/reviews/${articleId}/claim`);
    expect([selfClaim.status, selfClaim.body.error.code]).toEqual([403, 'ARTICLE.SELF_REVIEW']);
    expect(await bob.post<ReviewView>(`/v1/reviews/${articleId}/claim`)).toMatchObject({ status: 200, body: { status: 'in_review', assigneeId: 'bob' } });
    expect((await bob.post(`/v1/reviews/${articleId}/claim`)).status).toBe(200);
    const taken = await carol.post<ErrorBody>(`/v1/reviews/${articleId}/claim`);
    expect([taken.status, taken.body.error.code]).toEqual([409, 'REVIEW.ALREADY_CLAIMED']);
    const note = await carol.post<ReviewView>(`/v1/reviews/${articleId}/comments`, { body: '  Who is the spokesperson?  ' });
    expect(note.status).toBe(201);
    expect(note.body.comments).toEqual([expect.objectContaining({ editorId: 'carol', body: 'Who is the spokesperson?', revision: 1, blockIndex: null })]);
    const anchored = await carol.post<ReviewView>(`/v1/reviews/${articleId}/comments`, { body: 'Which port?', blockIndex: 0 });
    expect(anchored.body.comments?.at(-1)).toMatchObject({ body: 'Which port?', blockIndex: 0 });
    const badAnchor = await carol.post<ErrorBody>(`/v1/reviews/${articleId}/comments`, { body: 'Here?', blockIndex: -1 });
    expect(badAnchor.status).toBe(400);
    const blocked = await bob.post<ErrorBody>(`/v1/reviews/${articleId}/approve`, {});
    expect([blocked.status, blocked.body.error.code]).toEqual([409, 'REVIEW.BLOCKING_CHECKS']);
    expect(blocked.body.error.details?.map((check) => check.code)).toEqual(['UNSAFE_LINK', 'QUOTE_WITHOUT_ATTRIBUTION']);
    const notMine = await carol.post<ErrorBody>(`/v1/reviews/${articleId}/request-changes`, { note: 'Fix it' });
    expect([notMine.status, notMine.body.error.code]).toEqual([403, 'REVIEW.NOT_ASSIGNED']);
    const changes = await bob.post<ReviewView>(`/v1/reviews/${articleId}/request-changes`, { note: 'Attribute the quote; fix the link.' });
    expect(changes).toMatchObject({ status: 200, body: { status: 'changes_requested', reviewedRevision: 1 } });
    expect(changes.body.decisions).toEqual([
      {
        id: expect.any(String),
        kind: 'changes_requested',
        revision: 1,
        editorId: 'bob',
        note: 'Attribute the quote; fix the link.',
        publishAt: null,
        embargoUntil: null,
        priority: null,
        decidedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      },
    ]);
    const early = await bob.post<ErrorBody>(`/v1/reviews/${articleId}/approve`, {});
    expect([early.status, early.body.error.code]).toEqual([409, 'REVIEW.INVALID_TRANSITION']);

    await deliver(submitted(articleId, 2, revisedArticle()));
    const resubmitted = await reviewWhen(articleId, 'revision 2', (review) => review.revision === 2);
    expect(resubmitted).toMatchObject({ status: 'pending', assigneeId: null, reviewedRevision: 1, checks: [] });
    expect(resubmitted.submissions.map((s) => [s.revision, s.diffAgainst])).toEqual([
      [1, null],
      [2, 1],
    ]);
    expect([resubmitted.comments.length, resubmitted.decisions.length]).toEqual([2, 1]);
    expect(resubmitted.diff).toMatchObject({
      fromRevision: 1,
      toRevision: 2,
      fields: { headline: { after: revisedArticle().headline }, tags: { added: ['port'], removed: ['noise'] }, dateline: { before: null } },
      summary: { blocksChanged: 3, blocksAdded: 0, blocksRemoved: 0 },
    });
    expect(resubmitted.diff?.body.map((change) => [change.change, 'toIndex' in change ? change.toIndex : null])).toEqual([
      ['changed', 0],
      ['changed', 2],
      ['changed', 3],
    ]);

    const selfApproval = await service.as('admin', AUTHOR).post<ErrorBody>(`/v1/reviews/${articleId}/approve`, { priority: 'breaking' });
    expect([selfApproval.status, selfApproval.body.error.code]).toEqual([403, 'ARTICLE.SELF_APPROVAL']);
    expect((await bob.post(`/v1/reviews/${articleId}/claim`)).status).toBe(200);
    const approved = await bob.post<ReviewView>(`/v1/reviews/${articleId}/approve`, {
      publishAt: '2025-11-21T20:00:00+02:00',
      embargoUntil: '2025-11-21T17:30:00Z',
      priority: 'breaking',
    });
    expect(approved).toMatchObject({ status: 200, body: { status: 'approved', assigneeId: 'bob', revision: 2 } });
    const closed = await carol.post<ErrorBody>(`/v1/reviews/${articleId}/comments`, { body: 'Too late?' });
    expect([closed.status, closed.body.error.code]).toEqual([409, 'REVIEW.CLOSED']);

    const events = await reviewEventsWhen(articleId, 'the approval on the review topic', (all) => all.some((e) => e.type === EVENT_TYPES.articleApproved));
    expect(events.map((e) => [e.type, (e.data as { revision: number }).revision])).toEqual([
      [EVENT_TYPES.reviewClaimed, 1],
      [EVENT_TYPES.reviewCommentAdded, 1],
      [EVENT_TYPES.reviewCommentAdded, 1],
      [EVENT_TYPES.changesRequested, 1],
      [EVENT_TYPES.reviewClaimed, 2],
      [EVENT_TYPES.articleApproved, 2],
    ]);
    expect(events.every((e) => e.source === 'newsroom/editorial-review')).toBe(true);
    expect(events[5].data).toEqual({
      articleId,
      revision: 2,
      editorId: 'bob',
      authorId: AUTHOR,
      approvedAt: expect.any(String),
      publishAt: '2025-11-21T18:00:00.000Z',
      embargoUntil: '2025-11-21T17:30:00.000Z',
      priority: 'breaking',
      article: JSON.parse(JSON.stringify(revisedArticle())),
    });
  });

  it('lets an editor take a story over from the editor who holds it, announced as their claim, and no longer lets the first decide', async () => {
    const articleId = randomUUID();
    await deliver(submitted(articleId, 1));
    expect((await bob.post(`/v1/reviews/${articleId}/claim`)).status).toBe(200);

    for (const body of [{ takeOver: 'yes' }, { takeOver: 1 }, { takeover: true }]) {
      const refused = await carol.post<ErrorBody>(`/v1/reviews/${articleId}/claim`, body);
      expect([refused.status, refused.body.error.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    }
    const plain = await carol.post<ErrorBody>(`/v1/reviews/${articleId}/claim`, { takeOver: false });
    expect([plain.status, plain.body.error.code, plain.body.error.details]).toEqual([409, 'REVIEW.ALREADY_CLAIMED', { assigneeId: 'bob' }]);
    const ownTakeOver = await author.post<ErrorBody>(`/v1/reviews/${articleId}/claim`, { takeOver: true });
    expect([ownTakeOver.status, ownTakeOver.body.error.code]).toEqual([403, 'ARTICLE.SELF_REVIEW']);

    const taken = await carol.post<ReviewView>(`/v1/reviews/${articleId}/claim`, { takeOver: true });
    expect(taken).toMatchObject({ status: 200, body: { status: 'in_review', assigneeId: 'carol' } });
    const late = await bob.post<ErrorBody>(`/v1/reviews/${articleId}/approve`, {});
    expect([late.status, late.body.error.code]).toEqual([403, 'REVIEW.NOT_ASSIGNED']);
    const back = await bob.post<ErrorBody>(`/v1/reviews/${articleId}/claim`);
    expect([back.status, back.body.error.code, back.body.error.details]).toEqual([409, 'REVIEW.ALREADY_CLAIMED', { assigneeId: 'carol' }]);
    expect((await carol.post<ReviewView>(`/v1/reviews/${articleId}/approve`, {})).body).toMatchObject({ status: 'approved', assigneeId: 'carol' });

    const events = await reviewEventsWhen(articleId, 'the approval on the review topic', (all) => all.some((e) => e.type === EVENT_TYPES.articleApproved));
    expect(events.map((e) => [e.type, (e.data as { editorId: string }).editorId])).toEqual([
      [EVENT_TYPES.reviewClaimed, 'bob'],
      [EVENT_TYPES.reviewClaimed, 'carol'],
      [EVENT_TYPES.articleApproved, 'carol'],
    ]);
  });

  it("lets the story's reporter recall it from the queue until an editor claims it, and puts it back when they submit it again as it was", async () => {
    const articleId = randomUUID();
    const first = submitted(articleId, 1);
    await deliver(first);
    const reporter = service.as('reporter', AUTHOR);

    // Another reporter is not told the story exists; an editor, who reads every review, is told why.
    const someoneElse = await service.as('reporter', 'dora').post<ErrorBody>(`/v1/reviews/${articleId}/recall`);
    expect([someoneElse.status, someoneElse.body.error.code]).toEqual([404, 'REVIEW.NOT_FOUND']);
    const notYetArrived = await reporter.post<ErrorBody & { error: { details?: unknown } }>(`/v1/reviews/${articleId}/recall`, { revision: 2, submittedAt: new Date().toISOString() });
    expect([notYetArrived.status, notYetArrived.body.error.code, notYetArrived.body.error.details]).toEqual([
      409,
      'REVIEW.SUBMISSION_NOT_CURRENT',
      { revision: 1, submittedAt: first.data.submittedAt },
    ]);
    const half = await reporter.post<ErrorBody>(`/v1/reviews/${articleId}/recall`, { revision: 1 });
    expect([half.status, half.body.error.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    const editor = await bob.post<ErrorBody>(`/v1/reviews/${articleId}/recall`);
    expect([editor.status, editor.body.error.code]).toEqual([403, 'REVIEW.NOT_THE_AUTHOR']);
    const unknown = await reporter.post<ErrorBody>(`/v1/reviews/${randomUUID()}/recall`);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'REVIEW.NOT_FOUND']);

    expect(await reporter.post(`/v1/reviews/${articleId}/recall`, { revision: 1, submittedAt: first.data.submittedAt })).toMatchObject({
      status: 200,
      body: { articleId, revision: 1, status: 'recalled', recalled: true },
    });
    expect((await reporter.post(`/v1/reviews/${articleId}/recall`)).body).toMatchObject({ recalled: false }); // a double click
    expect((await bob.get<ReviewView>(`/v1/reviews/${articleId}`)).body.status).toBe('recalled');
    expect((await bob.get<{ items: { articleId: string }[] }>('/v1/reviews?status=pending&limit=100')).body.items.map((i) => i.articleId)).not.toContain(articleId);
    const claimRecalled = await bob.post<ErrorBody>(`/v1/reviews/${articleId}/claim`);
    expect([claimRecalled.status, claimRecalled.body.error.code]).toEqual([409, 'REVIEW.INVALID_TRANSITION']);

    // The first submission as a new event (its own time) changes nothing; the same revision submitted again does.
    const again = createEvent(EVENT_TYPES.articleSubmitted, { ...first.data }, { subject: articleId });
    await deliver(again);
    expect((await bob.get<ReviewView>(`/v1/reviews/${articleId}`)).body.status).toBe('recalled');
    await deliver(submitted(articleId, 1));
    const back = await reviewWhen(articleId, 'back in the queue', (review) => review.status === 'pending');
    expect(back).toMatchObject({ revision: 1, assigneeId: null });
    expect(back.submissions.map((submission) => submission.revision)).toEqual([1]);

    expect((await bob.post(`/v1/reviews/${articleId}/claim`)).status).toBe(200);
    const late = await reporter.post<ErrorBody>(`/v1/reviews/${articleId}/recall`);
    expect([late.status, late.body.error.code, late.body.error.details]).toEqual([409, 'REVIEW.RECALL_TOO_LATE', { assigneeId: 'bob' }]);

    const events = await reviewEventsWhen(articleId, 'the claim after the recall', (all) => all.some((e) => e.type === EVENT_TYPES.reviewClaimed));
    expect(events.map((e) => e.type)).toEqual([EVENT_TYPES.submissionRecalled, EVENT_TYPES.reviewClaimed]);
    expect(events[0].data).toEqual({ articleId, revision: 1, authorId: AUTHOR, recalledAt: expect.any(String) });
  });

  it('puts a revision the editors sent back in the queue again when its reporter submits it unchanged', async () => {
    const articleId = randomUUID();
    await deliver(submitted(articleId, 1));
    await bob.post(`/v1/reviews/${articleId}/claim`);
    await bob.post(`/v1/reviews/${articleId}/request-changes`, { note: 'Is the figure right?' });
    await deliver(submitted(articleId, 1)); // checked, and it is
    const back = await reviewWhen(articleId, 'back in the queue', (review) => review.status === 'pending');
    expect(back).toMatchObject({ revision: 1, reviewedRevision: 1, assigneeId: null });
    expect(back.decisions.map((d) => d.kind)).toEqual(['changes_requested']);
  });

  it('dead-letters a new revision of a rejected article, and ignores a late redelivery of the decided one', async () => {
    const articleId = randomUUID();
    const first = submitted(articleId, 1);
    await deliver(first);
    await bob.post(`/v1/reviews/${articleId}/claim`);
    expect((await bob.post(`/v1/reviews/${articleId}/reject`, { reason: 'Covered yesterday.' })).status).toBe(200);

    const lateRedelivery = submitted(articleId, 1);
    const second = submitted(articleId, 2, revisedArticle());
    await deliver(lateRedelivery);
    await bus.produce(TOPICS.drafting, second);

    const dead = await eventually('revision 2 on the dead-letter topic', () => deadLetters.find((letter) => letter.event?.id === second.id));
    expect(dead.headers['x-dlq-error']).toMatch(/REVIEW\.ALREADY_DECIDED: .*already rejected/);
    expect(dead.headers['x-dlq-attempts']).toBe('1');
    expect(deadLetters.some((letter) => letter.event?.id === lateRedelivery.id)).toBe(false);
    expect(await count('review_submissions', articleId)).toBe(1);
    expect((await bob.get<ReviewView>(`/v1/reviews/${articleId}`)).body).toMatchObject({ status: 'rejected', revision: 1 });
  });

  it('reviews a newer revision of an approved (live) story again, against the approved text, and approves it as that revision', async () => {
    const articleId = randomUUID();
    await deliver(submitted(articleId, 1));
    await bob.post(`/v1/reviews/${articleId}/claim`);
    expect((await bob.post(`/v1/reviews/${articleId}/approve`, {})).status).toBe(200);

    await deliver(submitted(articleId, 2, revisedArticle()));
    const requeued = await reviewWhen(articleId, 'the update back in the queue', (review) => review.status === 'pending' && review.revision === 2);
    expect(JSON.stringify(requeued)).toContain(revisedArticle().headline);
    await bob.post(`/v1/reviews/${articleId}/claim`);
    expect((await bob.post(`/v1/reviews/${articleId}/approve`, {})).status).toBe(200);
    const approvals = (await reviewEventsWhen(articleId, 'two approvals', (events) => events.filter((event) => event.type === EVENT_TYPES.articleApproved).length === 2)).filter(
      (event) => event.type === EVENT_TYPES.articleApproved,
    );
    expect(approvals.map((event) => (event.data as { revision: number }).revision)).toEqual([1, 2]);
  });

  it('turns an article down over HTTP and announces the rejection', async () => {
    const articleId = randomUUID();
    await deliver(submitted(articleId, 1));
    await carol.post(`/v1/reviews/${articleId}/claim`);

    const rejected = await carol.post<ReviewView>(`/v1/reviews/${articleId}/reject`, { reason: 'Covered yesterday.' });
    expect(rejected).toMatchObject({ status: 200, body: { status: 'rejected', decisions: [expect.objectContaining({ kind: 'rejected', note: 'Covered yesterday.' })] } });
    const [, rejection] = await reviewEventsWhen(articleId, 'the rejection', (events) => events.length === 2);
    expect(rejection).toMatchObject({ type: EVENT_TYPES.articleRejected, data: { articleId, revision: 1, editorId: 'carol', reason: 'Covered yesterday.' } });
  });

  it('keeps answering its liveness probe while it diffs a 100 kB resubmission rewritten throughout', async () => {
    const articleId = randomUUID();
    await deliver(submitted(articleId, 1, article({ body: proseParagraphs(10, 10_000, 11) })));
    await bob.post(`/v1/reviews/${articleId}/claim`);
    expect((await bob.post(`/v1/reviews/${articleId}/request-changes`, { note: 'Rewrite it.' })).status).toBe(200);

    // Probe /health/live back to back while the resubmission is received and diffed.
    const probes: { status: number; ms: number }[] = [];
    let diffed = false;
    const probing = (async () => {
      while (!diffed) {
        const started = performance.now();
        const { status } = await service.anonymous.get('/health/live');
        probes.push({ status, ms: performance.now() - started });
      }
    })();
    const resubmission = submitted(articleId, 2, article({ body: proseParagraphs(10, 10_000, 12) }));
    await bus.produce(TOPICS.drafting, resubmission);
    const review = await reviewWhen(articleId, 'the 100 kB resubmission diffed', (r) => r.diff !== null);
    diffed = true;
    await probing;
    // Reported, not asserted: timings depend on the machine.
    const slowest = Math.max(...probes.map((probe) => probe.ms));
    process.stdout.write(`[diff] /health/live answered ${probes.length} probes while a 100 kB resubmission was diffed; slowest ${slowest.toFixed(1)} ms\n`);

    expect(review.diff?.summary).toMatchObject({ blocksChanged: 10, coarseTexts: expect.any(Number) });
    expect(review.diff!.summary.coarseTexts).toBeGreaterThan(0);
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.every((probe) => probe.status === 200)).toBe(true);
  });
});
