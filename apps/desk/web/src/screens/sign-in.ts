import { acceptInvitation, ApiError, describeError, signIn, signInOptions, type SignInOptions } from '../api';
import type { ScreenContext } from '../app';
import { field, h, notice, show } from '../dom';

/**
 * Sign-in: e-mail and password → POST /api/session. 401 and 429 get their own words. When the
 * desk has an identity provider, a "Sign in with …" link too (GET /api/session/options).
 */
export function signInScreen(context: ScreenContext): HTMLElement {
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const ended = new URLSearchParams(location.search).has('ended');
  const message = h('div', { class: 'message' }, ended ? notice('info', 'Your session ended. Sign in again to go on.') : null);
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', { class: 'card narrow', 'aria-labelledby': 'sign-in-title' }, field('E-mail', email), field('Password', password), message, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    signIn(email.value.trim(), password.value)
      .then((session) => context.signedIn(session))
      .catch((error: unknown) => {
        const text =
          error instanceof ApiError && error.status === 401
            ? 'That e-mail and password do not match an active account.'
            : error instanceof ApiError && error.status === 429
              ? // The server's words give the real wait ("please try again in about 8 minutes").
                `Too many sign-in attempts; ${error.message.replace(/^Too many requests; /, '')}.`
              : describeError(error);
        show(message, notice('error', text));
        password.focus();
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  const provider = h('div', {});
  signInOptions()
    .then((options) => show(provider, providerSignIn(options)))
    .catch(() => undefined); // The password form works without it.
  return h('div', { class: 'screen' }, h('h1', { id: 'sign-in-title' }, 'Sign in to the desk'), form, provider);
}

/**
 * The link to the newsroom's identity provider, carrying `next` on to come back to the page
 * asked for. The desk server answers it with a redirect to the provider, then back here signed
 * in, or with a page saying why not.
 */
function providerSignIn(options: SignInOptions): HTMLElement | null {
  if (!options.oidc) return null;
  const next = new URLSearchParams(location.search).get('next');
  const href = next && /^\/(?!\/)/.test(next) ? `${options.oidc.startUrl}?next=${encodeURIComponent(next)}` : options.oidc.startUrl;
  const link = h('a', { class: 'button primary', href }, `Sign in with ${options.oidc.displayName}`);
  // A full page load, not a screen of this app: the app's router must not take the link.
  link.addEventListener('click', (event) => event.stopPropagation());
  return h('div', { class: 'card narrow' }, h('p', {}, 'Or with your newsroom account:'), link);
}

/** The one-time invitation link: choose a password (and the name to show) → signed in. */
export function invitationScreen(context: ScreenContext): HTMLElement {
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'name' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', required: true, minlength: 12 });
  const message = h('div', { class: 'message' });
  const submit = h('button', { type: 'submit' }, 'Set password and sign in');
  const form = h(
    'form',
    { class: 'card narrow', 'aria-labelledby': 'invitation-title' },
    h('p', {}, 'You have been invited to the newsroom desk. Choose a password to finish setting up your account.'),
    field('Your name as it appears on the desk (optional)', name),
    field('New password', password, 'At least 12 characters'),
    message,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    acceptInvitation(context.params.token, password.value, name.value.trim() || undefined)
      .then((session) => context.signedIn(session))
      .catch((error: unknown) => {
        show(message, notice('error', error instanceof ApiError && error.status === 404 ? 'This invitation link was already used or has expired. Ask for a new one.' : describeError(error)));
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  return h('div', { class: 'screen' }, h('h1', { id: 'invitation-title' }, 'Accept your invitation'), form);
}
