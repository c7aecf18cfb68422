import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SHARE_NETWORKS, type ShareNetwork } from '../../domain/share-networks';

/** An article's share counts: per network (every network listed, 0 when never shared) and in all. */
export interface ShareCounts {
  total: number;
  byNetwork: Record<ShareNetwork, number>;
}

/** How often an article was shared, for its page. */
@Injectable()
export class ShareCountsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  execute(articleId: string): Promise<ShareCounts> {
    return shareCounts(this.dataSource, articleId);
  }
}

/** The share counts of one article (zeros for an article never shared). */
export async function shareCounts(db: Pick<EntityManager, 'query'>, articleId: string): Promise<ShareCounts> {
  const rows: { network: string; shares: string }[] = await db.query(`SELECT network, shares FROM article_shares WHERE article_id = $1`, [articleId]);
  const byNetwork = Object.fromEntries(SHARE_NETWORKS.map((network) => [network, 0])) as Record<ShareNetwork, number>;
  for (const row of rows) if (row.network in byNetwork) byNetwork[row.network as ShareNetwork] = Number(row.shares);
  return { total: Object.values(byNetwork).reduce((sum, count) => sum + count, 0), byNetwork };
}
