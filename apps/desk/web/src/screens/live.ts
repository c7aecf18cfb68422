import type { ArticleBlock } from '@newsroom/contracts';
import { ApiError, describeError, service } from '../api';
import { scheduleTimeProblem } from '../approval';
import { editRefusalInWords, textEditFields, type EditableText } from '../text-edit';
import { poll, type ScreenContext } from '../app';
import { typedInto } from '../leaving';
import { button, field, fromLocalInput, h, labelColumns, notice, oneAtATime, refusedAsBlank, show, showFocused, statusBadge, toLocalInput, when } from '../dom';
import { peopleNames, personName, sectionLabel, sectionList } from '../names';
import { fieldsInWords } from '../views';
import { storyTable } from './stories';

interface ScheduledItem {
  articleId: string;
  revision: number;
  headline: string;
  section: string;
  dueAt: string;
  publishAt: string | null;
  embargoUntil: string | null;
  updatesLive: boolean;
  /** For an update: corrected fields of the live text it takes as it goes live, and those it rewrote (they go live without the correction). Absent from older publishing services. */
  corrections?: { carried: string[]; notCarried: string[] };
}

/**
 * What an update waiting for its time does with corrections made to the live text since it was
 * approved, in the editor's words; null when it does nothing to any. A correction it cannot take
 * (it rewrote the same text) is said as a warning, with what the editor can still do.
 */
export function scheduledCorrections(corrections: ScheduledItem['corrections']): { warning: boolean; text: string } | null {
  if (!corrections) return null;
  const { carried, notCarried } = corrections;
  if (notCarried.length > 0) {
    const also = carried.length > 0 ? ` The correction of ${fieldsInWords(carried)} is carried into it.` : '';
    return {
      warning: true,
      text: `Corrected on the site since it was approved: ${fieldsInWords(notCarried)} will go live in this revision's words, without the correction. To keep it, cancel this publication and have the reporter revise the story.${also}`,
    };
  }
  return carried.length > 0 ? { warning: false, text: `Corrected on the site since it was approved: the correction of ${fieldsInWords(carried)} is carried into it as it goes live.` } : null;
}

/** Publishing's answer to a reschedule: the new time, or published at once when that time had come. */
interface RescheduleAnswer {
  outcome: 'scheduled' | 'published';
  dueAt?: string;
}

/**
 * What a reschedule did, in the editor's words: a time already past publishes at once, and an
 * embargo later than the new time still holds the story until it lifts.
 */
function rescheduled(item: ScheduledItem, answer: RescheduleAnswer, asked: string): string {
  if (answer.outcome === 'published') return `“${item.headline}” is live now: the time you chose had already come.`;
  const dueAt = answer.dueAt ?? asked;
  const held = new Date(dueAt).getTime() > new Date(asked).getTime();
  return `Rescheduled “${item.headline}”: it goes live ${when(dueAt)}${held ? ', when its embargo lifts' : ''}.`;
}

