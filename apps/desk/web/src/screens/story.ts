import { ApiError, describeError, service } from '../api';
import { poll, type ScreenContext } from '../app';
import { button, clockTime, field, h, notice, show, statusBadge, toLocalInput, when } from '../dom';
import { blockingErrors, runEditorialChecks } from '@newsroom/contracts/editorial-checks';
import { bodyWordCount } from '@newsroom/contracts/word-count';
import { withoutUnsupportedCharacters } from '@newsroom/contracts/text';
import { createStoryEditor } from '../editor/story-editor';
import { sectionSelect, tagsAsWritten, tagsField, tagsInput, tagsOf } from '../filing-fields';
import { loadSections, peopleNames, personName } from '../names';
import { lockedStoryState, spikedStoryState } from '../story-state';
import { differingFields, renderActivity, renderArticle, renderChecks, wordsInBody, type ActivityEntry, type Article, type ShownCheck } from '../views';
import { forgetUnsaved, keepUnsaved, keptUnsaved, savingUnsaved } from '../unsaved-text';
import { refusalsOf } from '../refusals';
import { typedInto } from '../leaving';
import { canonicalLanguage } from '../language-tag';
import { showPagePreview } from '../preview';
import { textDirection } from '@newsroom/contracts/direction';

interface DraftView {
  id: string;
  status: string;
  version: number;
  editable: boolean;
  /** Whether a new revision may be started (drafting's rule: published, withdrawn or cancelled). */
  revisable: boolean;
  /** Whether it may be spiked now (drafting's rule: never live; a draft, changes requested or rejected). */
  spikeable: boolean;
  /** When it was spiked; null while it is not. */
  spikedAt: string | null;
  article: Article;
  publicUrl: string | null;
  publishAt: string | null;
  submittedRevision: number | null;
  activity: ActivityEntry[];
}

interface RevisionView {
  number: number;
  createdAt: string;
  article: Article;
}

/** What the timeline says of each revision it names: "submitted", "went live"… (in the order it happened, each once). */
function revisionMilestones(activity: readonly ActivityEntry[]): Map<number, string[]> {
  const words: Record<string, string> = {
    submitted: 'submitted',
    sub_edited: 'edited in review',
    changes_requested: 'changes requested',
    recalled: 'recalled',
    approved: 'approved',
    rejected: 'rejected',
    published: 'went live',
    updated: 'went live',
  };
  const named = new Map<number, string[]>();
  for (const entry of activity) {
    const word = words[entry.kind];
    if (!word || entry.revision === null) continue;
    const list = named.get(entry.revision) ?? [];
    // The same revision sent again as it was (after a change request or a recall) says so once.
    if (!list.includes(word)) list.push(word);
    else if (word === 'submitted' && !list.includes('submitted again')) list.push('submitted again');
    named.set(entry.revision, list);
  }
  return named;
}

/** The timeline's newest entry of `kind` (the timeline is oldest first), if any. */
function latestEntry(activity: readonly ActivityEntry[], kind: string): ActivityEntry | undefined {
  return [...activity].reverse().find((entry) => entry.kind === kind);
}

/** "It differs from the text here in the headline and the body." (or "It is the same as…"). */
function unsavedDiffers(kept: Article, shown: Article): string {
  const fields = differingFields(kept, shown);
  return fields ? `It differs from the text here in ${fields}.` : 'It is the same as the text here.';
}

/** Who the story's timeline names. */
function actors(draft: DraftView | undefined): (string | null)[] {
  return draft?.activity.map((entry) => entry.actorId) ?? [];
}

/** How long typing must pause before the story is saved. */
const AUTOSAVE_MS = 1500;

/** Waits before saving again after the desk or drafting could not be reached: 5 s, doubling to 60 s. */
const RETRY_SAVE_MS = [5_000, 10_000, 20_000, 40_000, 60_000];

/** A save that failed for a reason that passes (no connection, a service away, a timeout), not a refusal. */
function worthRetrying(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}


/**
 * The reporter's story: metadata fields, the body editor, autosave (PATCH with If-Match; a
 * 412 shows both versions and keeps the reporter's text), checks, submit, the timeline with
 * editor notes, revisions, and the public link once live. The status and notes refresh by polling.
 */
