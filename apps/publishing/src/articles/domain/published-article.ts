import { ArticleContent, withChanges, blockingErrors, canonicalJson, carryCorrection, runEditorialChecks, unsafeLinkChecks, validatePlain, type CorrectableField, type CorrectionCarry, type Priority } from '@newsroom/contracts';
import {
  articleKilled,
  articleVersionConflict,
  articleNotPublished,
  blockingChecksFailed,
  invalidCorrection,
  nothingCorrected,
  nothingDue,
  nothingScheduled,
  selfApproval,
  staleRevision,
} from './article.errors';
import type { PublicationStatus } from './publication-status';
import { publicationDueAt, type PublicationRequest } from './publication-time';

/** One approved revision of an article, exactly as the editor approved it. */
export interface ArticleRevision {
  revision: number;
  content: ArticleContent;
  priority: Priority;
}

/**
 * An approved revision waiting for its time; `dueAt` may already have passed. The schedule
 * (`publishAt`) and the embargo (`embargoUntil`) are kept apart: an editor may move the
 * schedule, but nothing about the story may appear before the embargo, whatever is approved
 * or rescheduled later. `dueAt` is the later of the two (or the approval time).
 */
export interface PendingRevision extends ArticleRevision {
  dueAt: Date;
  publishAt: Date | null;
  embargoUntil: Date | null;
}

/** An editor's approval of one revision, as editorial review announced it. */
export interface Approval extends ArticleRevision, PublicationRequest {
  authorId: string;
  editorId: string;
  approvedAt: Date;
}

export interface Withdrawal {
  at: Date;
  reason: string;
  editorId: string;
}

/** A legal removal: who, when and why stay here; nothing else of the article does. */
export interface Kill {
  at: Date;
  reason: string;
  editorId: string;
}

/** An editor dropped the revision that was waiting for its time. */
export interface Cancellation {
  at: Date;
  editorId: string;
  /** The revision dropped: it and anything older can never be accepted again. */
  revision: number;
}

/** An editor's correction of the live text. */
export interface CorrectionRequest {
  note: string;
  editorId: string;
  /**
   * Top-level article fields to replace; `body` and `tags` are replaced whole. Absent for a
   * note-only correction; when present, at least one field must change.
   */
  changes?: Record<string, unknown>;
  /** The article version the editor corrected from (`If-Match`); any version when absent. */
  expectedVersion?: number;
}

/** A correction as the public log keeps it. */
export interface CorrectionRecord {
  note: string;
  editorId: string;
  correctedAt: Date;
  /** The approved revision the correction was applied to. */
  revision: number;
  /** Top-level fields whose value changed, sorted; empty for a note-only correction. */
  changedFields: string[];
}

/** Everything storage keeps about an article; a copy, never the article's own state. */
export interface PublishedArticleSnapshot {
  id: string;
  status: PublicationStatus;
  /** Fixed at first publication, never changed afterwards: links must keep working. */
  slug: string | null;
  /** What readers see; null until the first publication. */
  live: ArticleRevision | null;
  /**
   * The live revision's text as its editor approved it, when corrections have changed the live
   * text since; null otherwise. It is the base a correction is carried from into the next
   * revision to go live (`goLive`), which was written from the text as approved.
   */
  liveAsApproved: ArticleContent | null;
  /**
   * When the first of the corrections the live text differs from `liveAsApproved` by was made:
   * those made since (carried into the live revision as it went live, or made to it) are what the
   * next revision is to take in. Null with `liveAsApproved`; also null on articles corrected
   * before it was kept, whose corrections are then those of the live revision.
   */
  liveCorrectedSince: Date | null;
  pending: PendingRevision | null;
  /** Bumped on every change readers can see: publication, update, correction, withdrawal. */
  version: number;
  /** First publication. */
  publishedAt: Date | null;
  /** Last change readers can see. */
  updatedAt: Date | null;
  /** When a newer approved revision last replaced the live text ("Updated …" on the page). */
  revisedAt: Date | null;
  correctedAt: Date | null;
  /** When the newest accepted approval was given. */
  approvedAt: Date;
  withdrawal: Withdrawal | null;
  kill: Kill | null;
  cancellation: Cancellation | null;
}

