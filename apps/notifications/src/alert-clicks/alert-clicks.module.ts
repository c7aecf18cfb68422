import { Module } from '@nestjs/common';
import { AlertClicksHttpController } from './transport/alert-clicks.http.controller';
import { ReadAlertClicksQuery } from './use-cases/read-alert-clicks/read-alert-clicks.query';
import { RecordAlertClickUseCase } from './use-cases/record-alert-click/record-alert-click.use-case';

/** Click-throughs on alerts, counted per alert and channel, read by editors. */
@Module({
  controllers: [AlertClicksHttpController],
  providers: [RecordAlertClickUseCase, ReadAlertClicksQuery],
})
export class AlertClicksModule {}
