import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { outboxChannel } from '@newsroom/messaging';
import { BackgroundLoopService, type BackgroundLoopSettings, type RoundOutcome } from '@newsroom/persistence';
import { SiteSectionList } from '@newsroom/site-sections';
import { PageCache } from './page-cache';

/** Without any notification (a lost LISTEN session), copies are still forgotten this often. */
const POLL_INTERVAL_MS = 60_000;

/**
 * Empties the page cache whenever publishing records an event: every change to what the
 * site shows — go-live, update, correction, unpublish, kill, schedule — is stored together
 * with its event in the outbox, whose insert NOTIFYs on commit. Listening there (every
 * replica, each its own member lease) catches changes made by any replica and by the Kafka
 * consumer, without a query per page request. A lost session is re-established by the loop,
 * whose first round empties the cache again. A change to the section list is recorded the same
 * way, but an event does not say what it was: each one asks the list for a read of its table
 * (at most one per SITE_SECTIONS_TTL_MS, however many events), and the cache is emptied again
 * whenever the list moves to a newer version, so no page keeps the navigation of before.
 */
@Injectable()
export class PageCacheInvalidator extends BackgroundLoopService {
  private readonly id = randomUUID();

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(PageCache) private readonly cache: PageCache,
    private readonly sections: SiteSectionList,
  ) {
    super(dataSource);
    sections.onChange(() => this.cache.invalidate());
  }

  protected loopSettings(schema: string): BackgroundLoopSettings {
    return { name: 'page-cache', lease: { kind: 'member', id: this.id }, channel: outboxChannel(schema), pollIntervalMs: POLL_INTERVAL_MS };
  }

  protected async round(): Promise<RoundOutcome> {
    this.sections.requestRefresh();
    this.cache.invalidate();
    return 'idle';
  }
}
