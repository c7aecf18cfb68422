import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import type { UnitOfWork } from './unit-of-work';

/** Marks a prototype that has at least one `@Transactional()` method, so the module binds only those instances. */
const HAS_TRANSACTIONAL_METHODS = Symbol('newsroom.transactional');

/** Each bound instance's unit of work: the one of the Nest application that created the instance. */
const boundUnits = new WeakMap<object, UnitOfWork>();

export interface TransactionalOptions {
  /** PostgreSQL isolation level for a unit this method opens; ignored when it joins an outer one. */
  isolation?: IsolationLevel;
}

/**
 * Declares a method a transaction boundary: its body runs inside `UnitOfWork.run()`.
 * Same semantics as `run()`: with a unit open on the async call chain the method joins
 * it (a consumer's inbox insert and the use case are one transaction), otherwise it
 * opens one that commits when the returned promise resolves and rolls back when it
 * rejects. Only for methods that return a promise.
 *
 * The unit of work is found through the instance, which `UnitOfWorkModule` binds when
 * the Nest application is initialised; a method called on an unbound instance (a
 * provider of an application not initialised yet, or one made with `new`) rejects
 * with an error that says so, rather than running without a transaction.
 *
 * Why bind per instance and not one process-wide reference (as typeorm-transactional's
 * data-source registry and @nestjs-cls/transactional's static TransactionHost do): our
 * specs run several Nest applications in one process (a service and its restart, the
 * messaging suites' consumers), and a global would silently hand one of them the
 * other's database. Why our own at all: the unit of work also carries after-commit
 * callbacks and the `requireActive` guard that the outbox and inbox rely on, and
 * typeorm-transactional patches TypeORM's prototypes process-wide; a second
 * transaction mechanism beside `UnitOfWork` would be two answers to one question.
 */
export function Transactional(options: TransactionalOptions = {}) {
  return function <M extends (...args: never[]) => Promise<unknown>>(prototype: object, method: string | symbol, descriptor: TypedPropertyDescriptor<M>): void {
    const body = descriptor.value;
    if (typeof body !== 'function') throw new Error(`@Transactional() goes on a method; ${String(method)} is not one`);
    const boundary = function (this: object, ...args: Parameters<M>): Promise<unknown> {
      const unitOfWork = boundUnits.get(this);
      if (!unitOfWork) {
        return Promise.reject(
          new Error(
            `${this.constructor.name}.${String(method)} is @Transactional() but has no unit of work: ` +
              'call it on a provider of a Nest application that imports PersistenceModule (or UnitOfWorkModule), after the application is initialised',
          ),
        );
      }
      return unitOfWork.run(() => body.apply(this, args), options);
    };
    Object.defineProperty(boundary, 'name', { value: body.name });
    descriptor.value = boundary as M;
    Object.defineProperty(prototype, HAS_TRANSACTIONAL_METHODS, { value: true, enumerable: false });
  };
}

/** True for an instance whose class (or a base class) has a `@Transactional()` method. */
export function hasTransactionalMethods(instance: unknown): instance is object {
  return typeof instance === 'object' && instance !== null && HAS_TRANSACTIONAL_METHODS in instance;
}

/** Lets `instance`'s `@Transactional()` methods run in `unitOfWork`; called by `UnitOfWorkModule` at init. */
export function bindTransactional(instance: object, unitOfWork: UnitOfWork): void {
  boundUnits.set(instance, unitOfWork);
}

/** Undoes `bindTransactional` when the application shuts down, so a late call fails clearly. */
export function unbindTransactional(instance: object, unitOfWork: UnitOfWork): void {
  if (boundUnits.get(instance) === unitOfWork) boundUnits.delete(instance);
}
