import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@newsroom/persistence';
import { ArticleRepository } from '../../persistence/article.repository';
import { Clock } from '../clock';
import { GoLiveCommand } from '../go-live/go-live.command';
import { GoLiveUseCase } from '../go-live/go-live.use-case';
import type { PublishDueArticlesCommand } from './publish-due-articles.command';

export interface PublishDueArticlesResult {
  /** Ids of the articles that went live, in due order. */
  published: string[];
  /** Articles that could not be published; they stay due and are tried again next time. */
  failed: { articleId: string; reason: string }[];
  /** True when the limit stopped the call while more may be due. */
  limitReached: boolean;
}

/**
 * Publishes the articles whose time has come, each in its own transaction: one failure
 * rolls back only that article, which is passed over for the rest of the call. Rows are
 * claimed with SKIP LOCKED, so replicas running this side by side never publish an article
 * twice nor wait for each other.
 *
 * @throws when the due articles cannot even be looked up (the database is unreachable).
 */
@Injectable()
export class PublishDueArticlesUseCase {
  private readonly logger = new Logger(PublishDueArticlesUseCase.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly articles: ArticleRepository,
    private readonly goLive: GoLiveUseCase,
    private readonly clock: Clock,
  ) {}

  async execute(command: PublishDueArticlesCommand): Promise<PublishDueArticlesResult> {
    if (this.unitOfWork.active) throw new Error('PublishDueArticlesUseCase opens one transaction per article; call it outside a unit of work');
    const now = this.clock.now();
    const skip = new Set<string>();
    const result: PublishDueArticlesResult = { published: [], failed: [], limitReached: false };
    for (;;) {
      if (result.published.length + result.failed.length >= command.limit) return { ...result, limitReached: true };
      // Set inside the unit of work: a failure after the claim belongs to that article alone.
      const claim: { articleId?: string } = {};
      try {
        await this.unitOfWork.run(async () => {
          claim.articleId = (await this.articles.claimNextDue(now, skip)) ?? undefined;
          if (claim.articleId) await this.goLive.execute(GoLiveCommand.create({ articleId: claim.articleId }));
        });
      } catch (error) {
        if (!claim.articleId) throw error;
        skip.add(claim.articleId);
        result.failed.push({ articleId: claim.articleId, reason: error instanceof Error ? error.message : String(error) });
        this.logger.error({ articleId: claim.articleId, err: error }, 'could not publish a scheduled article; will retry');
        continue;
      }
      if (!claim.articleId) return result;
      result.published.push(claim.articleId);
    }
  }
}
