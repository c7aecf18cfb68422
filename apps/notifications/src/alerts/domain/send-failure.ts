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
 * error before any request (bad keys) is final.
 */
export function classifyPushError(error: unknown, now: Date): SendFailure {
  const { statusCode, headers, body, code, message } = error as {
    statusCode?: unknown;
    headers?: Record<string, unknown>;
    body?: unknown;
    code?: unknown;
    message?: unknown;
  };
  if (typeof statusCode === 'number') {
    const detail = truncate(`push service answered ${statusCode}${typeof body === 'string' && body ? `: ${body}` : ''}`);
    if (statusCode === 404 || statusCode === 410) return { transient: false, responseCode: statusCode, message: detail, recipientGone: true };
    if (statusCode === 429 || statusCode >= 500) {
      return { transient: true, responseCode: statusCode, message: detail, retryAfterMs: parseRetryAfter(headers?.['retry-after'], now) };
    }
    return { transient: false, responseCode: statusCode, message: detail };
  }
  const text = truncate(String(message ?? error));
  if (typeof code === 'string' && NETWORK_ERROR.test(code)) return { transient: true, responseCode: null, message: `${code}: ${text}` };
  if (/timeout/i.test(text)) return { transient: true, responseCode: null, message: text };
  return { transient: false, responseCode: null, message: text };
}

function truncate(text: string): string {
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}
