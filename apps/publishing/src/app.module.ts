import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@newsroom/platform';
import { SiteSectionsModule } from '@newsroom/site-sections';
import { ArticlesModule } from './articles/articles.module';
import { ArticleEntity } from './articles/persistence/article.entity';
import { CorrectionEntity } from './articles/persistence/correction.entity';
import { ScheduleMetrics } from './articles/use-cases/publish-due-articles/schedule-metrics';
import { PublishingConfigModule } from './config/publishing-config.module';
import type { PublishingConfig } from './config/publishing.config';
import { PUBLISHING_MIGRATIONS } from './migrations';
import { SectionsModule } from './sections/sections.module';
import { SiteModule } from './site/site.module';

export const PUBLISHING_ENTITIES = [ArticleEntity, CorrectionEntity];

@Module({})
export class AppModule {
  static register(config: PublishingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService(config.runtime, { persistence: { entities: PUBLISHING_ENTITIES, migrations: PUBLISHING_MIGRATIONS }, rateLimits: config.rateLimits }),
        PublishingConfigModule.register(config),
        // The list SITE_SECTIONS seeds; from then on the stored one (SectionsModule) is the site's.
        SiteSectionsModule.forService(config.site.sections),
        ArticlesModule,
        SiteModule,
        SectionsModule,
      ],
      providers: [ScheduleMetrics],
    };
  }
}
