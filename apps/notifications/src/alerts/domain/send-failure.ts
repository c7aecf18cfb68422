import { replaceUnsupportedCharacters, truncateText } from '@newsroom/contracts';
import { parseRetryAfter } from './retry-policy';

/** Why an attempt failed, and whether trying again later can help. */
export interface SendFailure {
  transient: boolean;
  /** The push service's HTTP status or the SMTP reply code, when there was one. */
  responseCode: number | null;
  message: string;
  retryAfterMs?: number;
  /** The push service says the subscription is gone (404/410): deactivate it. */
  recipientGone?: boolean;
}

/** How sending one alert went; channels report this and never throw. */
export type SendResult = { ok: true; responseCode: number | null } | { ok: false; failure: SendFailure };

const NETWORK_ERROR = /^(E[A-Z_]+|ERR_[A-Z_]+|UNABLE_TO_[A-Z_]+|CERT_[A-Z_]+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)$/;

/**
 * Nodemailer errors: an SMTP 4xx reply is temporary by definition, 5xx is final.
 * With no reply at all (connection refused, timeout, TLS, DNS) the server may be
 * back soon, so it is retried; a message nodemailer refused to build is final.
 */
export function classifyEmailError(error: unknown): SendFailure {
  const { responseCode, code, message, response } = error as { responseCode?: unknown; code?: unknown; message?: unknown; response?: unknown };
  const text = truncate(typeof response === 'string' && response ? response : String(message ?? error));
  if (typeof responseCode === 'number') {
    return { transient: responseCode >= 400 && responseCode < 500, responseCode, message: text };
  }
  const final = code === 'EENVELOPE' || code === 'EMESSAGE';
  return { transient: !final, responseCode: null, message: typeof code === 'string' ? `${code}: ${text}` : text };
}

/**
 * web-push errors: 429 and 5xx are temporary (honouring Retry-After); 404 and 410
 * mean the browser unsubscribed or the subscription expired; any other 4xx is a
 * request the push service will never accept. Network errors are retried; an
 * error before any request (bad keys) is final, and so is a target refused before
 * connecting (PUSH.SERVICE_NOT_ALLOWED, PUSH.ADDRESS_REFUSED).
 *
 * Only the status and a short code are kept, never the response body nor the
 * network error's text: what an endpoint answers, or how a connection to it
 * fails, must not reach the delivery log that editors read.
 */
export function classifyPushError(error: unknown, now: Date): SendFailure {
  const { statusCode, headers, code, message } = error as {
    statusCode?: unknown;
    headers?: Record<string, unknown>;
    code?: unknown;
    message?: unknown;
  };
  if (typeof statusCode === 'number') {
    const detail = `push service answered ${statusCode}`;
    if (statusCode === 404 || statusCode === 410) return { transient: false, responseCode: statusCode, message: detail, recipientGone: true };
    if (statusCode === 429 || statusCode >= 500) {
      return { transient: true, responseCode: statusCode, message: detail, retryAfterMs: parseRetryAfter(headers?.['retry-after'], now) };
    }
    return { transient: false, responseCode: statusCode, message: detail };
  }
  if (typeof code === 'string' && /^PUSH\.[A-Z_]+$/.test(code)) return { transient: false, responseCode: null, message: code };
  if (typeof code === 'string' && NETWORK_ERROR.test(code)) return { transient: true, responseCode: null, message: `network error ${code}` };
  if (/timeout/i.test(String(message ?? ''))) return { transient: true, responseCode: null, message: 'network error timeout' };
  return { transient: false, responseCode: null, message: truncate(String(message ?? error)) };
}

/** A third party's words, made storable (no NUL for PostgreSQL) and cut between characters. */
function truncate(text: string): string {
  return truncateText(replaceUnsupportedCharacters(text), 1001);
}
