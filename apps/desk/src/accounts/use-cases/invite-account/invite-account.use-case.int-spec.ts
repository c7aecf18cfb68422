import { UseCaseTestbed } from '@newsroom/test-harness';
import { refusal } from '@newsroom/testing';
import { deskTestbed, RecordingInvitationMailer } from '../../../../test/desk-testbed';
import { tokenHash } from '../../domain/secrets';
import { InviteAccountCommand } from './invite-account.command';
import { InviteAccountUseCase } from './invite-account.use-case';

describe(InviteAccountUseCase.name, () => {
  let testbed: UseCaseTestbed;
  const mailer = new RecordingInvitationMailer();
  const adminId = '11111111-1111-4111-8111-111111111111';
  const invite = (email = 'rosa@desk.test', name = ' Rosa Reporter ') =>
    testbed.get(InviteAccountUseCase).execute(InviteAccountCommand.create({ adminId, adminName: 'Ada Admin', email, name, roles: ['reporter', 'editor'] }));

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(deskTestbed('desk_invite_account', mailer));
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(async () => {
    await testbed.reset();
    mailer.sent.length = 0;
    mailer.failure = undefined;
  });

  it('stores the account (its name trimmed, not yet active), an invitation valid for the configured time under its hash, and an audit row', async () => {
    const invited = await invite();

    const token = invited.invitationUrl.split('/').pop() ?? '';
    expect(await testbed.query(`SELECT id, email, name, roles, password_hash, disabled FROM accounts`)).toEqual([
      { id: invited.account.id, email: 'rosa@desk.test', name: 'Rosa Reporter', roles: ['reporter', 'editor'], password_hash: null, disabled: false },
    ]);
    expect(
      await testbed.query(`SELECT account_id, used_at, round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM invitations WHERE token_hash = $1`, [tokenHash(token)]),
    ).toEqual([{ account_id: invited.account.id, used_at: null, hours: 72 }]);
    expect(await testbed.query(`SELECT action, actor_id, account_id, email, details FROM audit_log`)).toEqual([
      { action: 'account-invited', actor_id: adminId, account_id: invited.account.id, email: 'rosa@desk.test', details: { roles: ['reporter', 'editor'] } },
    ]);
  });

  it('stores a name pasted over two lines, or with a direction override left open, on one line that cannot turn what follows it', async () => {
    await invite('rosa@desk.test', 'Rosa\r\n  Reporter');
    await invite('omar@desk.test', '\u202Eramo');

    expect(await testbed.query(`SELECT email, name FROM accounts ORDER BY email`)).toEqual([
      { email: 'omar@desk.test', name: '\u202Eramo\u202C' },
      { email: 'rosa@desk.test', name: 'Rosa Reporter' },
    ]);
  });

  it('keeps the account and answers the link when the e-mail cannot be sent', async () => {
    mailer.failure = new Error('connect ECONNREFUSED 127.0.0.1:1');

    const invited = await invite();

    expect(invited).toMatchObject({ mailed: false, invitationUrl: expect.stringMatching(/^https:\/\/desk\.example\.test\/invitations\//) });
    expect(await testbed.query(`SELECT count(*)::int AS n FROM invitations WHERE token_hash = $1`, [tokenHash(invited.invitationUrl.split('/').pop() ?? '')])).toEqual([{ n: 1 }]);
    expect(mailer.sent).toEqual([]);
  });

  it('refuses a taken address with ACCOUNT.EMAIL_TAKEN: no second account, invitation, audit row or e-mail', async () => {
    await invite();

    expect(await refusal(invite('Rosa@Desk.test', 'Another Rosa'))).toMatchObject({ code: 'ACCOUNT.EMAIL_TAKEN', kind: 'conflict' });

    expect(await testbed.query(`SELECT name FROM accounts`)).toEqual([{ name: 'Rosa Reporter' }]);
    expect(await testbed.query(`SELECT count(*)::int AS n FROM invitations`)).toEqual([{ n: 1 }]);
    expect(await testbed.query(`SELECT action FROM audit_log`)).toEqual([{ action: 'account-invited' }]);
    expect(mailer.sent).toHaveLength(1);
  });
});
