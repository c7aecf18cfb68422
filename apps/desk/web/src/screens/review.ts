import { ApiError, describeError, service } from '../api';
import { approvalFrom } from '../approval';
import { poll, type ScreenContext } from '../app';
import { typedInto } from '../leaving';
import { button, field, h, labelColumns, notice, refusedAsBlank, show, showFocused, statusBadge, when } from '../dom';
import { peopleNames, personName, sectionLabel, sectionList, type PeopleNames } from '../names';
import { showPagePreview } from '../preview';
import { editRefusalInWords, filingEditFields, textEditFields } from '../text-edit';
import { diffHeading, fieldsInWords, renderArticle, renderChecks, renderDiff, wordsInBody, type Article, type CheckResult } from '../views';

interface ReviewSummary {
  articleId: string;
  status: string;
  headline: string;
  section: string;
  authorId: string;
  revision: number;
  submittedAt: string;
  /** When its first revision was submitted: a later `submittedAt` is a story back from its reporter. */
  firstSubmittedAt?: string;
  assigneeId: string | null;
  checkSummary: { errors: number; warnings: number };
  /** The revision's length in words (absent from an editorial review older than the count). */
  words?: number;
}

interface ReviewView extends ReviewSummary {
  reviewedRevision: number | null;
  claimedAt: string | null;
  article: Article;
  checks: CheckResult[];
  /** `blockIndex`: the block of that revision's body the note is about (0-based), null for the whole story. */
  comments: { id: string; revision: number; editorId: string; body: string; blockIndex?: number | null; createdAt: string }[];
  decisions: { id: string; kind: string; revision: number; editorId: string; note: string | null; publishAt: string | null; embargoUntil?: string | null; priority?: string | null; decidedAt: string }[];
  diff: Parameters<typeof renderDiff>[0];
  /** Every submitted revision; `editedBy` names the editor whose sub-edit it is (absent from older services). */
  submissions?: { revision: number; editedBy?: string | null }[];
}

/** Whether the story was submitted before the revision under review (the queue says "resubmitted" for it too). */
function submittedBefore(review: ReviewView): boolean {
  return (review.submissions?.length ?? 0) > 1 || (review.firstSubmittedAt !== undefined && review.firstSubmittedAt !== review.submittedAt);
}

/** The editor whose sub-edit the revision under review is, if it is one. */
function subEditorOf(review: ReviewView): string | null {
  return review.submissions?.find((s) => s.revision === review.revision)?.editedBy ?? null;
}

/** How long the review screen waits for its sub-edit to reach editorial review over the event bus, and how often it looks. */
const SUB_EDIT_WAIT_MS = 10_000;
const SUB_EDIT_LOOK_MS = 250;

/** What approving a revision would do with the corrections of the live text (publishing's POST /v1/articles/:id/correction-carry). */
interface CorrectionCarry {
  liveRevision: number;
  /** Corrected fields the revision left as approved: it takes the corrected text as it goes live. */
  carried: string[];
  /** Corrected fields the revision rewrote itself: its own text goes live there, without the correction. */
  notCarried: string[];
  corrections: { note: string; correctedAt: string; editorId: string; changedFields: string[] }[];
}

/**
 * A revision of a story already live was written from the text as approved; editors may have
 * corrected the live text since. Publishing carries a correction into the revision as it goes
 * live where the revision left that field as it was, and cannot where the revision rewrote it
 * (the same paragraph): there the correction would be lost. This asks publishing, while the story
 * can still be decided, so the editor hears it before approving. Null when there is nothing to
 * say (a story never live, nothing corrected, or a revision that already reads as corrected);
 * `unchecked` when publishing could not be asked.
 */
async function askCorrectionCarry(review: ReviewView): Promise<CorrectionCarry | 'unchecked' | null> {
  // A first submission has no earlier revision, so no live text either.
  if (!review.diff || !['pending', 'in_review'].includes(review.status)) return null;
  try {
    const { body } = await service<CorrectionCarry>('publishing', 'POST', `/v1/articles/${review.articleId}/correction-carry`, { body: review.article });
    return body.carried.length + body.notCarried.length > 0 ? body : null;
  } catch (error) {
    // Never live (approved before and cancelled, or still scheduled), or killed: nothing to carry.
    // Any other answer (a publishing too old to know the route answers a bare 404) is no answer.
    if (error instanceof ApiError && (error.code === 'ARTICLE.NOT_FOUND' || error.code === 'ARTICLE.GONE')) return null;
    return 'unchecked';
  }
}

