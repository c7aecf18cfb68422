import './styles.css';
import { SESSION_ENDED, currentSession, describeError, signOut, type Session } from './api';
import { hasRole, route, type Route, type ScreenContext } from './app';
import { readWaiting, titleWith, waitingCount, type Waiting } from './attention';
import { button, h, notice, show } from './dom';
import { askBeforeLeaving, forgetQuestions, installLeaving, mayLeave } from './leaving';
import { forgetNames } from './names';

/**
 * The desk in the browser: one page, history-API routes (the desk server answers every deep
 * link with this page), one screen at a time. Screens are loaded on demand so the sign-in
 * page does not carry the editor.
 */
const routes: Route[] = [
  route('/sign-in', 'Sign in', [], async () => (await import('./screens/sign-in')).signInScreen),
  route('/invitations/:token', 'Accept invitation', [], async () => (await import('./screens/sign-in')).invitationScreen),
  route('/stories', 'My stories', ['reporter'], async () => (await import('./screens/stories')).storiesScreen),
  route('/stories/new', 'New story', ['reporter'], async () => (await import('./screens/story')).storyScreen),
  route('/stories/spiked', 'Spiked stories', ['reporter'], async () => (await import('./screens/stories')).spikedStoriesScreen),
  route('/stories/:id', 'Story', ['reporter'], async () => (await import('./screens/story')).storyScreen),
  route('/queue', 'Review queue', ['editor'], async () => (await import('./screens/review')).queueScreen),
  route('/reviews/:id', 'Review', ['editor'], async () => (await import('./screens/review')).reviewScreen),
  route('/schedule', 'Schedule', ['editor'], async () => (await import('./screens/live')).scheduleScreen),
  route('/live', 'Live stories', ['editor'], async () => (await import('./screens/live')).liveScreen),
  route('/live/:id', 'Live story', ['editor'], async () => (await import('./screens/live')).liveStoryScreen),
  route('/dead-letters', 'Dead letters', ['editor'], async () => (await import('./screens/dead-letters')).deadLettersScreen),
  route('/dead-letters/:service/:topic/:partition/:offset', 'Dead letter', ['editor'], async () => (await import('./screens/dead-letters')).deadLetterScreen),
  route('/accounts', 'Accounts', ['admin'], async () => (await import('./screens/accounts')).accountsScreen),
  route('/sections', 'Sections', ['admin'], async () => (await import('./screens/sections')).sectionsScreen),
];

const PUBLIC_PATHS = /^\/(sign-in|invitations\/)/;

const root = document.getElementById('app') as HTMLElement;
let session: Session | undefined;
let leaving: (() => void)[] = [];
// Where the screen on show stands in the tab's history (`history.state.at`, counted from the
// desk's first page): a Back or Forward the user declines is undone by going as far the other
// way, which keeps the history as it was. `undoing` lets that move pass without asking again.
let shownAt = 0;
let shownPath = location.pathname + location.search;
let undoing = false;

/** What waits for the person signed in (see attention.ts), shown beside their links and in the tab's title. */
let waiting: Waiting = {};
/** The screen's own title, before what waits is put in front of it. */
let title = 'Newsroom desk';
/** How often the counts are read again, in the background too (ms): a tab left open says when a story arrives. */
const WAITING_POLL_MS = 30_000;

/** Puts the counts into the links and the title as they are now, without drawing the screen again. */
function showWaiting(): void {
  for (const count of document.querySelectorAll<HTMLElement>('[data-waiting-for]')) {
    const shown = waitingCount(count.dataset.waitingFor as '/queue' | '/stories', waiting);
    show(count, shown ? h('span', { class: 'nav-count', 'aria-hidden': 'true' }, shown.shown) : null, shown ? h('span', { class: 'visually-hidden' }, ` (${shown.words})`) : null);
  }
  document.title = titleWith(title, waiting);
}

/** Reads the counts again; one that cannot be read keeps nothing (no stale number). */
async function refreshWaiting(): Promise<void> {
  const reading = session;
  if (!reading) return;
  const fresh = await readWaiting(reading).catch((): Waiting => ({}));
  // Signed out (or in as someone else) while reading: those were another person's counts.
  if (session !== reading) return;
  waiting = fresh;
  showWaiting();
}

/** The history position an entry records; entries from before the desk (or a reload's) count as 0. */
const positionOf = (state: unknown): number => (typeof (state as { at?: unknown } | null)?.at === 'number' ? (state as { at: number }).at : 0);

function landing(current: Session | undefined): string {
  if (!current) return '/sign-in';
  if (hasRole(current, ['admin'])) return '/accounts';
  if (current.user.roles.includes('editor')) return '/queue';
  return '/stories';
}

function navigate(path: string, replace = false): void {
  if (replace) history.replaceState({ at: shownAt }, '', path);
  else history.pushState({ at: shownAt + 1 }, '', path);
  void render();
}

