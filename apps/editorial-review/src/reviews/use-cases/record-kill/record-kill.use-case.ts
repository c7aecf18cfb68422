import { Injectable, Logger } from '@nestjs/common';
import { Transactional } from '@newsroom/persistence';
import { ReviewRepository } from '../../persistence/review.repository';

export type KillResult =
  /** The review is closed as killed from now on. */
  | { outcome: 'closed' }
  /** It was already (a redelivery under another id), or the story never came through review here. */
  | { outcome: 'already-killed' | 'no-review' };

/**
 * Publishing killed a story (`news.article.killed.v1`): its review closes whatever stood there,
 * so no editor claims, approves or comments on a revision that can never go live, and the queue
 * no longer lists it. Review learns of the kill only from publishing, which owns it.
 */
@Injectable()
export class RecordKillUseCase {
  private readonly logger = new Logger(RecordKillUseCase.name);

  constructor(private readonly reviews: ReviewRepository) {}

  @Transactional()
  async execute(articleId: string): Promise<KillResult> {
    const review = await this.reviews.lock(articleId);
    if (!review) return { outcome: 'no-review' };
    const before = review.status;
    if (!review.recordKill()) return { outcome: 'already-killed' };
    await this.reviews.save(review);
    this.logger.log({ articleId, before }, 'review closed: the story was killed');
    return { outcome: 'closed' };
  }
}
