import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TRACEPARENT_HEADER, topicOf, type NewsroomEvent } from '@newsroom/contracts';
import { OutboxMessageEntity, schemaOf } from '@newsroom/persistence';
import { outgoingTraceparent } from './trace-context';

/** Channel the relay LISTENs on; NOTIFY inside a transaction is delivered only on commit. */
export function outboxChannel(schema: string): string {
  return `newsroom_outbox_${schema}`;
}

/**
 * Records events to publish, inside the caller's transaction. Call it with the
 * same EntityManager that writes the state change: both commit or neither does.
 */
@Injectable()
export class Outbox {
  async add(manager: EntityManager, ...events: NewsroomEvent[]): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map((event) => ({
        eventId: event.id,
        topic: topicOf(event.type),
        messageKey: event.subject,
        eventType: event.type,
        payload: event as unknown as Record<string, unknown>,
        headers: { [TRACEPARENT_HEADER]: outgoingTraceparent() },
    }));
    await manager.insert(OutboxMessageEntity, rows as never[]);
    const schema = schemaOf(manager.connection);
    await manager.query(`SELECT pg_notify($1, '')`, [outboxChannel(schema)]);
  }
}
