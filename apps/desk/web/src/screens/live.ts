import { describeError, service } from '../api';
import { poll, type ScreenContext } from '../app';
import { button, field, fromLocalInput, h, notice, show, statusBadge, toLocalInput, when } from '../dom';
import { storyTable, type DraftSummary } from './stories';

interface ScheduledItem {
  articleId: string;
  revision: number;
  headline: string;
  section: string;
  dueAt: string;
  publishAt: string | null;
  embargoUntil: string | null;
  updatesLive: boolean;
}

/** What goes live when (GET publishing /v1/scheduled), with reschedule and cancel. */
export async function scheduleScreen(context: ScreenContext): Promise<HTMLElement> {
  const region = h('div', {});
  const message = h('div', {});
  const load = async (): Promise<void> => {
    const { body } = await service<{ items: ScheduledItem[] }>('publishing', 'GET', '/v1/scheduled');
    show(region, body.items.length === 0 ? h('p', {}, 'Nothing is scheduled.') : h('ul', { class: 'cards' }, body.items.map(scheduledItem)));
  };
  const scheduledItem = (item: ScheduledItem): HTMLElement => {
    const at = h('input', { type: 'datetime-local', name: 'publishAt', value: toLocalInput(item.publishAt ?? item.dueAt) });
    const form = h('form', { class: 'inline-fields' }, field(`New time for “${item.headline}”`, at), h('button', { type: 'submit' }, 'Reschedule'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void service('publishing', 'POST', `/v1/articles/${item.articleId}/reschedule`, { body: { publishAt: fromLocalInput(at.value) } })
        .then(() => show(message, notice('success', `Rescheduled “${item.headline}”.`)))
        .then(load)
        .catch((error: unknown) => show(message, notice('error', describeError(error))));
    });
    return h(
      'li',
      { class: 'card' },
      h('h2', {}, item.headline),
      h('p', {}, `Goes live ${when(item.dueAt)}`, item.embargoUntil ? ` · embargoed until ${when(item.embargoUntil)}` : '', item.updatesLive ? ' · updates the live story' : '', ` · ${item.section}`),
      form,
      button('Cancel publication', () => {
        if (!confirm(`Cancel the publication of “${item.headline}”?`)) return;
        void service('publishing', 'POST', `/v1/articles/${item.articleId}/cancel-schedule`, { body: {} })
          .then(() => show(message, notice('success', `Cancelled “${item.headline}”.`)))
          .then(load)
          .catch((error: unknown) => show(message, notice('error', describeError(error))));
      }, { class: 'danger' }),
    );
  };
  await load().catch((error: unknown) => show(region, notice('error', describeError(error))));
  poll(context, async () => {
    if (!region.contains(document.activeElement)) await load();
  });
  return h('div', { class: 'screen' }, h('h1', {}, 'Schedule'), message, region);
}

/** Stories that are live or were taken down (drafting's list: editors see every story). */
export async function liveScreen(context: ScreenContext): Promise<HTMLElement> {
  const region = h('div', {});
  const load = async (): Promise<void> => {
    const { body } = await service<{ items: DraftSummary[] }>('drafting', 'GET', '/v1/drafts', { query: { status: 'published', limit: 100 } });
    show(region, storyTable(body.items, (id) => `/live/${id}`, 'No story is live.'));
  };
  await load().catch((error: unknown) => show(region, notice('error', describeError(error))));
  poll(context, load);
  return h('div', { class: 'screen' }, h('h1', {}, 'Live stories'), region);
}

interface Deliveries {
  article: { headline: string | null; publishedAt: string | null; fannedOutAt: string | null } | null;
  counts: { total: number; pending: number; sending: number; sent: number; failed: number; cancelled: number };
  deliveries: { id: string; channel: string; recipient: string; status: string; attempts: number; lastError: string | null; sentAt: string | null }[];
}