export type ApprovalOutcome =
  | { kind: 'due' }
  | { kind: 'scheduled'; dueAt: Date }
  /** The approval already accepted (same revision, same approval time) came again under another event id. */
  | { kind: 'ignored'; reason: 'already-accepted' }
  /**
   * Approved before an editor withdrew the article: the withdrawal is the later decision. The
   * revision is dropped as the withdrawal would have dropped it had it been waiting then
   * (`cancellation`, by the withdrawing editor at that time), for its reporter to hear of.
   */
  | { kind: 'ignored'; reason: 'withdrawn-later'; cancellation: Cancellation };

/** What a reschedule did: the revision waits for its new time, or that time has already come. */
export type RescheduleOutcome = { kind: 'due' } | { kind: 'scheduled'; dueAt: Date };

export type PublicationKind = 'first-publication' | 'update' | 'republication';

/** What going live did: which revision readers now see, and under which address. */
export interface Publication {
  kind: PublicationKind;
  revision: number;
  slug: string;
  /**
   * Fields of the revision that took the corrections made to the text it replaced; absent
   * when there were none to carry.
   */
  correctionsCarried?: CorrectableField[];
  /**
   * Fields the corrections changed that the revision had rewritten itself: the revision's
   * text stands there, and an editor should read it again. Absent when none.
   */
  correctionsNotCarried?: CorrectableField[];
}

/**
 * The public life of one article: which approved revision is live, which one waits for its
 * time, and what editors may still do to it. Pure rules, no I/O; its state changes only
 * through the methods below.
 *
 * Approvals come from editorial review over Kafka, and publishing them cannot be undone
 * (readers, feeds and alerts see them at once), so each one is checked again here: the
 * author never approves their own article, its links are all http(s), and revision numbers
 * only move forward. A violation is refused with a coded error, which
 * the consumer dead-letters.
 */
export class PublishedArticle {
  private constructor(private readonly state: PublishedArticleSnapshot) {}

  /**
   * A first approval: the article exists here from now on, waiting to go live (at once if due).
   *
   * @throws ARTICLE.SELF_APPROVAL or ARTICLE.BLOCKING_CHECKS as `receiveApproval`.
   */
  static approved(id: string, approval: Approval, now: Date): { article: PublishedArticle; outcome: ApprovalOutcome } {
    checkApproval(id, approval);
    const article = new PublishedArticle({
      id,
      status: 'scheduled',
      slug: null,
      live: null,
      liveAsApproved: null,
      liveCorrectedSince: null,
      pending: toPending(approval, now),
      version: 0,
      publishedAt: null,
      updatedAt: null,
      revisedAt: null,
      correctedAt: null,
      approvedAt: approval.approvedAt,
      withdrawal: null,
      kill: null,
      cancellation: null,
    });
    return { article, outcome: article.pendingOutcome(now) };
  }

  /** The article as storage last saw it. */
  static restore(snapshot: PublishedArticleSnapshot): PublishedArticle {
    return new PublishedArticle(structuredClone(snapshot));
  }

  /** A copy of the whole state, article texts included, for a caller that keeps or changes it. */
  snapshot(): PublishedArticleSnapshot {
    return structuredClone(this.state);
  }

  /**
   * The state as it is now, to read at once — the row to store, the events that announce a
   * change, the pages it touched — without copying the article texts: the records are copies,
   * the texts (and instants) are shared. No method changes a text in place (a correction or a
   * new revision replaces it), and an approval reads its article's state four times, so
   * copying a long text each time was CPU spent on nothing. The caller must not change what
   * it returns (`snapshot` is for that).
   */
  view(): Readonly<PublishedArticleSnapshot> {
    const { live, pending, withdrawal, kill, cancellation } = this.state;
    return {
      ...this.state,
      live: live && { ...live },
      pending: pending && { ...pending },
      withdrawal: withdrawal && { ...withdrawal },
      kill: kill && { ...kill },
      cancellation: cancellation && { ...cancellation },
    };
  }

  get id(): string {
    return this.state.id;
  }

  get status(): PublicationStatus {
    return this.state.status;
  }

  get slug(): string | null {
    return this.state.slug;
  }

  /** The newest revision accepted (live, waiting, or waiting and then cancelled); 0 before any. */
  get latestRevision(): number {
    return Math.max(this.state.live?.revision ?? 0, this.state.pending?.revision ?? 0, this.state.cancellation?.revision ?? 0);
  }

  /** The revision waiting for its time, if any. */
  get pending(): PendingRevision | null {
    return this.state.pending ? { ...this.state.pending } : null;
  }

