import { Controller, Get, HttpStatus, Module, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@newsroom/auth';
import { KafkaHealth } from '@newsroom/messaging';
import { OutboxHealth } from '@newsroom/observability';
import { DatabaseHealth } from '@newsroom/persistence';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseHealth,
    private readonly kafka: KafkaHealth,
    private readonly outbox: OutboxHealth,
  ) {}

  /** The process is up and serving HTTP. */
  @Public()
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Whether this replica can serve its requests: 503 `unavailable` when PostgreSQL does not
   * answer, which every request needs, and 503 `starting` until the process has reached the
   * broker once (and, in a service that consumes events, its consumer has joined its group once) (a release with a wrong broker login or address never takes over from the
   * replicas that work). After that the broker and the outbox are checked and reported, not
   * gated on (`degraded`, still 200): a broker outage or a stuck relay strikes every replica at
   * once, and taking them all out of the Service would turn late events into an outage of the
   * site, the subscriber links and the desk's sign-in and token keys, while new events wait
   * safely in the outbox. The alerts page on those (NewsroomBrokerUnreachable,
   * NewsroomOutboxStale, NewsroomRelayFailing). Body: `{ status: 'ok' | 'degraded' | 'starting' |
   * 'unavailable', checks: { database, kafka, outbox } }`, each check `{ up, detail }`; the
   * outbox check fails when its oldest unsent event is older than OUTBOX_MAX_AGE_SECONDS or the
   * relay has failed every send for RELAY_STUCK_SECONDS.
   */
  @Public()
  @Get('ready')
  async ready(@Res() response: Response): Promise<void> {
    const [database, kafka, outbox] = await Promise.all([this.database.check(), this.kafka.check(), this.outbox.check()]);
    const brokerReached = this.kafka.reachedOnce;
    const status = !database.up ? 'unavailable' : !brokerReached ? 'starting' : kafka.up && outbox.up ? 'ok' : 'degraded';
    const ready = database.up && brokerReached;
    response.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status, checks: { database, kafka, outbox } });
  }
}

@Module({ controllers: [HealthController] })
export class HealthModule {}
