/**
 * Coded errors shared by every service. Domain objects throw them; one exception
 * filter maps the kind to an HTTP status, and consumers read `retriable`.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required'
  /** The thing existed and is gone for good (an expired link, a withdrawn article). */
  | 'gone'
  /** A dependency is down; the client may retry later. */
  | 'unavailable'
  /** Over a documented size limit (HTTP 413): the same input will never fit. */
  | 'too_large'
  /** A body in a media type the route does not take (HTTP 415): an image upload that is not one of its formats. */
  | 'unsupported_media_type'
  /** Too many requests from one client or for one address (HTTP 429 with Retry-After): later it will work. */
  | 'rate_limited';

export class DomainError extends Error {
  constructor(
    /** Stable, documented code such as `REVIEW.INVALID_TRANSITION`. */
    readonly code: string,
    message: string,
    readonly kind: ErrorKind,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The JSON body of every error response. */
export interface ErrorResponseBody {
  error: { code: string; message: string; details?: unknown };
}
