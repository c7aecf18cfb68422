import { describeError, request, type Role } from '../api';
import type { ScreenContext } from '../app';
import { typedInto } from '../leaving';
import { button, field, h, labelColumns, notice, show } from '../dom';

interface Account {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  disabled: boolean;
  /** False until the invitation has been accepted. */
  active?: boolean;
}

/** POST /api/accounts: the new account, its one-time link, and whether the e-mail went out. */
interface Invited {
  account: Account;
  invitationUrl: string;
  mailed: boolean;
}

const ROLES: Role[] = ['reporter', 'editor', 'admin'];

/** Admin: accounts and roles (GET/POST/PATCH /api/accounts); inviting shows the one-time link. */
export async function accountsScreen(context: ScreenContext): Promise<HTMLElement> {
  const region = h('div', {});
  const message = h('div', {});
  const load = async (): Promise<void> => {
    const { body } = await request<Account[] | { items: Account[] }>('GET', '/api/accounts');
    const accounts = Array.isArray(body) ? body : body.items;
    show(
      region,
      labelColumns(h(
        'table',
        { class: 'list' },
        h('caption', { class: 'visually-hidden' }, 'Accounts'),
        h('thead', {}, h('tr', {}, ['Name', 'E-mail', 'Roles', 'Access'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, accounts.map(row)),
      )),
    );
  };
  const patch = (account: Account, changes: { roles?: Role[]; disabled?: boolean }, done: string): void => {
    void request('PATCH', `/api/accounts/${encodeURIComponent(account.id)}`, { body: changes })
      .then(() => {
        show(message, notice('success', done));
        // The message is above the table: a row far down would leave it out of sight.
        message.scrollIntoView({ block: 'nearest' });
      })
      .then(load)
      .catch(async (error: unknown) => {
        show(message, notice('error', describeError(error)));
        // The boxes show what was asked, not what was kept: show the account as it is.
        await load().catch(() => undefined);
      });
  };
  const reinvite = (account: Account): void => {
    void request<Invited>('POST', `/api/accounts/${encodeURIComponent(account.id)}/invitation`, { body: {} })
      .then(({ body }) => showInvitation(body))
      .catch((error: unknown) => show(message, notice('error', describeError(error))));
  };
  const row = (account: Account): HTMLElement => {
    const boxes = ROLES.map((role) => {
      const box = h('input', { type: 'checkbox', id: `role-${account.id}-${role}`, checked: account.roles.includes(role) });
      box.addEventListener('change', () => {
        const roles = ROLES.filter((r) => (document.getElementById(`role-${account.id}-${r}`) as HTMLInputElement).checked);
        if (roles.length === 0) {
          box.checked = true;
          show(message, notice('error', `${account.name} needs at least one role; to stop them signing in, disable the account instead.`));
          return;
        }
        patch(account, { roles }, `Roles of ${account.name} saved.`);
      });
      return h('span', { class: 'checkbox' }, box, h('label', { for: box.id }, role));
    });
    const disabled = account.disabled;
    return h(
      'tr',
      {},
      h(
        'td',
        {},
        account.name,
        account.active === false ? h('span', { class: 'hint' }, ' (invitation not accepted yet)') : null,
        // A lost or expired link: a new one replaces it (the old one stops working).
        account.active === false && !account.disabled
          ? h('div', {}, button('New invitation link', () => reinvite(account), { 'aria-label': `New invitation link for ${account.email}` }))
          : null,
      ),
      h('td', {}, account.email),
      h('td', {}, h('fieldset', { class: 'roles' }, h('legend', { class: 'visually-hidden' }, `Roles of ${account.email}`), boxes)),
      h(
        'td',
        {},
        h(
          'button',
          {
            type: 'button',
            class: disabled ? undefined : 'danger',
            'aria-label': `${disabled ? 'Enable' : 'Disable'} ${account.email}`,
            onclick: () => {
              // Disabling signs the person out everywhere at once: asked first, as a kill or an unpublish is.
              if (!disabled && !confirm(`Disable ${account.name} (${account.email})? They are signed out everywhere at once and cannot sign in until enabled again.`)) return;
              patch(account, { disabled: !disabled }, `${account.email} ${disabled ? 'enabled' : 'disabled: signed out everywhere'}.`);
            },
          },
          disabled ? 'Enable' : 'Disable',
        ),
      ),
    );
  };

  const email = h('input', { type: 'email', name: 'email', required: true });
  const name = h('input', { type: 'text', name: 'name', required: true });
  const roleBoxes = ROLES.map((role) => h('input', { type: 'checkbox', name: 'roles', value: role, id: `invite-${role}`, checked: role === 'reporter' }));
  /** Where an invitation went, and its one-time link: the admin can pass it on if the e-mail did not go. */
  const showInvitation = ({ account, invitationUrl, mailed }: Invited): void => {
    show(
      message,
      mailed
        ? notice('success', `Invitation e-mailed to ${account.email}.`)
        : notice('error', `The invitation e-mail to ${account.email} could not be sent; pass the link on another way.`),
      h('p', { class: 'invitation-link' }, 'One-time link: ', h('a', { href: invitationUrl, 'data-invitation': account.email }, invitationUrl)),
    );
    message.scrollIntoView({ block: 'nearest' });
  };
  const invite = h(
    'form',
    { class: 'card', 'aria-labelledby': 'invite-title' },
    h('h2', { id: 'invite-title' }, 'Invite someone'),
    field('E-mail', email),
    field('Name', name),
    h('fieldset', {}, h('legend', {}, 'Roles'), roleBoxes.map((box) => h('span', { class: 'checkbox' }, box, h('label', { for: box.id }, box.value)))),
    h('button', { type: 'submit', class: 'primary' }, 'Send invitation'),
  );
  invite.addEventListener('submit', (event) => {
    event.preventDefault();
    const roles = roleBoxes.filter((b) => b.checked).map((b) => b.value as Role);
    void request<Invited>('POST', '/api/accounts', { body: { email: email.value.trim(), name: name.value.trim(), roles } })
      .then(({ body }) => {
        showInvitation(body);
        invite.reset();
        return load();
      })
      .catch((error: unknown) => show(message, notice('error', describeError(error))));
  });

  context.askBeforeLeaving(() => (typedInto(invite) ? 'The invitation you started is not sent. Leave this screen and lose it?' : null));
  await load().catch((error: unknown) => show(region, notice('error', describeError(error))));
  return h('div', { class: 'screen' }, h('h1', {}, 'Accounts'), invite, message, h('h2', {}, 'Accounts'), region);
}
