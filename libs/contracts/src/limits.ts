import { DomainError } from './errors';

/**
 * The size limits an article meets on its way from a reporter's request to a reader, decided
 * together so that whatever one step accepts, every later step can carry (docs/article-format.md,
 * "Limits"). Each number is in bytes of UTF-8, the unit HTTP bodies, Kafka records and
 * PostgreSQL rows are measured in.
 *
 *   HTTP body (article routes)  1 MiB    twice the largest article: room for the other fields and for \u escapes
 *   article JSON                512 KiB  the content model's own maximum (ARTICLE_LIMITS.body.maxJsonBytes)
 *   event (envelope + data)     768 KiB  an article plus the envelope and the other fields of `approved`
 *   topic record                1 MiB    max.message.bytes of each article topic (provisioning sets it)
 *   dead-letter record          2 MiB    the largest topic record plus the x-dlq-* headers
 *
 * A request over its body limit gets 413 (REQUEST.TOO_LARGE); an article over its JSON maximum
 * 400 (REQUEST.VALIDATION_FAILED, at `body`); an event over its maximum is refused where it is
 * made (EVENT.TOO_LARGE, 413), so nothing too large for the broker ever reaches an outbox.
 */
export const MESSAGE_LIMITS = {
  /** Request bodies of routes that take an article (ARTICLE_BODY_ROUTES). */
  articleRequestBodyBytes: 1024 * 1024,
  /** Request bodies of every other route: notes, comments, subscribers. */
  requestBodyBytes: 100 * 1024,
  /** Url-encoded form bodies (subscriber pages). */
  formBodyBytes: 16 * 1024,
  /** An article's content serialised as JSON. */
  articleJsonBytes: 512 * 1024,
  /** A whole event as the outbox stores it and the relay sends it. */
  eventBytes: 768 * 1024,
  /** `max.message.bytes` of every article topic: one event, its key and headers, and record overhead. */
  topicMessageBytes: 1024 * 1024,
  /** `max.message.bytes` of every dead-letter topic: a topic record plus the reason headers. */
  deadLetterMessageBytes: 2 * 1024 * 1024,
  /** The reason header of a dead letter (`x-dlq-error`). */
  deadLetterReasonBytes: 4000,
  /**
   * An uploaded picture (15 MiB: a full-resolution camera JPEG fits). Drafting refuses more
   * (IMAGE.TOO_LARGE); the desk says so before sending, and its proxy before forwarding.
   */
  imageUploadBytes: 15 * 1024 * 1024,
} as const;

/**
 * The routes whose body carries a whole article (up to ARTICLE_LIMITS' 512 KiB as JSON), read up
 * to MESSAGE_LIMITS.articleRequestBodyBytes, per service, as Express paths: drafting's drafts
 * (create, save, an editor's sub-edit), publishing's preview, a correction (whose `changes.body` replaces the body
 * whole, so correcting one paragraph of a long story sends all of it) and the correction carry
 * of a revision. The desk's proxy reads the same routes under `/api/<service>` with the same
 * limit, so a long story is not refused at the desk that its service would take. Every other
 * route reads up to requestBodyBytes.
 */
export const ARTICLE_BODY_ROUTES = {
  drafting: ['/v1/drafts'],
  publishing: ['/v1/preview', '/v1/articles/:id/corrections', '/v1/articles/:id/correction-carry'],
} as const satisfies Record<string, readonly string[]>;

/** A picture over MESSAGE_LIMITS.imageUploadBytes refused (413), as drafting and the desk's proxy both say it. */
export function imageTooLarge(): DomainError {
  return new DomainError('IMAGE.TOO_LARGE', `An image may be at most ${MESSAGE_LIMITS.imageUploadBytes / 1024 / 1024} MB`, 'too_large', { maxBytes: MESSAGE_LIMITS.imageUploadBytes });
}

/** The size of `value` as JSON in UTF-8, as it travels in a request, an event or a row. */
export function jsonByteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/**
 * How far ahead a story may be scheduled or embargoed: a year and a day. A time beyond it is
 * almost always a typo (2206 for 2026, a year of five digits) that would hide the story for
 * good; one that far ahead is refused wherever a time is taken (approval, reschedule) and in
 * the desk's forms before sending.
 */
export const SCHEDULE_HORIZON_MS = 366 * 24 * 60 * 60 * 1000;

/** Whether `iso` (a valid timestamp) lies within SCHEDULE_HORIZON_MS of `now`. */
export function withinScheduleHorizon(iso: string, now: Date = new Date()): boolean {
  return Date.parse(iso) - now.getTime() <= SCHEDULE_HORIZON_MS;
}
