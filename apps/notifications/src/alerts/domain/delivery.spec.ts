import { MAX_DELIVERY_ATTEMPTS } from './retry-policy';
import { outcomeOf, whyNotSendable, type ClaimedDelivery } from './delivery';

const now = new Date('2025-11-21T08:00:00Z');
const alert = { headline: 'Budget passes', standfirst: null, url: 'https://news.example/a', priority: 'normal' as const, section: 'politics' };
const email = (overrides: Partial<ClaimedDelivery> = {}): ClaimedDelivery => ({
  id: '1',
  articleId: 'a',
  channel: 'email',
  attempt: 1,
  claimedAt: now,
  publishedAt: now,
  alert,
  correction: null,
  email: { subscriberId: 's', email: 'a@example.com', confirmed: true },
  push: null,
  traceparent: null,
  ...overrides,
});
const push = (overrides: Partial<ClaimedDelivery> = {}): ClaimedDelivery =>
  email({ channel: 'push', email: null, push: { pushSubscriptionId: 'p', endpoint: 'https://push.example/x', p256dh: 'k', auth: 'a', active: true }, ...overrides });
const failure = (transient: boolean, extra: object = {}) => ({ ok: false as const, failure: { transient, responseCode: 451, message: 'later', ...extra } });

describe('whyNotSendable', () => {
  it('sends to confirmed subscribers and active push subscriptions', () => {
    expect(whyNotSendable(email())).toBeUndefined();
    expect(whyNotSendable(push())).toBeUndefined();
  });

  it('holds back what a recipient who left would get', () => {
    expect(whyNotSendable(email({ email: { subscriberId: 's', email: 'a@example.com', confirmed: false } }))).toMatch(/no longer subscribed/);
    expect(whyNotSendable(push({ push: { pushSubscriptionId: 'p', endpoint: 'https://push.example/x', p256dh: 'k', auth: 'a', active: false } }))).toMatch(
      /no longer active/,
    );
  });
});

describe('outcomeOf', () => {
  it('records a sent alert with the reply code', () => {
    expect(outcomeOf(email(), { ok: true, responseCode: 250 }, now, 0)).toEqual({ status: 'sent', responseCode: 250 });
  });

  it('retries a transient failure after the policy delay', () => {
    expect(outcomeOf(email(), failure(true), now, 0)).toEqual({
      status: 'pending',
      nextAttemptAt: new Date(now.getTime() + 30_000),
      error: 'later',
      responseCode: 451,
    });
  });

  it('fails a permanent failure, and a transient one on the last attempt', () => {
    expect(outcomeOf(email(), failure(false), now, 0)).toEqual({ status: 'failed', error: 'later', responseCode: 451 });
    expect(outcomeOf(email({ attempt: MAX_DELIVERY_ATTEMPTS }), failure(true), now, 0).status).toBe('failed');
  });

  it('ends a push subscription the push service says is gone, never an email subscriber', () => {
    const gone = failure(false, { responseCode: 410, message: 'push service answered 410', recipientGone: true });
    expect(outcomeOf(push(), gone, now, 0)).toEqual({ status: 'failed', error: 'push service answered 410', responseCode: 410, pushGone: 'push service answered 410' });
    expect(outcomeOf(email(), gone, now, 0)).not.toHaveProperty('pushGone');
  });

  it('bounces an email address the mail server refused for good, never a push subscription', () => {
    const refused = failure(false, { responseCode: 550, message: 'SMTP 550 5.1.1', recipientGone: true });
    expect(outcomeOf(email(), refused, now, 0)).toEqual({ status: 'failed', error: 'SMTP 550 5.1.1', responseCode: 550, bounced: 'SMTP 550 5.1.1' });
    expect(outcomeOf(push(), refused, now, 0)).not.toHaveProperty('bounced');
    expect(outcomeOf(email(), failure(false, { responseCode: 553, message: 'SMTP 553' }), now, 0)).not.toHaveProperty('bounced');
  });
});
