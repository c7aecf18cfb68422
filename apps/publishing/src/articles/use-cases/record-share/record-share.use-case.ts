import { Injectable } from '@nestjs/common';
import { Transactional, UnitOfWork } from '@newsroom/persistence';
import { articleNotFound } from '../../domain/article.errors';
import type { RecordShareCommand } from './record-share.command';
import { shareCounts, type ShareCounts } from './share-counts.query';

/**
 * Counts one share of a live article on one network. Only the counter moves: no reader data
 * is stored. Errors: ARTICLE.NOT_FOUND for an unknown article or one that is not live
 * (scheduled, withdrawn, killed): nothing is counted for a story readers cannot see.
 */
@Injectable()
export class RecordShareUseCase {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @Transactional()
  async execute(command: RecordShareCommand): Promise<ShareCounts> {
    const manager = this.unitOfWork.requireActive('RecordShareUseCase');
    // One statement: counted only when the article is live, and safe under concurrent shares.
    const counted: unknown[] = await manager.query(
      `INSERT INTO article_shares (article_id, network, shares)
         SELECT id, $2, 1 FROM articles WHERE id = $1 AND status = 'published'
       ON CONFLICT (article_id, network) DO UPDATE SET shares = article_shares.shares + 1
       RETURNING shares`,
      [command.articleId, command.network],
    );
    if (counted.length === 0) throw articleNotFound(command.articleId);
    return shareCounts(manager, command.articleId);
  }
}
