import { hasAnyRole, type AuthenticatedUser } from '@newsroom/auth';
import { ArticleContent, canonicalJson, validatePlain, withChanges } from '@newsroom/contracts';
import { EDITABLE_STATUSES, FINAL_STATUSES, REVISABLE_STATUSES, SPIKEABLE_STATUSES, STATUS_PROGRESS, type DraftStatus } from './draft-status';
import { invalidContent, notEditable, notInReview, notRevisable, notSpikeable, notSubmittable, notTheAuthor, notTheReviewer, spiked, staleVersion, versionRequired } from './draft.errors';
import { mergeCorrection, type CorrectableField, type CorrectedText } from './draft-correction';
import type { ActivityKind, ReviewStatusMilestone, TimelineEntry } from './draft-timeline';

/** Everything a draft knows, as stored; the repository's view of it. */
export interface DraftSnapshot {
  id: string;
  authorId: string;
  status: DraftStatus;
  /** The current revision number; also the version clients send in If-Match. */
  version: number;
  content: ArticleContent;
  /** The revision the latest review/publishing status refers to. */
  statusRevision: number | null;
  submittedRevision: number | null;
  publicUrl: string | null;
  publishAt: Date | null;
  /** The live revision the last published correction was about; null before any correction. */
  correctedRevision: number | null;
  /** That revision's live text as the correction left it: what the next correction of it replaces. */
  correctedContent: ArticleContent | null;
  /** When its reporter spiked it (set it aside); null while it is not spiked. */
  spikedAt: Date | null;
  /**
   * The editor who claimed (or took over) the story last, as editorial review reported it, and
   * when: the one who may sub-edit it while it is in review. Null before any claim.
   */
  reviewerId: string | null;
  reviewerSince: Date | null;
}

/** A saved version of the text, immutable once written. */
export interface DraftRevision {
  number: number;
  content: ArticleContent;
  /** Who wrote this revision: the reporter, or the editor who sub-edited it in review. */
  authorId: string;
  createdAt: Date;
}

/** What happened to a draft since it was created or loaded: what its repository has to write. */
export interface DraftChanges {
  /** Set when the draft is new (insert its row), to the moment it was created. */
  createdAt: Date | null;
  /** The draft's own fields changed (update its row). */
  stateChanged: boolean;
  /** A new revision to store. */
  revision: DraftRevision | null;
  /** New timeline entries, oldest first. */
  timeline: TimelineEntry[];
}

/** A status or note reported by editorial review or publishing (one event). */
export interface ProgressReport {
  /** The event it came from; a timeline holds at most one entry per event. */
  eventId: string;
  /** The revision it is about; absent for reports about the article as a whole (a withdrawal, a kill). */
  revision?: number;
  actorId?: string;
  note?: string;
  /** For an editor's note on one block of the revision's body: that block, 0-based. */
  blockIndex?: number;
  at: Date;
}

/** A correction publishing made to the live text (one event). */
export interface PublishedCorrection extends ProgressReport {
  /** The live revision that was corrected; publishing keeps its number. */
  revision: number;
  /** The correction note readers see. */
  note: string;
  /** The corrected live values of the fields a correction reports. */
  text: CorrectedText;
}

/** What a correction did to the working copy. */
export interface CorrectionOutcome {
  /** Fields replaced in the working copy (a new revision holds them). */
  applied: CorrectableField[];
  /** Fields the correction changed but the reporter had changed too: the reporter's text stays. */
  kept: CorrectableField[];
}

/** Who reads every draft: editors (and admins). Everyone else reads only their own. */
export function readsEveryDraft(reader: AuthenticatedUser): boolean {
  return hasAnyRole(reader, ['editor']);
}

/**
 * Whether the reporter may edit and submit the text: in an editable status, and not spiked.
 * Also what the read views say (`editable`).
 */
export function isEditable(draft: Pick<DraftSnapshot, 'status' | 'spikedAt'>): boolean {
  return EDITABLE_STATUSES.includes(draft.status) && draft.spikedAt === null;
}

