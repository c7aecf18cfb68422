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
   * Ready only when PostgreSQL and the broker answer and events are getting out: 503 when
   * the outbox's oldest unsent event is older than OUTBOX_MAX_AGE_SECONDS or the relay has
   * failed every send for RELAY_STUCK_SECONDS. Body: `{ status, checks: { database, kafka, outbox } }`,
   * each check `{ up, detail }`.
   */
  @Public()
  @Get('ready')
  async ready(@Res() response: Response): Promise<void> {
    const [database, kafka, outbox] = await Promise.all([this.database.check(), this.kafka.check(), this.outbox.check()]);
    const ready = database.up && kafka.up && outbox.up;
    response
      .status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: ready ? 'ok' : 'unavailable', checks: { database, kafka, outbox } });
  }
}

@Module({ controllers: [HealthController] })
export class HealthModule {}
