import { Injectable } from '@nestjs/common';
import { TRACEPARENT_HEADER, topicOf, type NewsroomEvent } from '@newsroom/contracts';
import { OutboxMessageEntity, UnitOfWork, schemaOf } from '@newsroom/persistence';
import { outgoingTraceparent } from './trace-context';

/** Channel the relay LISTENs on; NOTIFY inside a transaction is delivered only on commit. */
export function outboxChannel(schema: string): string {
  return `newsroom_outbox_${schema}`;
}

/**
 * Records events to publish, inside the open unit of work: the state change and
 * its events commit together or not at all. Outside a unit it throws, since an
 * event recorded on its own would be a dual write.
 */
@Injectable()
export class Outbox {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** Adds `events` to the outbox in the open unit; they are sent once it commits. */
  async record(...events: NewsroomEvent[]): Promise<void> {
    const manager = this.unitOfWork.requireActive('Outbox.record');
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
