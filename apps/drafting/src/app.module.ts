import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@newsroom/platform';
import { SiteSectionsModule } from '@newsroom/site-sections';
import type { DraftingConfig } from './config/drafting.config';
import { DraftsModule } from './drafts/drafts.module';
import { ActivityEntity } from './drafts/persistence/activity.entity';
import { DraftEntity } from './drafts/persistence/draft.entity';
import { RevisionEntity } from './drafts/persistence/revision.entity';
import { ImagesModule } from './images/images.module';
import { ImageFileEntity } from './images/persistence/image-file.entity';
import { ImageEntity } from './images/persistence/image.entity';
import { DRAFTING_MIGRATIONS } from './migrations';

export const DRAFTING_ENTITIES = [DraftEntity, RevisionEntity, ActivityEntity, ImageEntity, ImageFileEntity];

@Module({})
export class AppModule {
  static register(config: DraftingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService(config.runtime, { persistence: { entities: DRAFTING_ENTITIES, migrations: DRAFTING_MIGRATIONS } }),
        // SITE_SECTIONS until publishing's managed list arrives on the publishing topic.
        SiteSectionsModule.forService(config.siteSections),
        DraftsModule,
        ImagesModule.register(config.images),
      ],
    };
  }
}
