import { Module } from '@nestjs/common';
import { DraftRepository } from './persistence/draft.repository';
import { DraftsHttpController } from './transport/drafts.http.controller';
import { ReviewProgressConsumer } from './transport/review-progress.consumer';
import { CreateDraftUseCase } from './use-cases/create-draft/create-draft.use-case';
import { EditDraftUseCase } from './use-cases/edit-draft/edit-draft.use-case';
import { ReadDraftsQuery } from './use-cases/read-drafts/read-drafts.query';
import { StartRevisionUseCase } from './use-cases/start-revision/start-revision.use-case';
import { SubmitDraftUseCase } from './use-cases/submit-draft/submit-draft.use-case';
import { TrackReviewProgressUseCase } from './use-cases/track-review-progress/track-review-progress.use-case';

@Module({
  controllers: [DraftsHttpController, ReviewProgressConsumer],
  providers: [DraftRepository, CreateDraftUseCase, EditDraftUseCase, SubmitDraftUseCase, StartRevisionUseCase, TrackReviewProgressUseCase, ReadDraftsQuery],
})
export class DraftsModule {}
