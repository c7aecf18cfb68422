import { Injectable } from '@nestjs/common';
import { maskEmail } from '../../../subscriptions/domain/email-address';
import { endpointHost } from '../../../subscriptions/domain/push-endpoint';
import { DELIVERY_STATUSES } from '../../domain/delivery-status';
import { ArticleAlertRepository } from '../../persistence/article-alert.repository';
import { DeliveryRepository, type AttemptLogRow, type DeliveryLogRow, type DeliverySpeedRow } from '../../persistence/delivery.repository';
import type { ArticleDeliveries, AttemptView, DeliveryCounts, DeliverySpeedView, DeliveryView } from './delivery.views';

/** The delivery SLO's bound, as the `newsroom_alert_delivery_seconds` histogram has a bucket edge at it. */
const TWO_MINUTES_IN_SECONDS = 120;

/** The delivery log editors read: who got an article's alert, how, and every attempt. */
@Injectable()
export class ReadDeliveriesQuery {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly alerts: ArticleAlertRepository,
  ) {}

  async forArticle(articleId: string, limit: number, offset: number): Promise<ArticleDeliveries> {
    const [article, fanOuts, counts, speed, rows] = await Promise.all([
      this.alerts.findById(articleId),
      this.alerts.fanOutsOf(articleId),
      this.deliveries.statusCounts(articleId),
      this.deliveries.speedByChannel(articleId, TWO_MINUTES_IN_SECONDS),
      this.deliveries.listForArticle(articleId, limit, offset),
    ]);
    const attempts = await this.deliveries.attemptsOf(rows.map((row) => String(row.id)));
    const byDelivery = new Map<string, AttemptView[]>();
    for (const attempt of attempts) {
      const key = String(attempt.delivery_id);
      byDelivery.set(key, [...(byDelivery.get(key) ?? []), toAttemptView(attempt)]);
    }
    const totals = Object.fromEntries(DELIVERY_STATUSES.map((status) => [status, counts[status] ?? 0])) as Omit<DeliveryCounts, 'total'>;
    return {
      articleId,
      article: article
        ? {
            headline: article.headline,
            priority: article.priority,
            publishedAt: article.publishedAt?.toISOString() ?? null,
            withdrawnAt: article.withdrawnAt?.toISOString() ?? null,
            fannedOutAt: article.fannedOutAt?.toISOString() ?? null,
          }
        : null,
      counts: { total: Object.values(totals).reduce((sum, n) => sum + n, 0), ...totals },
      fanOuts,
      speed: speed.map(toSpeedView),
      deliveries: rows.map((row) => toDeliveryView(row, byDelivery.get(String(row.id)) ?? [])),
      limit,
      offset,
    };
  }
}

function toDeliveryView(row: DeliveryLogRow, attemptLog: AttemptView[]): DeliveryView {
  const recipient = row.channel === 'email' ? (row.email ? maskEmail(row.email) : '(deleted)') : row.endpoint ? endpointHost(row.endpoint) : '(deleted)';
  return {
    id: String(row.id),
    kind: row.kind,
    channel: row.channel,
    recipient,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    lastResponseCode: row.last_response_code,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
    attemptLog,
  };
}

function toSpeedView(row: DeliverySpeedRow): DeliverySpeedView {
  return {
    channel: row.channel,
    deliveries: row.total,
    sent: row.sent,
    p50Seconds: row.p50,
    p90Seconds: row.p90,
    p99Seconds: row.p99,
    withinTwoMinutes: row.within,
    shareWithinTwoMinutes: row.total === 0 ? 0 : row.within / row.total,
  };
}

function toAttemptView(row: AttemptLogRow): AttemptView {
  return {
    attempt: row.attempt,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at.toISOString(),
    outcome: row.outcome,
    error: row.error,
    responseCode: row.response_code,
  };
}
