import { randomUUID } from 'node:crypto';
import type { Type } from '@nestjs/common';
import type { AuthenticatedUser } from '@newsroom/auth';
import type { CommandInput } from '@newsroom/contracts';
import { DRAFTING_ENTITIES } from '../src/app.module';
import { DraftRepository } from '../src/drafts/persistence/draft.repository';
import { ApplyCorrectionUseCase } from '../src/drafts/use-cases/apply-correction/apply-correction.use-case';
import { CreateDraftCommand } from '../src/drafts/use-cases/create-draft/create-draft.command';
import { CreateDraftUseCase } from '../src/drafts/use-cases/create-draft/create-draft.use-case';
import { EditDraftCommand } from '../src/drafts/use-cases/edit-draft/edit-draft.command';
import { EditDraftUseCase } from '../src/drafts/use-cases/edit-draft/edit-draft.use-case';
import { ReadDraftsQuery } from '../src/drafts/use-cases/read-drafts/read-drafts.query';
import { SubmitDraftCommand } from '../src/drafts/use-cases/submit-draft/submit-draft.command';
import { SubmitDraftUseCase } from '../src/drafts/use-cases/submit-draft/submit-draft.use-case';
import { SubEditDraftUseCase } from '../src/drafts/use-cases/sub-edit-draft/sub-edit-draft.use-case';
import { TrackReviewProgressCommand } from '../src/drafts/use-cases/track-review-progress/track-review-progress.command';
import { TrackReviewProgressUseCase, type TrackReviewProgressResult } from '../src/drafts/use-cases/track-review-progress/track-review-progress.use-case';
import { DRAFTING_MIGRATIONS } from '../src/migrations';
import { article } from './article.fixtures';

export const alice: AuthenticatedUser = { id: 'alice', roles: ['reporter'] };
export const bob: AuthenticatedUser = { id: 'bob', roles: ['reporter'] };
export const eve: AuthenticatedUser = { id: 'eve', roles: ['editor'] };

/** What `UseCaseTestbed.start` needs to run drafting's use cases against a database of their own. */
export function draftingTestbed(name: string) {
  return {
    name: `drafting_${name}`,
    schema: 'drafting',
    entities: DRAFTING_ENTITIES,
    migrations: DRAFTING_MIGRATIONS,
    providers: [DraftRepository, CreateDraftUseCase, EditDraftUseCase, SubmitDraftUseCase, SubEditDraftUseCase, TrackReviewProgressUseCase, ApplyCorrectionUseCase, ReadDraftsQuery],
  };
}

/** Anything that hands out the app's providers: a use-case testbed or a Nest application. */
export interface ProviderSource {
  get<T>(type: Type<T>): T;
}

/** A report's fields; the milestone is required, the rest defaults. */
type ProgressInput = Partial<CommandInput<TrackReviewProgressCommand>> & Pick<CommandInput<TrackReviewProgressCommand>, 'milestone'>;

/**
 * Puts drafts into a given state by running the real use cases, so a spec
 * starts from rows the service itself would have written.
 */
export class DraftFixtures {
  constructor(private readonly app: ProviderSource) {}

  /** A new draft by `author` (the sample article unless `overrides` say otherwise); returns its id. */
  async draft(author: AuthenticatedUser = alice, overrides: Record<string, unknown> = {}): Promise<string> {
    const { draftId } = await this.app.get(CreateDraftUseCase).execute(CreateDraftCommand.create({ authorId: author.id, article: article(overrides) }));
    return draftId;
  }

  /** `author` edits draft `id`, made on `expectedVersion`. */
  async edit(id: string, expectedVersion: number, changes: Record<string, unknown>, author: AuthenticatedUser = alice): Promise<void> {
    await this.app.get(EditDraftUseCase).execute(EditDraftCommand.create({ draftId: id, actor: author, expectedVersion, changes }));
  }

  /** `author` submits draft `id`'s current revision. */
  async submit(id: string, author: AuthenticatedUser = alice): Promise<void> {
    await this.app.get(SubmitDraftUseCase).execute(SubmitDraftCommand.create({ draftId: id, actor: author }));
  }

  /** A draft submitted for review at version 1; returns its id. */
  async submitted(author: AuthenticatedUser = alice): Promise<string> {
    const id = await this.draft(author);
    await this.submit(id, author);
    return id;
  }

  /** A submitted draft sent back to its reporter by an editor; returns its id. */
  async withChangesRequested(author: AuthenticatedUser = alice, note = 'Name the union spokesperson.'): Promise<string> {
    const id = await this.submitted(author);
    await this.progress(id, { milestone: 'changes_requested', revision: 1, actorId: eve.id, note });
    return id;
  }

  /** A submitted draft that editor `editor` claimed (reported by review); returns its id. */
  async inReviewWith(editor: AuthenticatedUser = eve, author: AuthenticatedUser = alice): Promise<string> {
    const id = await this.submitted(author);
    await this.progress(id, { milestone: 'review_claimed', revision: 1, actorId: editor.id });
    return id;
  }

  /** Runs one review/publishing report on `articleId` (a fresh event id and `at` unless given). */
  progress(articleId: string, report: ProgressInput): Promise<TrackReviewProgressResult> {
    return this.app.get(TrackReviewProgressUseCase).execute(reviewReport(articleId, report));
  }
}

/** A TrackReviewProgressCommand about `articleId`, with a fresh event id and the current time unless given. */
export function reviewReport(articleId: string, report: ProgressInput): TrackReviewProgressCommand {
  return TrackReviewProgressCommand.create({ articleId, eventId: randomUUID(), at: new Date().toISOString(), ...report });
}
