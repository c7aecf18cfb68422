/**
 * Validate once per hop.
 *
 * A value crosses class-validator's strict pass (`validatePlain`) once, where it enters a
 * service: a consumed event in `validateEvent`, an HTTP body in `Command.create`. What comes
 * out is a `Validated<T>`: the type says it passed, and so does a registry checked at run
 * time, so a cast cannot forge the brand. Whatever is built from such a value inside the same
 * service — the command a consumer makes of a validated event (`Command.fromValidated`) —
 * need not run the same rules over the same article a second time: for a 2,000-word article
 * that pass is most of a consumer's CPU. The rule is kept honest by the run-time check: a
 * value not registered here is validated in full after all.
 *
 * Events a service assembles from state it holds validated go out through `assembleEvent`
 * (events/event-catalog.ts), not re-validated at run time; each producer's specs hold what
 * it emits to `validateEvent`. Anything carrying input no boundary has validated goes
 * through `Command.create` or `createEvent`, which validate.
 */
declare const VALIDATED: unique symbol;

/** A `T` that passed its class's strict validation at this service's boundary. */
export type Validated<T> = T & { readonly [VALIDATED]: true };

/** Objects `validatePlain` (or a factory trusting it) produced; weak, so it holds nothing alive. */
const passed = new WeakSet<object>();

/** Records that `value` passed validation. Only validation and the factories in this package call it. */
export function markValidated<T extends object>(value: T): Validated<T> {
  passed.add(value);
  return value as Validated<T>;
}

/** True when `value` is an object validation produced (not merely typed as one). */
export function isValidated<T>(value: T): value is Validated<T> {
  return typeof value === 'object' && value !== null && passed.has(value);
}