function header(): HTMLElement {
  const links: [string, string, Parameters<typeof hasRole>[1]][] = [
    ['/stories', 'My stories', ['reporter']],
    ['/queue', 'Review queue', ['editor']],
    ['/schedule', 'Schedule', ['editor']],
    ['/live', 'Live stories', ['editor']],
    ['/dead-letters', 'Dead letters', ['editor']],
    ['/accounts', 'Accounts', ['admin']],
    ['/sections', 'Sections', ['admin']],
  ];
  const here = location.pathname;
  return h(
    'header',
    { class: 'site-header' },
    h('a', { class: 'skip-link', href: '#main' }, 'Skip to content'),
    h('span', { class: 'brand' }, 'Newsroom desk'),
    session
      ? h(
          'nav',
          { 'aria-label': 'Desk' },
          h(
            'ul',
            {},
            links
              .filter(([, , roles]) => hasRole(session, roles))
              .map(([href, label]) =>
                h(
                  'li',
                  {},
                  h(
                    'a',
                    { href, 'aria-current': here.startsWith(href) ? 'page' : undefined },
                    label,
                    href === '/queue' || href === '/stories' ? h('span', { 'data-waiting-for': href }) : null,
                  ),
                ),
              ),
          ),
        )
      : null,
    session
      ? h(
          'div',
          { class: 'who' },
          h('span', {}, `${session.user.name} (${session.user.roles.join(', ')})`),
          button('Sign out', () => {
            if (!mayLeave()) return;
            void signOut().finally(() => {
              session = undefined;
              waiting = {};
              forgetNames();
              navigate('/sign-in');
            });
          }),
        )
      : null,
  );
}

async function render(): Promise<void> {
  for (const cleanup of leaving) cleanup();
  leaving = [];
  forgetQuestions();
  shownAt = positionOf(history.state);
  shownPath = location.pathname + location.search;
  const path = location.pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return navigate(landing(session), true);
  if (!session && !PUBLIC_PATHS.test(path)) return navigate(`/sign-in?next=${encodeURIComponent(path)}`, true);

  const match = routes.map((r) => ({ r, m: r.pattern.exec(path) })).find(({ m }) => m);
  const main = h('main', { id: 'main', tabindex: '-1' });
  show(root, header(), main);
  // The counts known so far at once (the header is new), then read again.
  showWaiting();
  void refreshWaiting();
  if (!match?.m) {
    title = 'Not found · Newsroom desk';
    document.title = titleWith(title, waiting);
    show(main, h('h1', {}, 'Not found'), h('p', {}, 'No desk screen has this address. '), h('a', { href: landing(session) }, 'Go to your start page'));
    return;
  }
  title = `${match.r.title} · Newsroom desk`;
  document.title = titleWith(title, waiting);
  if (match.r.roles.length > 0 && !hasRole(session, match.r.roles)) {
    show(main, h('h1', {}, match.r.title), notice('error', 'Your account does not have the role this screen needs.'), h('a', { href: landing(session) }, 'Go to your start page'));
    return;
  }
  const params = Object.fromEntries(match.r.keys.map((key, i) => [key, decodeURIComponent(match.m?.[i + 1] ?? '')]));
  const context: ScreenContext = {
    session: session as Session,
    params,
    navigate: (to) => navigate(to),
    onLeave: (cleanup) => leaving.push(cleanup),
    askBeforeLeaving,
    countsChanged: () => void refreshWaiting(),
    signedIn: (next) => {
      session = next;
      const wanted = new URLSearchParams(location.search).get('next');
      // Only a path on this site: `next` comes from the address bar.
      navigate(wanted && /^\/(?!\/)/.test(wanted) ? wanted : landing(next), true);
    },
  };
  show(main, h('p', { class: 'loading' }, 'Loading…'));
  try {
    const screen = await match.r.screen();
    show(main, await screen(context));
  } catch (error) {
    show(main, h('h1', {}, match.r.title), notice('error', describeError(error)));
  }
  // Focus moves to the new screen's content, so keyboard and screen-reader users start there,
  // and the screen opens at its top, the header (the screens' links, Sign out) in view: focusing
  // with the browser's scroll would bring <main> to the top edge, past the header.
  window.scrollTo(0, 0);
  main.focus({ preventScroll: true });
}

// Same-origin links move between screens without reloading the page.
document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || link.target) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.hash) return;
  event.preventDefault();
  if (mayLeave()) navigate(url.pathname + url.search);
});
window.addEventListener('popstate', (event) => {
  if (undoing) {
    undoing = false;
    return;
  }
  // The address has already changed: declined, the screen stays and the history goes back to it.
  if (mayLeave()) return void render();
  const back = shownAt - positionOf(event.state);
  // Positions unknown (entries from before the desk): the screen's address is put back instead.
  if (back === 0) return void history.pushState({ at: shownAt }, '', shownPath);
  undoing = true;
  history.go(back);
});
installLeaving();
window.addEventListener(SESSION_ENDED, () => {
  if (!session) return;
  session = undefined;
  waiting = {};
  forgetNames();
  navigate(`/sign-in?next=${encodeURIComponent(location.pathname)}&ended=1`, true);
});

void (async () => {
  try {
    session = await currentSession();
  } catch (error) {
    show(root, h('main', { id: 'main' }, h('h1', {}, 'Newsroom desk'), notice('error', describeError(error))));
    return;
  }
  await render();
  setInterval(() => void refreshWaiting(), WAITING_POLL_MS);
})();
