import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { SectionsHttpController } from './transport/sections.http.controller';
import { ChangeSectionsUseCase } from './use-cases/change-sections/change-sections.use-case';
import { SeedSectionsUseCase } from './use-cases/seed-sections/seed-sections.use-case';

/**
 * The site's section list, which publishing owns: seeded from SITE_SECTIONS on first start,
 * read and changed over `/v1/site/sections`. The list itself is read through SiteSectionList
 * (libs/site-sections), as in every service.
 */
@Module({
  controllers: [SectionsHttpController],
  providers: [SeedSectionsUseCase, ChangeSectionsUseCase],
})
export class SectionsModule implements OnApplicationBootstrap {
  constructor(private readonly seed: SeedSectionsUseCase) {}

  /** After the migrations, which run while modules initialise. */
  async onApplicationBootstrap(): Promise<void> {
    await this.seed.execute();
  }
}
