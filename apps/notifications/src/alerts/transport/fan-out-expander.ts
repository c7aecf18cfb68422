import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BackgroundLoopService, type BackgroundLoopSettings, type RoundOutcome } from '@newsroom/persistence';
import { fanOutsChannel } from '../persistence/article-alert.repository';
import { ExpandFanOutCommand } from '../use-cases/expand-fan-out/expand-fan-out.command';
import { ExpandFanOutUseCase } from '../use-cases/expand-fan-out/expand-fan-out.use-case';

/** Recipients per background batch: about 0.1 s of inserts, so a batch's transaction stays short. */
export const FAN_OUT_BATCH = 5_000;
/** Fallback when no notification arrives (a job left by a process that stopped). */
const POLL_INTERVAL_MS = 2_000;
/** How often progress of a running fan-out is logged. */
const PROGRESS_INTERVAL_MS = 5_000;

/**
 * Runs ExpandFanOutUseCase as rounds of a BackgroundLoop, one batch a round,
 * woken on commit by the fan-out that recorded the job. Every replica runs
 * one (its own member lease); SKIP LOCKED on the job row lets them work on
 * different jobs side by side. Logs each running job's progress every few
 * seconds; the delivery log (`GET /v1/deliveries`) shows it too.
 */
@Injectable()
export class FanOutExpander extends BackgroundLoopService {
  private readonly logger = new Logger(FanOutExpander.name);
  private readonly id = randomUUID();
  private lastProgressAt = 0;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly expand: ExpandFanOutUseCase,
  ) {
    super(dataSource);
  }

  protected loopSettings(schema: string): BackgroundLoopSettings {
    return { name: 'fan-out-expander', lease: { kind: 'member', id: this.id }, channel: fanOutsChannel(schema), pollIntervalMs: POLL_INTERVAL_MS };
  }

  protected async round(): Promise<RoundOutcome> {
    const progress = await this.expand.execute(ExpandFanOutCommand.create({ batchSize: FAN_OUT_BATCH }));
    if (!progress) return 'idle';
    if (!progress.done && Date.now() - this.lastProgressAt >= PROGRESS_INTERVAL_MS) {
      this.lastProgressAt = Date.now();
      this.logger.log({ articleId: progress.articleId, channel: progress.channel, queued: progress.queued }, 'fan-out in progress');
    }
    return 'more';
  }
}
