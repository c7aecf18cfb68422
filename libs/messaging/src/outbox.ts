import { Injectable } from '@nestjs/common';
import { TRACEPARENT_HEADER, topicOf, type NewsroomEvent } from '@newsroom/contracts';
import { UnitOfWork, schemaOf } from '@newsroom/persistence';
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

  /**
   * Adds `events` to the outbox in the open unit; they are sent once it commits. The rows and
   * the NOTIFY that wakes the relay go in one statement: one round trip per call, not two.
   */
  async record(...events: NewsroomEvent[]): Promise<void> {
    const manager = this.unitOfWork.requireActive('Outbox.record');
    if (events.length === 0) return;
    const values: unknown[] = [];
    const rows = events.map((event) => {
      const at = values.length;
      values.push(event.id, topicOf(event.type), event.subject, event.type, JSON.stringify(event), JSON.stringify({ [TRACEPARENT_HEADER]: outgoingTraceparent() }));
      return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}::jsonb, $${at + 6}::jsonb)`;
    });
    values.push(outboxChannel(schemaOf(manager.connection)));
    await manager.query(
      `WITH recorded AS (INSERT INTO outbox (event_id, topic, message_key, event_type, payload, headers) VALUES ${rows.join(', ')} RETURNING 1)
       SELECT pg_notify($${values.length}, '') FROM (SELECT count(*) FROM recorded) AS done`,
      values,
    );
  }
}