/**
 * Whether the reporter may spike the story now: in a spikeable status (SPIKEABLE_STATUSES) and
 * never live (no public address: a revision of a story that was on the site is not spiked, the
 * site's copy is an editor's to take down), and not spiked already.
 */
export function isSpikeable(draft: Pick<DraftSnapshot, 'status' | 'spikedAt' | 'publicUrl'>): boolean {
  return SPIKEABLE_STATUSES.includes(draft.status) && draft.publicUrl === null && draft.spikedAt === null;
}

/**
 * Someone else's draft is reported as missing, not forbidden, so its existence
 * is not disclosed: callers answer DRAFT.NOT_FOUND when this is false.
 */
export function mayReadDraft(reader: AuthenticatedUser, authorId: string): boolean {
  return reader.id === authorId || readsEveryDraft(reader);
}

/**
 * An edit must name the version it was made on (optimistic concurrency, so two
 * people never overwrite each other silently). Returns that version; throws
 * DRAFT.VERSION_REQUIRED (428) when it is missing.
 */
export function requireEditedVersion(expectedVersion: number | undefined): number {
  if (expectedVersion === undefined) throw versionRequired();
  return expectedVersion;
}

const REVIEW_STATUS: Record<ReviewStatusMilestone, DraftStatus> = {
  review_claimed: 'in_review',
  changes_requested: 'changes_requested',
  recalled: 'recalled',
  approved: 'approved',
  rejected: 'rejected',
};

/**
 * The reporter's side of an article: who may edit it and when, and how review
 * and publishing outcomes move its status. Pure rules, no I/O; its state is
 * changed only through the intention-named methods below, each of which also
 * adds the matching timeline entry.
 */
export class Draft {
  private changes: DraftChanges = { createdAt: null, stateChanged: false, revision: null, timeline: [] };

  private constructor(private readonly state: DraftSnapshot) {}

  /** A new draft at version 1, written by `authorId`. */
  static create(id: string, authorId: string, content: ArticleContent, at: Date): Draft {
    const draft = new Draft({
      id,
      authorId,
      status: 'draft',
      version: 1,
      content,
      statusRevision: null,
      submittedRevision: null,
      publicUrl: null,
      publishAt: null,
      correctedRevision: null,
      correctedContent: null,
      spikedAt: null,
      reviewerId: null,
      reviewerSince: null,
    });
    draft.changes.createdAt = at;
    draft.saveRevision(at);
    draft.addEntry({ kind: 'created', at, actorId: authorId, revision: 1 });
    return draft;
  }

  /** A draft as it was stored. */
  static restore(snapshot: DraftSnapshot): Draft {
    return new Draft({ ...snapshot });
  }

  get id(): string {
    return this.state.id;
  }
  get authorId(): string {
    return this.state.authorId;
  }
  get status(): DraftStatus {
    return this.state.status;
  }
  get version(): number {
    return this.state.version;
  }
  get content(): Readonly<ArticleContent> {
    return this.state.content;
  }
  get submittedRevision(): number | null {
    return this.state.submittedRevision;
  }
  get statusRevision(): number | null {
    return this.state.statusRevision;
  }
  get publicUrl(): string | null {
    return this.state.publicUrl;
  }
  get publishAt(): Date | null {
    return this.state.publishAt;
  }

  get spikedAt(): Date | null {
    return this.state.spikedAt;
  }

  get reviewerId(): string | null {
    return this.state.reviewerId;
  }

  get canBeEdited(): boolean {
    return isEditable(this.state);
  }

  isVisibleTo(reader: AuthenticatedUser): boolean {
    return mayReadDraft(reader, this.state.authorId);
  }

  /** A copy of the current state, for storing. */
  snapshot(): DraftSnapshot {
    return { ...this.state };
  }

  /** Hands over what changed since creation, loading or the last call, and forgets it. */
  takeChanges(): DraftChanges {
    const changes = this.changes;
    this.changes = { createdAt: null, stateChanged: false, revision: null, timeline: [] };
    return changes;
  }