/** The public address of an approved story once it is live (publishing's GET /v1/articles/:id), for the review screen to link. */
interface LiveOnSite {
  uri: string;
}

/**
 * Whether an approved story is on the site now: approved means decided, and it goes live at
 * once, at its time or after its embargo, or was taken down since. Null while it is not live, and
 * when publishing does not answer (the decision timeline still says when it goes live).
 */
async function askLiveOnSite(review: ReviewView): Promise<LiveOnSite | null> {
  if (review.status !== 'approved') return null;
  try {
    const { body } = await service<LiveOnSite & { pubstatus: string }>('publishing', 'GET', `/v1/articles/${review.articleId}`);
    return body.pubstatus === 'usable' ? { uri: body.uri } : null;
  } catch {
    return null;
  }
}

/** Reviews read a page at a time: editorial review lists at most 100 a request. */
const QUEUE_PAGE = 100;

/**
 * The review queue with each story's check results (GET editorial-review /v1/reviews), of every
 * section or of the one chosen: a desk's editors read their own section's stories. The choice
 * is in the address (`/queue?section=politics`), so it survives a reload and can be bookmarked.
 */
export async function queueScreen(context: ScreenContext): Promise<HTMLElement> {
  const region = h('div', {});
  const chosen = new URLSearchParams(location.search).get('section') ?? '';
  const sections = await sectionList();
  // A section no longer in the list (retired while stories of it wait) can still be chosen from its address.
  const choices = chosen && !sections.some((s) => s.slug === chosen) ? [...sections, { slug: chosen, label: chosen }] : sections;
  const filter = h(
    'select',
    { name: 'section' },
    h('option', { value: '' }, 'All sections'),
    choices.map((s) => h('option', { value: s.slug, selected: s.slug === chosen }, s.label)),
  );
  filter.addEventListener('change', () => context.navigate(filter.value ? `/queue?section=${encodeURIComponent(filter.value)}` : '/queue'));
  const more = h('div', {});
  // Pages of a hundred (review's largest) of each status read so far; the oldest come first.
  let pages = 1;
  const load = async (): Promise<void> => {
    try {
      const read = (status: string) =>
        Promise.all(
          Array.from({ length: pages }, (_, page) =>
            service<{ items: ReviewSummary[]; total: number }>('editorial-review', 'GET', '/v1/reviews', { query: { status, limit: QUEUE_PAGE, offset: page * QUEUE_PAGE, section: chosen || undefined } }),
          ),
        ).then((answers) => ({ items: answers.flatMap(({ body }) => body.items), total: answers[0]?.body.total ?? 0 }));
      const [pending, inReview] = await Promise.all([read('pending'), read('in_review')]);
      const items = [...inReview.items, ...pending.items];
      const total = pending.total + inReview.total;
      // A queue longer than a page hid its newest stories: say how many, and offer them.
      show(
        more,
        total > items.length
          ? h('p', { class: 'hint' }, `Showing the ${items.length} oldest of ${total} stories${chosen ? '' : '; choose a section to narrow them'}. `, button('Show more', () => {
              pages += 1;
              void load();
            }))
          : null,
      );
      const names = await peopleNames(items.map((item) => item.assigneeId));
      show(
        region,
        items.length === 0
          ? h('p', {}, chosen ? `No ${sectionLabel(sections, chosen)} story is waiting for review.` : 'The queue is empty.')
          : labelColumns(h(
              'table',
              { class: 'list' },
              h('caption', { class: 'visually-hidden' }, 'Stories waiting for review'),
              h('thead', {}, h('tr', {}, ['Headline', 'Status', 'Checks', 'Length', 'Section', 'Submitted', 'Editor'].map((t) => h('th', { scope: 'col' }, t)))),
              h(
                'tbody',
                {},
                items.map((item) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, h('a', { href: `/reviews/${item.articleId}` }, item.headline)),
                    h('td', {}, statusBadge(item.status)),
                    h('td', {}, checkSummary(item.checkSummary)),
                    // How long the read is: editors take a brief between longer pieces.
                    h('td', {}, item.words === undefined ? '—' : wordsInBody(item.words)),
                    h('td', {}, sectionLabel(sections, item.section)),
                    // A story back from its reporter (changes made, sent back as it was, or a live story's update) says so.
                    h('td', {}, when(item.submittedAt), item.firstSubmittedAt && item.firstSubmittedAt !== item.submittedAt ? ' · resubmitted' : ''),
                    h('td', {}, item.assigneeId ? personName(names, item.assigneeId, context.session.user.id) : '—'),
                  ),
                ),
              ),
            )),
      );
    } catch (error) {
      show(region, notice('error', describeError(error)));
    }
  };
  await load();
  poll(context, load);
  return h('div', { class: 'screen' }, h('div', { class: 'title-row' }, h('h1', {}, 'Review queue'), field('Section', filter)), region, more);
}

