import { Injectable, Logger } from '@nestjs/common';
import { Outbox } from '@newsroom/messaging';
import { Transactional, UnitOfWork } from '@newsroom/persistence';
import { seedSiteSections, SiteSectionList } from '@newsroom/site-sections';
import { InjectPublishingConfig } from '../../../config/publishing-config.module';
import type { PublishingConfig } from '../../../config/publishing.config';
import { sectionsChangedEvent } from '../site-sections-events';

/**
 * On a deployment's first start with a managed list, stores SITE_SECTIONS as version 1 and
 * announces it, so the other services take the same list; existing deployments keep theirs.
 * Once the table holds a list, SITE_SECTIONS is no longer read (admins change the list in the
 * desk). Replicas starting together race safely: the insert happens once.
 */
@Injectable()
export class SeedSectionsUseCase {
  private readonly logger = new Logger(SeedSectionsUseCase.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly list: SiteSectionList,
    @InjectPublishingConfig() private readonly config: PublishingConfig,
  ) {}

  /** Returns the version-1 list when this call stored it, null when there already was one. */
  @Transactional()
  async execute(): Promise<{ version: number } | null> {
    const seeded = await seedSiteSections(this.unitOfWork.requireActive('SeedSectionsUseCase'), this.config.site.sections, new Date());
    if (!seeded) return null;
    await this.outbox.record(sectionsChangedEvent(seeded));
    this.unitOfWork.afterCommit(() => this.list.accept(seeded));
    this.logger.log({ sections: seeded.sections.map((section) => section.slug) }, 'section list seeded from SITE_SECTIONS');
    return { version: seeded.version };
  }
}
