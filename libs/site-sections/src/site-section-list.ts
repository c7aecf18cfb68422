import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { SiteSection } from '@newsroom/config';
import { readSiteSections, type SiteSectionSnapshot } from './site-section-store';

/** The service's own SITE_SECTIONS, parsed: the list until the table holds one. */
export const INITIAL_SITE_SECTIONS = Symbol('INITIAL_SITE_SECTIONS');

/** How to run a SiteSectionList; tests pass a clock. */
export interface SiteSectionListOptions {
  /** How long a read of the table is used before the next call reads it again (ms). */
  ttlMs: number;
  now?: () => number;
}
export const SITE_SECTION_LIST_OPTIONS = Symbol('SITE_SECTION_LIST_OPTIONS');

/** Long enough that pages and checks do not query per call, short enough that a change shows within seconds. */
export const SITE_SECTIONS_TTL_MS = 5_000;

/**
 * The site's section list as this service should use it now, read synchronously (a page's
 * navigation, a subscriber's section check, an editorial check, an error page rendered while
 * the database is down).
 *
 * It reads the `site_sections` table, not only what this process applied: a service runs as
 * several replicas, and only one of them consumes the publishing topic's partition that carries
 * the changes (in publishing, only the replica that served the admin's PUT made it). So every
 * replica re-reads the table once its copy is older than `ttlMs`; the read happens in the
 * background and the call answers with the copy it has, so no call waits on, or fails with, the
 * database. Until the table holds a list (a follower before the first event reaches it), the
 * service's own SITE_SECTIONS stands in, so existing deployments keep their list.
 */
@Injectable()
export class SiteSectionList implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SiteSectionList.name);
  private snapshot: SiteSectionSnapshot | null = null;
  private readAt = Number.NEGATIVE_INFINITY;
  private reading?: Promise<void>;
  /** A read asked for by `requestRefresh` that has not started yet. */
  private readWanted = false;
  private readTimer?: NodeJS.Timeout;
  private readonly listeners = new Set<(snapshot: SiteSectionSnapshot) => void>();
  private readonly now: () => number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(INITIAL_SITE_SECTIONS) private readonly initial: readonly SiteSection[],
    @Inject(SITE_SECTION_LIST_OPTIONS) private readonly options: SiteSectionListOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** After the migrations (they run in onModuleInit), so the first request already has the stored list. */
  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
  }

  onModuleDestroy(): void {
    clearTimeout(this.readTimer);
    this.readTimer = undefined;
    this.readWanted = false;
  }

  /** The sections in navigation order: `[{slug, label}]`. */
  current(): SiteSection[] {
    if (this.now() - this.readAt >= this.options.ttlMs) void this.refresh();
    return (this.snapshot?.sections ?? this.initial).map((section) => ({ ...section }));
  }

  /** The slugs of `current()`, in order. */
  slugs(): string[] {
    return this.current().map((section) => section.slug);
  }

  /** What readers call the section `slug` ("Politics"); the slug itself for one no longer in the list. */
  labelOf(slug: string): string {
    return this.current().find((section) => section.slug === slug)?.label ?? slug;
  }

  /** The version of `current()`; 0 while SITE_SECTIONS stands in. */
  version(): number {
    return this.snapshot?.version ?? 0;
  }

  /**
   * Calls `listener` with every newer list this copy takes, read from the table or accepted,
   * after it has taken it (so `current()` already answers with it). For what is derived from
   * the list and kept, such as rendered pages. Returns the function that stops the calls.
   */
  onChange(listener: (snapshot: SiteSectionSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * For a caller told the list may have changed elsewhere (publishing's page cache hears of
   * every event any replica records): a read of the table that starts after this call, at
   * once when the copy is older than `ttlMs`, otherwise when it becomes so. However often it
   * is called, the table is read at most once per `ttlMs`, and a change stored before the call
   * reaches the copy (and `onChange`) within `ttlMs`. Does not wait for the read.
   */
  requestRefresh(): void {
    this.readWanted = true;
    this.startWantedRead();
  }

  /**
   * Reads the table now (one read at a time: concurrent callers share it). A failed read keeps
   * the copy there is and is tried again on a later call; it is logged, never thrown.
   */
  refresh(): Promise<void> {
    this.reading ??= this.read().finally(() => {
      this.reading = undefined;
      // A refresh asked for while this read was under way may have come after what it saw.
      this.startWantedRead();
    });
    return this.reading;
  }

  /** A list this process has just stored (after its transaction committed): no need to wait for the next read. */
  accept(snapshot: SiteSectionSnapshot): void {
    if (this.snapshot && this.snapshot.version >= snapshot.version) return;
    this.snapshot = snapshot;
    for (const listener of this.listeners) {
      try {
        listener(snapshot);
      } catch (error) {
        this.logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'a section list listener failed');
      }
    }
  }

  /** Starts the read `requestRefresh` asked for once the copy is `ttlMs` old and no read is under way; at most one timer waits. */
  private startWantedRead(): void {
    if (!this.readWanted || this.reading || this.readTimer) return;
    const wait = this.readAt + this.options.ttlMs - this.now();
    if (wait > 0) {
      this.readTimer = setTimeout(() => {
        this.readTimer = undefined;
        this.startWantedRead();
      }, wait);
      this.readTimer.unref();
      return;
    }
    // Cleared as the read starts: a request from now on needs a read that starts later.
    this.readWanted = false;
    void this.refresh();
  }

  private async read(): Promise<void> {
    const startedAt = this.now();
    try {
      const stored = await readSiteSections(this.dataSource);
      this.readAt = startedAt;
      if (stored) this.accept(stored);
    } catch (error) {
      // Not marking the read done: the next call tries again.
      this.logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'could not read the site section list; keeping the copy there is');
    }
  }
}
