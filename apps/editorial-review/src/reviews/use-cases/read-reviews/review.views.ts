import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArticleContent, CheckResultView, CheckSummaryView, PRIORITIES, summarizeChecks, withIsoDates, type Priority } from '@newsroom/contracts';
import type { BlockChange, FieldsDiff, RevisionDiff } from '../../domain/revision-diff';
import { DECISION_KINDS, REVIEW_STATUSES, type DecisionKind, type ReviewStatus } from '../../domain/review-status';
import type { ReviewCommentEntity } from '../../persistence/review-comment.entity';
import type { ReviewDecisionEntity } from '../../persistence/review-decision.entity';
import type { ReviewItemEntity } from '../../persistence/review-item.entity';
import type { ReviewSubmissionEntity } from '../../persistence/review-submission.entity';

export class ReviewSummary {
  @ApiProperty({ format: 'uuid' }) articleId!: string;
  @ApiProperty({ enum: REVIEW_STATUSES }) status!: ReviewStatus;
  @ApiProperty() headline!: string;
  @ApiProperty() section!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty({ description: 'The revision under review' }) revision!: number;
  @ApiProperty({ description: 'When that revision was submitted' }) submittedAt!: string;
  @ApiProperty({ description: 'When the first revision was submitted' }) firstSubmittedAt!: string;
  @ApiPropertyOptional({ nullable: true, description: 'The editor who claimed it' }) assigneeId!: string | null;
  @ApiPropertyOptional({ nullable: true }) claimedAt!: string | null;
  @ApiProperty({ type: CheckSummaryView, description: 'Automated check results of the revision under review' }) checkSummary!: CheckSummaryView;
  @ApiProperty({ description: "The revision's length in words, counted as the desk's editor counts them (bodyWordCount: the body's words, in the story's language)", example: 412 })
  words!: number;
}

/** What a reporter's recall answers: the story is back with them (whether this call or an earlier one took it). */
export class RecallView {
  @ApiProperty({ format: 'uuid' }) articleId!: string;
  @ApiProperty({ description: 'The revision taken back from the queue' }) revision!: number;
  @ApiProperty({ enum: ['recalled'] }) status!: 'recalled';
  @ApiProperty({ description: 'False when it had been recalled already: nothing changed' }) recalled!: boolean;
}

export class SubmissionView {
  @ApiProperty() revision!: number;
  @ApiProperty() submittedAt!: string;
  @ApiProperty() receivedAt!: string;
  @ApiProperty({ type: CheckSummaryView }) checkSummary!: CheckSummaryView;
  @ApiPropertyOptional({ nullable: true, description: 'The revision this one was compared with' }) diffAgainst!: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'For a sub-edit: the editor who edited the text under review into this revision; null when its reporter submitted it' })
  editedBy!: string | null;
}

export class CommentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The revision under review when the note was written' }) revision!: number;
  @ApiProperty() editorId!: string;
  @ApiProperty() body!: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: "The block of that revision's body the note is about (0-based index); null for the whole story" })
  blockIndex!: number | null;
  @ApiProperty() createdAt!: string;
}

export class DecisionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DECISION_KINDS }) kind!: DecisionKind;
  @ApiProperty() revision!: number;
  @ApiProperty() editorId!: string;
  @ApiPropertyOptional({ nullable: true, description: 'The change request note or the rejection reason' }) note!: string | null;
  @ApiPropertyOptional({ nullable: true }) publishAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) embargoUntil!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: PRIORITIES }) priority!: Priority | null;
  @ApiProperty() decidedAt!: string;
}

export class RevisionDiffSummaryView {
  @ApiProperty({ type: [String], example: ['headline', 'tags'] }) fieldsChanged!: string[];
  @ApiProperty() blocksAdded!: number;
  @ApiProperty() blocksRemoved!: number;
  @ApiProperty() blocksChanged!: number;
  @ApiProperty({ description: 'Blocks that appear both removed and added unchanged elsewhere' }) blocksMoved!: number;
  @ApiProperty({ description: 'Texts shown as replaced whole (coarse: true) because a word diff would exceed the diff limits' }) coarseTexts!: number;
}

