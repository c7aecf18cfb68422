import { Injectable, Logger } from '@nestjs/common';
import { Outbox } from '@newsroom/messaging';
import { Transactional, UnitOfWork } from '@newsroom/persistence';
import { readSiteSections, replaceSiteSections, SiteSectionList, type SiteSectionSnapshot } from '@newsroom/site-sections';
import { sectionsVersionConflict } from '../../domain/section-list.errors';
import { sectionsChangedEvent } from '../site-sections-events';
import type { ChangeSectionsCommand } from './change-sections.command';

/**
 * An admin's new section list: stored at the next version and announced
 * (`news.site.sections-changed.v1`) in one transaction, so every service follows exactly the
 * lists publishing stored. Sections left out are retired: their stories keep their section and
 * their pages, but the navigation, the subscribe choices and the editorial check no longer offer
 * them. The outbox insert also empties every replica's page cache (PageCacheInvalidator).
 *
 * @throws SECTIONS.VERSION_CONFLICT (412) when the list is no longer at `expectedVersion`.
 */
@Injectable()
export class ChangeSectionsUseCase {
  private readonly logger = new Logger(ChangeSectionsUseCase.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly list: SiteSectionList,
  ) {}

  @Transactional()
  async execute({ expectedVersion, sections, adminId }: ChangeSectionsCommand): Promise<SiteSectionSnapshot> {
    const manager = this.unitOfWork.requireActive('ChangeSectionsUseCase');
    const changed = await replaceSiteSections(manager, expectedVersion, sections, new Date());
    if (!changed) throw sectionsVersionConflict(expectedVersion, (await readSiteSections(manager))?.version ?? 0);
    await this.outbox.record(sectionsChangedEvent(changed));
    this.unitOfWork.afterCommit(() => this.list.accept(changed));
    this.logger.log({ adminId, version: changed.version, sections: changed.sections.map((section) => section.slug) }, 'section list changed');
    return changed;
  }
}
