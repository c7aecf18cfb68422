import { Injectable } from '@nestjs/common';
import { ArticleContent, validatePlain } from '@newsroom/contracts';
import type { AuthenticatedUser } from '@newsroom/auth';
import { Outbox } from '@newsroom/messaging';
import { InjectPublishingConfig } from '../../../config/publishing-config.module';
import type { PublishingConfig } from '../../../config/publishing.config';
import { articleNotFound, articleNotPublished, invalidCorrection } from '../../domain/article.errors';
import { ArticleRepository } from '../../persistence/article.repository';
import { articleCorrectedEvent } from '../publication-events';

export interface CorrectionInput {
  note: string;
  /** Top-level article fields to replace; `body` and `tags` are replaced whole. */
  changes?: Record<string, unknown>;
}

/**
 * An editor corrects a live article: the changed fields replace the live ones (the result
 * must still be a valid article), the note goes into the public corrections log, and
 * subscribers hear about it. The address and the approved revision number stay.
 */
@Injectable()
export class CorrectArticleUseCase {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly outbox: Outbox,
    @InjectPublishingConfig() private readonly config: PublishingConfig,
  ) {}

  async execute(user: AuthenticatedUser, id: string, input: CorrectionInput): Promise<void> {
    await this.articles.transaction(async (manager) => {
      const article = await this.articles.findForUpdate(manager, id);
      if (!article) throw articleNotFound(id);
      const live = article.state.live;
      if (!article.isLive || !live) throw articleNotPublished(id, article.state.status);

      const before = plain(live.content);
      const changes = plain(input.changes ?? {});
      const merged = validatePlain(ArticleContent, { ...before, ...changes });
      if (!merged.ok) throw invalidCorrection(merged.issues.map((issue) => ({ path: `changes.${issue.path}`, message: issue.message })));
      const after = plain(merged.value);
      const changedFields = Object.keys({ ...before, ...after })
        .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
        .sort();

      const now = new Date();
      article.correct(merged.value, now);
      await this.articles.update(manager, article);
      await this.articles.addCorrection(manager, {
        articleId: id,
        note: input.note,
        editorId: user.id,
        correctedAt: now,
        revision: live.revision,
        changedFields,
      });
      await this.outbox.add(manager, articleCorrectedEvent(article, this.config.publicBaseUrl, input.note, now));
    });
  }
}

/** A JSON copy: drops undefined fields and class prototypes, so comparisons see only data. */
function plain(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