  /** True when a slug must be chosen before the waiting revision can go live. */
  get needsSlug(): boolean {
    return this.state.slug === null;
  }

  /** The headline of the revision waiting to go live: the slug is made from it. */
  get pendingHeadline(): string {
    if (!this.state.pending) throw nothingDue(this.id);
    return this.state.pending.content.headline;
  }

  /** The embargo of the revision waiting, while it still holds; null otherwise. */
  embargoInForce(now: Date): Date | null {
    const until = this.state.pending?.embargoUntil ?? null;
    return until && until.getTime() > now.getTime() ? until : null;
  }

  isDue(now: Date): boolean {
    return this.state.pending !== null && this.state.pending.dueAt.getTime() <= now.getTime();
  }

  /**
   * Takes a further approval. A newer revision replaces any revision still waiting (the
   * newer approval wins even if it is due later); the live text stays until it is due.
   *
   * @throws ARTICLE.SELF_APPROVAL when the approving editor is the author.
   * @throws ARTICLE.BLOCKING_CHECKS when the approved text has a link that is not http(s).
   * @throws ARTICLE.STALE_REVISION when the revision is not newer than the newest accepted,
   *   unless it is the very approval already accepted (same revision and approval time),
   *   which changes nothing.
   * @throws ARTICLE.KILLED when the article was killed: nothing brings it back.
   */
  receiveApproval(approval: Approval, now: Date): ApprovalOutcome {
    if (this.state.status === 'killed') throw articleKilled(this.id);
    checkApproval(this.id, approval);
    const latest = this.latestRevision;
    if (approval.revision === latest && approval.approvedAt.getTime() === this.state.approvedAt.getTime()) {
      return { kind: 'ignored', reason: 'already-accepted' };
    }
    if (approval.revision <= latest) throw staleRevision(this.id, approval.revision, latest);
    const withdrawal = this.state.withdrawal;
    if (this.state.status === 'withdrawn' && withdrawal && withdrawal.at.getTime() >= approval.approvedAt.getTime()) {
      return { kind: 'ignored', reason: 'withdrawn-later', cancellation: { at: withdrawal.at, editorId: withdrawal.editorId, revision: approval.revision } };
    }
    // An embargo holds the story, not one revision of it: a newer approval cannot lift it early.
    this.state.pending = toPending(approval, now, this.embargoInForce(now));
    this.state.approvedAt = approval.approvedAt;
    if (this.state.status === 'cancelled') this.state.status = 'scheduled';
    return this.pendingOutcome(now);
  }

  /**
   * Makes the waiting revision public once its time has come. The first publication fixes
   * the slug and the publication time; later ones replace the text and keep both.
   *
   * @param slug required for the first publication (see `needsSlug`), ignored afterwards.
   * @throws ARTICLE.NOTHING_DUE when nothing waits or its time has not come: a schedule or an
   *   embargo is never broken.
   */
  goLive(now: Date, slug?: string): Publication {
    const pending = this.state.pending;
    if (!pending || !this.isDue(now)) throw nothingDue(this.id);
    const kind: PublicationKind = this.state.live === null ? 'first-publication' : this.state.status === 'withdrawn' ? 'republication' : 'update';
    if (this.state.slug === null) {
      if (!slug) throw new Error(`article ${this.id} needs a slug for its first publication`);
      this.state.slug = slug;
    }
    // The waiting revision was written from the text as approved; corrections made to the live
    // text since must not be undone by it (a correction made while it was under review, or
    // while it waited for its time).
    const carry = this.correctionCarryInto(pending.content);
    this.state.live = { revision: pending.revision, content: carry?.text ?? pending.content, priority: pending.priority };
    this.state.liveAsApproved = carry && carry.applied.length > 0 ? pending.content : null;
    // Corrections carried in are still to be carried into the next revision: they count from when they were made.
    if (!this.state.liveAsApproved) this.state.liveCorrectedSince = null;
    this.state.pending = null;
    this.state.status = 'published';
    this.state.withdrawal = null;
    this.state.publishedAt ??= now;
    this.state.revisedAt = kind === 'update' ? now : this.state.revisedAt;
    this.touch(now);
    return {
      kind,
      revision: pending.revision,
      slug: this.state.slug,
      ...(carry?.applied.length ? { correctionsCarried: carry.applied } : {}),
      ...(carry?.kept.length ? { correctionsNotCarried: carry.kept } : {}),
    };
  }