export class RevisionDiffView implements RevisionDiff {
  @ApiProperty({ description: 'The revision an editor reviewed last' }) fromRevision!: number;
  @ApiProperty({ description: 'The resubmitted revision' }) toRevision!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Changed top-level fields only. headline and standfirst: {before, after, changes: [{op: equal|added|removed, text}]} (a word diff); ' +
      'dateline, section, bylines, language: {before, after}; tags: {added, removed, relabelled: [{tag, before, after}], labels} (tags by slug, with the words each was typed as).',
    example: { headline: { before: 'Council approves ban', after: 'Council rejects ban', changes: [{ op: 'equal', text: 'Council ' }, { op: 'removed', text: 'approves' }, { op: 'added', text: 'rejects' }, { op: 'equal', text: ' ban' }] } },
  })
  fields!: FieldsDiff;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'Body changes in reading order: {change: added, toIndex, block}, {change: removed, fromIndex, block}, or ' +
      '{change: changed, fromIndex, toIndex, type, fields: [{field, before, after, changes, coarse?}]} with a word diff per changed field ' +
      '(coarse: true when the texts differ too much to diff word by word within the limits: the old text removed, the new added).',
  })
  body!: BlockChange[];
  @ApiProperty({ type: RevisionDiffSummaryView }) summary!: RevisionDiffSummaryView;
}

export class ReviewView extends ReviewSummary {
  @ApiPropertyOptional({ nullable: true, description: 'The revision the last decision was made on' }) reviewedRevision!: number | null;
  @ApiPropertyOptional({ nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: () => ArticleContent, description: 'The revision under review, exactly as submitted' }) article!: ArticleContent;
  @ApiProperty({ type: [CheckResultView] }) checks!: CheckResultView[];
  @ApiProperty({ type: [SubmissionView], description: 'Every submitted revision, oldest first' }) submissions!: SubmissionView[];
  @ApiProperty({ type: [CommentView], description: 'Every editor note across all revisions, oldest first' }) comments!: CommentView[];
  @ApiProperty({ type: [DecisionView], description: 'Change requests, the approval or the rejection, oldest first' }) decisions!: DecisionView[];
  @ApiPropertyOptional({
    type: RevisionDiffView,
    nullable: true,
    description: 'For a resubmission: what changed since the revision an editor reviewed last; for a sub-edit: what its editor changed in the revision they edited',
  })
  diff!: RevisionDiffView | null;
}

export class ReviewList {
  @ApiProperty({ type: [ReviewSummary] }) items!: ReviewSummary[];
  @ApiProperty() total!: number;
}

export function toReviewSummary(row: ReviewItemEntity): ReviewSummary {
  return {
    articleId: row.articleId,
    status: row.status,
    headline: row.headline,
    section: row.section,
    authorId: row.authorId,
    revision: row.currentRevision,
    submittedAt: row.submittedAt.toISOString(),
    firstSubmittedAt: row.firstSubmittedAt.toISOString(),
    assigneeId: row.assigneeId,
    claimedAt: iso(row.claimedAt),
    checkSummary: { errors: row.checkErrors, warnings: row.checkWarnings },
    words: row.wordCount,
  };
}

export function toReviewView(
  row: ReviewItemEntity,
  submissions: ReviewSubmissionEntity[],
  comments: ReviewCommentEntity[],
  decisions: ReviewDecisionEntity[],
): ReviewView {
  const current = submissions.find((s) => s.revision === row.currentRevision);
  if (!current) throw new Error(`review ${row.articleId} has no stored submission for revision ${row.currentRevision}`);
  return {
    ...toReviewSummary(row),
    reviewedRevision: row.reviewedRevision,
    decidedAt: iso(row.decidedAt),
    article: current.article,
    checks: current.checks,
    submissions: submissions.map(toSubmissionView),
    comments: comments.map(toCommentView),
    decisions: decisions.map(toDecisionView),
    diff: current.diff,
  };
}

function toSubmissionView(row: ReviewSubmissionEntity): SubmissionView {
  return {
    revision: row.revision,
    submittedAt: row.submittedAt.toISOString(),
    receivedAt: row.receivedAt.toISOString(),
    checkSummary: summarizeChecks(row.checks),
    diffAgainst: row.diffAgainst,
    editedBy: row.editedBy,
  };
}

function toCommentView(row: ReviewCommentEntity): CommentView {
  return { id: row.id, revision: row.revision, editorId: row.editorId, body: row.body, blockIndex: row.blockIndex, createdAt: row.createdAt.toISOString() };
}

/** A decision as stored, its times written out; the article id is the review's already. */
function toDecisionView(row: ReviewDecisionEntity): DecisionView {
  const { articleId: _articleId, ...decision } = row;
  return withIsoDates(decision);
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
