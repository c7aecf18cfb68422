/**
 * JSON with object keys sorted at every depth, for comparing values by content: an article read
 * back from a jsonb column has its keys in PostgreSQL's order, one from an event or a request in
 * the sender's, and the same text must compare equal either way.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
