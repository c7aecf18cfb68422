import { Module } from '@nestjs/common';
import { SiteSectionList } from '@newsroom/site-sections';
import { SectionList } from './domain/section-list';
import { DraftRepository } from './persistence/draft.repository';
import { DraftsHttpController } from './transport/drafts.http.controller';
import { ReviewProgressConsumer } from './transport/review-progress.consumer';
import { ApplyCorrectionUseCase } from './use-cases/apply-correction/apply-correction.use-case';
import { CheckDraftQuery } from './use-cases/check-draft/check-draft.query';
import { CreateDraftUseCase } from './use-cases/create-draft/create-draft.use-case';
import { EditDraftUseCase } from './use-cases/edit-draft/edit-draft.use-case';
import { SubEditDraftUseCase } from './use-cases/sub-edit-draft/sub-edit-draft.use-case';
import { ReadDraftsQuery } from './use-cases/read-drafts/read-drafts.query';
import { SpikeDraftUseCase } from './use-cases/spike-draft/spike-draft.use-case';
import { StartRevisionUseCase } from './use-cases/start-revision/start-revision.use-case';
import { SubmitDraftUseCase } from './use-cases/submit-draft/submit-draft.use-case';
import { TrackReviewProgressUseCase } from './use-cases/track-review-progress/track-review-progress.use-case';

@Module({
  controllers: [DraftsHttpController, ReviewProgressConsumer],
  providers: [
    DraftRepository,
    CreateDraftUseCase,
    EditDraftUseCase,
    SubEditDraftUseCase,
    SubmitDraftUseCase,
    StartRevisionUseCase,
    SpikeDraftUseCase,
    TrackReviewProgressUseCase,
    ApplyCorrectionUseCase,
    ReadDraftsQuery,
    CheckDraftQuery,
    // The one place that chooses where the section list comes from (see SectionList): the list
    // publishing manages, kept by the consumer (SiteSectionsModule, app.module).
    { provide: SectionList, useExisting: SiteSectionList },
  ],
})
export class DraftsModule {}
