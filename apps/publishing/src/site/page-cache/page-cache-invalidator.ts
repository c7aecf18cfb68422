import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { outboxChannel } from '@newsroom/messaging';
import { BackgroundLoop, schemaOf, urlOf } from '@newsroom/persistence';
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
 * way; the list is read again before the cache is emptied, so no page is rendered and kept anew
 * with the navigation of before.
 */
@Injectable()
export class PageCacheInvalidator implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private loop?: BackgroundLoop;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PageCache) private readonly cache: PageCache,
    private readonly sections: SiteSectionList,
  ) {}

  onApplicationBootstrap(): void {
    const schema = schemaOf(this.dataSource);
    this.loop = new BackgroundLoop({
      name: 'page-cache',
      url: urlOf(this.dataSource),
      schema,
      lease: { kind: 'member', id: randomUUID() },
      channel: outboxChannel(schema),
      pollIntervalMs: POLL_INTERVAL_MS,
      round: async () => {
        await this.sections.refresh();
        this.cache.invalidate();
        return 'idle';
      },
    });
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }
}
