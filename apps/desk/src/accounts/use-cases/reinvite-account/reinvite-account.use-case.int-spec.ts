import { UseCaseTestbed } from '@newsroom/test-harness';
import { refusal } from '@newsroom/testing';
import { deskTestbed, RecordingInvitationMailer } from '../../../../test/desk-testbed';
import { tokenHash } from '../../domain/secrets';
import { InviteAccountCommand } from '../invite-account/invite-account.command';
import { InviteAccountUseCase } from '../invite-account/invite-account.use-case';
import { ReinviteAccountCommand } from './reinvite-account.command';
import { ReinviteAccountUseCase } from './reinvite-account.use-case';

describe(ReinviteAccountUseCase.name, () => {
  let testbed: UseCaseTestbed;
  const mailer = new RecordingInvitationMailer();
  const adminId = '11111111-1111-4111-8111-111111111111';
  const tokenOf = (url: string) => url.split('/').pop() ?? '';
  const invite = () => testbed.get(InviteAccountUseCase).execute(InviteAccountCommand.create({ adminId, adminName: 'Ada Admin', email: 'rosa@desk.test', name: 'Rosa Reporter', roles: ['reporter'] }));
  const reinvite = (accountId: string) => testbed.get(ReinviteAccountUseCase).execute(ReinviteAccountCommand.create({ adminId, adminName: 'Ada Admin', accountId }));
  /** Whether the invitation behind `token` could still be accepted. */
  const usable = async (token: string) =>
    (await testbed.query<{ usable: boolean }>(`SELECT used_at IS NULL AND expires_at > now() AS usable FROM invitations WHERE token_hash = $1`, [tokenHash(token)]))[0]?.usable;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(deskTestbed('desk_reinvite_account', mailer));
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(async () => {
    await testbed.reset();
    mailer.sent.length = 0;
    mailer.failure = undefined;
  });

  it('sends a new link, valid for the configured time, and the earlier one stops working', async () => {
    const first = await invite();
    const again = await reinvite(first.account.id);

    expect(again).toMatchObject({ account: { id: first.account.id, active: false }, mailed: true });
    expect(tokenOf(again.invitationUrl)).not.toBe(tokenOf(first.invitationUrl));
    expect(await usable(tokenOf(again.invitationUrl))).toBe(true);
    expect(await usable(tokenOf(first.invitationUrl))).toBe(false);
    expect(mailer.sent.map((mail) => [mail.to, mail.url])).toEqual([
      ['rosa@desk.test', first.invitationUrl],
      ['rosa@desk.test', again.invitationUrl],
    ]);
    expect(await testbed.query(`SELECT action FROM audit_log ORDER BY id`)).toEqual([{ action: 'account-invited' }, { action: 'account-reinvited' }]);
  });

  it('keeps the link in the answer when the e-mail cannot be sent', async () => {
    const first = await invite();
    mailer.failure = new Error('SMTP down');
    const again = await reinvite(first.account.id);
    expect(again.mailed).toBe(false);
    expect(await usable(tokenOf(again.invitationUrl))).toBe(true);
  });

  it('refuses an account already set up, a disabled one and an unknown one, changing nothing', async () => {
    const first = await invite();
    await testbed.query(`UPDATE accounts SET password_hash = 'set' WHERE id = $1`, [first.account.id]);
    expect(await refusal(reinvite(first.account.id))).toMatchObject({ code: 'ACCOUNT.ALREADY_ACTIVE', kind: 'conflict' });
    await testbed.query(`UPDATE accounts SET password_hash = NULL, disabled = true WHERE id = $1`, [first.account.id]);
    expect(await refusal(reinvite(first.account.id))).toMatchObject({ code: 'ACCOUNT.DISABLED', kind: 'conflict' });
    expect(await refusal(reinvite('22222222-2222-4222-8222-222222222222'))).toMatchObject({ code: 'ACCOUNT.NOT_FOUND', kind: 'not_found' });
    expect(await usable(tokenOf(first.invitationUrl))).toBe(true);
    expect(await testbed.query(`SELECT count(*)::int AS n FROM invitations`)).toEqual([{ n: 1 }]);
  });
});
