import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArticleContent } from '@newsroom/contracts';
import { isEditable, isSpikeable } from '../../domain/draft';
import { DRAFT_STATUSES, REVISABLE_STATUSES, type DraftStatus } from '../../domain/draft-status';
import { ACTIVITY_KINDS, type ActivityKind } from '../../domain/draft-timeline';
import type { ActivityEntity } from '../../persistence/activity.entity';
import type { DraftEntity } from '../../persistence/draft.entity';
import type { RevisionEntity } from '../../persistence/revision.entity';

export class ActivityView {
  @ApiProperty({ enum: ACTIVITY_KINDS }) kind!: ActivityKind;
  @ApiProperty() at!: string;
  @ApiPropertyOptional({ nullable: true }) actorId!: string | null;
  @ApiPropertyOptional({ nullable: true }) revision!: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'Editor note, change request or rejection reason' }) note!: string | null;
  @ApiPropertyOptional({ nullable: true, description: "For an editor's note on one block of the revision's body: that block, 0-based (as editorial review's blockIndex)" }) blockIndex!: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'For a `scheduled` entry: when the revision was to go live then (ISO 8601); null otherwise, and for entries older than this field' })
  publishAt!: string | null;
}

export class DraftSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty({ enum: DRAFT_STATUSES }) status!: DraftStatus;
  @ApiProperty({ description: 'Send it back in If-Match when editing' }) version!: number;
  @ApiProperty() headline!: string;
  @ApiProperty() section!: string;
  @ApiProperty() editable!: boolean;
  @ApiProperty({ description: 'Whether its reporter may start a new revision (POST /v1/drafts/:id/revisions): published, withdrawn or cancelled' })
  revisable!: boolean;
  @ApiProperty({ description: 'Whether its reporter may spike it now (POST /v1/drafts/:id/spike): never live, and a draft, one with requested changes or a rejected one' })
  spikeable!: boolean;
  @ApiPropertyOptional({ nullable: true, description: 'When its reporter spiked it (set it aside, read-only); null while it is not spiked' })
  spikedAt!: string | null;
  @ApiProperty() updatedAt!: string;
}

export class DraftView extends DraftSummary {
  @ApiProperty({ type: () => ArticleContent }) article!: ArticleContent;
  @ApiPropertyOptional({ nullable: true }) submittedRevision!: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'Public URL once published' }) publicUrl!: string | null;
  @ApiPropertyOptional({ nullable: true }) publishAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({
    nullable: true,
    description: 'While it is in review: the editor holding it, the one who may sub-edit its text (POST /v1/drafts/:id/sub-edits); null otherwise',
  })
  reviewerId!: string | null;
  @ApiProperty({ type: [ActivityView], description: 'Every status change and editor note, oldest first' }) activity!: ActivityView[];
}

export class RevisionView {
  @ApiProperty() number!: number;
  @ApiProperty({ description: 'Who wrote this revision: the reporter, or the editor who sub-edited it in review' }) authorId!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: () => ArticleContent }) article!: ArticleContent;
}

export function toDraftSummary(row: DraftEntity): DraftSummary {
  return {
    id: row.id,
    authorId: row.authorId,
    status: row.status,
    version: row.version,
    headline: row.content.headline,
    section: row.content.section,
    editable: isEditable(row),
    revisable: REVISABLE_STATUSES.includes(row.status) && row.spikedAt === null,
    spikeable: isSpikeable(row),
    spikedAt: row.spikedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toDraftView(row: DraftEntity, activity: ActivityView[]): DraftView {
  return {
    ...toDraftSummary(row),
    article: row.content,
    submittedRevision: row.submittedRevision,
    publicUrl: row.publicUrl,
    publishAt: row.publishAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    reviewerId: row.status === 'in_review' ? row.reviewerId : null,
    activity,
  };
}

export function toActivityView(row: ActivityEntity): ActivityView {
  return { kind: row.kind, at: row.at.toISOString(), actorId: row.actorId, revision: row.revision, note: row.note, blockIndex: row.blockIndex ?? null, publishAt: row.publishAt?.toISOString() ?? null };
}

export function toRevisionView(row: RevisionEntity): RevisionView {
  return { number: row.number, authorId: row.authorId, createdAt: row.createdAt.toISOString(), article: row.content };
}