  /**
   * Saves `changes` as a new revision: omitted fields keep their value, `body`
   * is replaced whole. The merged article must be valid (REQUEST.VALIDATION_FAILED),
   * the editor must be the author (DRAFT.NOT_AUTHOR), the draft editable
   * (DRAFT.NOT_EDITABLE) and `expectedVersion` current (DRAFT.VERSION_CONFLICT:
   * nothing changes, so a stale edit never overwrites a newer text).
   */
  edit(editorId: string, expectedVersion: number, changes: Partial<ArticleContent>, at: Date): void {
    const content = mergeContent(this.state.content, changes);
    this.assertAuthor(editorId);
    if (this.state.spikedAt) throw spiked();
    if (!this.canBeEdited) throw notEditable(this.state.status);
    if (expectedVersion !== this.state.version) throw staleVersion(expectedVersion, this.state.version);
    this.takeNewText(content, at);
    this.addEntry({ kind: 'edited', at, actorId: editorId, revision: this.state.version });
  }

  /**
   * Sends the current revision to review. Only the author (DRAFT.NOT_AUTHOR),
   * only from an editable status (DRAFT.NOT_SUBMITTABLE), and when
   * `expectedVersion` is given it must be current (DRAFT.VERSION_CONFLICT).
   */
  submit(userId: string, expectedVersion: number | undefined, at: Date): void {
    this.assertAuthor(userId);
    if (this.state.spikedAt) throw spiked();
    if (!this.canBeEdited) throw notSubmittable(this.state.status);
    if (expectedVersion !== undefined && expectedVersion !== this.state.version) {
      throw staleVersion(expectedVersion, this.state.version);
    }
    this.state.status = 'submitted';
    this.state.submittedRevision = this.state.version;
    this.state.statusRevision = this.state.version;
    this.changes.stateChanged = true;
    this.addEntry({ kind: 'submitted', at, actorId: userId, revision: this.state.version });
  }

  /**
   * The editor reviewing the story edits its text (a sub-edit: a headline tightened, a figure put
   * right, a paragraph cut) instead of sending it back for that. Saved as a newer revision written
   * by the editor and sent to review at once (the caller records the submission event, with
   * `editedBy`), so that what review shows, and what approval publishes, is the edited text; the
   * story stays in review, and the reporter reads the edit on their timeline and works on from it.
   * `changes` are merged as in `edit`.
   *
   * Only while it is in review (DRAFT.NOT_IN_REVIEW), only by the editor editorial review last
   * reported as holding it (DRAFT.NOT_REVIEWER: a reporter, another editor), on the current
   * version (DRAFT.VERSION_CONFLICT), and the result must be a valid article
   * (REQUEST.VALIDATION_FAILED). Review has the last word: a sub-edit that reaches it after
   * another editor took the story over goes back to the queue instead of being approved unseen.
   * Returns false, changing nothing, when the edit leaves the text as it is.
   */
  subEdit(editorId: string, expectedVersion: number, changes: Partial<ArticleContent>, at: Date): boolean {
    if (this.state.status !== 'in_review') throw notInReview(this.state.status);
    if (this.state.reviewerId !== editorId) throw notTheReviewer(this.state.reviewerId);
    if (expectedVersion !== this.state.version) throw staleVersion(expectedVersion, this.state.version);
    const content = mergeContent(this.state.content, changes);
    if (canonicalJson(content) === canonicalJson(this.state.content)) return false;
    this.takeNewText(content, at, editorId);
    this.state.submittedRevision = this.state.version;
    this.state.statusRevision = this.state.version;
    this.addEntry({ kind: 'sub_edited', at, actorId: editorId, revision: this.state.version });
    return true;
  }

