import { randomUUID } from 'node:crypto';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { article, articleWithBlockingErrors, revisedArticle } from '../../../../test/article.fixtures';
import { refusal, thrownBy } from '@newsroom/testing';
import { approvalBy, AUTHOR, bob, carol, claimBy, commentBy, ReviewFixtures, reviewTestbed, submissionOf } from '../../../../test/review.fixtures';
import { EVENT_TYPES } from '@newsroom/contracts';
import { ApproveArticleUseCase } from '../approve-article/approve-article.use-case';
import { ClaimReviewUseCase } from '../claim-review/claim-review.use-case';
import { REVIEW_USE_CASES } from '../../reviews.module';
import { editorialCheckSettings } from '../editorial-check-settings';
import { CommentOnReviewUseCase } from '../comment-on-review/comment-on-review.use-case';
import { ReceiveSubmissionCommand } from './receive-submission.command';
import { ReceiveSubmissionUseCase } from './receive-submission.use-case';
import { RecordKillUseCase } from '../record-kill/record-kill.use-case';

describe(ReceiveSubmissionUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: ReviewFixtures;
  let receive: ReceiveSubmissionUseCase;

  beforeAll(async () => {
    // The site's section list as editorial review is configured with it (SITE_SECTIONS).
    testbed = await UseCaseTestbed.start({ ...reviewTestbed('receive_submission'), providers: [...REVIEW_USE_CASES, editorialCheckSettings({ sections: ['politics', 'world'] })] });
    fixtures = new ReviewFixtures(testbed);
    receive = testbed.get(ReceiveSubmissionUseCase);
  });
  afterAll(() => testbed?.close());

  it('puts a first submission in the queue, pending, with the text exactly as submitted', async () => {
    const submittedAt = new Date('2025-11-21T09:00:00Z');
    const command = submissionOf({ submittedAt });
    expect(await receive.execute(command)).toEqual({ outcome: 'queued', revision: 1 });

    expect(await fixtures.item(command.articleId)).toMatchObject({
      author_id: AUTHOR,
      status: 'pending',
      assignee_id: null,
      current_revision: 1,
      reviewed_revision: null,
      submitted_at: submittedAt,
      first_submitted_at: submittedAt,
      headline: article().headline,
      section: 'politics',
    });
    expect(await fixtures.submissions(command.articleId)).toEqual([
      expect.objectContaining({ revision: 1, author_id: AUTHOR, article: JSON.parse(JSON.stringify(article())), event_id: command.eventId, diff_against: null, diff: null }),
    ]);
  });

  it('runs the automated checks on the submission and counts them for the queue', async () => {
    const { articleId } = submissionOf();
    await receive.execute(submissionOf({ articleId, article: articleWithBlockingErrors() }));

    const [submission] = await fixtures.submissions(articleId);
    expect((submission.checks as { code: string; severity: string }[]).map((c) => [c.code, c.severity])).toEqual([
      ['DATELINE_MISSING', 'warning'],
      ['UNSAFE_LINK', 'error'],
      ['QUOTE_WITHOUT_ATTRIBUTION', 'error'],
    ]);
    expect(await fixtures.item(articleId)).toMatchObject({ check_errors: 2, check_warnings: 1 });
  });

  it('warns the editor about a section that is not on the site’s section list', async () => {
    const command = submissionOf({ article: article({ section: 'politcs' }) });
    await receive.execute(command);

    const [submission] = await fixtures.submissions(command.articleId);
    expect(submission.checks).toEqual([expect.objectContaining({ code: 'SECTION_UNKNOWN', severity: 'warning', path: 'section' })]);
    expect(await fixtures.item(command.articleId)).toMatchObject({ check_errors: 0, check_warnings: 1 });
  });

  it('announces nothing: the reporter already knows they submitted', async () => {
    const command = submissionOf();
    await receive.execute(command);
    expect(await testbed.recordedEvents(command.articleId)).toEqual([]);
  });

  it('ignores a revision it already has (a redelivery under a new event id)', async () => {
    const articleId = await fixtures.inStatus('in_review');
    expect(await receive.execute(submissionOf({ articleId, revision: 1 }))).toEqual({ outcome: 'duplicate', revision: 1 });
    expect(await fixtures.submissions(articleId)).toHaveLength(1);
    expect(await fixtures.item(articleId)).toMatchObject({ status: 'in_review', assignee_id: 'bob' });
  });

  it('ignores an older revision that arrives late', async () => {
    const articleId = await fixtures.inStatus('changes_requested');
    await fixtures.submit({ articleId, revision: 3 });
    expect(await receive.execute(submissionOf({ articleId, revision: 2 }))).toEqual({ outcome: 'stale', revision: 2 });
    expect(await fixtures.item(articleId)).toMatchObject({ current_revision: 3 });
    expect((await fixtures.submissions(articleId)).map((s) => s.revision)).toEqual([1, 3]);
  });

  it('puts a resubmission back in the queue with a diff against the revision changes were requested on', async () => {
    const articleId = await fixtures.inStatus('changes_requested', { article: articleWithBlockingErrors() });
    expect(await receive.execute(submissionOf({ articleId, revision: 2, article: revisedArticle() }))).toEqual({ outcome: 'requeued', revision: 2, diffAgainst: 1 });

    expect(await fixtures.item(articleId)).toMatchObject({
      status: 'pending',
      assignee_id: null,
      claimed_at: null,
      current_revision: 2,
      reviewed_revision: 1,
      headline: revisedArticle().headline,
      check_errors: 0,
      check_warnings: 0,
    });
    const [, resubmitted] = await fixtures.submissions(articleId);
    expect(resubmitted).toMatchObject({ revision: 2, diff_against: 1 });
    expect(resubmitted.diff).toMatchObject({
      fromRevision: 1,
      toRevision: 2,
      fields: { headline: { before: article().headline, after: revisedArticle().headline }, tags: { added: ['port'], removed: ['noise'] } },
      summary: { blocksChanged: 3, blocksAdded: 0, blocksRemoved: 0 },
    });
  });

  it('keeps every earlier note and decision when a resubmission arrives', async () => {
    const articleId = await fixtures.inStatus('changes_requested');
    await testbed.get(CommentOnReviewUseCase).execute(commentBy(carol, articleId, 'Who said it?'));
    await receive.execute(submissionOf({ articleId, revision: 2 }));
    expect(await fixtures.decisions(articleId)).toEqual([expect.objectContaining({ kind: 'changes_requested', revision: 1 })]);
    expect(await fixtures.comments(articleId)).toEqual([expect.objectContaining({ body: 'Who said it?', revision: 1 })]);
  });

  it('puts an article being reviewed back in the queue when a newer revision replaces the text, with nothing to diff against', async () => {
    const articleId = await fixtures.inStatus('in_review');
    expect(await receive.execute(submissionOf({ articleId, revision: 2, article: revisedArticle() }))).toEqual({ outcome: 'requeued', revision: 2, diffAgainst: null });
    expect(await fixtures.item(articleId)).toMatchObject({ status: 'pending', assignee_id: null, current_revision: 2 });
  });

  it('refuses a new revision once rejected with REVIEW.ALREADY_DECIDED, storing nothing', async () => {
    const articleId = await fixtures.inStatus('rejected');
    expect(await refusal(receive.execute(submissionOf({ articleId, revision: 2 })))).toMatchObject({
      code: 'REVIEW.ALREADY_DECIDED',
      kind: 'conflict',
      details: { status: 'rejected', revision: 2 },
    });
    expect(await fixtures.submissions(articleId)).toHaveLength(1);
  });

  it('ignores a newer revision of a killed story (sent before drafting heard of the kill), storing nothing', async () => {
    const articleId = await fixtures.inStatus('in_review');
    expect(await testbed.get(RecordKillUseCase).execute(articleId)).toEqual({ outcome: 'closed' });
    expect(await receive.execute(submissionOf({ articleId, revision: 2 }))).toEqual({ outcome: 'killed', revision: 2 });
    expect(await fixtures.item(articleId)).toMatchObject({ status: 'killed', current_revision: 1 });
    expect(await fixtures.submissions(articleId)).toHaveLength(1);
  });

  it('puts a newer revision of an approved (live) article back in the queue with a diff against the approved text', async () => {
    const articleId = await fixtures.inStatus('approved');
    expect(await receive.execute(submissionOf({ articleId, revision: 2, article: revisedArticle() }))).toEqual({ outcome: 'requeued', revision: 2, diffAgainst: 1 });
    expect(await fixtures.item(articleId)).toMatchObject({ status: 'pending', assignee_id: null, current_revision: 2, reviewed_revision: 1 });
    const [, update] = await fixtures.submissions(articleId);
    expect(update).toMatchObject({ revision: 2, diff_against: 1, diff: expect.anything() });
  });

  it('keeps a story its editor sub-edited in review with them, the edited text under review, diffed against the text they edited', async () => {
    const articleId = await fixtures.inStatus('in_review');
    const before = (await fixtures.item(articleId))!;
    const edited = submissionOf({ articleId, revision: 2, article: revisedArticle(), editedBy: 'bob' });
    expect(await receive.execute(edited)).toEqual({ outcome: 'sub-edited', revision: 2, diffAgainst: 1 });

    expect(await fixtures.item(articleId)).toMatchObject({
      status: 'in_review',
      assignee_id: 'bob',
      claimed_at: before.claimed_at,
      submitted_at: before.submitted_at,
      current_revision: 2,
      reviewed_revision: null,
      headline: revisedArticle().headline,
    });
    const [first, subEdited] = await fixtures.submissions(articleId);
    expect(first).toMatchObject({ revision: 1, edited_by: null });
    expect(subEdited).toMatchObject({ revision: 2, edited_by: 'bob', diff_against: 1, diff: expect.objectContaining({ fromRevision: 1, toRevision: 2 }) });
    // The editor approves the words as they edited them: the approval carries revision 2's text.
    await testbed.get(ApproveArticleUseCase).execute(approvalBy(bob, articleId));
    const [approved] = (await testbed.recordedEvents(articleId)).filter((e) => e.type === EVENT_TYPES.articleApproved);
    expect(approved.data).toMatchObject({ revision: 2, article: { headline: revisedArticle().headline } });
  });

  it('puts a story back in the queue when a sub-edit arrives from an editor who no longer holds it (a take-over came first)', async () => {
    const articleId = await fixtures.inStatus('in_review');
    await testbed.get(ClaimReviewUseCase).execute(claimBy(carol, articleId, true));
    expect(await receive.execute(submissionOf({ articleId, revision: 2, article: revisedArticle(), editedBy: 'bob' }))).toEqual({ outcome: 'requeued', revision: 2, diffAgainst: null });
    expect(await fixtures.item(articleId)).toMatchObject({ status: 'pending', assignee_id: null, current_revision: 2 });
  });

  it('refuses a submission whose article breaks the content model with COMMAND.INVALID', () => {
    const error = thrownBy(() =>
      ReceiveSubmissionCommand.create({
        articleId: randomUUID(),
        revision: 1,
        authorId: AUTHOR,
        submittedAt: new Date(),
        article: { ...article(), headline: '' } as never,
        eventId: randomUUID(),
      }),
    );
    expect(error).toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation', details: [expect.objectContaining({ path: 'article.headline' })] });
  });
});