/** One live story: the public page, corrections, unpublish, kill, and its delivery log. */
export async function liveStoryScreen(context: ScreenContext): Promise<HTMLElement> {
  const id = context.params.id;
  const message = h('div', {});
  const statusRegion = h('div', {});
  const log = h('div', { 'aria-live': 'polite' });
  let headline = '';

  const loadStatus = async (): Promise<void> => {
    const { body } = await service<{ status: string; publicUrl: string | null; article: { headline: string } }>('drafting', 'GET', `/v1/drafts/${id}`);
    headline = body.article.headline;
    show(
      statusRegion,
      h('p', {}, 'Status: ', statusBadge(body.status)),
      body.publicUrl && body.status === 'published' ? h('p', {}, h('a', { href: body.publicUrl, target: '_blank', rel: 'noopener' }, 'Open the public page')) : null,
    );
  };
  const loadLog = async (): Promise<void> => {
    const { body } = await service<Deliveries>('notifications', 'GET', '/v1/deliveries', { query: { articleId: id, limit: 100 } });
    const c = body.counts;
    show(
      log,
      h('p', { class: 'delivery-counts' }, `${c.total} alert${c.total === 1 ? '' : 's'}: ${c.sent} sent, ${c.pending + c.sending} waiting, ${c.failed} failed, ${c.cancelled} cancelled`),
      body.deliveries.length === 0
        ? h('p', {}, body.article?.fannedOutAt ? 'No subscriber follows this story\'s section.' : 'No alerts yet: they are queued once the story is live.')
        : h(
            'table',
            { class: 'list' },
            h('caption', { class: 'visually-hidden' }, 'Deliveries'),
            h('thead', {}, h('tr', {}, ['Channel', 'Recipient', 'Status', 'Attempts', 'Sent', 'Last error'].map((t) => h('th', { scope: 'col' }, t)))),
            h(
              'tbody',
              {},
              body.deliveries.map((d) => h('tr', {}, h('td', {}, d.channel), h('td', {}, d.recipient), h('td', {}, statusBadge(d.status)), h('td', {}, d.attempts), h('td', {}, when(d.sentAt)), h('td', {}, d.lastError ?? '—'))),
            ),
          ),
    );
  };

  const action = (title: string, verb: string, fieldName: 'note' | 'reason', label: string, danger: string | undefined, path: string): HTMLElement => {
    const text = h('textarea', { name: fieldName, rows: 2, required: true });
    const form = h('form', { class: 'card', 'aria-label': title }, h('h3', {}, title), field(label, text), h('button', { type: 'submit', class: danger ? 'danger' : undefined }, verb));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (danger && !confirm(danger)) return;
      void service('publishing', 'POST', `/v1/articles/${id}/${path}`, { body: { [fieldName]: text.value.trim() } })
        .then(() => {
          show(message, notice('success', `${title}: done.`));
        })
        .then(loadStatus)
        .catch((error: unknown) => show(message, notice('error', describeError(error))));
    });
    return form;
  };

  await loadStatus();
  await loadLog().catch((error: unknown) => show(log, notice('error', describeError(error))));
  poll(context, async () => {
    await loadLog();
  });
  return h(
    'div',
    { class: 'screen' },
    h('h1', {}, headline),
    statusRegion,
    message,
    h(
      'section',
      { 'aria-labelledby': 'actions-title' },
      h('h2', { id: 'actions-title' }, 'Corrections and removal'),
      h('div', { class: 'decisions' },
        action('Correction', 'Publish correction note', 'note', 'Correction note (shown to readers)', undefined, 'corrections'),
        action('Unpublish', 'Unpublish', 'reason', 'Reason (kept internally)', 'Take this story off the site? Its page will answer "gone".', 'unpublish'),
        action('Kill', 'Kill story', 'reason', 'Legal reason', 'Kill this story? Its text leaves every output and cannot come back.', 'kill'),
      ),
      h('p', { class: 'hint' }, 'To change the text itself, the reporter starts a new revision; it is reviewed again and replaces the live text.'),
    ),
    h('section', { 'aria-labelledby': 'log-title' }, h('h2', { id: 'log-title' }, 'Delivery log'), log),
  );
}
