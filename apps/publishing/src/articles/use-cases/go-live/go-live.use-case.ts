import { Injectable, Logger } from '@nestjs/common';
import { Outbox } from '@newsroom/messaging';
import { UnitOfWork } from '@newsroom/persistence';
import { InjectPublishingConfig } from '../../../config/publishing-config.module';
import type { PublishingConfig } from '../../../config/publishing.config';
import type { Publication } from '../../domain/published-article';
import { ArticleRepository } from '../../persistence/article.repository';
import { Clock } from '../clock';
import { articlePublishedEvent, articleUpdatedEvent } from '../publication-events';
import type { GoLiveCommand } from './go-live.command';

export interface GoLiveResult extends Publication {
  articleId: string;
}

/**
 * Makes an article's waiting revision public and announces it: `news.article.updated.v1` when
 * it replaces a live text, `news.article.published.v1` otherwise.
 * Runs inside the caller's unit of work when there is one: an approval that is due at once,
 * or the scheduler when a time arrives; on its own otherwise.
 *
 * @throws ARTICLE.NOT_FOUND for an unknown article; ARTICLE.NOTHING_DUE when nothing waits
 *   or its time has not come.
 */
@Injectable()
export class GoLiveUseCase {
  private readonly logger = new Logger(GoLiveUseCase.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly articles: ArticleRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @InjectPublishingConfig() private readonly config: PublishingConfig,
  ) {}

  execute(command: GoLiveCommand): Promise<GoLiveResult> {
    return this.unitOfWork.run(async () => {
      const {
        article,
        result: { now, publication },
      } = await this.articles.update(command.articleId, async (article) => {
        const now = this.clock.now();
        const slug = article.needsSlug ? await this.articles.allocateSlug(article.id, article.pendingHeadline) : undefined;
        return { now, publication: article.goLive(now, slug) };
      });
      // An update has its own event; a first publication and a republication announce a publication.
      await this.outbox.record(
        publication.kind === 'update' ? articleUpdatedEvent(article, this.config.publicBaseUrl, now) : articlePublishedEvent(article, this.config.publicBaseUrl, now),
      );
      this.logger.log({ articleId: article.id, ...publication }, 'article is live');
      return { articleId: article.id, ...publication };
    });
  }
}
