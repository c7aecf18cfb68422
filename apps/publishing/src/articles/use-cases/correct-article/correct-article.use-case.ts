import { Injectable } from '@nestjs/common';
import type { CorrectionRecord, PublishedArticle } from '../../domain/published-article';
import { ArticleRepository } from '../../persistence/article.repository';
import { ArticleChanges } from '../article-changes';
import { articleCorrectedEvent } from '../publication-events';
import type { CorrectArticleCommand } from './correct-article.command';

export interface CorrectArticleResult extends CorrectionRecord {
  articleId: string;
}

/**
 * An editor corrects a live article: the changed fields replace the live ones, the note goes
 * into the public corrections log, and subscribers hear about it
 * (`news.article.corrected.v1`). The address and the approved revision number stay.
 *
 * @throws ARTICLE.NOT_FOUND, ARTICLE.NOT_PUBLISHED (not live), ARTICLE.INVALID_CORRECTION,
 *   ARTICLE.NOTHING_CORRECTED, ARTICLE.BLOCKING_CHECKS, ARTICLE.VERSION_CONFLICT (412): a refused
 *   correction stores and emits nothing.
 */
@Injectable()
export class CorrectArticleUseCase {
  constructor(
    private readonly changes: ArticleChanges,
    private readonly articles: ArticleRepository,
  ) {}

  /** Runs in the unit of work of `ArticleChanges.apply`: the article, its log entry and the event together. */
  async execute({ articleId, note, editorId, changes, expectedVersion }: CorrectArticleCommand): Promise<CorrectArticleResult> {
    const correct = async (article: PublishedArticle, now: Date) => {
      const correction = article.correct({ note, editorId, changes, expectedVersion }, now);
      // The public corrections log is a table of its own, written in the same unit of work.
      await this.articles.addCorrection(articleId, correction);
      return correction;
    };
    const { result } = await this.changes.apply(articleId, correct, ({ article, result }, publicBaseUrl) =>
      articleCorrectedEvent(article, publicBaseUrl, { note, editorId }, result.correctedAt),
    );
    return { articleId, ...result };
  }
}
