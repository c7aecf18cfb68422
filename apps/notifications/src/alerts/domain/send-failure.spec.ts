import { classifyEmailError, classifyPushError } from './send-failure';

const now = new Date('2025-11-21T08:00:00Z');
const smtpError = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? 'failed')), fields);

describe('classifyEmailError', () => {
  it('retries SMTP 4xx replies', () => {
    expect(classifyEmailError(smtpError({ responseCode: 451, response: '451 4.3.0 try later', code: 'EENVELOPE' }))).toEqual({
      transient: true,
      responseCode: 451,
      message: 'SMTP 451 4.3.0',
    });
  });

  it('treats a 5xx reply to RCPT TO or DATA as a hard bounce of the address, keeping only the codes', () => {
    const rcpt = classifyEmailError(smtpError({ responseCode: 550, response: '550 5.1.1 <ann@example.com>: no such user', code: 'EENVELOPE', command: 'RCPT TO' }));
    expect(rcpt).toEqual({ transient: false, responseCode: 550, message: 'SMTP 550 5.1.1', recipientGone: true });
    expect(classifyEmailError(smtpError({ responseCode: 554, response: '554 rejected', code: 'EMESSAGE', command: 'DATA' }))).toMatchObject({ message: 'SMTP 554', recipientGone: true });
  });

  it('gives up on other SMTP 5xx replies without blaming the address', () => {
    const sender = classifyEmailError(smtpError({ responseCode: 553, response: '553 5.7.1 sender not allowed', code: 'EENVELOPE', command: 'MAIL FROM' }));
    expect(sender).toMatchObject({ transient: false, responseCode: 553 });
    expect(sender.recipientGone).toBeUndefined();
    expect(classifyEmailError(smtpError({ responseCode: 451, code: 'EENVELOPE', command: 'RCPT TO' })).recipientGone).toBeUndefined();
  });

  it('retries network failures', () => {
    const failure = classifyEmailError(smtpError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }));
    expect(failure).toMatchObject({ transient: true, responseCode: null });
    expect(failure.message).toContain('ECONNECTION');
    expect(classifyEmailError(smtpError({ code: 'ETIMEDOUT' })).transient).toBe(true);
  });

  it('gives up on a message that could not be built', () => {
    expect(classifyEmailError(smtpError({ code: 'EMESSAGE' })).transient).toBe(false);
  });

  it('keeps an error text without a reply code storable: no NUL or lone surrogate, cut between characters', () => {
    const answer = `bad\u0000 \ud83d ${'x'.repeat(980)}👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧`;
    const failure = classifyEmailError(smtpError({ response: answer }));
    expect(failure.message).not.toMatch(/[\u0000\ud800-\udfff](?<![\ud800-\udbff][\udc00-\udfff])/u);
    expect(failure.message).toContain('bad\uFFFD \uFFFD');
    expect(failure.message.length).toBeLessThanOrEqual(1001);
    expect(failure.message.endsWith('👩‍👩‍👧…')).toBe(true);
  });
});

describe('classifyPushError', () => {
  const pushError = (statusCode: number, headers: Record<string, string> = {}) =>
    Object.assign(new Error('Received unexpected response code'), { statusCode, headers, body: 'nope' });

  it('marks the subscription gone on 404 and 410', () => {
    expect(classifyPushError(pushError(410), now)).toMatchObject({ transient: false, recipientGone: true, responseCode: 410 });
    expect(classifyPushError(pushError(404), now)).toMatchObject({ transient: false, recipientGone: true });
  });

  it('retries 429 and 5xx, with Retry-After', () => {
    expect(classifyPushError(pushError(429, { 'retry-after': '30' }), now)).toMatchObject({ transient: true, retryAfterMs: 30_000 });
    expect(classifyPushError(pushError(503), now)).toMatchObject({ transient: true, responseCode: 503 });
  });

  it('gives up on other 4xx answers', () => {
    expect(classifyPushError(pushError(400), now)).toMatchObject({ transient: false, responseCode: 400 });
    expect(classifyPushError(pushError(413), now).recipientGone).toBeUndefined();
  });

  it('retries network errors and timeouts', () => {
    expect(classifyPushError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), now).transient).toBe(true);
    expect(classifyPushError(Object.assign(new Error('self-signed'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), now).transient).toBe(true);
    expect(classifyPushError(new Error('Socket timeout'), now).transient).toBe(true);
  });

  it('gives up on errors raised before any request', () => {
    expect(classifyPushError(new Error("The subscription p256dh value should be 65 bytes long."), now).transient).toBe(false);
  });

  it('keeps the status and a code, never what the endpoint answered or where it failed', () => {
    const answered = classifyPushError(Object.assign(pushError(400), { body: 'SSH-2.0-OpenSSH_9.6 internal banner' }), now);
    expect(answered.message).toBe('push service answered 400');
    const refused = classifyPushError(Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED' }), now);
    expect(refused.message).toBe('network error ECONNREFUSED');
  });

  it('gives up on a target refused before connecting, with its code as the reason', () => {
    const refused = classifyPushError(Object.assign(new Error('push service host resolves to a non-public address'), { code: 'PUSH.ADDRESS_REFUSED' }), now);
    expect(refused).toEqual({ transient: false, responseCode: null, message: 'PUSH.ADDRESS_REFUSED' });
  });
});
