import { Injectable } from '@nestjs/common';
import type { CorrectableField } from '@newsroom/contracts';
import { Transactional } from '@newsroom/persistence';
import { articleGone, articleNotFound } from '../../domain/article.errors';
import type { CorrectionRecord } from '../../domain/published-article';
import { ArticleRepository } from '../../persistence/article.repository';
import type { PreviewCorrectionCarryCommand } from './preview-correction-carry.command';

/** What approving a newer revision of a live story would do with the corrections of its live text. */
export interface CorrectionCarryPreview {
  articleId: string;
  /** The approved revision readers see now. */
  liveRevision: number;
  /** Fields the corrections changed that the revision still holds as approved: it takes the corrected text as it goes live. */
  carried: CorrectableField[];
  /**
   * Fields the corrections changed that the revision rewrote itself: its own text goes live
   * there, and the correction is not in it. An editor should read them against the correction.
   */
  notCarried: CorrectableField[];
  /**
   * The corrections still to be carried that changed a field named above, oldest first: those
   * made to the live revision, and those made to an earlier one and carried into it as it went
   * live.
   */
  corrections: CorrectionRecord[];
}

/**
 * The carry `goLive` would make, computed on the story as it stands, for the review screen: a
 * correction made after the revision was submitted is carried into it where it can be, and
 * where the revision rewrote the same paragraph the editor is told before approving rather
 * than after it went live. Nothing is stored; a later correction can change the answer.
 *
 * The story and its corrections are read from one snapshot (REPEATABLE READ): read apart, a
 * correction committed between the two reads could be in the list but not in the fields, or
 * the other way round.
 *
 * @throws ARTICLE.NOT_FOUND when publishing never had the story live (a first submission has no
 *   live text to carry from); ARTICLE.GONE when it was killed.
 */
@Injectable()
export class PreviewCorrectionCarryQuery {
  constructor(private readonly articles: ArticleRepository) {}

  @Transactional({ isolation: 'REPEATABLE READ' })
  async execute({ articleId, article }: PreviewCorrectionCarryCommand): Promise<CorrectionCarryPreview> {
    const found = await this.articles.find(articleId);
    if (found?.status === 'killed') throw articleGone();
    const live = found?.snapshot().live;
    if (!found || !live) throw articleNotFound(articleId);
    const carry = found.correctionCarryInto(article);
    const carried = carry?.applied ?? [];
    const notCarried = carry?.kept ?? [];
    const touched = new Set<string>([...carried, ...notCarried]);
    const since = found.snapshot().liveCorrectedSince;
    const corrections =
      touched.size > 0
        ? (await this.articles.textCorrections(articleId, since ? { since } : { revision: live.revision })).filter((c) => c.changedFields.some((field) => touched.has(field)))
        : [];
    return { articleId, liveRevision: live.revision, carried, notCarried, corrections };
  }
}