  /**
   * Starts a newer revision of a live story: the live text is copied into a new revision, the
   * draft becomes editable (`draft`) and can be edited and submitted as usual; approved, it
   * publishes as an update at the same address (`publicUrl` is kept meanwhile). Reports about
   * the live revision that arrive late no longer move the status: they are about an older
   * revision. Only the author (DRAFT.NOT_AUTHOR), only from a published, withdrawn or cancelled
   * story (REVISABLE_STATUSES, else DRAFT.NOT_REVISABLE), and `expectedVersion`, when given, must be current
   * (DRAFT.VERSION_CONFLICT).
   */
  startRevision(userId: string, expectedVersion: number | undefined, at: Date): void {
    this.assertAuthor(userId);
    if (this.state.spikedAt) throw spiked();
    if (!REVISABLE_STATUSES.includes(this.state.status)) throw notRevisable(this.state.status);
    if (expectedVersion !== undefined && expectedVersion !== this.state.version) {
      throw staleVersion(expectedVersion, this.state.version);
    }
    this.state.version += 1;
    this.state.status = 'draft';
    this.state.statusRevision = this.state.version;
    this.changes.stateChanged = true;
    this.saveRevision(at);
    this.addEntry({ kind: 'revision_started', at, actorId: userId, revision: this.state.version });
  }

  /**
   * The reporter spikes the story: it leaves their list of stories (listed with the spiked ones),
   * and nobody edits or submits it until they unspike it. The text, its revisions and its
   * timeline stay; the status stays as it was, and later reports move it as usual. Only the
   * author (DRAFT.NOT_AUTHOR), only a story that never went live, in a spikeable status
   * (DRAFT.NOT_SPIKEABLE), and `expectedVersion`, when given, must be current
   * (DRAFT.VERSION_CONFLICT). Spiking a spiked story changes nothing (a second click).
   * Returns whether it changed.
   */
  spike(userId: string, expectedVersion: number | undefined, at: Date): boolean {
    this.assertAuthor(userId);
    if (this.state.spikedAt) return false;
    if (!isSpikeable(this.state)) throw notSpikeable(this.state.status, this.state.publicUrl !== null);
    if (expectedVersion !== undefined && expectedVersion !== this.state.version) {
      throw staleVersion(expectedVersion, this.state.version);
    }
    this.state.spikedAt = at;
    this.changes.stateChanged = true;
    this.addEntry({ kind: 'spiked', at, actorId: userId, revision: this.state.version });
    return true;
  }

  /**
   * The reporter brings a spiked story back, as it was when spiked (same status, same text).
   * Only the author (DRAFT.NOT_AUTHOR); a story that is not spiked changes nothing. Returns
   * whether it changed.
   */
  unspike(userId: string, at: Date): boolean {
    this.assertAuthor(userId);
    if (!this.state.spikedAt) return false;
    this.state.spikedAt = null;
    this.changes.stateChanged = true;
    this.addEntry({ kind: 'unspiked', at, actorId: userId, revision: this.state.version });
    return true;
  }

  /** An editor claimed, asked for changes, approved or rejected. Returns whether the status moved. */
  recordReviewStatus(milestone: ReviewStatusMilestone, report: ProgressReport): boolean {
    if (milestone === 'review_claimed') this.recordReviewer(report);
    return this.recordProgress(milestone, REVIEW_STATUS[milestone], report);
  }

  /**
   * Who holds the story in review is whoever claimed it last: claims and take-overs are ordered
   * by their time, not by their revision, since a take-over announced before a sub-edit reached
   * review names the revision before it.
   */
  private recordReviewer(report: ProgressReport): void {
    if (!report.actorId) return;
    if (this.state.reviewerSince && report.at.getTime() < this.state.reviewerSince.getTime()) return;
    this.state.reviewerId = report.actorId;
    this.state.reviewerSince = report.at;
    this.changes.stateChanged = true;
  }

  /** An editor left a note; it changes no status. */
  recordEditorNote(report: ProgressReport): void {
    this.recordProgress('editor_note', null, report);
  }

  /** Publishing scheduled the article for `publishAt`. Returns whether the status moved. */
  recordSchedule(publishAt: Date, report: ProgressReport): boolean {
    return this.recordProgress(
      'scheduled',
      'scheduled',
      report,
      () => {
        this.state.publishAt = publishAt;
      },
      { publishAt },
    );
  }

