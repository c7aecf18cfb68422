import { UseCaseTestbed } from '@newsroom/test-harness';
import { refusal } from '@newsroom/testing';
import { deskTestbed, RecordingInvitationMailer } from '../../../../test/desk-testbed';
import { InviteAccountCommand } from '../invite-account/invite-account.command';
import { InviteAccountUseCase } from '../invite-account/invite-account.use-case';
import { AcceptInvitationCommand } from './accept-invitation.command';
import { AcceptInvitationUseCase } from './accept-invitation.use-case';

describe(`${InviteAccountUseCase.name} and ${AcceptInvitationUseCase.name}`, () => {
  let testbed: UseCaseTestbed;
  const mailer = new RecordingInvitationMailer();
  const adminId = '11111111-1111-4111-8111-111111111111';
  const invite = (email: string) =>
    testbed.get(InviteAccountUseCase).execute(InviteAccountCommand.create({ adminId, adminName: 'Ada Admin', email, name: 'Rosa Reporter', roles: ['reporter'] }));
  const accept = (url: string, password = 'rosa has a long password') =>
    testbed.get(AcceptInvitationUseCase).execute(AcceptInvitationCommand.create({ token: url.split('/').pop() ?? '', password }));

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(deskTestbed('desk_invitations', mailer));
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(async () => {
    await testbed.reset();
    mailer.sent.length = 0;
  });

  it('creates the account without a password and mails a one-time link on the public URL', async () => {
    const invited = await invite('rosa@desk.test');
    expect(invited).toMatchObject({ account: { email: 'rosa@desk.test', roles: ['reporter'], active: false }, mailed: true });
    expect(invited.invitationUrl).toMatch(/^https:\/\/desk\.example\.test\/invitations\/[\w-]{43}$/);
    expect(mailer.sent).toEqual([{ to: 'rosa@desk.test', name: 'Rosa Reporter', invitedBy: 'Ada Admin', url: invited.invitationUrl, validHours: 72 }]);
    expect(await testbed.query(`SELECT password_hash FROM accounts`)).toEqual([{ password_hash: null }]);
    expect(await testbed.query(`SELECT count(*)::int AS n FROM invitations WHERE token_hash = $1`, [invited.invitationUrl.split('/').pop()])).toEqual([{ n: 0 }]);
  });

  it('refuses a second account for the same address in another case', async () => {
    await invite('rosa@desk.test');
    expect((await refusal(invite('ROSA@desk.test'))).code).toBe('ACCOUNT.EMAIL_TAKEN');
  });

  it('sets an argon2id password and signs in once; the link is then gone', async () => {
    const { invitationUrl } = await invite('rosa@desk.test');
    const session = await accept(invitationUrl);
    expect(session.user).toMatchObject({ email: 'rosa@desk.test', roles: ['reporter'] });
    expect((await testbed.query<{ password_hash: string }>(`SELECT password_hash FROM accounts`))[0].password_hash).toMatch(/^\$argon2id\$/);
    expect((await refusal(accept(invitationUrl))).code).toBe('INVITATION.GONE');
  });

  it.each([
    ['only spaces', '   '],
    ['only zero-width characters', '\u200B\u2060'],
  ])('refuses a name of %s, on the invitation and on accepting it, with COMMAND.INVALID', (_what, name) => {
    const token = 'a'.repeat(43);
    expect(() => InviteAccountCommand.create({ adminId, adminName: 'Ada Admin', email: 'nobody@desk.test', name, roles: ['reporter'] })).toThrow(
      expect.objectContaining({ code: 'COMMAND.INVALID' }),
    );
    expect(() => AcceptInvitationCommand.create({ token, password: 'rosa has a long password', name })).toThrow(expect.objectContaining({ code: 'COMMAND.INVALID' }));
    expect(AcceptInvitationCommand.create({ token, password: 'rosa has a long password' }).name).toBeUndefined();
  });

  it('refuses an expired link', async () => {
    const { invitationUrl } = await invite('rosa@desk.test');
    await testbed.query(`UPDATE invitations SET expires_at = now() - interval '1 second'`);
    expect((await refusal(accept(invitationUrl))).code).toBe('INVITATION.GONE');
    expect(await testbed.query(`SELECT password_hash FROM accounts`)).toEqual([{ password_hash: null }]);
  });
});
