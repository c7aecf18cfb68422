import { randomUUID } from 'node:crypto';
import { UseCaseTestbed } from '@newsroom/test-harness';
import type { ReviewStatus } from '../../domain/review-status';
import { refusal, thrownBy } from '@newsroom/testing';
import { carol, commentBy, ReviewFixtures, reviewTestbed } from '../../../../test/review.fixtures';
import { CommentOnReviewCommand } from './comment-on-review.command';
import { CommentOnReviewUseCase } from './comment-on-review.use-case';

describe(CommentOnReviewUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: ReviewFixtures;
  let comment: CommentOnReviewUseCase;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(reviewTestbed('comment_on_review'));
    fixtures = new ReviewFixtures(testbed);
    comment = testbed.get(CommentOnReviewUseCase);
  });
  afterAll(() => testbed?.close());

  it('keeps the note with the revision under review', async () => {
    const articleId = await fixtures.inStatus('in_review');
    const result = await comment.execute(commentBy(carol, articleId, 'Who is the spokesperson?'));

    expect(result).toEqual({ commentId: expect.any(String), revision: 1 });
    expect(await fixtures.comments(articleId)).toEqual([
      { id: result.commentId, article_id: articleId, revision: 1, editor_id: 'carol', body: 'Who is the spokesperson?', block_index: null, created_at: expect.any(Date) },
    ]);
  });

  it('announces the note, so the reporter sees every note', async () => {
    const articleId = await fixtures.inStatus('in_review');
    const { commentId } = await comment.execute(commentBy(carol, articleId, 'Who is the spokesperson?'));

    const added = (await testbed.recordedEvents(articleId)).at(-1);
    expect(added).toMatchObject({ type: 'news.article.review-comment-added.v1', subject: articleId });
    expect(added?.data).toEqual({ articleId, revision: 1, editorId: 'carol', commentId, body: 'Who is the spokesperson?', createdAt: added?.time });
  });

  it('anchors a note to a block of the revision under review, and says so in the event', async () => {
    const articleId = await fixtures.inStatus('in_review');
    const { commentId } = await comment.execute(CommentOnReviewCommand.create({ articleId, editorId: 'carol', body: 'Second source?', blockIndex: 1 }));

    expect(await fixtures.comments(articleId)).toEqual([expect.objectContaining({ id: commentId, body: 'Second source?', block_index: 1 })]);
    expect((await testbed.recordedEvents(articleId)).at(-1)?.data).toMatchObject({ commentId, blockIndex: 1 });
  });

  it('refuses an anchor past the end of the body with REVIEW.BLOCK_NOT_FOUND, storing nothing', async () => {
    const articleId = await fixtures.inStatus('in_review');
    const blocks = (await testbed.query<{ n: number }>('SELECT jsonb_array_length(article->\'body\') AS n FROM review_submissions WHERE article_id = $1', [articleId]))[0].n;
    const eventsBefore = await fixtures.eventTypes(articleId);

    const refused = await refusal(comment.execute(CommentOnReviewCommand.create({ articleId, editorId: 'carol', body: 'Here?', blockIndex: blocks })));

    expect(refused).toMatchObject({ code: 'REVIEW.BLOCK_NOT_FOUND', kind: 'validation', details: { blockIndex: blocks, blocks } });
    expect(await fixtures.comments(articleId)).toEqual([]);
    expect(await fixtures.eventTypes(articleId)).toEqual(eventsBefore);
  });

  it.each([-1, 1.5, 500, '2'])('refuses the block anchor %p with COMMAND.INVALID', (blockIndex) => {
    expect(thrownBy(() => CommentOnReviewCommand.create({ articleId: randomUUID(), editorId: 'carol', body: 'Here?', blockIndex: blockIndex as number }))).toMatchObject({
      code: 'COMMAND.INVALID',
    });
  });

  it.each<ReviewStatus>(['pending', 'changes_requested', 'recalled'])('takes notes from any editor while the review is %s', async (status) => {
    const articleId = await fixtures.inStatus(status);
    await comment.execute(commentBy(carol, articleId));
    expect(await fixtures.comments(articleId)).toHaveLength(1);
  });

  it.each<ReviewStatus>(['approved', 'rejected'])('refuses a note once the review is %s with REVIEW.CLOSED, storing nothing', async (status) => {
    const articleId = await fixtures.inStatus(status);
    const eventsBefore = await fixtures.eventTypes(articleId);
    expect(await refusal(comment.execute(commentBy(carol, articleId, 'Too late?')))).toMatchObject({ code: 'REVIEW.CLOSED', kind: 'conflict', details: { status } });
    expect(await fixtures.comments(articleId)).toEqual([]);
    expect(await fixtures.eventTypes(articleId)).toEqual(eventsBefore);
  });

  it('is REVIEW.NOT_FOUND for an article that was never submitted', async () => {
    expect(await refusal(comment.execute(commentBy(carol, randomUUID())))).toMatchObject({ code: 'REVIEW.NOT_FOUND' });
  });

  it('trims the note, and refuses a blank one with COMMAND.INVALID', () => {
    const articleId = randomUUID();
    expect(CommentOnReviewCommand.create({ articleId, editorId: 'carol', body: '  Check the numbers.  ' }).body).toBe('Check the numbers.');
    expect(thrownBy(() => CommentOnReviewCommand.create({ articleId, editorId: 'carol', body: '\n' }))).toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation' });
    // Zero-width characters only: a note the reporter would see as empty.
    expect(thrownBy(() => CommentOnReviewCommand.create({ articleId, editorId: 'carol', body: '\u200B\u200C' }))).toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation' });
  });
});
