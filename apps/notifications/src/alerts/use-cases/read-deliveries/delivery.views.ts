import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ATTEMPT_OUTCOMES, CHANNELS, DELIVERY_STATUSES, type AttemptOutcome, type Channel, type DeliveryStatus } from '../../domain/delivery-status';

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

export class ArticleDeliveries {
  @ApiProperty({ format: 'uuid' }) articleId!: string;
  @ApiPropertyOptional({ type: AlertArticleView, nullable: true, description: 'Null when no event about this article was seen' })
  article!: AlertArticleView | null;
  @ApiProperty({ type: DeliveryCounts, description: 'Over all deliveries of the article, not just this page' }) counts!: DeliveryCounts;
  @ApiProperty({ type: [FanOutView], description: 'Background fan-outs of a large audience, per channel (empty when every recipient was queued at once)' })
  fanOuts!: FanOutView[];
  @ApiProperty({ type: [DeliveryView] }) deliveries!: DeliveryView[];
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
