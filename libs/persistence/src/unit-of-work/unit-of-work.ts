import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

interface ActiveUnit {
  readonly manager: EntityManager;
  readonly beforeCommit: (() => Promise<void>)[];
  readonly afterCommit: (() => void)[];
}

/**
 * One PostgreSQL transaction that repositories, the outbox and the inbox join
 * without passing an EntityManager around. The transaction is bound to the
 * async call chain (AsyncLocalStorage), so a use case calls `run()` and every
 * repository method called inside it writes through the same connection; a
 * nested `run()` joins the outer unit instead of opening a second transaction.
 *
 * Why a unit bound to the call chain: the use cases are called from HTTP, from
 * Kafka consumers (inside the inbox transaction), from jobs and from tests, and
 * each of those callers decides where the transaction starts. The use case
 * only says "this must be atomic": with `@Transactional()` on its method
 * (transactional.ts), or with `run()` where it needs more than one transaction.
 */
@Injectable()
export class UnitOfWork {
  private readonly storage = new AsyncLocalStorage<ActiveUnit>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` inside one transaction, or inside the caller's if one is open.
   * Rolls back on any thrown error. Once `work` resolves, the outermost unit runs
   * its `beforeCommit` steps, then commits; `afterCommit` callbacks run only once
   * it has committed.
   */
  async run<T>(work: () => Promise<T>, options: { isolation?: IsolationLevel } = {}): Promise<T> {
    if (this.storage.getStore()) return work();
    const afterCommit: (() => void)[] = [];
    const inTransaction = (manager: EntityManager) => {
      const unit: ActiveUnit = { manager, beforeCommit: [], afterCommit };
      return this.storage.run(unit, async () => {
        const result = await work();
        await runBeforeCommit(unit);
        return result;
      });
    };
    const result = await (options.isolation ? this.dataSource.transaction(options.isolation, inTransaction) : this.dataSource.transaction(inTransaction));
    for (const callback of afterCommit) callback();
    return result;
  }

  /** True inside `run()`. */
  get active(): boolean {
    return this.storage.getStore() !== undefined;
  }

  /**
   * The manager to read and write with: the open unit's, or outside a unit the
   * data source's own (each statement then commits on its own — fine for reads).
   */
  get manager(): EntityManager {
    return this.storage.getStore()?.manager ?? this.dataSource.manager;
  }

  /**
   * The open unit's manager; throws outside one. For writes that are only
   * correct together with others (the outbox, row locks).
   */
  requireActive(what: string): EntityManager {
    const unit = this.storage.getStore();
    if (!unit) throw new Error(`${what} must run inside UnitOfWork.run()`);
    return unit.manager;
  }

  /**
   * Adds `step` to the work of the open unit, to run inside its transaction once the
   * outermost unit's work has resolved and just before it commits: for writes that are
   * cheaper gathered and made once than made as they come (the outbox's rows of events
   * applied together). Steps run one at a time in the order they were added, in the unit
   * (they read and write through `manager`); a step may add further steps, which run
   * after it. A step that throws rolls the unit back, and `run()` rejects with its error,
   * as if the work itself had thrown. Nothing runs if the work throws.
   *
   * @throws outside `run()`, where no transaction is waiting to commit.
   */
  beforeCommit(step: () => Promise<void>): void {
    const unit = this.storage.getStore();
    if (!unit) throw new Error('UnitOfWork.beforeCommit must run inside UnitOfWork.run()');
    unit.beforeCommit.push(step);
  }

  /**
   * Runs `callback` after the outermost unit commits (never after a rollback), in the async
   * context it was added from — the event's or request's trace and log context, which a
   * commit shared by several events runs outside of — but no longer in the unit: the
   * transaction is over, and `manager` there is the data source's again.
   */
  afterCommit(callback: () => void): void {
    const unit = this.storage.getStore();
    if (!unit) return callback();
    // An AsyncResource rather than AsyncResource.bind, which on Node 20 builds a deprecation
    // wrapper on every call; this runs for every event a consumer applies.
    const addedIn = new AsyncResource('UnitOfWork.afterCommit');
    unit.afterCommit.push(() => addedIn.runInAsyncScope(() => this.storage.exit(callback)));
  }
}

/** Runs the unit's before-commit steps in order, including those the steps themselves add. */
async function runBeforeCommit(unit: ActiveUnit): Promise<void> {
  for (let step = unit.beforeCommit.shift(); step; step = unit.beforeCommit.shift()) await step();
}
