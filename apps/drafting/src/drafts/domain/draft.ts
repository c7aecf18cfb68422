import type { ArticleContent } from '@newsroom/contracts';
import { EDITABLE_STATUSES, STATUS_PROGRESS, type DraftStatus } from './draft-status';
import { notEditable, notSubmittable, notTheAuthor, staleVersion } from './draft.errors';

export interface DraftState {
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
}

/**
 * The reporter's side of an article: who may edit it and when, and how review
 * and publishing outcomes move its status. Pure rules, no I/O.
 */
export class Draft {
  constructor(readonly state: DraftState) {}

  static create(id: string, authorId: string, content: ArticleContent): Draft {
    return new Draft({
      id,
      authorId,
      status: 'draft',
      version: 1,
      content,
      statusRevision: null,
      submittedRevision: null,
      publicUrl: null,
      publishAt: null,
    });
  }

  get canBeEdited(): boolean {
    return EDITABLE_STATUSES.includes(this.state.status);
  }

  /** A new revision with `content`; the caller proved it edited `expectedVersion`. */
  edit(editorId: string, expectedVersion: number, content: ArticleContent): void {
    this.assertAuthor(editorId);
    if (!this.canBeEdited) throw notEditable(this.state.status);
    if (expectedVersion !== this.state.version) throw staleVersion(expectedVersion, this.state.version);
    this.state.content = content;
    this.state.version += 1;
  }

  submit(userId: string, expectedVersion?: number): void {
    this.assertAuthor(userId);
    if (!this.canBeEdited) throw notSubmittable(this.state.status);
    if (expectedVersion !== undefined && expectedVersion !== this.state.version) {
      throw staleVersion(expectedVersion, this.state.version);
    }
    this.state.status = 'submitted';
    this.state.submittedRevision = this.state.version;
    this.state.statusRevision = this.state.version;
  }

  /**
   * Applies a status reported by review or publishing for `revision`. Returns
   * false (and changes nothing) when the report is older than what we know.
   */
  applyProgress(status: DraftStatus, revision: number): boolean {
    const current = this.state.statusRevision ?? 0;
    const newer = revision > current;
    const sameRevisionForward = revision === current && STATUS_PROGRESS[status] >= STATUS_PROGRESS[this.state.status];
    if (!newer && !sameRevisionForward) return false;
    this.state.status = status;
    this.state.statusRevision = revision;
    return true;
  }

  private assertAuthor(userId: string): void {
    if (userId !== this.state.authorId) throw notTheAuthor();
  }
}
