import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Transactional } from '@newsroom/persistence';
import { Draft } from '../../domain/draft';
import { DraftRepository } from '../../persistence/draft.repository';
import type { CreateDraftCommand } from './create-draft.command';

export interface CreateDraftResult {
  /** The article's id from now on, in every service. */
  draftId: string;
  version: number;
}

/** A reporter starts a story; the article id assigned here is used by every service. */
@Injectable()
export class CreateDraftUseCase {
  constructor(private readonly drafts: DraftRepository) {}

  /** Stores the draft at version 1 with its first revision and a `created` timeline entry. */
  @Transactional()
  async execute(command: CreateDraftCommand): Promise<CreateDraftResult> {
    const draft = Draft.create(randomUUID(), command.authorId, command.article, new Date());
    await this.drafts.save(draft);
    return { draftId: draft.id, version: draft.version };
  }
}