function checkSummary(summary: { errors: number; warnings: number }): string {
  if (summary.errors === 0 && summary.warnings === 0) return 'all pass';
  return [summary.errors ? `${summary.errors} error${summary.errors > 1 ? 's' : ''}` : '', summary.warnings ? `${summary.warnings} warning${summary.warnings > 1 ? 's' : ''}` : ''].filter(Boolean).join(', ');
}

/**
 * One review: checks, the article, the diff against the revision reviewed last, comments,
 * and the decisions (claim, request changes with a note, approve with publishAt, embargo and
 * priority, reject). Each action answers with the review as it stands, which is shown again.
 */
export async function reviewScreen(context: ScreenContext): Promise<HTMLElement> {
  const id = context.params.id;
  const path = `/v1/reviews/${id}`;
  const body = h('div', {});
  const message = h('div', {});
  let review = (await service<ReviewView>('editorial-review', 'GET', path)).body;
  const title = h('h1', {}, review.headline);
  let carry = await askCorrectionCarry(review);
  let onSite = await askLiveOnSite(review);
  /** The revision as its public page would look, when asked for; kept across redraws until closed. */
  const previewRegion = h('div', {});
  /** Shown above the decision: redrawn on its own when asked again, so a form being filled in is left as it is. */
  const carryRegion = h('div', {});
  /** Everyone the review names: its reporter, its editor, who commented and who decided, and who corrected the live text since. */
  const people = (): string[] => [
    review.authorId,
    review.assigneeId ?? '',
    subEditorOf(review) ?? '',
    ...review.comments.map((c) => c.editorId),
    ...review.decisions.map((d) => d.editorId),
    ...(carry && carry !== 'unchecked' ? carry.corrections.map((c) => c.editorId) : []),
  ];
  const [namesFound, sections] = await Promise.all([peopleNames(people()), sectionList()]);
  let names: PeopleNames = namesFound;
  const who = (personId: string): string => personName(names, personId, context.session.user.id);

  /** Takes the review as it now stands; a newer revision is a new text, so publishing is asked about it again. */
  const adopt = async (fresh: ReviewView): Promise<void> => {
    const revised = fresh.revision !== review.revision;
    // An approval at a time goes live while the screen is open: ask until it is.
    const asked = fresh.status === 'approved' && (revised || review.status !== 'approved' || !onSite);
    review = fresh;
    if (asked) onSite = await askLiveOnSite(review);
    if (revised) {
      carry = await askCorrectionCarry(review);
      // A preview of the earlier revision is not the text under review any more.
      show(previewRegion);
    }
    names = await peopleNames(people());
    render();
  };

  /**
   * What to tell the editor of a refused action. A refusal because the review moved on (another
   * editor claimed or decided it meanwhile: a 409) shows the review as it now stands, so its
   * status and buttons are not left as they were; a claim lost names the editor who has it. So
   * does a decision refused because another editor took the story over (403 REVIEW.NOT_ASSIGNED).
   * Either way the words typed for it, which the fresh page no longer has a form for, are given back.
   */
  const refusalText = async (error: unknown, typed?: string): Promise<string> => {
    const takenOver = error instanceof ApiError && error.code === 'REVIEW.NOT_ASSIGNED';
    if (!(error instanceof ApiError) || (error.status !== 409 && !takenOver)) return describeError(error);
    let moved = false;
    try {
      const fresh = (await service<ReviewView>('editorial-review', 'GET', path)).body;
      // Only a review that moved on is drawn again: a refusal of a review as it stands (a check
      // that blocks approval) leaves the editor's forms, and what they typed, as they are.
      moved = fresh.status !== review.status || fresh.assigneeId !== review.assigneeId || fresh.revision !== review.revision;
      if (moved) await adopt(fresh);
    } catch {
      return error.code === 'REVIEW.ALREADY_CLAIMED' ? 'Another editor is already reviewing this story.' : describeError(error);
    }
    if (error.code === 'REVIEW.ALREADY_CLAIMED') return `${review.assigneeId ? personName(names, review.assigneeId) : 'Another editor'} is already reviewing this story.`;
    // The page drawn again has no form for what was typed (the story was decided, or is someone
    // else's): the words are given back rather than lost with the form.
    const unsent = moved && typed ? ` What you wrote was not sent: “${typed}”` : '';
    if (takenOver && moved) return `${review.assigneeId ? personName(names, review.assigneeId) : 'Another editor'} took this story over; only they can decide it now.${unsent}`;
    return moved ? `${describeError(error)} The review below is as it stands now.${unsent}` : describeError(error);
  };

  // One action at a time: a double click on Approve or Claim sent two, and the second's 409 read as a failure.
  let acting = false;
  const act = async (label: string, action: string, payload?: unknown): Promise<void> => {
    if (acting) return;
    acting = true;
    try {
      await adopt((await service<ReviewView>('editorial-review', 'POST', `${path}/${action}`, { body: payload ?? {} })).body);
      // The button pressed is drawn again (or gone): the keyboard goes to what happened.
      showFocused(message, notice('success', label));
    } catch (error) {
      const { note, reason } = (payload ?? {}) as { note?: unknown; reason?: unknown };
      const typed = [note, reason].find((text): text is string => typeof text === 'string' && text !== '');
      showFocused(message, notice('error', await refusalText(error, typed)));
    } finally {
      acting = false;
      // Claimed, decided, or found taken by someone else: the queue's count is not what it was.
      context.countsChanged();
    }
  };

  /**
   * Approving asks publishing again first (the live text may have been corrected since the
   * screen opened) and, when the revision would put its own text where a correction was, asks
   * the editor: the correction would leave the site with no word to readers.
   */
  const approveChecked = async (outcome: string, body: unknown): Promise<void> => {
    if (acting) return;
    acting = true;
    let approve = false;
    try {
      // The answer is about the review as it stood when asked; the poll waits meanwhile (see below),
      // but one already under way may have brought a newer revision or another editor's claim.
      const asked = review;
      const fresh = await askCorrectionCarry(asked);
      if (review !== asked) {
        show(message, notice('info', 'The review changed while it was being checked; it is shown as it stands now. Approve again if it still should be.'));
        return;
      }
      // Publishing not answering now does not unsay what it said when the screen opened.
      carry = fresh === 'unchecked' && carry !== null && carry !== 'unchecked' ? carry : fresh;
      names = await peopleNames(people());
      show(carryRegion, correctionNotice());
      const kept = carry && carry !== 'unchecked' ? carry.notCarried : [];
      approve =
        carry === 'unchecked'
          ? confirm('Publishing did not answer whether the live story was corrected after this revision was written. Approve anyway?')
          : kept.length === 0 ||
            confirm(
              `This revision has its own wording of ${fieldsInWords(kept)}, which an editor corrected on the live story after it was written: approving it puts this revision's wording there in place of the corrected one. Approve anyway?`,
            );
    } finally {
      acting = false;
    }
    if (approve) await act(outcome, 'approve', body);
  };

  /** What the corrections made to the live text since this revision was written mean for approving it; nothing when there are none to carry. */
  function correctionNotice(): HTMLElement | null {
    if (carry === null || !['pending', 'in_review'].includes(review.status)) return null;
    if (carry === 'unchecked') {
      return notice('info', 'Publishing did not answer whether the live story was corrected after this revision was written. Before approving, check the live story\'s corrections.');
    }
    const { carried, notCarried, corrections } = carry;
    return h(
      'section',
      { class: `notice ${notCarried.length > 0 ? 'notice-warning' : 'notice-info'} correction-carry`, 'aria-labelledby': 'carry-title' },
      h('h2', { id: 'carry-title' }, 'Corrected on the site since this revision was written'),
      notCarried.length > 0
        ? h(
            'p',
            {},
            h('strong', {}, 'Not carried: '),
            `this revision has its own wording of ${fieldsInWords(notCarried)}, so approving it puts that wording there in place of the corrected one. Compare ${notCarried.length === 1 ? 'it' : 'them'} with the live story, or request changes.`,
          )
        : null,
      carried.length > 0 ? h('p', {}, `The correction of ${fieldsInWords(carried)} is carried into this revision as it goes live, so readers keep the corrected text.`) : null,
      h(
        'ul',
        {},
        corrections.map((c) => h('li', {}, `${who(c.editorId)} corrected ${fieldsInWords(c.changedFields)} · ${when(c.correctedAt)}`, h('blockquote', { class: 'note' }, c.note))),
      ),
      h('p', {}, h('a', { href: `/live/${review.articleId}` }, `Read the live story (revision ${carry.liveRevision})`)),
    );
  }

  /** What a story another editor holds offers: who has it since when, and taking it over (one who has gone home, or is busy elsewhere). */
  function takeOverOffer(holderId: string): HTMLElement[] {
    const holder = personName(names, holderId);
    const since = review.claimedAt ? ` since ${when(review.claimedAt)}` : '';
    return [
      h('p', {}, `Claimed by ${holder}${since}. Only the editor reviewing it can decide it; you can still leave a comment below.`),
      button('Take over this story', () => {
        if (!confirm(`Take this story over from ${holder}? They can then no longer approve, reject or send it back; their notes stay.`)) return;
        void act(`You took the story over from ${holder}.`, 'claim', { takeOver: true });
      }),
    ];
  }

  /**
   * The revision under review was sent back once (changes requested) and is waiting or in review
   * again: only a submission of the same text does that, as any edit makes a newer revision.
   */
  function resentAsItWas(): boolean {
    return ['pending', 'in_review'].includes(review.status) && review.decisions.some((d) => d.kind === 'changes_requested' && d.revision === review.revision);
  }

  function decisionForms(): HTMLElement | null {
    if (!['pending', 'in_review'].includes(review.status)) return null;
    const mine = review.assigneeId === context.session.user.id;
    if (review.status === 'pending' || !mine) {
      return h(
        'section',
        { 'aria-labelledby': 'decide-title' },
        h('h2', { id: 'decide-title' }, 'Decide'),
        // Held by another editor, a plain claim is refused (409); taking it over is asked for by
        // name, after a question, since the editor holding it can then no longer decide.
        ...(review.assigneeId && !mine ? takeOverOffer(review.assigneeId) : [button('Claim this story', () => void act('You claimed the story.', 'claim'), { class: 'primary' })]),
      );
    }
    const note = h('textarea', { name: 'note', rows: 3, required: true });
    const requestChanges = h('form', { class: 'card', 'aria-labelledby': 'changes-title' }, h('h3', { id: 'changes-title' }, 'Request changes'), field('Note to the reporter', note), h('button', { type: 'submit' }, 'Request changes'));
    requestChanges.addEventListener('submit', (event) => {
      event.preventDefault();
      if (refusedAsBlank(note)) return;
      void act('Changes requested; the reporter sees your note.', 'request-changes', { note: note.value.trim() });
    });

    // Approving publishes now; a time is used only once the editor chooses "At a time" and gives one.
    const now = h('input', { type: 'radio', name: 'timing', value: 'now', id: 'approve-now', checked: true });
    const later = h('input', { type: 'radio', name: 'timing', value: 'at', id: 'approve-at' });
    const publishAt = h('input', { type: 'datetime-local', name: 'publishAt', disabled: true });
    const embargo = h('input', { type: 'datetime-local', name: 'embargoUntil' });
    const priority = h('select', { name: 'priority' }, h('option', { value: 'normal' }, 'Normal'), h('option', { value: 'breaking' }, 'Breaking (alerts go out first)'));
    const approve = h(
      'form',
      { class: 'card', 'aria-labelledby': 'approve-title' },
      h('h3', { id: 'approve-title' }, 'Approve'),
      h(
        'fieldset',
        { class: 'choices' },
        h('legend', {}, 'When it goes live'),
        h('div', { class: 'checkbox' }, now, h('label', { for: now.id }, 'Now, as soon as approved')),
        h('div', { class: 'checkbox' }, later, h('label', { for: later.id }, 'At a time')),
        field('Publish at', publishAt, `Your local time (${Intl.DateTimeFormat().resolvedOptions().timeZone})`),
      ),
      field('Embargo until (optional)', embargo, 'Never goes live before this, whatever the schedule says'),
      field('Priority', priority),
      h('button', { type: 'submit', class: 'primary' }, 'Approve'),
    );
    const timingChanged = (): void => {
      publishAt.disabled = !later.checked;
      publishAt.required = later.checked;
      if (later.checked) publishAt.focus();
    };
    now.addEventListener('change', timingChanged);
    later.addEventListener('change', timingChanged);
    approve.addEventListener('submit', (event) => {
      event.preventDefault();
      const approval = approvalFrom({ timing: later.checked ? 'at' : 'now', publishAt: publishAt.value, embargoUntil: embargo.value, priority: priority.value });
      if ('problem' in approval) show(message, notice('error', approval.problem));
      else void approveChecked(approval.outcome, approval.body);
    });

    const reason = h('textarea', { name: 'reason', rows: 2, required: true });
    const reject = h('form', { class: 'card', 'aria-labelledby': 'reject-title' }, h('h3', { id: 'reject-title' }, 'Reject'), field('Reason', reason), h('button', { type: 'submit', class: 'danger' }, 'Reject for good'));
    reject.addEventListener('submit', (event) => {
      event.preventDefault();
      if (refusedAsBlank(reason)) return;
      // Asked once: a second click while the first is on its way would ask again for nothing.
      if (acting) return;
      if (confirm('Reject this story for good? The reporter cannot resubmit it.')) void act('Rejected.', 'reject', { reason: reason.value.trim() });
    });
    return h('section', { 'aria-labelledby': 'decide-title' }, h('h2', { id: 'decide-title' }, 'Decide'), h('div', { class: 'decisions' }, requestChanges, approve, reject));
  }

  /**
   * Sub-editing: the editor holding the story edits its words in place (a tighter headline, a
   * figure put right, a sentence cut) and refiles it (its section and tags, which decide where it
   * appears and who is alerted) instead of sending it back for that. Drafting saves the
   * edit as a newer revision, theirs, and sends it to review (POST drafting
   * /v1/drafts/:id/sub-edits, If-Match the revision shown); the screen waits until review holds
   * it, then shows it with the changes made. The words around the pictures, embeds and related
   * stories (a caption, a credit, alt text) are words too; the pictures, the addresses and the
   * story's shape stay the reporter's: for those, request changes.
   */
  function subEditForm(): HTMLElement | null {
    if (review.status !== 'in_review' || review.assigneeId !== context.session.user.id) return null;
    const edited = review.revision;
    const words = textEditFields(review.article);
    const filing = filingEditFields(review.article, sections);
    const form = h(
      'form',
      { class: 'card sub-edit', 'aria-labelledby': 'sub-edit-title' },
      words.elements,
      filing.elements,
      h('button', { type: 'submit' }, 'Save the edit'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const changes = { ...words.changes(), ...filing.changes() };
      if (Object.keys(changes).length === 0) {
        show(message, notice('info', 'Nothing was changed, so nothing was saved.'));
        return;
      }
      void subEdit(edited, changes);
    });
    return h(
      'section',
      { 'aria-labelledby': 'sub-edit-title' },
      h(
        'details',
        { class: 'sub-edit-details' },
        h('summary', { id: 'sub-edit-title' }, 'Edit the text yourself'),
        h('p', { class: 'hint' }, `For a tighter headline, a figure put right, a sentence cut, a dateline or byline put right, another section or better tags. Saved as revision ${edited + 1}, yours, still under review with you; the reporter sees it on their story. A picture's caption, credit and alt text are words to edit here too; for the pictures themselves or the story's shape, request changes.`),
        form,
      ),
    );
  }

  /**
   * Sends the sub-edit and waits for editorial review to hold it. Drafting hears of a claim over
   * the event bus, so an edit made the moment after claiming may find it not knowing yet
   * (DRAFT.NOT_REVIEWER, DRAFT.NOT_IN_REVIEW): asked again for a few seconds before saying so.
   */
  async function subEdit(edited: number, changes: Record<string, unknown>): Promise<void> {
    if (acting) return;
    acting = true;
    try {
      let saved: number | undefined;
      for (const started = Date.now(); saved === undefined; ) {
        try {
          saved = (await service<{ version: number }>('drafting', 'POST', `/v1/drafts/${review.articleId}/sub-edits`, { body: changes, ifMatch: `"${edited}"` })).body.version;
        } catch (error) {
          const notYet = error instanceof ApiError && (error.code === 'DRAFT.NOT_REVIEWER' || error.code === 'DRAFT.NOT_IN_REVIEW');
          if (!notYet || Date.now() - started > SUB_EDIT_WAIT_MS / 2) throw error;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
      if (saved === edited) {
        show(message, notice('info', 'Nothing was changed, so nothing was saved.'));
        return;
      }
      for (const started = Date.now(); Date.now() - started < SUB_EDIT_WAIT_MS; ) {
        const fresh = (await service<ReviewView>('editorial-review', 'GET', path)).body;
        if (fresh.revision >= saved) {
          await adopt(fresh);
          show(
            message,
            fresh.status === 'in_review' && fresh.assigneeId === context.session.user.id
              ? notice('success', `Your edit is revision ${saved}, under review with you; what you changed is shown below.`)
              : notice('info', `Your edit is revision ${saved}. The story changed hands meanwhile, so it went back to the queue; it is shown as it stands.`),
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, SUB_EDIT_LOOK_MS));
      }
      show(message, notice('info', `Your edit is saved as revision ${saved}; editorial review has not shown it yet. This page shows it when it does.`));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'DRAFT.VERSION_CONFLICT') {
        show(message, notice('error', 'The text changed since this page showed it (a newer revision); it is shown as it stands now. Make your edit again.'));
        try {
          await adopt((await service<ReviewView>('editorial-review', 'GET', path)).body);
        } catch {
          // The refusal said what matters; the poll brings the review when it can.
        }
        return;
      }
      show(message, notice('error', editRefusalInWords(error, review.article.body)));
    } finally {
      acting = false;
    }
  }

  function commentForm(): HTMLElement | null {
    if (!commentable()) return null;
    const text = h('textarea', { name: 'comment', rows: 2, required: true });
    const form = h('form', {}, field('Add a comment', text, 'Seen by the reporter and other editors'), h('button', { type: 'submit' }, 'Add comment'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (refusedAsBlank(text)) return;
      void act('Comment added.', 'comments', { body: text.value.trim() });
    });
    return form;
  }

  const commentable = (): boolean => ['pending', 'in_review', 'changes_requested'].includes(review.status);

  /**
   * Beside each block of the revision under review: the notes anchored to it and a control to
   * add one (POST …/comments with `blockIndex`). The form opens in place and closes with Escape.
   */
  function blockComments(index: number): HTMLElement {
    const notes = review.comments.filter((c) => c.revision === review.revision && c.blockIndex === index);
    const formRegion = h('div', {});
    const label = `block ${index + 1}`;
    // Closing the form (Cancel, Escape) puts the focus back on the control that opened it.
    const close = (): void => {
      show(formRegion);
      opener?.focus();
    };
    const open = (): void => {
      const text = h('textarea', { name: 'block-comment', rows: 2, required: true });
      const form = h('form', { class: 'block-comment-form', 'aria-label': `Comment on ${label}` }, field(`Comment on ${label}`, text), h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Add comment'), button('Cancel', close)));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        if (refusedAsBlank(text)) return;
        void act(`Comment added to ${label}.`, 'comments', { body: text.value.trim(), blockIndex: index });
      });
      form.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') close();
      });
      show(formRegion, form);
      text.focus();
    };
    const opener = commentable() ? button(`Comment on ${label}`, open, { class: 'link-button' }) : undefined;
    return h(
      'aside',
      { class: 'block-comments', 'aria-label': `Comments on ${label}` },
      notes.length > 0 ? h('ul', {}, notes.map((c) => h('li', {}, h('span', { class: 'meta' }, `${who(c.editorId)} · ${when(c.createdAt)}`), h('p', { class: 'note' }, c.body)))) : null,
      opener,
      formRegion,
    );
  }

  function render(): void {
    // A sub-edit or a newer revision may have changed the headline.
    title.textContent = review.headline;
    show(carryRegion, correctionNotice());
    show(
      body,
      h(
        'p',
        {},
        'Status: ',
        statusBadge(review.status),
        ` · revision ${review.revision} · submitted ${when(review.submittedAt)} by ${personName(names, review.authorId)}`,
        ((editor) => (editor ? ` · edited in review by ${who(editor)}` : ''))(subEditorOf(review)),
      ),
      review.status === 'approved' && onSite
        ? h('p', { class: 'story-state' }, 'Live on the site: ', h('a', { href: onSite.uri }, onSite.uri), ' · ', h('a', { href: `/live/${review.articleId}` }, 'its live story page'), ' (corrections, taking it down).')
        : null,
      review.status === 'killed' ? h('p', { class: 'story-state' }, 'Killed — the story was removed from every output; nothing more can be decided about it.') : null,
      review.status === 'recalled' ? h('p', { class: 'story-state' }, 'Recalled — its reporter took it back to edit; it comes back to the queue when they submit it again.') : null,
      message,
      carryRegion,
      decisionForms(),
      subEditForm(),
      h('section', { 'aria-labelledby': 'checks-title' }, h('h2', { id: 'checks-title' }, 'Automated checks'), renderChecks(review.checks)),
      h(
        'section',
        { 'aria-labelledby': 'diff-title' },
        h('h2', { id: 'diff-title' }, diffHeading(review.diff)),
        resentAsItWas()
          ? h(
              'p',
              { class: 'story-state' },
              `Sent back as it was: after the change request on revision ${review.revision}, its reporter submitted the same text again.${review.diff ? ` The changes below are those of revision ${review.revision} itself.` : ''}`,
            )
          : null,
        // A first submission sent back and resubmitted as it was has no earlier revision, but it is no "first submission" any more.
        resentAsItWas() && !review.diff
          ? null
          : renderDiff(review.diff, ((editor) => (editor ? who(editor) : undefined))(subEditorOf(review)), sections, { submittedBefore: submittedBefore(review) }),
      ),
      h(
        'section',
        { 'aria-labelledby': 'text-title' },
        // The editor approves what readers will see: the page as publishing renders it, pictures and embeds included.
        h('div', { class: 'title-row' }, h('h2', { id: 'text-title' }, `Revision ${review.revision}`), button('Preview the public page', () => void showPagePreview(previewRegion, review.article))),
        previewRegion,
        renderArticle(review.article, `Revision ${review.revision}`, { sections, beside: blockComments }),
      ),
      h(
        'section',
        { 'aria-labelledby': 'comments-title' },
        h('h2', { id: 'comments-title' }, 'Comments and decisions'),
        h(
          'ul',
          { class: 'timeline' },
          // Comments and decisions in the order they were made: a comment after a change request reads after it.
          [
            ...review.comments.map((c) => ({
              at: c.createdAt,
              item: h('li', {}, `${who(c.editorId)} on revision ${c.revision}${typeof c.blockIndex === 'number' ? `, block ${c.blockIndex + 1}` : ''} · ${when(c.createdAt)}`, h('blockquote', { class: 'note' }, c.body)),
            })),
            ...review.decisions.map((d) => ({
              at: d.decidedAt,
              item: h('li', {}, `${d.kind.replace(/_/g, ' ')} by ${who(d.editorId)}, revision ${d.revision} · ${when(d.decidedAt)}${approvalTerms(d)}`, d.note ? h('blockquote', { class: 'note' }, d.note) : null),
            })),
          ]
            .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
            .map(({ item }) => item),
        ),
        commentForm(),
      ),
    );
  }

  render();
  context.askBeforeLeaving(() => (typedInto(body) ? 'What you wrote on this story (a note, a reason or a comment) is not sent. Leave and lose it?' : null));
  // Another editor may claim or decide meanwhile; refresh unless a form is being filled in or
  // holds text not sent, which a fresh render would throw away.
  poll(context, async () => {
    // While an action or the check before approving is under way, the review it is about stays on screen.
    if (acting) return;
    if (typedInto(body) || (body.contains(document.activeElement) && document.activeElement?.matches('input, textarea, select'))) return;
    const fresh = (await service<ReviewView>('editorial-review', 'GET', path)).body;
    if (fresh.status !== review.status || fresh.revision !== review.revision || fresh.comments.length !== review.comments.length || fresh.assigneeId !== review.assigneeId) await adopt(fresh);
    else if (review.status === 'approved' && !onSite) {
      // Approved for later (or just now): it goes live without the review changing.
      onSite = await askLiveOnSite(review);
      if (onSite) render();
    }
  });
  return h('div', { class: 'screen' }, title, body);
}

/** What an approval said about going live: its time, embargo and priority (" · to go live …"); nothing for other decisions. */
export function approvalTerms(decision: { kind: string; publishAt: string | null; embargoUntil?: string | null; priority?: string | null }): string {
  if (decision.kind !== 'approved') return '';
  const terms = [
    decision.publishAt ? `to go live ${when(decision.publishAt)}` : 'to go live at once',
    decision.embargoUntil ? `embargoed until ${when(decision.embargoUntil)}` : null,
    decision.priority === 'breaking' ? 'breaking' : null,
  ].filter((term): term is string => term !== null);
  return ` · ${terms.join(', ')}`;
}