  /** The article went live at `publicUrl`. Returns whether the status moved. */
  recordPublication(publicUrl: string, report: ProgressReport): boolean {
    return this.recordProgress('published', 'published', report, () => {
      this.state.publicUrl = publicUrl;
    });
  }

  /**
   * A newer approved revision replaced the live text at `publicUrl` (the same address, normally).
   * The draft shows it as that revision published. Returns whether the status moved.
   */
  recordUpdate(publicUrl: string, report: ProgressReport): boolean {
    return this.recordProgress('updated', 'published', report, () => {
      this.state.publicUrl = publicUrl;
    });
  }

  /**
   * An editor cancelled the revision that was waiting for its time: it will never go live, and
   * nothing waits any more. A text that was live before stays live, so `publicUrl` is kept.
   * Returns whether the status moved.
   */
  recordScheduleCancellation(report: ProgressReport): boolean {
    return this.recordProgress('schedule_cancelled', 'cancelled', report, () => {
      this.state.publishAt = null;
    });
  }

  /**
   * Publishing killed the article (legal removal): nothing of it is served anywhere, so the
   * public URL and any schedule are dropped. The draft itself stays, readable by its author and
   * editors. Final: no later report moves the status again. Returns whether the status moved.
   */
  recordKill(report: ProgressReport): boolean {
    return this.recordProgress('killed', 'killed', report, () => {
      this.state.publicUrl = null;
      this.state.publishAt = null;
    });
  }

  /**
   * The live text of `revision` as the last correction of it left it, when this draft took one
   * in; null otherwise, when that revision's own saved text is the live text.
   */
  correctedLiveText(revision: number): ArticleContent | null {
    return this.state.correctedRevision === revision ? this.state.correctedContent : null;
  }

  /**
   * Publishing corrected the live article (`replaced` is the live text it replaced, null when
   * unknown); the status stays and the timeline gets the correction either way.
   *
   * The working copy is what the reporter sees and what a new revision starts from, so it takes
   * the correction; otherwise a later update would silently put the uncorrected text live again.
   * Only where it may, though:
   * - a published story with no revision in progress: its working copy is the live text, so it
   *   takes every corrected field (a correction of an older revision than the one live is out
   *   of date and changes nothing);
   * - a revision in progress that the reporter is editing (`draft`, `changes_requested`, `recalled`): the
   *   reporter's unsubmitted edits are theirs, so a field takes the correction only where it
   *   still holds the replaced text (mergeCorrection); a field the reporter changed keeps their
   *   text, and the timeline entry tells them what the correction said;
   * - a revision under review, approved or scheduled, or any other status: its text is locked
   *   and is what the editors review and publishing puts live, so it is not changed here;
   * - a killed story: nothing moves any more.
   * A working copy that changes gets a new revision and version, like an edit, so a PATCH
   * made on the version before the correction is refused (DRAFT.VERSION_CONFLICT) instead of
   * writing the uncorrected text back. The live text as corrected is kept as the base of the
   * next correction, so one delivered again (`replaced` is then its own result) changes nothing.
   */
  applyCorrection(correction: PublishedCorrection, replaced: ArticleContent | null): CorrectionOutcome {
    const outcome = this.takeCarriedCorrections(correction.revision, correction.text, replaced, correction.at);
    this.recordProgress('corrected', null, correction);
    return outcome;
  }