/** What goes live when (GET publishing /v1/scheduled), with reschedule and cancel. */
export async function scheduleScreen(context: ScreenContext): Promise<HTMLElement> {
  const region = h('div', {});
  const message = h('div', {});
  const more = h('div', {});
  let pages = 1;
  const load = async (): Promise<void> => {
    const [answers, sections] = await Promise.all([
      Promise.all(Array.from({ length: pages }, (_, page) => service<{ items: ScheduledItem[]; total?: number }>('publishing', 'GET', '/v1/scheduled', { query: { limit: LIVE_PAGE, offset: page * LIVE_PAGE } }))),
      sectionList(),
    ]);
    const items = answers.flatMap(({ body }) => body.items);
    show(region, items.length === 0 ? h('p', {}, 'Nothing is scheduled.') : h('ul', { class: 'cards' }, items.map((item) => scheduledItem(item, sectionLabel(sections, item.section)))));
    // An election night can queue more than a page; what is due later is a click away, not out of reach.
    const total = answers[0]?.body.total ?? items.length;
    show(
      more,
      total > items.length
        ? h('p', { class: 'hint' }, `Showing the ${items.length} due soonest of ${total}. `, button(`Show ${Math.min(LIVE_PAGE, total - items.length)} more`, () => {
            pages += 1;
            void load().catch((error: unknown) => show(more, notice('error', describeError(error))));
          }))
        : null,
    );
  };
  /**
   * A refusal in the story's words: one no longer waiting (it went live, or another editor
   * cancelled it, meanwhile) is said by its headline, and the list is read again.
   */
  const refused = async (item: ScheduledItem, error: unknown): Promise<void> => {
    const gone = error instanceof ApiError && error.code === 'ARTICLE.NOTHING_SCHEDULED';
    show(message, notice('error', gone ? `“${item.headline}” is no longer waiting: it went live or was cancelled meanwhile.` : describeError(error)));
    if (gone) await load().catch(() => undefined);
  };
  const scheduledItem = (item: ScheduledItem, section: string): HTMLElement => {
    const at = h('input', { type: 'datetime-local', name: 'publishAt', value: toLocalInput(item.publishAt ?? item.dueAt) });
    // A time typed and not sent holds the list still (see the poll below).
    at.addEventListener('input', () => at.setAttribute('data-edited', ''));
    const form = h('form', { class: 'inline-fields' }, field(`New time for “${item.headline}”`, at), h('button', { type: 'submit' }, 'Reschedule'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const publishAt = fromLocalInput(at.value);
      if (!publishAt) {
        show(message, notice('error', `Choose the new date and time for “${item.headline}”.`));
        return;
      }
      const problem = scheduleTimeProblem(`The new time for “${item.headline}”`, at.value, publishAt);
      if (problem) {
        show(message, notice('error', problem));
        return;
      }
      // A time already past publishes at once (a story held back can go now): asked, not assumed
      // from a mistyped day. Asked once: a second click while the first is on its way asks nothing.
      const submit = form.querySelector('button');
      if (submit?.disabled) return;
      if (Date.parse(publishAt) <= Date.now() && !confirm(pastTimeQuestion(item, publishAt))) return;
      oneAtATime(submit, () =>
        service<RescheduleAnswer>('publishing', 'POST', `/v1/articles/${item.articleId}/reschedule`, { body: { publishAt } })
          .then(({ body }) => show(message, notice('success', rescheduled(item, body, publishAt))))
          .then(load)
          .catch((error: unknown) => refused(item, error)),
      );
    });
    const cancel: HTMLButtonElement = button('Cancel publication', () => {
      if (cancel.disabled || !confirm(`Cancel the publication of “${item.headline}”?`)) return;
      oneAtATime(cancel, () =>
        service('publishing', 'POST', `/v1/articles/${item.articleId}/cancel-schedule`, { body: {} })
          .then(() => show(message, notice('success', `Cancelled “${item.headline}”.`)))
          .then(load)
          .catch((error: unknown) => refused(item, error)),
      );
    }, { class: 'danger' });
    return h(
      'li',
      { class: 'card' },
      h('h2', {}, item.headline),
      h('p', {}, `Goes live ${when(item.dueAt)}`, item.embargoUntil ? ` · embargoed until ${when(item.embargoUntil)}` : '', item.updatesLive ? ' · updates the live story' : '', ` · ${section}`),
      ((said) => (said ? h('p', { class: `notice ${said.warning ? 'notice-warning' : 'notice-info'}` }, said.text) : null))(scheduledCorrections(item.corrections)),
      form,
      cancel,
    );
  };
  await load().catch((error: unknown) => show(region, notice('error', describeError(error))));
  // Read again unless the editor is choosing a time: a fresh list would throw away what they typed.
  // Focus on a button (after a click, or tabbing through) does not hold it: the list would stay
  // stale for as long as the focus stayed.
  poll(context, async () => {
    const typing = region.contains(document.activeElement) && document.activeElement?.matches('input, select, textarea');
    if (!typing && region.querySelector('input[data-edited]') === null) await load();
  });
  return h('div', { class: 'screen' }, h('h1', {}, 'Schedule'), message, region, more);
}

/** A live article as publishing's API lists it (ninjs): the text readers see now. */
interface LiveArticle {
  id: string;
  headline: string;
  description_text?: string;
  /** The live text, structured (absent from lists and once withdrawn). */
  article?: { body: ArticleBlock[]; dateline?: { place: string; date: string }; bylines: { name: string; id?: string }[] };
  section: string;
  uri: string;
  /** Increases with every change readers see: a correction is made from one (If-Match). */
  version: string;
  /** The public corrections log of the story, oldest first. */
  corrections?: { note: string; correctedAt: string }[];
  versioncreated: string;
  pubstatus: 'usable' | 'withdrawn';
}

