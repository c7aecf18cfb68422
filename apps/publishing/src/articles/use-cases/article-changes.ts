import { Injectable } from '@nestjs/common';
import type { NewsroomEvent } from '@newsroom/contracts';
import { Outbox } from '@newsroom/messaging';
import { Transactional, UnitOfWork } from '@newsroom/persistence';
import { InjectPublishingConfig } from '../../config/publishing-config.module';
import type { PublishingConfig } from '../../config/publishing.config';
import type { PublishedArticle } from '../domain/published-article';
import { footprintOf } from '../domain/site-pages';
import { ArticleRepository, type HeldArticle } from '../persistence/article.repository';
import { Clock } from './clock';
import { sitePurgedEvent } from './site-purge';

/** A change as it was applied: the stored article, what its domain method returned, and when. */
export interface AppliedChange<T> {
  article: PublishedArticle;
  result: T;
  /** The clock's instant the change was made at (the event's time unless it says otherwise). */
  now: Date;
}

/** Builds the event that announces an applied change; `publicBaseUrl` is the site's, for events that carry the article's address. */
export type Announcement<T> = (applied: AppliedChange<T>, publicBaseUrl: string) => NewsroomEvent;

/** A domain method to apply: it changes the article at the clock's instant `now` and says what it did. */
export type ArticleChange<T> = (article: PublishedArticle, now: Date) => T | Promise<T>;

/**
 * A change to a published article and the event that announces it, always together: the
 * article is locked, changed by one domain method at the clock's instant, stored, and the event
 * recorded in the outbox, in one unit of work (the caller's, or its own). So no editor's action
 * or publication is stored unannounced, or announced unstored, and the use cases need neither
 * the clock's nor the site's address of their own. A change that alters public pages (go-live,
 * update, correction, withdrawal, kill) is followed by `news.site.purged.v1`, listing the URLs
 * it touched for a CDN purger, in the same unit of work.
 */
@Injectable()
export class ArticleChanges {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
    @InjectPublishingConfig() private readonly config: PublishingConfig,
  ) {}

  /**
   * Locks the article, then as `applyTo`.
   *
   * @throws ARTICLE.NOT_FOUND for an unknown article; whatever `change` throws (the domain's
   *   refusals), in which case nothing is stored or announced.
   */
  @Transactional()
  async apply<T>(articleId: string, change: ArticleChange<T>, announce: Announcement<T>): Promise<AppliedChange<T>> {
    return this.applyTo({ article: await this.articles.getForUpdate(articleId), stored: true }, change, announce);
  }

  /**
   * Applies `change` to an article the caller's unit of work already holds (locked, or new
   * and not stored yet; it may carry changes the caller made since), stores it with
   * one statement (an INSERT for a new article, already in its changed state; an UPDATE
   * otherwise) and records the announcement, with the purge when pages changed, in one more.
   * For a caller that had to read the article anyway (an approval tells a new article from a
   * known one by reading it): no second read, and no write of the state in between.
   *
   * @throws whatever `change` throws, in which case nothing is stored or announced by it (the
   *   caller's unit of work decides about what it changed before).
   */
  async applyTo<T>(held: HeldArticle, change: ArticleChange<T>, announce: Announcement<T>): Promise<AppliedChange<T>> {
    this.unitOfWork.requireActive('ArticleChanges.applyTo');
    const { article } = held;
    // The instant is read once the row is locked: a change waiting for the lock acts when it gets it.
    const now = this.clock.now();
    // What readers saw until now: the lists a story leaves change as much as those it joins.
    const before = footprintOf(article);
    const result = await change(article, now);
    await this.articles.store(held);
    const applied = { article, result, now };
    const announced = announce(applied, this.config.publicBaseUrl);
    const purge = sitePurgedEvent(announced, before, footprintOf(article), this.config.publicBaseUrl);
    // One record call: both rows and the relay's wake-up in a single statement.
    await this.outbox.record(announced, ...(purge ? [purge] : []));
    return applied;
  }
}
