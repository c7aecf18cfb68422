import { Injectable } from '@nestjs/common';
import { ArticleRepository } from '../../persistence/article.repository';
import { GoLive } from '../go-live/go-live';

export type DueOutcome = { kind: 'none' } | { kind: 'published'; articleId: string } | { kind: 'failed'; articleId: string; error: unknown };

/** Publishes one article whose scheduled time has come, in its own transaction. */
@Injectable()
export class PublishDueArticlesUseCase {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly goLive: GoLive,
  ) {}

  /** `skip`: articles that failed earlier in this round, so one bad row cannot hold up the rest. */
  async publishNext(now: Date, skip: ReadonlySet<string>): Promise<DueOutcome> {
    let articleId: string | undefined;
    try {
      return await this.articles.transaction(async (manager) => {
        const article = await this.articles.lockNextDue(manager, now, skip);
        if (!article) return { kind: 'none' };
        articleId = article.id;
        await this.goLive.apply(manager, article, now);
        await this.articles.update(manager, article);
        return { kind: 'published', articleId: article.id };
      });
    } catch (error) {
      if (articleId === undefined) throw error;
      return { kind: 'failed', articleId, error };
    }
  }
}