/** Live stories read a page at a time (publishing's list and search give at most 100 a request). */
const LIVE_PAGE = 100;

/**
 * The stories on the site now, from publishing's list: what readers see, with the live
 * headline. Drafting's status would leave out a live story whose reporter has started a new
 * revision (its status is then `draft`), so editors could not correct or take it down. The
 * newest come first, a hundred at a time; an older one (a correction asked for weeks later) is
 * found by its words (`/live?q=…`, publishing's search), so the search is in the address too.
 */
export async function liveScreen(context: ScreenContext): Promise<HTMLElement> {
  const region = h('div', {});
  const more = h('div', {});
  const searched = (new URLSearchParams(location.search).get('q') ?? '').trim();
  let pages = 1;
  // Unpublished stories are on no public list, yet may need a kill later (a court order after a fact check).
  const withdrawnRegion = h('div', {});
  const moreWithdrawn = h('div', {});
  let withdrawnPages = 1;
  const load = async (): Promise<void> => {
    const read = (page: number) =>
      searched
        ? service<{ items: LiveArticle[]; total: number }>('publishing', 'GET', '/v1/search', { query: { q: searched, limit: LIVE_PAGE, offset: page * LIVE_PAGE } })
        : service<{ items: LiveArticle[]; total: number }>('publishing', 'GET', '/v1/articles', { query: { limit: LIVE_PAGE, offset: page * LIVE_PAGE } });
    const [answers, withdrawn, sections] = await Promise.all([
      Promise.all(Array.from({ length: pages }, (_, page) => read(page))),
      // Said in its own place when it cannot be read: the live list stays.
      Promise.all(
        Array.from({ length: withdrawnPages }, (_, page) => service<{ items: WithdrawnItem[]; total?: number }>('publishing', 'GET', '/v1/withdrawn', { query: { limit: LIVE_PAGE, offset: page * LIVE_PAGE } })),
      ).then(
        (answers) => ({ items: answers.flatMap(({ body: list }) => list.items), total: answers[0]?.body.total }),
        (error: unknown) => ({ error }),
      ),
      sectionList(),
    ]);
    const items = answers.flatMap(({ body }) => body.items);
    const total = answers[0]?.body.total ?? items.length;
    const rows = items.map((article) => ({ id: article.id, headline: article.headline, status: 'published', section: article.section, updatedAt: article.versioncreated }));
    show(region, storyTable(rows, sections, (id) => `/live/${id}`, searched ? `No live story matches “${searched}”.` : 'No story is live.'));
    show(
      more,
      total > items.length
        ? h('p', { class: 'hint' }, `Showing ${items.length} of ${total} ${searched ? 'matching' : 'live'} stories${searched ? ', best match first' : ', the newest first'}. `, button(`Show ${Math.min(LIVE_PAGE, total - items.length)} more`, () => {
            pages += 1;
            void load().catch((error: unknown) => show(more, notice('error', describeError(error))));
          }))
        : searched && items.length > 0
          ? h('p', { class: 'hint' }, `${total} matching ${total === 1 ? 'story' : 'stories'}, best match first.`)
          : null,
    );
    if ('error' in withdrawn) {
      show(withdrawnRegion, notice('error', describeError(withdrawn.error)));
      return;
    }
    const taken = withdrawn.items.map((item) => ({ id: item.articleId, headline: item.headline, status: 'withdrawn', section: item.section, updatedAt: item.withdrawnAt }));
    show(withdrawnRegion, storyTable(taken, sections, (id) => `/live/${id}`, 'No story has been taken off the site.'));
    // One taken down long ago may still need a kill: the older ones are a click away.
    const allWithdrawn = withdrawn.total ?? taken.length;
    show(
      moreWithdrawn,
      allWithdrawn > taken.length
        ? h('p', { class: 'hint' }, `Showing the ${taken.length} taken down last of ${allWithdrawn}. `, button(`Show ${Math.min(LIVE_PAGE, allWithdrawn - taken.length)} more`, () => {
            withdrawnPages += 1;
            void load().catch((error: unknown) => show(moreWithdrawn, notice('error', describeError(error))));
          }))
        : null,
    );
  };
  await load().catch((error: unknown) => show(region, notice('error', describeError(error))));
  poll(context, load);

  const words = h('input', { type: 'search', name: 'q', value: searched, maxlength: 200, autocomplete: 'off' });
  const find = h('form', { class: 'live-search', role: 'search' }, field('Find a live story', words, 'Words of its headline or text, as on the site’s search'), h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Find'), searched ? h('a', { href: '/live' }, 'Show the newest instead') : null));
  find.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = words.value.trim();
    context.navigate(typed ? `/live?q=${encodeURIComponent(typed)}` : '/live');
  });
  return h(
    'div',
    { class: 'screen' },
    h('h1', {}, 'Live stories'),
    find,
    searched ? h('h2', {}, `Live stories matching “${searched}”`) : null,
    region,
    more,
    h('section', { 'aria-labelledby': 'withdrawn-title' }, h('h2', { id: 'withdrawn-title' }, 'Taken off the site'), h('p', { class: 'hint' }, 'Unpublished stories, the latest first: each can still be killed, and its reporter can bring it back with a new revision.'), withdrawnRegion, moreWithdrawn),
  );
}

