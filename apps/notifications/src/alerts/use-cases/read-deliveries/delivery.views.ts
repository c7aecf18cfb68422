import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ATTEMPT_OUTCOMES, CHANNELS, DELIVERY_KINDS, DELIVERY_STATUSES, type AttemptOutcome, type Channel, type DeliveryKind, type DeliveryStatus } from '../../domain/delivery-status';

export class AttemptView {
  @ApiProperty() attempt!: number;
  @ApiProperty() startedAt!: string;
  @ApiProperty() finishedAt!: string;
  @ApiProperty({ enum: ATTEMPT_OUTCOMES }) outcome!: AttemptOutcome;
  @ApiPropertyOptional({ nullable: true }) error!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'SMTP reply code or push service HTTP status' }) responseCode!: number | null;
}

export class DeliveryView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: DELIVERY_KINDS, description: 'The story\'s alert, or a correction sent to those it reached' }) kind!: DeliveryKind;
  @ApiProperty({ enum: CHANNELS }) channel!: Channel;
  @ApiProperty({ description: 'Masked address (a•••@example.com) or the push service host', example: 'a•••@example.com' }) recipient!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: DeliveryStatus;
  @ApiProperty() attempts!: number;
  @ApiPropertyOptional({ nullable: true }) lastError!: string | null;
  @ApiPropertyOptional({ nullable: true }) lastResponseCode!: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'When a pending delivery will be tried next' }) nextAttemptAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true }) sentAt!: string | null;
  @ApiProperty({ type: [AttemptView] }) attemptLog!: AttemptView[];
}

export class DeliveryCounts {
  @ApiProperty() total!: number;
  @ApiProperty() pending!: number;
  @ApiProperty() sending!: number;
  @ApiProperty() sent!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty() unknown!: number;
}

export class AlertArticleView {
  @ApiPropertyOptional({ nullable: true }) headline!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['normal', 'breaking'] }) priority!: string | null;
  @ApiPropertyOptional({ nullable: true }) publishedAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) withdrawnAt!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'When subscribers were matched and deliveries queued' }) fannedOutAt!: string | null;
}

export class FanOutView {
  @ApiProperty({ enum: ['email', 'push'] }) channel!: string;
  @ApiProperty({ description: 'Deliveries queued so far by this fan-out' }) queued!: number;
  @ApiProperty({ description: 'False while recipients are still being matched in the background' }) done!: boolean;
}

/**
 * How fast one channel's alerts reached their recipients: seconds from the article going live
 * (approval, for a story published at once) to the hand-off to the SMTP server or push service.
 */
export class DeliverySpeedView {
  @ApiProperty({ enum: CHANNELS }) channel!: Channel;
  @ApiProperty({ description: 'All deliveries of the article on this channel, whatever their status' }) deliveries!: number;
  @ApiProperty({ description: 'Deliveries handed off so far (the percentiles are over these)' }) sent!: number;
  @ApiPropertyOptional({ nullable: true, description: 'Median seconds to hand-off (continuous percentile); null when none was sent' }) p50Seconds!: number | null;
  @ApiPropertyOptional({ nullable: true, description: '90th percentile, seconds' }) p90Seconds!: number | null;
  @ApiPropertyOptional({ nullable: true, description: '99th percentile, seconds' }) p99Seconds!: number | null;
  @ApiProperty({ description: 'Deliveries handed off within 2 minutes (120 s) of publication' }) withinTwoMinutes!: number;
  @ApiProperty({ description: 'withinTwoMinutes / deliveries, 0–1: the delivery SLO; those not sent yet count against it' }) shareWithinTwoMinutes!: number;
}

export class ArticleDeliveries {
  @ApiProperty({ format: 'uuid' }) articleId!: string;
  @ApiPropertyOptional({ type: AlertArticleView, nullable: true, description: 'Null when no event about this article was seen' })
  article!: AlertArticleView | null;
  @ApiProperty({ type: DeliveryCounts, description: 'Over all deliveries of the article, not just this page' }) counts!: DeliveryCounts;
  @ApiProperty({ type: [FanOutView], description: 'Background fan-outs of a large audience, per channel (empty when every recipient was queued at once)' })
  fanOuts!: FanOutView[];
  @ApiProperty({ type: [DeliverySpeedView], description: 'Delivery speed per channel over all deliveries of the article, not just this page' })
  speed!: DeliverySpeedView[];
  @ApiProperty({ type: [DeliveryView] }) deliveries!: DeliveryView[];
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
