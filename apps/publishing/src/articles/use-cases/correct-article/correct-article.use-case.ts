import { Injectable } from '@nestjs/common';
import { Outbox } from '@newsroom/messaging';
import { Transactional } from '@newsroom/persistence';
import { InjectPublishingConfig } from '../../../config/publishing-config.module';
import type { PublishingConfig } from '../../../config/publishing.config';
import type { CorrectionRecord } from '../../domain/published-article';
import { ArticleRepository } from '../../persistence/article.repository';
import { Clock } from '../clock';
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
 * @throws ARTICLE.NOT_FOUND, ARTICLE.NOT_PUBLISHED (not live), ARTICLE.INVALID_CORRECTION.
 */
@Injectable()
export class CorrectArticleUseCase {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @InjectPublishingConfig() private readonly config: PublishingConfig,
  ) {}

  @Transactional()
  async execute(command: CorrectArticleCommand): Promise<CorrectArticleResult> {
    const { article, result: correction } = await this.articles.update(command.articleId, (article) =>
      article.correct({ note: command.note, editorId: command.editorId, changes: command.changes ?? {} }, this.clock.now()),
    );
    await this.articles.addCorrection(article.id, correction);
    await this.outbox.record(articleCorrectedEvent(article, this.config.publicBaseUrl, command.note, correction.correctedAt));
    return { articleId: article.id, ...correction };
  }
}