/** A story an editor took off the site, as publishing lists it for editors (GET /v1/withdrawn). */
interface WithdrawnItem {
  articleId: string;
  headline: string;
  section: string;
  withdrawnAt: string;
}

interface Deliveries {
  article: { headline: string | null; publishedAt: string | null; fannedOutAt: string | null } | null;
  counts: { total: number; pending: number; sending: number; sent: number; failed: number; cancelled: number };
  deliveries: { id: string; kind: 'alert' | 'correction'; channel: string; recipient: string; status: string; attempts: number; lastError: string | null; sentAt: string | null }[];
  speed: DeliverySpeed[];
}

/** One channel's delivery speed (seconds from publication to hand-off), as notifications reports it. */
interface DeliverySpeed {
  channel: string;
  deliveries: number;
  sent: number;
  p50Seconds: number | null;
  p90Seconds: number | null;
  p99Seconds: number | null;
  withinTwoMinutes: number;
  shareWithinTwoMinutes: number;
}

/** Seconds as the desk reads them: "4.2 s" under a minute, "3 min 05 s" above; "—" for none. */
function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

/** Per channel: how fast the alert reached people, and the share reached within the 2-minute SLO. */
function speedTable(speed: readonly DeliverySpeed[]): HTMLElement | null {
  if (speed.length === 0) return null;
  return labelColumns(h(
    'table',
    { class: 'list delivery-speed' },
    h('caption', {}, 'Alert delivery speed (publication to hand-off; corrections not counted)'),
    h('thead', {}, h('tr', {}, ['Channel', 'Sent', 'p50', 'p90', 'p99', 'Within 2 min'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      speed.map((s) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, s.channel),
          h('td', {}, `${s.sent} of ${s.deliveries}`),
          h('td', {}, duration(s.p50Seconds)),
          h('td', {}, duration(s.p90Seconds)),
          h('td', {}, duration(s.p99Seconds)),
          h('td', {}, `${Math.round(s.shareWithinTwoMinutes * 100)} % (${s.withinTwoMinutes} of ${s.deliveries})`),
        ),
      ),
    ),
  ));
}

/** What publishing answered for a story: its article, or why there is none. */
type LiveState = LiveArticle | 'killed' | 'missing' | 'unreachable';

/**
 * What the page says of a newer revision of a live story (drafting's status for it), and what a
 * correction made now does to it: publishing carries the correction into it as it goes live,
 * except where the revision rewrote the same text. While it is with the editors, the one
 * deciding it is told of that before approving; once approved, it goes live in its own words
 * there and the reporter's timeline says so.
 */
export function newerRevisionWords(draftStatus: string): string {
  if (draftStatus === 'submitted' || draftStatus === 'in_review') {
    return `a new revision is with the editors (${draftStatus.replace('_', ' ')}): a correction made now is carried into it as it goes live, except where it rewrote the same text, which the editor deciding it is told before approving`;
  }
  if (draftStatus === 'approved' || draftStatus === 'scheduled') {
    return `a new revision is approved and waits to go live: a correction made now is carried into it, except where it rewrote the same text, which then goes live in its own words`;
  }
  return `the reporter is working on a new revision (${draftStatus.replace('_', ' ')})`;
}

