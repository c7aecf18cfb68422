import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { DataSourceOptions } from 'typeorm';
import { schemaOf, urlOf } from '../data-source';
import { BackgroundLoop, type BackgroundLoopOptions, type RoundOutcome } from './background-loop';

/** How a service's loop is named, leased and woken; its database comes from the data source. */
export type BackgroundLoopSettings = Omit<BackgroundLoopOptions, 'url' | 'schema' | 'round'>;

/**
 * A Nest provider that runs one BackgroundLoop over its service's own database: started once
 * the application is up, stopped before the database closes (the round in progress finishes,
 * no new one starts, the lease is released). Subclasses say how the loop is named, leased and
 * woken (`loopSettings`, given the service's schema for channel names) and what a round does.
 */
export abstract class BackgroundLoopService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected loop?: BackgroundLoop;

  protected constructor(private readonly loopDatabase: { options: DataSourceOptions }) {}

  protected abstract loopSettings(schema: string): BackgroundLoopSettings;

  protected abstract round(): Promise<RoundOutcome>;

  onApplicationBootstrap(): void {
    const schema = schemaOf(this.loopDatabase);
    this.loop = new BackgroundLoop({ ...this.loopSettings(schema), url: urlOf(this.loopDatabase), schema, round: () => this.round() });
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }
}
