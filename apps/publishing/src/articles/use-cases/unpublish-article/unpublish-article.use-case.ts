import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@newsroom/auth';
import { Outbox } from '@newsroom/messaging';
import { articleNotFound } from '../../domain/article.errors';
import { ArticleRepository } from '../../persistence/article.repository';
import { articleUnpublishedEvent } from '../publication-events';

/**
 * An editor takes a live article down. Its address then answers 410 Gone with a short
 * notice; the API still returns it, marked withdrawn and without its text.
 */
@Injectable()
export class UnpublishArticleUseCase {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly outbox: Outbox,
  ) {}

  async execute(user: AuthenticatedUser, id: string, reason: string): Promise<void> {
    await this.articles.transaction(async (manager) => {
      const article = await this.articles.findForUpdate(manager, id);
      if (!article) throw articleNotFound(id);
      const now = new Date();
      article.unpublish(reason, user.id, now);
      await this.articles.update(manager, article);
      await this.outbox.add(manager, articleUnpublishedEvent(article, now));
    });
  }
}