export async function storyScreen(context: ScreenContext): Promise<HTMLElement> {
  const { user } = context.session;
  let id: string | undefined = context.params.id;
  let draft: DraftView | undefined;
  let etag: string | undefined;
  // The sections and the draft at once; the names need the draft.
  const [sections, answer] = await Promise.all([loadSections(), id ? service<DraftView>('drafting', 'GET', `/v1/drafts/${id}`) : undefined]);
  if (answer) {
    draft = answer.body;
    etag = answer.etag ?? `"${draft.version}"`;
  }
  let names = await peopleNames(actors(draft));
  const article: Article = draft?.article ?? {
    headline: '',
    // Chosen by the reporter (the first save waits for it), unless the site has one section only.
    section: sections.length === 1 ? sections[0].slug : '',
    bylines: [{ name: user.name, id: user.id }],
    language: 'en',
    body: [],
  };

  // ---- the form ----
  const headline = h('input', { type: 'text', name: 'headline', required: true, value: article.headline });
  const standfirst = h('textarea', { name: 'standfirst', rows: 2 });
  standfirst.value = article.standfirst ?? '';
  const place = h('input', { type: 'text', name: 'dateline-place', value: article.dateline?.place ?? '' });
  // Today on the reporter's own calendar, not UTC's: the date is printed in the story's dateline.
  const date = h('input', { type: 'date', name: 'dateline-date', value: article.dateline?.date ?? toLocalInput(new Date()).slice(0, 10) });
  const section = sectionSelect(sections, article.section);
  const tags = tagsInput(article.tags ?? [], article.tagLabels);
  const bylines = h('input', { type: 'text', name: 'bylines', value: article.bylines.map((b) => b.name).join(', ') });
  const language = h('input', { type: 'text', name: 'language', value: article.language, size: 6 });
  // Shown as it will be kept ("EN" becomes en, "en-gb" en-GB), as tags are.
  language.addEventListener('change', () => {
    language.value = canonicalLanguage(language.value);
  });
  const editor = createStoryEditor(article.body, () => changed());
  context.onLeave(() => editor.destroy());
  /** The story's text fields follow its language's writing direction, as its public page does. */
  const followDirection = (): void => {
    const direction = textDirection(canonicalLanguage(language.value) || 'en');
    for (const control of [headline, standfirst]) control.setAttribute('dir', direction);
    editor.setDirection(direction);
  };
  language.addEventListener('input', followDirection);
  followDirection();

  const title = h('h1', {}, draft ? 'Edit story' : 'New story');
  const saveState = h('p', { class: 'save-state', role: 'status' }, draft ? `Saved (version ${draft.version})` : 'Not saved yet');
  /** The story's length as desks measure it (bodyWordCount), kept up to date as it is typed: reporters file to a length in words. */
  const length = h('p', { class: 'hint word-count' });
  const conflictRegion = h('div', {});
  /** The editor's request for changes, at the top: on a phone the notes column comes after the whole form. */
  const requestRegion = h('div', {});
  const checksRegion = h('div', {});
  const statusRegion = h('div', {});
  const timelineRegion = h('div', {});
  const revisionsRegion = h('div', {});
  const submitMessage = h('div', {});
  // The status the message under Status already speaks of, when the screen has not heard of it yet.
  let messageHolds: DraftView['status'] | undefined;
  const submit = h('button', { type: 'button', class: 'primary' }, 'Submit for review');
  const checksSection = h(
    'section',
    { 'aria-labelledby': 'checks-title' },
    h('h2', { id: 'checks-title' }, 'Checks before submitting'),
    h('p', { class: 'hint' }, 'The same checks run again when the story is submitted; the editors see their results.'),
    checksRegion,
    submit,
  );
  const previewRegion = h('div', {});

  const current = (): Article => {
    const byIds = new Map((draft?.article.bylines ?? article.bylines).map((b) => [b.name, b.id]));
    const content: Article = {
      headline: headline.value.trim(),
      section: section.value,
      bylines: bylines.value
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
        .map((name) => (byIds.get(name) ? { name, id: byIds.get(name) } : { name })),
      language: canonicalLanguage(language.value),
      body: editor.body(),
    };
    if (standfirst.value.trim()) content.standfirst = standfirst.value.trim();
    if (place.value.trim() && date.value) content.dateline = { place: place.value.trim(), date: date.value };
    const typed = tagsOf(tags);
    if (typed.tags.length > 0) content.tags = typed.tags;
    if (Object.keys(typed.tagLabels).length > 0) content.tagLabels = typed.tagLabels;
    return content;
  };

  // ---- autosave ----
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  let saving: Promise<void> | undefined;
  let conflict = false;
  let refusals: ShownCheck[] = [];
  let submitting = false;
  // Saves in a row that could not reach the desk or drafting: how long to wait before the next.
  let failedSaves = 0;
  // This opening of the story, as the kept text names it; the version the text on screen was
  // typed on (the kept text says so, and a restore goes through the conflict view when it differs).
  // (Not crypto.randomUUID: a desk served over plain http on an intranet name is no secure context.)
  const screenId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  let baseVersion: number | null = draft?.version ?? null;
  // While the offer of kept text is open, typing does not overwrite the text offered.
  let offering = false;
  let left = false;
  // Leaving for another screen saves what waits for the pause (the request outlives the screen);
  // closing or reloading the tab with text unsaved asks first. Either way the text is also kept in
  // this tab (unsaved-text.ts) until a save goes through, for a session that ended mid-edit. A
  // story never saved is not posted on leaving: its text waits in the tab for the next New story.
  context.onLeave(() => {
    left = true;
    clearTimeout(timer);
    if (dirty && !conflict && id) void save();
  });
  const warnBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (!dirty && !saving) return;
    event.preventDefault();
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', warnBeforeUnload);
  // The story saves itself on leaving, but a picture's or a link's form still open in the editor is not the story yet.
  context.askBeforeLeaving(() => (typedInto(editor.element) ? 'The block or link you started in the editor is not added to the story. Leave and lose it?' : null));
  context.onLeave(() => window.removeEventListener('beforeunload', warnBeforeUnload));

  /** Keeps the text on screen in the tab (unsaved-text.ts), under the story's id once it has one. */
  function keepTyped(): void {
    keepUnsaved(user.id, id, { article: current(), version: baseVersion, screen: screenId });
  }

  /**
   * Whether `content` is the saved version's text: the editor reports an update for what changes
   * nothing in the story (a click that puts the cursor after a closing quote or picture adds an
   * empty paragraph the story does not keep), and a save of it would make an identical revision.
   */
  function asSaved(content: Article): boolean {
    return draft !== undefined && !conflict && sameText(draft.article, content);
  }

  function changed(): void {
    if (id && !saving && asSaved(current())) {
      // Back to the saved text (or never away from it): nothing to save, nothing kept in the tab.
      dirty = false;
      clearTimeout(timer);
      forgetUnsaved(user.id, id, screenId);
      if (saveState.textContent === 'Unsaved changes' && draft) saveState.textContent = `Saved (version ${draft.version})`;
      refreshChecks();
      return;
    }
    dirty = true;
    saveState.textContent = 'Unsaved changes';
    if (!offering) keepTyped();
    refreshChecks();
    clearTimeout(timer);
    if (!conflict) timer = setTimeout(() => void save(), AUTOSAVE_MS);
  }

  async function save(): Promise<void> {
    if (saving) await saving;
    if (!dirty || conflict) return;
    const content = current();
    if (id && asSaved(content)) {
      dirty = false;
      forgetUnsaved(user.id, id, screenId);
      return;
    }
    if (!id && (content.headline === '' || content.body.length === 0 || !content.section)) {
      saveState.textContent = 'Give the story a headline, a section and some text to save its first version.';
      return;
    }
    dirty = false;
    saveState.textContent = 'Saving…';
    savingUnsaved(screenId, true);
    saving = (async () => {
      try {
        const answer = id
          ? await service<DraftView>('drafting', 'PATCH', `/v1/drafts/${id}`, { body: content, ifMatch: etag })
          : await service<DraftView>('drafting', 'POST', '/v1/drafts', { body: content });
        draft = answer.body;
        etag = answer.etag ?? `"${draft.version}"`;
        baseVersion = draft.version;
        if (!id) {
          id = draft.id;
          // Typed while the first save was on its way: kept under the story's id from now on.
          if (dirty && !offering) keepTyped();
          forgetUnsaved(user.id, undefined, screenId);
          // Left meanwhile: the address and heading are another screen's now.
          if (!left) {
            history.replaceState(null, '', `/stories/${id}`);
            title.textContent = 'Edit story';
          }
        }
        // Typed while this save was on its way: still kept, and saved next.
        if (!dirty) forgetUnsaved(user.id, id, screenId);
        refusals = [];
        failedSaves = 0;
        saveState.classList.remove('save-state-error');
        saveState.textContent = `Saved (version ${draft.version}) at ${clockTime(new Date())}`;
        renderSide();
        // Each save is a revision of the text: the list below says so without a reload.
        void loadRevisions().catch(() => undefined);
      } catch (error) {
        dirty = true;
        if (error instanceof ApiError && error.status === 412) await showConflict(content);
        else {
          refusals = refusalsOf(error, content);
          saveState.classList.add('save-state-error');
          // A refusal is said in the story's words (Block 10, Byline 1), as the checks list it.
          saveState.textContent = refusals.length > 0 ? refusals.map((refusal) => refusal.message).join(' ') : `Not saved: ${describeError(error)}`;
          // A connection lost or a service away for a moment: tried again by itself, so a
          // reporter who stopped typing is saved once it is back (the text is kept in the tab).
          // Only a story that has its id: a first save (POST) that may have gone through is not
          // sent twice by itself (it would make a second story); the next keystroke tries again.
          if (worthRetrying(error) && !left && id) {
            const wait = RETRY_SAVE_MS[Math.min(failedSaves, RETRY_SAVE_MS.length - 1)];
            failedSaves += 1;
            saveState.textContent += ` Trying again in ${wait / 1000} s.`;
            clearTimeout(timer);
            timer = setTimeout(() => void save(), wait);
          }
          refreshChecks();
        }
      }
    })();
    try {
      await saving;
    } finally {
      saving = undefined;
      savingUnsaved(screenId, false);
    }
  }

  /** Someone saved a newer version: show theirs beside ours; the reporter's text stays in the editor. */
  async function showConflict(mine: Article): Promise<void> {
    conflict = true;
    saveState.textContent = 'Not saved: the story changed elsewhere';
    const answer = await service<DraftView>('drafting', 'GET', `/v1/drafts/${id}`);
    const theirs = answer.body;
    // The "other" version is this text (a save that went through though its answer was lost,
    // then tried again): nothing to choose between; carry on from it.
    if (sameText(theirs.article, mine)) {
      draft = theirs;
      etag = answer.etag ?? `"${theirs.version}"`;
      baseVersion = theirs.version;
      conflict = false;
      failedSaves = 0;
      refusals = [];
      saveState.classList.remove('save-state-error');
      saveState.textContent = `Saved (version ${theirs.version})`;
      // Typed since that save was sent: saved after the pause, as any typing.
      dirty = !sameText(current(), mine);
      if (dirty) timer = setTimeout(() => void save(), AUTOSAVE_MS);
      else forgetUnsaved(user.id, id, screenId);
      renderSide();
      return;
    }
    show(
      conflictRegion,
      h(
        'section',
        { class: 'conflict', 'aria-labelledby': 'conflict-title' },
        h('h2', { id: 'conflict-title' }, 'This story was changed elsewhere'),
        h(
          'p',
          {},
          `Version ${theirs.version} was saved while you were editing (in another window, or by someone else). Your text is still in the editor and has not been saved. They differ in ${differingFields(mine, theirs.article) || 'nothing you can see'} (marked). Choose which version to keep.`,
        ),
        h(
          'div',
          { class: 'side-by-side' },
          h('div', {}, h('h3', {}, 'Your version (not saved)'), renderArticle(mine, 'Your version', { sections, against: theirs.article })),
          h('div', {}, h('h3', {}, `Saved version ${theirs.version}`), renderArticle(theirs.article, 'Saved version', { sections, against: mine })),
        ),
        h(
          'div',
          { class: 'actions' },
          button('Keep my version', () => {
            etag = answer.etag ?? `"${theirs.version}"`;
            baseVersion = theirs.version;
            conflict = false;
            dirty = true;
            show(conflictRegion);
            void save();
          }, { class: 'primary' }),
          button('Use the saved version', () => {
            draft = theirs;
            etag = answer.etag ?? `"${theirs.version}"`;
            baseVersion = theirs.version;
            conflict = false;
            dirty = false;
            // The reporter chose to drop their text: it is not offered again.
            forgetUnsaved(user.id, id);
            fill(theirs.article);
            show(conflictRegion);
            saveState.textContent = `Showing version ${theirs.version}`;
          }),
        ),
      ),
    );
    (conflictRegion.querySelector('h2') as HTMLElement).setAttribute('tabindex', '-1');
    (conflictRegion.querySelector('h2') as HTMLElement).focus();
  }

  function fill(content: Article): void {
    headline.value = content.headline;
    standfirst.value = content.standfirst ?? '';
    place.value = content.dateline?.place ?? '';
    date.value = content.dateline?.date ?? '';
    section.value = content.section;
    tags.value = tagsAsWritten(content.tags ?? [], content.tagLabels);
    bylines.value = content.bylines.map((b) => b.name).join(', ');
    language.value = content.language;
    followDirection();
    editor.setBody(content.body);
    refreshChecks();
  }

  // Pasted text may carry control characters the newsroom refuses (Word's line break): taken out
  // as they arrive, the caret kept where it was, or the save would be refused for an invisible character.
  for (const control of [headline, standfirst, place, tags, bylines]) {
    control.addEventListener('input', () => {
      const cleaned = withoutUnsupportedCharacters(control.value);
      if (cleaned === control.value) return;
      const caret = (control.selectionStart ?? control.value.length) - (control.value.length - cleaned.length);
      control.value = cleaned;
      control.setSelectionRange(Math.max(0, caret), Math.max(0, caret));
    });
  }
  for (const control of [headline, standfirst, place, date, tags, bylines, language]) control.addEventListener('input', changed);
  section.addEventListener('change', changed);

  // ---- checks, submit, status, timeline, revisions ----
  /**
   * The editorial checks themselves (the ones editorial-review runs on the submitted revision),
   * run here on the text as it is typed: an error holds the Submit button back.
   */
  function refreshChecks(): void {
    const content = current();
    length.textContent = wordsInBody(bodyWordCount(content.body, content.language));
    // A story that cannot be edited cannot be submitted either: its state says what comes next instead.
    checksSection.hidden = Boolean(draft && !draft.editable);
    if (checksSection.hidden) return;
    const findings = runEditorialChecks(content, { sections: sections.map((s) => s.slug) });
    show(checksRegion, renderChecks([...refusals, ...findings], 'All checks pass: ready to submit.'));
    submit.disabled = submitting || !draft?.editable || refusals.length > 0 || blockingErrors(findings).length > 0;
  }

  // One submission at a time: a double click sent two, and the second's 409 read as a failure.
  submit.addEventListener('click', () => {
    if (submitting) return;
    submitting = true;
    submit.disabled = true;
    void (async () => {
      try {
        clearTimeout(timer);
        await save();
        if (dirty || !id) return;
        const answer = await service<DraftView>('drafting', 'POST', `/v1/drafts/${id}/submit`, { ifMatch: etag });
        draft = answer.body;
        show(submitMessage, notice('success', 'Submitted. Editors see it in their queue now.'));
        // A story sent back and submitted again no longer waits for its reporter.
        context.countsChanged();
        void loadRevisions().catch(() => undefined);
      } catch (error) {
        show(submitMessage, notice('error', describeError(error)));
      } finally {
        submitting = false;
        renderSide();
        // The button is hidden once submitted: the keyboard goes to what happened, not the page's top.
        const said = submitMessage.firstElementChild as HTMLElement | null;
        if (said && document.activeElement === document.body) {
          said.tabIndex = -1;
          said.focus();
        }
      }
    })();
  });

  /** The story as its public page would look (publishing's renderer), below the form. */
  function showPreview(): Promise<void> {
    return showPagePreview(previewRegion, current());
  }

  function setEditable(editable: boolean): void {
    for (const control of [headline, standfirst, place, date, section, tags, bylines, language]) control.disabled = !editable;
    editor.setEditable(editable);
  }

  /** Starts a new revision; one at a time (a double click started one and reported the second's refusal as a failure). */
  function newRevisionButton(): HTMLButtonElement {
    const control = button('Start a new revision', () => {
      if (control.disabled) return;
      control.disabled = true;
      void service<DraftView>('drafting', 'POST', `/v1/drafts/${id}/revisions`, { ifMatch: etag })
        .then((answer) => {
          draft = answer.body;
          etag = answer.etag ?? `"${draft.version}"`;
          baseVersion = draft.version;
          saveState.textContent = `Saved (version ${draft.version})`;
          show(submitMessage);
          renderSide();
          void loadRevisions().catch(() => undefined);
        })
        .catch((error: unknown) => {
          control.disabled = false;
          show(submitMessage, notice('error', describeError(error)));
        });
    });
    return control;
  }

  /**
   * Takes a story still waiting in the queue back from review (editorial review decides: an
   * editor may have claimed it meanwhile), then waits, briefly, for drafting to hear of it over
   * the event bus, so the text opens for editing at once rather than at the next poll.
   */
  function recallButton(): HTMLButtonElement {
    const recalledText = 'Recalled from the review queue. Edit it as you need, and submit it again when it is ready.';
    const control = button('Recall from review', () => {
      if (control.disabled || !id || !draft) return;
      control.disabled = true;
      const shown = draft;
      void (async () => {
        try {
          await recallOnceQueued(id, shown);
          show(submitMessage, notice('success', recalledText));
          for (let attempt = 0; attempt < 40 && draft?.status === 'submitted'; attempt += 1) {
            await new Promise((resolve) => setTimeout(resolve, 250));
            const answer = await service<DraftView>('drafting', 'GET', `/v1/drafts/${id}`);
            if (answer.body.status === 'submitted') continue;
            draft = answer.body;
            etag = answer.etag ?? `"${draft.version}"`;
            renderSide();
            show(submitMessage, notice('success', recalledText));
          }
        } catch (error) {
          control.disabled = false;
          show(submitMessage, notice('error', await recallRefusal(error)));
          // It says an editor has the story, which this screen may hear of only at its next poll.
          messageHolds = error instanceof ApiError && error.code === 'REVIEW.RECALL_TOO_LATE' ? 'in_review' : undefined;
        }
      })();
    });
    return control;
  }

  /**
   * Sends the recall of the submission this screen shows (its revision and time, from the
   * timeline), so the queue never answers for an earlier one. A story submitted a moment ago may
   * not have reached the queue yet (it goes over the event bus): REVIEW.NOT_FOUND and
   * REVIEW.SUBMISSION_NOT_CURRENT are asked again for a few seconds before they are said.
   */
  async function recallOnceQueued(articleId: string, shown: DraftView): Promise<void> {
    const submittedAt = latestEntry(shown.activity, 'submitted')?.at;
    const submission = shown.submittedRevision !== null && submittedAt ? { revision: shown.submittedRevision, submittedAt } : {};
    for (let attempt = 1; ; attempt += 1) {
      try {
        await service('editorial-review', 'POST', `/v1/reviews/${articleId}/recall`, { body: submission });
        return;
      } catch (error) {
        const notThereYet = error instanceof ApiError && (error.code === 'REVIEW.NOT_FOUND' || error.code === 'REVIEW.SUBMISSION_NOT_CURRENT');
        if (!notThereYet || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  /** Why a recall was refused, in the reporter's words: who has the story, or that the queue has not received it yet. */
  async function recallRefusal(error: unknown): Promise<string> {
    if (!(error instanceof ApiError)) return describeError(error);
    if (error.code === 'REVIEW.RECALL_TOO_LATE') {
      const assigneeId = (error.details as { assigneeId?: unknown } | undefined)?.assigneeId;
      const editor = typeof assigneeId === 'string' ? personName(await peopleNames([assigneeId]), assigneeId) : 'An editor';
      return `${editor} is already reviewing it, so it can no longer be recalled: ask them to send it back to you.`;
    }
    // Submitted a moment ago: the queue hears of it over the event bus.
    if (error.code === 'REVIEW.NOT_FOUND' || error.code === 'REVIEW.SUBMISSION_NOT_CURRENT') return 'The review queue has not received your submission yet. Try again in a moment.';
    return describeError(error);
  }

  /**
   * Spikes the story (sets it aside, read-only, off My stories), after asking, and saving what
   * was typed first; or unspikes it. One request at a time, as for a new revision.
   */
  function spikeButton(spike: boolean): HTMLButtonElement {
    const control = button(spike ? 'Spike' : 'Unspike', () => {
      if (control.disabled || !draft) return;
      if (spike && !confirm(`Spike “${draft.article.headline}”? It leaves My stories for Spiked stories, and nobody can edit or submit it until you unspike it.`)) return;
      control.disabled = true;
      void (async () => {
        try {
          if (spike) {
            clearTimeout(timer);
            await save();
            if (dirty) throw new Error('What you typed is not saved yet, so the story was not spiked.');
            // Nothing typed meanwhile: a save after the spike would be refused (DRAFT.SPIKED) over "Spiked."
            setEditable(false);
          }
          const answer = await service<DraftView>('drafting', 'POST', `/v1/drafts/${id}/${spike ? 'spike' : 'unspike'}`, spike ? { ifMatch: etag } : {});
          draft = answer.body;
          etag = answer.etag ?? `"${draft.version}"`;
          show(submitMessage, spike ? notice('success', 'Spiked. It waits under Spiked stories until you unspike it.') : notice('success', 'Unspiked. It is back on My stories, as it was.'));
          renderSide();
        } catch (error) {
          control.disabled = false;
          if (draft) setEditable(draft.editable);
          show(submitMessage, notice('error', describeError(error)));
        }
      })();
    });
    if (spike) control.classList.add('danger');
    return control;
  }

  /** Who took the story for review last, by name (a take-over names the editor who has it now). */
  function reviewerName(shown: DraftView): string | undefined {
    const claimed = latestEntry(shown.activity, 'review_claimed');
    return claimed?.actorId ? personName(names, claimed.actorId, user.id) : undefined;
  }

  function renderSide(): void {
    if (!draft) {
      // The preview needs no saved version: publishing renders the text on screen.
      show(statusRegion, h('p', {}, 'New story, not saved yet.'), h('div', { class: 'actions' }, button('Preview', () => void showPreview())));
      refreshChecks();
      return;
    }
    const live = draft.publicUrl && ['published', 'corrected', 'updated'].includes(draft.status);
    show(
      statusRegion,
      h('p', {}, 'Status: ', statusBadge(draft.status), draft.spikedAt ? [' ', statusBadge('spiked')] : null, ` · version ${draft.version}`),
      draft.spikedAt ? h('p', { class: 'story-state' }, spikedStoryState(draft.spikedAt)) : draft.editable ? null : h('p', { class: 'story-state' }, lockedStoryState(draft.status, draft.publishAt, draft.publicUrl, reviewerName(draft))),
      live ? h('p', {}, h('a', { href: draft.publicUrl as string, target: '_blank', rel: 'noopener' }, 'Open the public page')) : null,
      h(
        'div',
        { class: 'actions' },
        button('Preview', () => void showPreview()),
        draft.status === 'submitted' && !draft.spikedAt ? recallButton() : null,
        draft.revisable ? newRevisionButton() : null,
        draft.spikedAt ? spikeButton(false) : draft.spikeable ? spikeButton(true) : null,
      ),
    );
    show(timelineRegion, renderActivity(draft.activity, names, user.id, blockOf));
    if (revisions.length > 0) renderRevisions();
    const request = draft.status === 'changes_requested' ? latestEntry(draft.activity, 'changes_requested') : undefined;
    show(
      requestRegion,
      request
        ? h(
            'div',
            { class: 'notice notice-info changes-request', role: 'status' },
            `Changes requested${request.actorId ? ` by ${personName(names, request.actorId, user.id)}` : ''}${request.note ? `: “${request.note}”` : '.'} `,
            h('a', { href: '#notes-title' }, 'All notes and history'),
          )
        : null,
    );
    setEditable(draft.editable);
    refreshChecks();
  }

  // The saved revisions' texts: an editor's note on one block is about that revision's block.
  const revisionTexts = new Map<number, Article>();
  const blockOf = (revision: number, index: number) => revisionTexts.get(revision)?.body[index];

  let revisions: RevisionView[] = [];
  let revisionsKey = '';
  async function loadRevisions(): Promise<void> {
    if (!id) return;
    const { body } = await service<RevisionView[]>('drafting', 'GET', `/v1/drafts/${id}/revisions`);
    for (const revision of body) revisionTexts.set(revision.number, revision.article);
    if (draft) show(timelineRegion, renderActivity(draft.activity, names, user.id, blockOf));
    revisions = body;
    renderRevisions();
  }

  /**
   * The revisions fetched last, with what the timeline says of each. Every pause in typing saves
   * a revision, so a story soon has dozens: the ones its history names (sent to the editors, gone
   * live) and the latest stand out, the saves between them fold. Drawn again only when those
   * words change (an editor's decision arriving), so a revision the reporter opened stays open.
   */
  function renderRevisions(): void {
    const milestones = revisionMilestones(draft?.activity ?? []);
    const key = `${revisions.length}:${JSON.stringify([...milestones])}`;
    if (key === revisionsKey) return;
    revisionsKey = key;
    const body = revisions;
    const newestFirst = body.slice().reverse();
    const item = (revision: RevisionView): HTMLElement => {
      const said = milestones.get(revision.number);
      return h(
        'li',
        {},
        h('details', {}, h('summary', {}, `Revision ${revision.number} · ${when(revision.createdAt)}${said ? ` · ${said.join(', ')}` : ''}`), renderArticle(revision.article, `Revision ${revision.number}`, { sections })),
      );
    };
    const named = newestFirst.filter((revision, index) => index === 0 || milestones.has(revision.number));
    const saves = newestFirst.filter((revision) => !named.includes(revision));
    show(
      revisionsRegion,
      body.length === 0
        ? h('p', {}, 'No revisions yet.')
        : [
            h('ul', { class: 'revisions' }, named.map(item)),
            saves.length > 0
              ? h('details', { class: 'revision-saves' }, h('summary', {}, `${saves.length} other saved ${saves.length === 1 ? 'version' : 'versions'} (each pause in typing saves one)`), h('ul', { class: 'revisions' }, saves.map(item)))
              : null,
          ],
    );
  }

  // Status and notes come from editors and publishing: refresh them; the text only when untouched.
  poll(context, async () => {
    if (!id || saving) return;
    const answer = await service<DraftView>('drafting', 'GET', `/v1/drafts/${id}`);
    const fresh = answer.body;
    const newer = !draft || fresh.version !== draft.version || fresh.status !== draft.status || fresh.activity.length !== draft.activity.length;
    if (!newer) return;
    // A message about the status before is cleared when the status moves on, unless it said where it was going.
    if (fresh.status !== draft?.status) {
      if (fresh.status !== messageHolds) show(submitMessage);
      messageHolds = undefined;
    }
    if (!dirty && !conflict && draft && fresh.version !== draft.version) {
      fill(fresh.article);
      etag = answer.etag ?? `"${fresh.version}"`;
      baseVersion = fresh.version;
      saveState.textContent = `Saved (version ${fresh.version})`;
      // The text changed under the reporter's eyes: say why, rather than let it change unseen.
      // New entries by what they are, not by position: the timeline is ordered by event time, and
      // a correction stamped earlier than an entry already shown lands before it.
      const known = new Set(draft.activity.map(entryKey));
      const news = fresh.activity.filter((entry) => !known.has(entryKey(entry)));
      const correction = [...news].reverse().find((entry) => entry.kind === 'corrected');
      // A revision going live takes in corrections made to the text it replaced (drafting's timeline says so).
      const carried = news.some((entry) => entry.kind === 'published' || entry.kind === 'updated');
      const subEdit = [...news].reverse().find((entry) => entry.kind === 'sub_edited');
      show(
        submitMessage,
        notice(
          'info',
          correction
            ? `An editor corrected the live story${correction.note ? ` (“${correction.note}”)` : ''}; the text here now includes the correction (version ${fresh.version}).`
            : carried
              ? `The story went live with the corrections made meanwhile carried in; the text here now includes them (version ${fresh.version}).`
              : subEdit
                ? `${subEdit.actorId ? personName(names, subEdit.actorId, user.id) : 'The editor'} edited the text in review; the text here is now their version ${fresh.version} (the revisions below show both).`
                : `This story was saved elsewhere; the text here is now version ${fresh.version}.`,
        ),
      );
    }
    if (!dirty) etag = answer.etag ?? `"${fresh.version}"`;
    // While typing waits to be saved, the screen stays on the version it is typing on, that
    // version's text included: a save compares the text with it (asSaved), and the newer one
    // is met by the save's conflict check.
    draft = dirty && draft ? { ...fresh, version: draft.version, article: draft.article } : fresh;
    names = await peopleNames(actors(draft));
    renderSide();
    await loadRevisions();
  });

  renderSide();
  await loadRevisions().catch(() => undefined);
  offerUnsaved();

  /**
   * Text typed here and never saved (the session ended mid-edit, or the tab was reloaded): offered
   * back. Typed on an older version than the one saved now, it goes through the conflict view, so
   * restoring it never quietly undoes what was saved since.
   */
  function offerUnsaved(): void {
    const kept = keptUnsaved(user.id, id);
    if (!kept) return;
    if (sameText(kept.article, current())) return forgetUnsaved(user.id, id);
    if (draft && !draft.editable) return;
    // Until the reporter answers, what they type here does not overwrite the text offered.
    offering = true;
    show(
      conflictRegion,
      h(
        'div',
        { class: 'notice notice-error unsaved-offer', role: 'alert' },
        h('p', {}, `Text you had not saved (${new Date(kept.at).toLocaleTimeString()}) was kept in this window. ${unsavedDiffers(kept.article, current())}`),
        // What would come back, to read before choosing: restoring replaces the text on screen.
        h('details', { class: 'unsaved-text' }, h('summary', {}, 'Show the kept text'), renderArticle(kept.article, 'Kept text', { sections, against: current() })),
        h(
          'div',
          { class: 'actions' },
          button('Restore it', () => {
            offering = false;
            show(conflictRegion);
            fill(kept.article);
            // Typed on an older version than the one saved now: the save meets a 412 and the conflict view.
            if (draft && kept.version !== null && kept.version !== draft.version) etag = `"${kept.version}"`;
            baseVersion = kept.version ?? baseVersion;
            changed();
            void save();
          }, { class: 'primary' }),
          button('Discard it', () => {
            offering = false;
            forgetUnsaved(user.id, id);
            show(conflictRegion);
            // Typed meanwhile: kept from now on.
            if (dirty) keepTyped();
          }),
        ),
      ),
    );
  }


  return h(
    'div',
    { class: 'screen story-screen' },
    h('div', { class: 'title-row' }, title, saveState),
    requestRegion,
    conflictRegion,
    previewRegion,
    h(
      'div',
      { class: 'two-columns' },
      h(
        'form',
        { class: 'story-form', 'aria-label': 'Story', onsubmit: (event: Event) => event.preventDefault() },
        field('Headline', headline),
        field('Standfirst', standfirst, 'One or two sentences under the headline'),
        h('fieldset', { class: 'inline-fields' }, h('legend', {}, 'Dateline'), field('Place', place), field('Date', date)),
        h('div', { class: 'inline-fields' }, field('Section', section), field('Language', language, 'e.g. en')),
        tagsField(tags),
        field('Bylines', bylines, 'Comma-separated names'),
        editor.element,
        length,
      ),
      h(
        'aside',
        { class: 'side', 'aria-label': 'Status, checks and notes' },
        h('section', { 'aria-labelledby': 'status-title' }, h('h2', { id: 'status-title' }, 'Status'), statusRegion, submitMessage),
        checksSection,
        h('section', { 'aria-labelledby': 'notes-title' }, h('h2', { id: 'notes-title' }, 'Editor notes and history'), timelineRegion),
        h('section', { 'aria-labelledby': 'revisions-title' }, h('h2', { id: 'revisions-title' }, 'Revisions'), revisionsRegion),
      ),
    ),
  );
}

/** What tells one timeline entry from another: the API gives entries no id. */
function entryKey(entry: { kind: string; at: string; revision?: number | null; note?: string | null }): string {
  return JSON.stringify([entry.kind, entry.at, entry.revision ?? null, entry.note ?? null]);
}

/**
 * Whether two versions of a story hold the same text, whatever order their fields come in
 * (drafting answers with its own order, the form builds another): compared as JSON with each
 * object's keys sorted.
 */
function sameText(a: unknown, b: unknown): boolean {
  return JSON.stringify(a, sortedKeys) === JSON.stringify(b, sortedKeys);
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
