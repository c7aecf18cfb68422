import { UseCaseTestbed } from '@newsroom/test-harness';
import { emailSubscriber, errorCodeOf } from '../../../../test/fixtures';
import { fakesOf, notificationsTestbed, resetNotifications, testNotificationsConfig, TEST_PUBLIC_BASE_URL } from '../../../../test/notifications-testbed';
import type { RecordingMailer } from '../../../../test/recording-mailer';
import { NOTIFICATIONS_CONFIG } from '../../../shared/notifications-config.token';
import { SignUpByEmailCommand } from './sign-up-by-email.command';
import { SignUpByEmailUseCase } from './sign-up-by-email.use-case';

describe(SignUpByEmailUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let signUp: SignUpByEmailUseCase;
  let mailer: RecordingMailer;
  const run = (email: string, preferences: SignUpByEmailCommand['preferences']) => signUp.execute(SignUpByEmailCommand.create({ email, preferences }));
  const subscriberRow = async (email: string) =>
    (await testbed.query(`SELECT id, email, status, sections, tags, breaking_only, link_sent_at FROM subscribers WHERE lower(email) = lower($1)`, [email]))[0];
  /** The per-minute limit on link emails has passed for this address. */
  const aMinuteLater = (email: string) => testbed.query(`UPDATE subscribers SET link_sent_at = now() - interval '2 minutes' WHERE lower(email) = lower($1)`, [email]);

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_sign_up'));
    signUp = testbed.get(SignUpByEmailUseCase);
    mailer = fakesOf(testbed).mailer;
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => resetNotifications(testbed));

  it('stores a new address as pending (its domain lower-cased), with normalised preferences, and sends it a confirmation link', async () => {
    const result = await run('Reader@Example.com', { sections: ['Politics', 'politics'], tags: ['Ukraine'] });

    expect(result).toEqual({ subscriberId: expect.any(String), email: 'confirmation' });
    expect(await subscriberRow('reader@example.com')).toMatchObject({ email: 'Reader@example.com', status: 'pending', sections: ['politics'], tags: ['ukraine'] });
    const [mail] = mailer.sent;
    expect(mail).toMatchObject({ to: 'Reader@example.com', subject: 'Confirm your Newsroom alerts' });
    expect(mail.text).toContain(`Confirm: ${TEST_PUBLIC_BASE_URL}/v1/subscribers/confirm?token=v1.`);
    expect(mail.html).toContain('You asked for: every story in Politics, and every story tagged ukraine.');
  });

  it('takes new preferences from a pending address asking again, but sends nothing within the minute', async () => {
    await run('reader@example.com', { sections: ['politics'] });
    expect(await run('reader@example.com', { sections: ['sport'] })).toMatchObject({ email: 'none' });
    expect(mailer.sent).toHaveLength(1);
    expect(await subscriberRow('reader@example.com')).toMatchObject({ status: 'pending', sections: ['sport'] });

    await aMinuteLater('reader@example.com');
    expect(await run('reader@example.com', { sections: ['sport'] })).toMatchObject({ email: 'confirmation' });
    expect(mailer.sent).toHaveLength(2);
  });

  it('changes nothing for a confirmed address (anyone can type it) and emails its owner a manage link', async () => {
    await emailSubscriber(testbed, 'reader@example.com', { sections: ['politics'] });
    await aMinuteLater('reader@example.com');
    mailer.clear();

    expect(await run('READER@example.com', { sections: ['sport'] })).toMatchObject({ email: 'manage-link' });

    expect(await subscriberRow('reader@example.com')).toMatchObject({ status: 'confirmed', sections: ['politics'] });
    expect(mailer.sent).toEqual([expect.objectContaining({ subject: 'Your Newsroom alert preferences' })]);
    expect(mailer.sent[0].text).toContain(`${TEST_PUBLIC_BASE_URL}/unsubscribe?token=v1.`);
  });

  it('makes an unsubscribed address pending again, to be confirmed again', async () => {
    const id = await emailSubscriber(testbed, 'reader@example.com', { sections: ['politics'] });
    await testbed.query(`UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = now(), link_sent_at = NULL WHERE id = $1`, [id]);
    expect(await run('reader@example.com', { tags: ['harbour'] })).toEqual({ subscriberId: id, email: 'confirmation' });
    expect(await subscriberRow('reader@example.com')).toMatchObject({ status: 'pending', sections: [], tags: ['harbour'] });
  });

  it('keeps the signup when the mail server is down, and lets an immediate retry send: SUBSCRIBER.EMAIL_NOT_SENT', async () => {
    mailer.refuseNext();
    expect(await errorCodeOf(() => run('reader@example.com', { sections: ['politics'] }))).toBe('SUBSCRIBER.EMAIL_NOT_SENT');
    expect(await subscriberRow('reader@example.com')).toMatchObject({ status: 'pending', link_sent_at: null });

    expect(await run('reader@example.com', { sections: ['politics'] })).toMatchObject({ email: 'confirmation' });
    expect(mailer.sent).toHaveLength(1);
  });

  it('stores one subscriber when two signups for a new address race', async () => {
    const results = await Promise.all([run('racer@example.com', { sections: ['politics'] }), run('Racer@example.com', { sections: ['sport'] })]);
    expect(new Set(results.map((r) => r.subscriberId)).size).toBe(1);
    expect(await testbed.query(`SELECT 1 FROM subscribers`)).toHaveLength(1);
    expect(mailer.sent).toHaveLength(1);
  });

  it('makes one subscriber of one mailbox however its domain is written (IDNA, NFC, case): one confirmation email', async () => {
    const first = await run('x@bücher.example', { sections: ['politics'] });
    await aMinuteLater('x@xn--bcher-kva.example');
    const again = [await run('x@xn--bcher-kva.example', { sections: ['politics'] }), await run('x@BU\u0308CHER.example', { sections: ['politics'] })];

    expect(again.map((r) => r.subscriberId)).toEqual([first.subscriberId, first.subscriberId]);
    expect(await testbed.query(`SELECT email FROM subscribers`)).toEqual([{ email: 'x@xn--bcher-kva.example' }]);
    expect(mailer.sent.map((mail) => [mail.to, mail.subject])).toEqual([
      ['x@xn--bcher-kva.example', 'Confirm your Newsroom alerts'],
      ['x@xn--bcher-kva.example', 'Confirm your Newsroom alerts'],
    ]);
  });

  it('needs something to follow: SUBSCRIBER.NO_INTERESTS', async () => {
    expect(await errorCodeOf(() => run('reader@example.com', {}))).toBe('SUBSCRIBER.NO_INTERESTS');
    expect(await testbed.query(`SELECT 1 FROM subscribers`)).toHaveLength(0);
  });

  it('takes slugs only: SUBSCRIBER.INVALID_PREFERENCES', async () => {
    expect(await errorCodeOf(() => run('reader@example.com', { tags: ['climate change'] }))).toBe('SUBSCRIBER.INVALID_PREFERENCES');
  });

  it('takes only the site\'s sections, so a typo is refused rather than stored: SUBSCRIBER.UNKNOWN_SECTION', async () => {
    expect(await errorCodeOf(() => run('reader@example.com', { sections: ['politcs'] }))).toBe('SUBSCRIBER.UNKNOWN_SECTION');
    expect(await testbed.query(`SELECT 1 FROM subscribers`)).toHaveLength(0);
    expect(mailer.sent).toHaveLength(0);
  });

  it('refuses what is not an address: COMMAND.INVALID', async () => {
    expect(await errorCodeOf(() => run('not an address', { sections: ['politics'] }))).toBe('COMMAND.INVALID');
  });

  it("puts a reader who gives no time zone on the site's clock (SITE_TIME_ZONE), one who does on theirs", async () => {
    const kyiv = await UseCaseTestbed.start(
      notificationsTestbed('notif_sign_up_kyiv', [{ provide: NOTIFICATIONS_CONFIG, useValue: { ...testNotificationsConfig(), siteTimeZone: 'Europe/Kyiv' } }]),
    );
    try {
      const signUpInKyiv = kyiv.get(SignUpByEmailUseCase);
      await signUpInKyiv.execute(SignUpByEmailCommand.create({ email: 'form@example.com', preferences: { sections: ['politics'] } }));
      await signUpInKyiv.execute(SignUpByEmailCommand.create({ email: 'abroad@example.com', preferences: { sections: ['politics'], timeZone: 'America/New_York' } }));
      expect(await kyiv.query(`SELECT email, time_zone FROM subscribers ORDER BY email`)).toEqual([
        { email: 'abroad@example.com', time_zone: 'America/New_York' },
        { email: 'form@example.com', time_zone: 'Europe/Kyiv' },
      ]);
    } finally {
      await kyiv.close();
    }
  });
});
