import type { AlertText } from '../domain/article-alert';
import { encodePushPayload, PUSH_PAYLOAD_MAX_BYTES, PushPayloadTooLargeError, pushDeliveryHeaders, pushTopic } from './push-message';

const ARTICLE = '6f1c1a2e-9d4b-4c1e-8f3a-2b7d9e0c5a11';
const alert = (overrides: Partial<AlertText> = {}): AlertText => ({
  headline: 'Harbour vote passes',
  standfirst: 'Cranes stop at 11pm.',
  url: 'https://news.example/articles/harbour',
  priority: 'normal',
  section: 'politics',
  ...overrides,
});

describe(pushTopic.name, () => {
  it('is the same for every message about one story, and fits RFC 8030 (≤ 32 URL-safe base64 characters)', () => {
    const topic = pushTopic(ARTICLE);
    expect(topic).toBe(pushTopic(ARTICLE.toUpperCase()));
    expect(topic).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(topic).toHaveLength(22);
    expect(pushTopic('7f1c1a2e-9d4b-4c1e-8f3a-2b7d9e0c5a11')).not.toBe(topic);
  });

  it('refuses what is not an article id', () => {
    expect(() => pushTopic('not-an-id')).toThrow(/not an article id/);
  });
});

describe(pushDeliveryHeaders.name, () => {
  it('asks a push service for high urgency only for breaking news, and always names the story\'s topic', () => {
    expect(pushDeliveryHeaders(ARTICLE, alert({ priority: 'breaking' }))).toEqual({ TTL: 3600, urgency: 'high', topic: pushTopic(ARTICLE) });
    expect(pushDeliveryHeaders(ARTICLE, alert()).urgency).toBe('normal');
  });
});

describe(encodePushPayload.name, () => {
  it('carries title, standfirst, the story\'s URL and its id as tag', () => {
    expect(JSON.parse(encodePushPayload(ARTICLE, alert()).toString('utf8'))).toEqual({
      title: 'Harbour vote passes',
      body: 'Cranes stop at 11pm.',
      url: 'https://news.example/articles/harbour',
      tag: ARTICLE,
    });
  });

  it('stays within one push message for the widest text the limits allow', () => {
    const wide = '𝔄'.repeat(5000); // four UTF-8 bytes each
    const payload = encodePushPayload(ARTICLE, alert({ headline: wide, standfirst: wide, url: `https://news.example/${'a'.repeat(2000)}` }));
    expect(payload.length).toBeLessThanOrEqual(PUSH_PAYLOAD_MAX_BYTES);
    expect(JSON.parse(payload.toString('utf8')).body).not.toBe('');
  });

  it('drops the standfirst before refusing, and refuses only what cannot fit at all: PUSH.PAYLOAD_TOO_LARGE', () => {
    const quoted = '"'.repeat(240); // each escaped to two bytes
    const nearlyFull = `https://news.example/${'a'.repeat(PUSH_PAYLOAD_MAX_BYTES - 350)}`;
    const shrunk = JSON.parse(encodePushPayload(ARTICLE, alert({ standfirst: quoted.repeat(4), url: nearlyFull })).toString('utf8'));
    expect(shrunk.body).toBe('');
    expect(shrunk.url).toBe(nearlyFull);

    const error = (() => {
      try {
        encodePushPayload(ARTICLE, alert({ url: `https://news.example/${'a'.repeat(PUSH_PAYLOAD_MAX_BYTES)}` }));
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PushPayloadTooLargeError);
    expect((error as PushPayloadTooLargeError).code).toBe('PUSH.PAYLOAD_TOO_LARGE');
  });
});
