import { storableText } from '@newsroom/contracts';
import { parseRetryAfter } from './retry-policy';

/** Why an attempt failed, and whether trying again later can help. */
export interface SendFailure {
  transient: boolean;
  /** The push service's HTTP status or the SMTP reply code, when there was one. */
  responseCode: number | null;
  message: string;
  retryAfterMs?: number;
  /**
   * The recipient will never take this channel's messages: the push service says the
   * subscription is gone (404/410: deactivate it), or the mail server refused the address
   * itself (a 5xx reply to RCPT TO or DATA: a hard bounce, so mark the address bounced).
   */
  recipientGone?: boolean;
}

/** How sending one alert went; channels report this and never throw. */
export type SendResult = { ok: true; responseCode: number | null } | { ok: false; failure: SendFailure };

const NETWORK_ERROR = /^(E[A-Z_]+|ERR_[A-Z_]+|UNABLE_TO_[A-Z_]+|CERT_[A-Z_]+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)$/;

/** Commands whose 5xx reply is about the recipient; a 5xx to MAIL FROM or AUTH is about us, not the address. */
const RECIPIENT_COMMANDS = new Set(['RCPT TO', 'DATA']);

/** An RFC 3463 enhanced status code at the start of an SMTP reply's text, e.g. `5.1.1`. */
const ENHANCED_STATUS = /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/;

/**
 * Nodemailer errors: an SMTP 4xx reply is temporary by definition, 5xx is final
 * (RFC 5321 §4.2.1), and a 5xx reply to RCPT TO or DATA is a hard bounce of that
 * address (`recipientGone`). Only the reply code and its enhanced status code
 * are kept (`SMTP 550 5.1.1`), never the server's text: it may quote the address
 * or anything else, and the delivery log is read by editors.
 * With no reply at all (connection refused, timeout, TLS, DNS) the server may be
 * back soon, so it is retried; a message nodemailer refused to build is final.
 */
export function classifyEmailError(error: unknown): SendFailure {
  const { responseCode, code, message, response, command } = error as {
    responseCode?: unknown;
    code?: unknown;
    message?: unknown;
    response?: unknown;
    command?: unknown;
  };
  if (typeof responseCode === 'number') {
    const enhanced = typeof response === 'string' ? ENHANCED_STATUS.exec(response)?.[1] : undefined;
    const failure: SendFailure = { transient: responseCode >= 400 && responseCode < 500, responseCode, message: enhanced ? `SMTP ${responseCode} ${enhanced}` : `SMTP ${responseCode}` };
    if (responseCode >= 500 && responseCode < 600 && typeof command === 'string' && RECIPIENT_COMMANDS.has(command)) failure.recipientGone = true;
    return failure;
  }
  const text = storableText(typeof response === 'string' && response ? response : String(message ?? error), 1001);
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
  return { transient: false, responseCode: null, message: storableText(String(message ?? error), 1001) };
}