/** What the page says of a story not on the site, and what can still be done. */
function offSiteHint(status: string, unreachable: boolean): string {
  if (unreachable) return 'Publishing did not answer, so whether the story is live could not be read. Reload in a moment.';
  if (status === 'killed') return 'Killed: its text has left every output, and nothing more can be done to it.';
  if (status === 'withdrawn') return 'Off the site: its page answers "gone". It can no longer be corrected; it can still be killed, and its reporter can start a new revision to bring it back.';
  return 'Not on the site.';
}

/** One live story: the public page, corrections, unpublish, kill, and its delivery log. */
export async function liveStoryScreen(context: ScreenContext): Promise<HTMLElement> {
  const id = context.params.id;
  const message = h('div', {});
  const statusRegion = h('div', {});
  const log = h('div', { 'aria-live': 'polite' });
  const title = h('h1', {}, '');
  /** Shown while the story is live: a story taken off the site can be neither corrected nor removed again. */
  const actions = h('div', {});
  /**
   * The text a correction starts from: publishing's live text and its version. When publishing
   * did not answer with a live text, the headline is drafting's, and no body or version is
   * offered: drafting's copy may be the reporter's unreviewed next revision.
   */
  let live: EditableText & { version?: string } = { headline: '', body: [] };

  // The live text is publishing's; drafting's copy may already be the reporter's next revision.
  const loadStatus = async (): Promise<void> => {
    const [draft, article] = await Promise.all([
      service<{ status: string; article: { headline: string; standfirst?: string; body: ArticleBlock[] } }>('drafting', 'GET', `/v1/drafts/${id}`).then(({ body }) => body),
      service<LiveArticle>('publishing', 'GET', `/v1/articles/${id}`).then(
        ({ body }) => body,
        // A killed story is gone from publishing's API (410), drafting may not have heard yet; one
        // never published is a 404; anything else is publishing not answering, not a state.
        (error: unknown) => (error instanceof ApiError && error.status === 410 ? 'killed' : error instanceof ApiError && error.status === 404 ? 'missing' : 'unreachable') as LiveState,
      ),
    ]);
    const found = typeof article === 'object' ? article : undefined;
    const onSite = found?.pubstatus === 'usable';
    // Publishing knows first: a story it withdrew or killed says so, whatever drafting shows yet.
    const status = article === 'killed' ? 'killed' : onSite ? 'published' : found?.pubstatus === 'withdrawn' ? 'withdrawn' : draft.status;
    live = found && onSite
      ? { headline: found.headline, standfirst: found.description_text, body: found.article?.body ?? [], dateline: found.article?.dateline ?? null, bylines: found.article?.bylines, version: found.version }
      : { headline: draft.article.headline, standfirst: draft.article.standfirst, body: [] };
    title.textContent = live.headline;
    // Correcting and unpublishing need the story live; a kill removes what a withdrawn story still
    // shows (its headline and summary in the API), so it stays until the story is killed.
    liveOnly.forEach((form) => (form.hidden = !onSite));
    killForm.hidden = status === 'killed' || article === 'unreachable';
    actions.hidden = liveOnly.every((form) => form.hidden) && killForm.hidden;
    show(
      statusRegion,
      h('p', {}, 'Status: ', statusBadge(status), onSite && draft.status !== 'published' ? ` · ${newerRevisionWords(draft.status)}` : ''),
      onSite ? null : h('p', { class: 'hint' }, offSiteHint(status, article === 'unreachable')),
      found && onSite ? h('p', {}, h('a', { href: found.uri, target: '_blank', rel: 'noopener' }, 'Open the public page')) : null,
      // What readers have been told already, so a correction is not made twice.
      found && onSite && found.corrections?.length
        ? h(
            'section',
            { 'aria-labelledby': 'published-corrections' },
            h('h2', { id: 'published-corrections' }, 'Corrections published'),
            h('ol', { class: 'corrections-log' }, found.corrections.map((c) => h('li', {}, `${when(c.correctedAt)} — ${c.note}`))),
          )
        : null,
    );
  };
  const loadLog = async (): Promise<void> => {
    const { body } = await service<Deliveries>('notifications', 'GET', '/v1/deliveries', { query: { articleId: id, limit: 100 } });
    const c = body.counts;
    show(
      log,
      h('p', { class: 'delivery-counts' }, `${c.total} deliver${c.total === 1 ? 'y' : 'ies'} (alerts and corrections): ${c.sent} sent, ${c.pending + c.sending} waiting, ${c.failed} failed, ${c.cancelled} cancelled`),
      speedTable(body.speed),
      body.deliveries.length === 0
        ? h('p', {}, body.article?.fannedOutAt ? 'No subscriber follows this story\'s section.' : 'No alerts yet: they are queued once the story is live.')
        : labelColumns(h(
            'table',
            { class: 'list' },
            h('caption', { class: 'visually-hidden' }, 'Deliveries'),
            h('thead', {}, h('tr', {}, ['Channel', 'Kind', 'Recipient', 'Status', 'Attempts', 'Sent', 'Last error'].map((t) => h('th', { scope: 'col' }, t)))),
            h(
              'tbody',
              {},
              body.deliveries.map((d) => h('tr', {}, h('td', {}, d.channel), h('td', {}, d.kind), h('td', {}, d.recipient), h('td', {}, statusBadge(d.status)), h('td', {}, d.attempts), h('td', {}, when(d.sentAt)), h('td', {}, d.lastError ?? '—'))),
            ),
          )),
    );
  };

  const removal = (name: string, verb: string, label: string, danger: string, path: 'unpublish' | 'kill'): HTMLElement => {
    const text = h('textarea', { name: 'reason', rows: 2, required: true });
    const form = h('form', { class: 'card', 'aria-label': name }, h('h3', {}, name), field(label, text), h('button', { type: 'submit', class: 'danger' }, verb));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (refusedAsBlank(text)) return;
      const submit = form.querySelector('button');
      if (submit?.disabled || !confirm(danger)) return;
      oneAtATime(submit, () =>
        service('publishing', 'POST', `/v1/articles/${id}/${path}`, { body: { reason: text.value.trim() } })
          .then(() => {
            show(message, notice('success', path === 'kill' ? 'Killed: the story has left every output.' : 'Unpublished: the page now answers "gone".'));
            // The reason went with it: nothing typed is left to lose on leaving.
            form.reset();
          })
          .then(loadStatus)
          .catch((error: unknown) => show(message, notice('error', describeError(error)))),
      );
    });
    return form;
  };

  /**
   * A correction: the public note, and the headline, standfirst, dateline, bylines and body
   * text as they should read, starting from the live text. Only what differs from it is sent (`changes`); the body,
   * when any of its words changed (a caption and alt text among them), goes whole, with the pictures,
   * the addresses and the order of the blocks as they are live.
   * Publishing runs approval's blocking checks on the corrected text, and its refusal is shown.
   */
  const correction = (noteText = ''): HTMLElement => {
    const note = h('textarea', { name: 'note', rows: 2, required: true });
    note.value = noteText;
    const fields = textEditFields(live);
    const form = h(
      'form',
      { class: 'card', 'aria-label': 'Correction' },
      h('h3', {}, 'Correction'),
      field('Correction note (shown to readers)', note),
      fields.elements,
      h('button', { type: 'submit' }, 'Publish correction'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (refusedAsBlank(note)) return;
      const changes = fields.changes();
      const payload = Object.keys(changes).length > 0 ? { note: note.value.trim(), changes } : { note: note.value.trim() };
      // Made from this version of the live text: publishing refuses it (412) if the text moved on
      // since, which sending the whole body from an old copy would otherwise undo.
      const ifMatch = live.version === undefined ? undefined : `"${live.version}"`;
      oneAtATime(form.querySelector('button[type="submit"]'), () => service('publishing', 'POST', `/v1/articles/${id}/corrections`, { body: payload, ifMatch })
        .then(async () => {
          const published = notice('success', 'Correction published.');
          show(message, published);
          await loadStatus();
          const lost = await revisionInReviewLoses();
          correctionSlot.replaceChildren(correction());
          // The form the keyboard was in is gone: the focus goes to what happened, not the page's top;
          // what the revision in review would lose is said beneath it.
          showFocused(message, published, ...(lost ? [lost] : []));
        })
        .catch(async (error: unknown) => {
          show(message, notice('error', editRefusalInWords(error, live.body)));
          if (!(error instanceof ApiError) || error.status !== 412) return;
          // Start again from the text as it is live now, keeping the note the editor wrote.
          try {
            await loadStatus();
            correctionSlot.replaceChildren(correction(note.value));
            message.append(notice('info', 'The form now shows the live text as it is now; make the correction again.'));
          } catch (reloadError) {
            message.append(notice('error', describeError(reloadError)));
          }
        }));
    });
    return form;
  };
  /**
   * After a correction: a newer revision with the editors that rewrote the same text would go
   * live in its own words there. Its editor is asked before approving; the correcting editor
   * hears of it here too, with who has it, so they can tell them. Nothing when there is no such
   * revision, or when review or publishing cannot be asked (the review screen still asks).
   */
  const revisionInReviewLoses = async (): Promise<HTMLElement | null> => {
    try {
      const { body: review } = await service<{ status: string; revision: number; assigneeId: string | null; article: unknown }>('editorial-review', 'GET', `/v1/reviews/${id}`);
      if (!['pending', 'in_review'].includes(review.status)) return null;
      const { body: carry } = await service<{ notCarried: string[] }>('publishing', 'POST', `/v1/articles/${id}/correction-carry`, { body: review.article });
      if (carry.notCarried.length === 0) return null;
      const who = review.assigneeId ? personName(await peopleNames([review.assigneeId]), review.assigneeId) : 'The editor who claims it';
      return notice(
        'info',
        `Revision ${review.revision}, with the editors, has its own wording of ${fieldsInWords(carry.notCarried)}, so it would go live there without the correction. ${who} is asked about it before approving.`,
      );
    } catch {
      return null;
    }
  };
  const correctionSlot = h('div', { class: 'slot' });
  const unpublishForm = removal('Unpublish', 'Unpublish', 'Reason (kept internally)', 'Take this story off the site? Its page will answer "gone".', 'unpublish');
  const killForm = removal('Kill', 'Kill story', 'Legal reason', 'Kill this story? Its text leaves every output and cannot come back.', 'kill');
  const liveOnly = [correctionSlot, unpublishForm];

  actions.append(
    h(
      'section',
      { 'aria-labelledby': 'actions-title', class: 'live-actions' },
      h('h2', { id: 'actions-title' }, 'Corrections and removal'),
      h(
        'div',
        { class: 'decisions live-actions' },
        correctionSlot,
        unpublishForm,
        killForm,
      ),
      h('p', { class: 'hint' }, 'A correction puts right what the live text got wrong. To add to the story, the reporter starts a new revision; it is reviewed again, and corrections made meanwhile are carried into it.'),
    ),
  );
  await loadStatus();
  correctionSlot.replaceChildren(correction());
  // A correction note is never there unsent by itself: one kept after a refusal (412) counts too.
  const noteKept = (): boolean => (actions.querySelector<HTMLTextAreaElement>('textarea[name=note]')?.value.trim() ?? '') !== '';
  context.askBeforeLeaving(() => (typedInto(actions) || noteKept() ? 'The correction or removal you started is not sent. Leave this story and lose it?' : null));
  await loadLog().catch((error: unknown) => show(log, notice('error', describeError(error))));
  poll(context, async () => {
    await loadLog();
  });
  return h(
    'div',
    { class: 'screen' },
    title,
    statusRegion,
    message,
    actions,
    h('section', { 'aria-labelledby': 'log-title' }, h('h2', { id: 'log-title' }, 'Delivery log'), log),
  );
}

/** The question before a reschedule to a time already past, which publishes at once (or when the embargo ends). */
export function pastTimeQuestion(item: { headline: string; embargoUntil: string | null }, publishAt: string, now: Date = new Date()): string {
  const embargoed = item.embargoUntil !== null && Date.parse(item.embargoUntil) > now.getTime();
  return `${when(publishAt)} has passed: “${item.headline}” would go live ${embargoed ? `when its embargo ends (${when(item.embargoUntil!)})` : 'at once'}. Go ahead?`;
}
