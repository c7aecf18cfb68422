import { Controller, Get, HttpStatus, Module, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@newsroom/auth';
import { KafkaHealth } from '@newsroom/messaging';
import { DatabaseHealth } from '@newsroom/persistence';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseHealth,
    private readonly kafka: KafkaHealth,
  ) {}

  /** The process is up and serving HTTP. */
  @Public()
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready only when both PostgreSQL and the broker answer. */
  @Public()
  @Get('ready')
  async ready(@Res() response: Response): Promise<void> {
    const [database, kafka] = await Promise.all([this.database.check(), this.kafka.check()]);
    const ready = database.up && kafka.up;
    response
      .status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: ready ? 'ok' : 'unavailable', checks: { database, kafka } });
  }
}

@Module({ controllers: [HealthController] })
export class HealthModule {}
