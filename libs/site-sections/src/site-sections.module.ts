import { Module, type DynamicModule } from '@nestjs/common';
import type { SiteSection } from '@newsroom/config';
import { SiteSectionFollower } from './site-section-follower';
import { INITIAL_SITE_SECTIONS, SITE_SECTION_LIST_OPTIONS, SITE_SECTIONS_TTL_MS, SiteSectionList } from './site-section-list';

/**
 * The site's section list in a service: SiteSectionList to read it, SiteSectionFollower for the
 * consumer that keeps it. Global, so any of the service's modules injects the list. The service
 * also registers CreateSiteSections1764600000000 among its migrations.
 */
@Module({})
export class SiteSectionsModule {
  /** `initial`: the service's own SITE_SECTIONS, used until its table holds a list. */
  static forService(initial: readonly SiteSection[]): DynamicModule {
    return {
      module: SiteSectionsModule,
      global: true,
      providers: [
        { provide: INITIAL_SITE_SECTIONS, useValue: initial },
        { provide: SITE_SECTION_LIST_OPTIONS, useValue: { ttlMs: SITE_SECTIONS_TTL_MS } },
        SiteSectionList,
        SiteSectionFollower,
      ],
      exports: [SiteSectionList, SiteSectionFollower],
    };
  }
}
