import type { AlertText } from '../domain/article-alert';
import { alertPushPayload, type PushPayload } from './alert-messages';

/**
 * The largest payload one web-push message carries: a push service takes records of at most
 * 4096 bytes (RFC 8030 §7.2), and aes128gcm (RFC 8188, RFC 8291) spends 86 bytes on its header
 * (salt 16, record size 4, key-id length 1, the sender's public key 65), 16 on the
 * authentication tag and 1 on the padding delimiter.
 */
export const PUSH_PAYLOAD_MAX_BYTES = 4096 - 86 - 16 - 1;

/** How long a push service keeps an alert for a browser that is offline (RFC 8030 §5.2): news goes stale. */
export const PUSH_TTL_SECONDS = 3600;

/** What a push service is told besides the payload (RFC 8030 §5.2–5.4). */
export interface PushDeliveryHeaders {
  TTL: number;
  /** `high` wakes a sleeping phone at once (breaking news); `normal` may wait for the next wake-up. */
  urgency: 'high' | 'normal';
  /**
   * The story: a message queued for a browser is replaced by a newer one with the same topic, so an
   * update or a correction sent before the browser came online shows in place of the original.
   */
  topic: string;
}

/**
 * The `Topic` of every push about one story. RFC 8030 §5.4 allows at most 32 characters of the
 * URL-safe base64 alphabet; an article id (a UUID, 36 characters with hyphens) is 16 bytes, so
 * its bytes in base64url are 22 characters, the same for every message about that story.
 */
export function pushTopic(articleId: string): string {
  const hex = articleId.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`push topic: ${articleId} is not an article id`);
  return Buffer.from(hex, 'hex').toString('base64url');
}

export function pushDeliveryHeaders(articleId: string, alert: AlertText): PushDeliveryHeaders {
  return { TTL: PUSH_TTL_SECONDS, urgency: alert.priority === 'breaking' ? 'high' : 'normal', topic: pushTopic(articleId) };
}

/** A payload that cannot fit one push message even without its standfirst (an overlong URL). */
export class PushPayloadTooLargeError extends Error {
  readonly code = 'PUSH.PAYLOAD_TOO_LARGE';
  constructor(readonly bytes: number) {
    super(`push payload of ${bytes} bytes is over the ${PUSH_PAYLOAD_MAX_BYTES} a push message carries`);
  }
}

/**
 * The alert as the UTF-8 JSON a push message carries, checked against PUSH_PAYLOAD_MAX_BYTES
 * before anything is sent. The text limits keep ordinary alerts far below it; should escaping or
 * wide characters push one over, the standfirst goes first (the notification still opens the
 * story), and only a payload too large without it is refused.
 */
export function encodePushPayload(articleId: string, alert: AlertText): Buffer {
  const payload = alertPushPayload(articleId, alert);
  const full = encode(payload);
  if (full.length <= PUSH_PAYLOAD_MAX_BYTES) return full;
  const withoutBody = encode({ ...payload, body: '' });
  if (withoutBody.length <= PUSH_PAYLOAD_MAX_BYTES) return withoutBody;
  throw new PushPayloadTooLargeError(full.length);
}

function encode(payload: PushPayload): Buffer {
  return Buffer.from(JSON.stringify(payload), 'utf8');
}
