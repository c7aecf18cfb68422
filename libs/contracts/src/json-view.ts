/**
 * How the newsroom's JSON views write instants: ISO 8601 / RFC 3339 strings in UTC
 * (`2026-11-30T16:05:00.000Z`), and `null` where there is none. One rule, so that a view that is
 * a record as it stands (a review decision, a scheduled revision) is that record with its dates
 * written out, not a second hand-copied list of its fields.
 */
export type WithIsoDates<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] extends Date | undefined ? string | undefined : T[K];
};

/** `record` with every Date field as its ISO 8601 string; other fields as they are (not deep). */
export function withIsoDates<T extends object>(record: T): WithIsoDates<T> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value])) as WithIsoDates<T>;
}
