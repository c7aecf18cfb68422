import { Injectable, Logger } from '@nestjs/common';
import { Outbox } from '@newsroom/messaging';
import { Transactional } from '@newsroom/persistence';
import type { Kill } from '../../domain/published-article';
import { ArticleRepository } from '../../persistence/article.repository';
import { Clock } from '../clock';
import { articleKilledEvent } from '../publication-events';
import type { KillArticleCommand } from './kill-article.command';

export interface KillArticleResult extends Omit<Kill, 'reason'> {
  articleId: string;
}

/**
 * An editor kills an article for legal reasons. Its text, the revision waiting, its public
 * fields (search document included) and its corrections are removed in one transaction; the
 * address answers 410 and nothing else from then on, in every output and the API. Consumers
 * hear `news.article.killed.v1` so they can drop what they hold. Works on a story that never
 * went live too, so it never will.
 *
 * @throws ARTICLE.NOT_FOUND; ARTICLE.KILLED when it already is.
 */
@Injectable()
export class KillArticleUseCase {
  private readonly logger = new Logger(KillArticleUseCase.name);

  constructor(
    private readonly articles: ArticleRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async execute(command: KillArticleCommand): Promise<KillArticleResult> {
    const { article, result: kill } = await this.articles.update(command.articleId, (article) =>
      article.killArticle(command.reason, command.editorId, this.clock.now()),
    );
    await this.articles.deleteCorrections(article.id);
    await this.outbox.record(articleKilledEvent(article, kill.at));
    this.logger.log({ articleId: article.id, editorId: command.editorId }, 'article killed');
    return { articleId: article.id, at: kill.at, editorId: kill.editorId };
  }
}
