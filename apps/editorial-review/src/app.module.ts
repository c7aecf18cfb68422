import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@newsroom/platform';
import { SiteSectionsModule } from '@newsroom/site-sections';
import type { EditorialReviewConfig } from './config/editorial-review.config';
import { EDITORIAL_REVIEW_MIGRATIONS } from './migrations';
import { ReviewCommentEntity } from './reviews/persistence/review-comment.entity';
import { ReviewDecisionEntity } from './reviews/persistence/review-decision.entity';
import { ReviewItemEntity } from './reviews/persistence/review-item.entity';
import { ReviewSubmissionEntity } from './reviews/persistence/review-submission.entity';
import { ReviewsModule } from './reviews/reviews.module';

export const EDITORIAL_REVIEW_ENTITIES = [ReviewItemEntity, ReviewSubmissionEntity, ReviewCommentEntity, ReviewDecisionEntity];

@Module({})
export class AppModule {
  static register(config: EditorialReviewConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService(config.runtime, { persistence: { entities: EDITORIAL_REVIEW_ENTITIES, migrations: EDITORIAL_REVIEW_MIGRATIONS } }),
        // SITE_SECTIONS until publishing's managed list arrives on the publishing topic.
        SiteSectionsModule.forService(config.siteSections),
        ReviewsModule,
      ],
    };
  }
}
