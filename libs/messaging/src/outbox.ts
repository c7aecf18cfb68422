import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { TRACEPARENT_HEADER, topicOf, type NewsroomEvent } from '@newsroom/contracts';
import { UnitOfWork, schemaOf } from '@newsroom/persistence';
import type { EntityManager } from 'typeorm';
import { outgoingTraceparent } from './trace-context';

/** Channel the relay LISTENs on; NOTIFY inside a transaction is delivered only on commit. */
export function outboxChannel(schema: string): string {
  return `newsroom_outbox_${schema}`;
}

/** Bind parameters of one outbox row, in the INSERT's column order. */
type OutboxRow = [eventId: string, topic: string, messageKey: string, eventType: string, payload: string, headers: string];

/** Events recorded while gathering (`gatherUntilCommit`), waiting for their unit's before-commit step. */
interface Gathering {
  /** The unit the rows belong to: a record made through another unit's manager is written at once. */
  readonly manager: EntityManager;
  readonly rows: OutboxRow[];
}

/**
 * Most rows one INSERT takes: 6 bind parameters each, far below PostgreSQL's 65,535, so a
 * unit that gathered thousands of events still writes them in a handful of statements.
 */
const MAX_ROWS_PER_STATEMENT = 1000;

/**
 * Records events to publish, inside the open unit of work: the state change and
 * its events commit together or not at all. Outside a unit it throws, since an
 * event recorded on its own would be a dual write.
 *
 * By default each `record` writes its rows at once, so later statements of the same
 * transaction see them. Inside `gatherUntilCommit` (the consumer's events applied together
 * in one transaction) the rows are kept and written all at once, in the order they were
 * recorded, by one statement just before the commit.
 */
@Injectable()
export class Outbox {
  private readonly gatherings = new AsyncLocalStorage<Gathering>();

  constructor(private readonly unitOfWork: UnitOfWork) {}

  /**
   * Adds `events` to the outbox in the open unit; they are sent once it commits. The rows and
   * the NOTIFY that wakes the relay go in one statement: one round trip per call, not two.
   * While gathering (see `gatherUntilCommit`) the rows are only kept, and written before the
   * commit, after those recorded earlier.
   *
   * @throws outside a unit of work; a database error writing the rows (not while gathering:
   *   there the unit's commit fails and rolls back).
   */
  async record(...events: NewsroomEvent[]): Promise<void> {
    const manager = this.unitOfWork.requireActive('Outbox.record');
    if (events.length === 0) return;
    // The traceparent is the recording span's, so it is taken now even when the row is written later.
    const rows = events.map(
      (event): OutboxRow => [
        event.id,
        topicOf(event.type),
        event.subject,
        event.type,
        JSON.stringify(event),
        JSON.stringify({ [TRACEPARENT_HEADER]: outgoingTraceparent() }),
      ],
    );
    const gathering = this.gatherings.getStore();
    if (gathering?.manager === manager) gathering.rows.push(...rows);
    else await write(manager, rows);
  }

  /**
   * Runs `work` in the open unit of work, keeping the events `record` is given meanwhile and
   * writing them, in the order recorded, with one INSERT and one NOTIFY in a before-commit
   * step of the unit (UnitOfWork.beforeCommit). For many use cases applied in one
   * transaction, which would otherwise pay an outbox round trip each. The rows are then not
   * visible to statements of the transaction until that step, so `work` must not read the
   * outbox for what it recorded.
   *
   * @returns what `work` returns.
   * @throws outside a unit of work; whatever `work` throws (nothing is written then: the
   *   unit rolls back).
   */
  async gatherUntilCommit<T>(work: () => Promise<T>): Promise<T> {
    const manager = this.unitOfWork.requireActive('Outbox.gatherUntilCommit');
    // Already gathering for this unit: one list keeps the recording order.
    if (this.gatherings.getStore()?.manager === manager) return work();
    const gathering: Gathering = { manager, rows: [] };
    this.unitOfWork.beforeCommit(async () => {
      if (gathering.rows.length > 0) await write(manager, gathering.rows);
    });
    return this.gatherings.run(gathering, work);
  }
}

/**
 * Inserts `rows` in order (their `seq` follows it) and wakes the relay. The NOTIFY rides on
 * the last INSERT; PostgreSQL delivers it on commit.
 */
async function write(manager: EntityManager, rows: readonly OutboxRow[]): Promise<void> {
  const channel = outboxChannel(schemaOf(manager.connection));
  for (let from = 0; from < rows.length; from += MAX_ROWS_PER_STATEMENT) {
    const batch = rows.slice(from, from + MAX_ROWS_PER_STATEMENT);
    const values: unknown[] = batch.flat();
    const tuples = batch.map((_, i) => {
      const at = i * 6;
      return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}::jsonb, $${at + 6}::jsonb)`;
    });
    const insert = `INSERT INTO outbox (event_id, topic, message_key, event_type, payload, headers) VALUES ${tuples.join(', ')}`;
    if (from + MAX_ROWS_PER_STATEMENT < rows.length) {
      await manager.query(insert, values);
      continue;
    }
    values.push(channel);
    await manager.query(
      `WITH recorded AS (${insert} RETURNING 1)
       SELECT pg_notify($${values.length}, '') FROM (SELECT count(*) FROM recorded) AS done`,
      values,
    );
  }
}
