import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BackgroundLoopService, type BackgroundLoopSettings, type RoundOutcome } from '@newsroom/persistence';
import { SendDigestsCommand } from '../use-cases/send-digests/send-digests.command';
import { SendDigestsUseCase } from '../use-cases/send-digests/send-digests.use-case';

/** Digests claimed and sent per round: a round then takes seconds, and the next follows at once. */
export const DIGEST_BATCH = 200;
/**
 * How often the job looks for digests that came due. Nothing notifies it (a wall clock
 * reaching DIGEST_LOCAL_TIME is no event), so a digest goes out within this of its time.
 */
const POLL_INTERVAL_MS = 60_000;

/**
 * Runs SendDigestsUseCase as rounds of a BackgroundLoop with a leader lease: one replica
 * sends digests at a time, the others stand by, so a claimed digest is never being sent
 * by two processes. Its first round runs at start-up, which also finishes digests a
 * stopped or crashed process had claimed and not settled.
 */
@Injectable()
export class DigestScheduler extends BackgroundLoopService {
  private readonly logger = new Logger(DigestScheduler.name);

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly sendDigests: SendDigestsUseCase,
  ) {
    super(dataSource);
  }

  protected loopSettings(): BackgroundLoopSettings {
    return { name: 'digest-scheduler', lease: { kind: 'leader' }, pollIntervalMs: POLL_INTERVAL_MS };
  }

  protected async round(): Promise<RoundOutcome> {
    const round = await this.sendDigests.execute(SendDigestsCommand.create({ batchSize: DIGEST_BATCH }));
    if (round.claimed > 0 || round.settled.sent + round.settled.empty + round.settled.failed > 0) this.logger.log({ claimed: round.claimed, ...round.settled }, 'digest round');
    return round.more ? 'more' : 'idle';
  }
}