  /**
   * What going live would do with the corrections made to the live text since its editor
   * approved it, were `content` the next revision: the merge `goLive` makes (`carryCorrection`
   * from the text as approved to the live text), for an editor to read before approving. Null
   * when there is nothing to carry: nothing is live, or no correction changed the live text.
   */
  correctionCarryInto(content: ArticleContent): CorrectionCarry | null {
    const { live, liveAsApproved } = this.state;
    return live && liveAsApproved ? carryCorrection(content, liveAsApproved, live.content) : null;
  }

  /**
   * Replaces fields of the live text. The merged article must be valid like any article and
   * pass the automated checks that block an approval (`runEditorialChecks`, the rules
   * editorial review applies): a correction goes live without a second editor, so it must
   * not put on the site what approval would have refused. The approved revision number and
   * the address stay.
   *
   * @throws ARTICLE.NOT_PUBLISHED when the article is not live (scheduled, or withdrawn).
   * @throws ARTICLE.INVALID_CORRECTION with the paths (`changes.body.2.url`) of what is wrong.
   * @throws ARTICLE.NOTHING_CORRECTED when `changes` is given but leaves the text as it is.
   * @throws ARTICLE.BLOCKING_CHECKS with the failing checks of the corrected article.
   * @throws ARTICLE.VERSION_CONFLICT when `expectedVersion` is given and is not the current one.
   */
  correct(request: CorrectionRequest, now: Date): CorrectionRecord {
    const live = this.assertLive();
    if (request.expectedVersion !== undefined && request.expectedVersion !== this.state.version) {
      throw articleVersionConflict(this.id, request.expectedVersion, this.state.version);
    }
    const before = plain(live.content);
    const merged = validatePlain(ArticleContent, withChanges(live.content, request.changes ?? {}));
    if (!merged.ok) throw invalidCorrection(merged.issues.map((issue) => ({ path: `changes.${issue.path}`, message: issue.message })));
    const after = plain(merged.value);
    // A tag's label is part of the tag as readers see it: relabelling one corrects the tags.
    const changedFields = [...new Set(Object.keys({ ...before, ...after })
      .filter((field) => canonicalJson(before[field]) !== canonicalJson(after[field]))
      .map((field) => (field === 'tagLabels' ? 'tags' : field)))]
      .sort();
    // A note alone is a correction (it says what was wrong); `changes` that change nothing
    // would tell readers and subscribers the text was corrected when it was not.
    if (request.changes !== undefined && changedFields.length === 0) throw nothingCorrected(this.id);
    const failing = blockingErrors(runEditorialChecks(merged.value));
    if (failing.length > 0) throw blockingChecksFailed('corrected', failing);
    if (changedFields.length > 0) {
      this.state.liveAsApproved ??= live.content;
      this.state.liveCorrectedSince ??= now;
    }
    live.content = merged.value;
    this.state.correctedAt = now;
    this.touch(now);
    return { note: request.note, editorId: request.editorId, correctedAt: now, revision: live.revision, changedFields };
  }

  /**
   * Takes the article down. A revision still waiting is dropped: it must not bring it back.
   *
   * @throws ARTICLE.NOT_PUBLISHED when the article is not live.
   */
  unpublish(reason: string, editorId: string, now: Date): Withdrawal & { cancellation: Cancellation | null } {
    this.assertLive();
    const withdrawal = { at: now, reason, editorId };
    this.state.status = 'withdrawn';
    this.state.withdrawal = withdrawal;
    // A newer revision waiting for its time goes too (the scheduler must not bring the article
    // back), cancelled as an editor's cancellation would: it cannot be approved back in, and its
    // reporter hears of it, so their copy does not wait for a time that will never come.
    const pending = this.state.pending;
    const cancellation = pending ? { at: now, editorId, revision: pending.revision } : null;
    if (cancellation) this.state.cancellation = cancellation;
    this.state.pending = null;
    this.touch(now);
    return { ...withdrawal, cancellation: cancellation && { ...cancellation } };
  }

