import { describeError, request, type Role } from '../api';
import type { ScreenContext } from '../app';
import { field, h, notice, show, when } from '../dom';

interface Account {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  disabled?: boolean;
  status?: string;
  createdAt?: string;
  invitationUrl?: string;
}

const ROLES: Role[] = ['reporter', 'editor', 'admin'];

/** Admin: accounts and roles (GET/POST/PATCH /api/accounts); inviting shows the one-time link. */
export async function accountsScreen(_context: ScreenContext): Promise<HTMLElement> {
  const region = h('div', {});
  const message = h('div', {});
  const load = async (): Promise<void> => {
    const { body } = await request<Account[] | { items: Account[] }>('GET', '/api/accounts');
    const accounts = Array.isArray(body) ? body : body.items;
    show(
      region,
      h(
        'table',
        { class: 'list' },
        h('caption', { class: 'visually-hidden' }, 'Accounts'),
        h('thead', {}, h('tr', {}, ['Name', 'E-mail', 'Roles', 'Access'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, accounts.map(row)),
      ),
    );
  };
  const patch = (account: Account, changes: { roles?: Role[]; disabled?: boolean }, done: string): void => {
    void request('PATCH', `/api/accounts/${encodeURIComponent(account.id)}`, { body: changes })
      .then(() => {
        show(message, notice('success', done));
      })
      .then(load)
      .catch((error: unknown) => show(message, notice('error', describeError(error))));
  };
  const row = (account: Account): HTMLElement => {
    const boxes = ROLES.map((role) => {
      const box = h('input', { type: 'checkbox', id: `role-${account.id}-${role}`, checked: account.roles.includes(role) });
      box.addEventListener('change', () => {
        const roles = ROLES.filter((r) => (document.getElementById(`role-${account.id}-${r}`) as HTMLInputElement).checked);
        patch(account, { roles }, `Roles of ${account.name} saved.`);
      });
      return h('span', { class: 'checkbox' }, box, h('label', { for: box.id }, role));
    });
    const disabled = account.disabled ?? account.status === 'disabled';
    return h(
      'tr',
      {},
      h('td', {}, account.name || '(invited)'),
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
            onclick: () => patch(account, { disabled: !disabled }, `${account.email} ${disabled ? 'enabled' : 'disabled: signed out everywhere'}.`),
          },
          disabled ? 'Enable' : 'Disable',
        ),
        account.createdAt ? h('span', { class: 'hint' }, ` since ${when(account.createdAt)}`) : null,
      ),
    );
  };

  const email = h('input', { type: 'email', name: 'email', required: true });
  const name = h('input', { type: 'text', name: 'name', required: true });
  const roleBoxes = ROLES.map((role) => h('input', { type: 'checkbox', name: 'roles', value: role, id: `invite-${role}`, checked: role === 'reporter' }));
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
    void request<Account>('POST', '/api/accounts', { body: { email: email.value.trim(), name: name.value.trim(), roles } })
      .then(({ body }) => {
        show(
          message,
          notice('success', `Invitation sent to ${body.email}.`),
          body.invitationUrl ? h('p', { class: 'invitation-link' }, 'One-time link: ', h('a', { href: body.invitationUrl, 'data-invitation': body.email }, body.invitationUrl)) : null,
        );
        invite.reset();
        return load();
      })
      .catch((error: unknown) => show(message, notice('error', describeError(error))));
  });

  await load().catch((error: unknown) => show(region, notice('error', describeError(error))));
  return h('div', { class: 'screen' }, h('h1', {}, 'Accounts'), invite, message, h('h2', {}, 'Accounts'), region);
}
