import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Outbox } from '@newsroom/messaging';
import { InjectPublishingConfig } from '../../../config/publishing-config.module';
import type { PublishingConfig } from '../../../config/publishing.config';
import type { PublishedArticle } from '../../domain/published-article';
import { ArticleRepository } from '../../persistence/article.repository';
import { articlePublishedEvent } from '../publication-events';

/**
 * Makes an article's pending revision public and announces it, inside the caller's
 * transaction: an approval that is due at once, or the scheduler when a time arrives.
 * The caller stores the article.
 */
@Injectable()
export class GoLive {
  private readonly logger = new Logger(GoLive.name);

  constructor(
    private readonly articles: ArticleRepository,
    private readonly outbox: Outbox,
    @InjectPublishingConfig() private readonly config: PublishingConfig,
  ) {}

  async apply(manager: EntityManager, article: PublishedArticle, now: Date): Promise<void> {
    const pending = article.state.pending;
    if (!pending) throw new Error(`article ${article.id} has no pending revision`);
    const slug = article.needsSlug ? await this.articles.allocateSlug(manager, article.id, pending.content.headline) : undefined;
    const kind = article.goLive(now, slug);
    await this.outbox.add(manager, articlePublishedEvent(article, this.config.publicBaseUrl, now));
    this.logger.log({ articleId: article.id, revision: pending.revision, slug: article.state.slug, kind }, 'article is live');
  }
}