  /**
   * Moves the schedule of the revision waiting. Its embargo stays: the new time counts only
   * once the embargo has passed. A time already past makes it due at once.
   *
   * @throws ARTICLE.NOTHING_SCHEDULED when nothing waits; ARTICLE.KILLED.
   */
  reschedule(publishAt: Date, now: Date): RescheduleOutcome {
    if (this.state.status === 'killed') throw articleKilled(this.id);
    const pending = this.state.pending;
    if (!pending) throw nothingScheduled(this.id);
    pending.publishAt = publishAt;
    pending.dueAt = publicationDueAt({ publishAt: publishAt.toISOString(), embargoUntil: pending.embargoUntil?.toISOString() }, now) ?? now;
    return this.isDue(now) ? { kind: 'due' } : { kind: 'scheduled', dueAt: pending.dueAt };
  }

  /**
   * Drops the revision waiting for its time. A live article keeps its live text; one that
   * never went live is cancelled, until a newer approval schedules it again. Neither the
   * dropped revision nor an older one can be approved back in.
   *
   * @throws ARTICLE.NOTHING_SCHEDULED when nothing waits; ARTICLE.KILLED.
   */
  cancelSchedule(editorId: string, now: Date): Cancellation {
    if (this.state.status === 'killed') throw articleKilled(this.id);
    const pending = this.state.pending;
    if (!pending) throw nothingScheduled(this.id);
    const cancellation = { at: now, editorId, revision: pending.revision };
    this.state.cancellation = cancellation;
    this.state.pending = null;
    if (this.state.status === 'scheduled') this.state.status = 'cancelled';
    return { ...cancellation };
  }

  /**
   * A legal removal. The text, the waiting revision and every public field go; the address
   * stays reserved (it answers 410) and so do the dates the newsroom needs for its records.
   * Works in every state but killed, so a story can also be stopped before it ever goes live.
   *
   * @throws ARTICLE.KILLED when it is already killed.
   */
  killArticle(reason: string, editorId: string, now: Date): Kill {
    if (this.state.status === 'killed') throw articleKilled(this.id);
    const kill = { at: now, reason, editorId };
    this.state.status = 'killed';
    this.state.kill = kill;
    this.state.live = null;
    this.state.liveAsApproved = null;
    this.state.liveCorrectedSince = null;
    this.state.pending = null;
    this.state.withdrawal = null;
    this.touch(now);
    return { ...kill };
  }

  private pendingOutcome(now: Date): ApprovalOutcome {
    const pending = this.state.pending;
    if (!pending || this.isDue(now)) return { kind: 'due' };
    return { kind: 'scheduled', dueAt: pending.dueAt };
  }

  /** Every change readers can see moves the version and the update time. */
  private touch(now: Date): void {
    this.state.updatedAt = now;
    this.state.version += 1;
  }

  private assertLive(): ArticleRevision {
    if (this.state.status !== 'published' || !this.state.live) throw articleNotPublished(this.id, this.state.status);
    return this.state.live;
  }
}

/**
 * What publishing checks again of every approval before accepting it: an editor other than
 * the author, and no link a reader could be harmed by. The event format keeps link targets as
 * typed, and review refuses to approve a `javascript:` or relative one (UNSAFE_LINK); such a
 * link would be dropped from the page but kept in the ninjs JSON's structured article. The
 * other checks are review's judgement, made when it approved: run again here, a check added
 * later would drop stories approved before it when the read model is rebuilt from the topic.
 */
function checkApproval(id: string, approval: Approval): void {
  if (approval.editorId === approval.authorId) throw selfApproval(id, approval.editorId);
  const failing = unsafeLinkChecks(approval.content.body);
  if (failing.length > 0) throw blockingChecksFailed('approved', failing);
}

/** The approval as a waiting revision; `heldUntil` is an embargo already on the story that still holds. */
function toPending(approval: Approval, now: Date, heldUntil: Date | null = null): PendingRevision {
  const publishAt = instant(approval.publishAt);
  const embargoUntil = later(instant(approval.embargoUntil), heldUntil);
  return {
    revision: approval.revision,
    content: approval.content,
    priority: approval.priority,
    publishAt,
    embargoUntil,
    dueAt: publicationDueAt({ publishAt: publishAt?.toISOString(), embargoUntil: embargoUntil?.toISOString() }, now) ?? now,
  };
}

function instant(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function later(a: Date | null, b: Date | null): Date | null {
  if (!a || !b) return a ?? b;
  return a.getTime() >= b.getTime() ? a : b;
}

/** A JSON copy: drops undefined fields and class prototypes, so comparisons see only data. */
function plain(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