  /**
   * The live text of `revision` is `live`, which is not that revision as saved (`replaced`, null
   * when unknown): publishing corrected it (`applyCorrection`), or carried corrections of the text
   * it replaced into it as it went live (the consumer calls this after recording the
   * publication, whose timeline entry says so). Kept as the base of the next correction of that
   * revision, and taken into the working copy where it may (see applyCorrection).
   */
  takeCarriedCorrections(revision: number, live: CorrectedText, replaced: ArticleContent | null, at: Date): CorrectionOutcome {
    if (!replaced || FINAL_STATUSES.includes(this.state.status)) return { applied: [], kept: [] };
    // A report about an older revision than the newest live text known (a late redelivery, a
    // replayed dead letter) is out of date: it must not become the base of the next correction.
    if (this.state.correctedRevision !== null && revision < this.state.correctedRevision) return { applied: [], kept: [] };
    const merge = mergeCorrection(this.state.content, replaced, live);
    this.state.correctedRevision = revision;
    this.state.correctedContent = merge.live;
    this.changes.stateChanged = true;
    if (!this.takesCorrectionOf(revision)) return { applied: [], kept: [] };
    if (merge.applied.length > 0) this.takeNewText(merge.working, at);
    return { applied: merge.applied, kept: merge.kept };
  }

  /** Publishing took the article down. Returns whether the status moved. */
  recordWithdrawal(report: ProgressReport): boolean {
    return this.recordProgress('withdrawn', 'withdrawn', report);
  }

  /**
   * Review and publishing events arrive on two topics in no guaranteed order,
   * so a reported status applies only when it is for a newer revision, or for
   * the same revision and not behind the current one (a late `approved` never
   * overwrites `published`), and never once the status is final (killed). The timeline gets the
   * entry either way.
   */
  private recordProgress(kind: ActivityKind, status: DraftStatus | null, report: ProgressReport, whenMoved?: () => void, extra: Pick<Partial<TimelineEntry>, 'publishAt'> = {}): boolean {
    const revision = report.revision ?? this.state.statusRevision ?? this.state.version;
    const moved = status !== null && this.moveStatus(status, revision);
    if (moved) whenMoved?.();
    this.addEntry({ kind, at: report.at, actorId: report.actorId, revision, note: report.note, blockIndex: report.blockIndex, eventId: report.eventId, ...extra });
    return moved;
  }

  private moveStatus(status: DraftStatus, revision: number): boolean {
    if (FINAL_STATUSES.includes(this.state.status)) return false;
    const current = this.state.statusRevision ?? 0;
    const newer = revision > current;
    const sameRevisionForward = revision === current && STATUS_PROGRESS[status] >= STATUS_PROGRESS[this.state.status];
    if (!newer && !sameRevisionForward) return false;
    this.state.status = status;
    this.state.statusRevision = revision;
    this.changes.stateChanged = true;
    return true;
  }

  /**
   * Whether the working copy may take a correction of live revision `revision`: it is that live
   * text itself, or a revision the reporter is editing.
   */
  private takesCorrectionOf(revision: number): boolean {
    if (this.state.status === 'published') return this.state.statusRevision === revision;
    return this.canBeEdited;
  }

  private assertAuthor(userId: string): void {
    if (userId !== this.state.authorId) throw notTheAuthor();
  }

  /** The working copy becomes `content`, saved as the next revision (and version), written by `writtenBy` (the reporter when absent). */
  private takeNewText(content: ArticleContent, at: Date, writtenBy?: string): void {
    this.state.content = content;
    this.state.version += 1;
    this.changes.stateChanged = true;
    this.saveRevision(at, writtenBy);
  }

  private saveRevision(at: Date, writtenBy: string = this.state.authorId): void {
    this.changes.revision = { number: this.state.version, content: this.state.content, authorId: writtenBy, createdAt: at };
  }

  private addEntry(entry: Partial<TimelineEntry> & Pick<TimelineEntry, 'kind' | 'at'>): void {
    this.changes.timeline.push({
      kind: entry.kind,
      at: entry.at,
      actorId: entry.actorId ?? null,
      revision: entry.revision ?? null,
      note: entry.note ?? null,
      blockIndex: entry.blockIndex ?? null,
      publishAt: entry.publishAt ?? null,
      eventId: entry.eventId ?? null,
    });
  }
}

/** The article with `changes` applied, validated as a whole. */
function mergeContent(current: ArticleContent, changes: Partial<ArticleContent>): ArticleContent {
  const merged = validatePlain(ArticleContent, withChanges(current, changes));
  if (!merged.ok) throw invalidContent(merged.issues);
  return merged.value;
}
