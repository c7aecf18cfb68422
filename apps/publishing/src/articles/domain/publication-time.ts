/** When an approval asks to go live: publishAt (a schedule) and embargoUntil (a hold), both optional. */
export interface PublicationRequest {
  publishAt?: string;
  embargoUntil?: string;
}

/**
 * The instant an approved revision may go public: the later of its schedule and its embargo,
 * because neither may be broken. Returns null when it may go live now (no time given, or the
 * time has passed, e.g. after the consumer lagged behind).
 */
export function publicationDueAt(request: PublicationRequest, now: Date): Date | null {
  const times = [request.publishAt, request.embargoUntil]
    .filter((value): value is string => typeof value === 'string')
    .map((value) => new Date(value))
    .filter((date) => !Number.isNaN(date.getTime()));
  if (times.length === 0) return null;
  const due = new Date(Math.max(...times.map((date) => date.getTime())));
  return due.getTime() > now.getTime() ? due : null;
}
