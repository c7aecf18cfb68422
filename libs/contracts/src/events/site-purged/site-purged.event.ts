import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsISO8601 } from 'class-validator';
import { EachHttpUrl } from '../../list-items';
import { ArticleRef } from '../article-revision';

/** What publishing did that changed what pages show. */
export const PURGE_REASONS = ['published', 'updated', 'corrected', 'unpublished', 'killed'] as const;
export type PurgeReason = (typeof PURGE_REASONS)[number];

/** At most this many URLs in one event: an article with every tag and byline lists about 140. */
export const PURGE_MAX_URLS = 500;

/**
 * Publishing changed public pages: the listed absolute URLs now serve other content (or 410),
 * so a CDN in front of the site can drop its copies (`news.site.purged.v1`). Recorded in the
 * same transaction as the change itself, after the article's own event. The URLs are the
 * article page and every listing that shows or showed it — front page, section, tag and
 * author pages with their feeds, the site feeds, sitemaps, the corrections log — before and
 * after the change (an update that moves a story to another section purges both). Paged
 * listings are named by their first page: a purger drops every `?page=N` of the same path.
 * Like every event, its `subject` (and Kafka key) is the article whose change caused it.
 */
export class SitePurgedData extends ArticleRef {
  @IsIn(PURGE_REASONS)
  reason!: PurgeReason;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PURGE_MAX_URLS)
  @ArrayUnique()
  @EachHttpUrl({ requireTld: false })
  urls!: string[];

  /** When the change became visible. */
  @IsISO8601({ strict: true })
  changedAt!: string;
}
