import { Injectable, Logger } from '@nestjs/common';
import type { SiteSectionsChangedData } from '@newsroom/contracts';
import { UnitOfWork } from '@newsroom/persistence';
import { SiteSectionList } from './site-section-list';
import { keepNewerSiteSections } from './site-section-store';

/**
 * Keeps a follower's copy of the section list: what its consumer calls for each
 * `news.site.sections-changed.v1` (inside the consumer's inbox transaction).
 */
@Injectable()
export class SiteSectionFollower {
  private readonly logger = new Logger(SiteSectionFollower.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly list: SiteSectionList,
  ) {}

  /**
   * Stores the event's list if it is newer than the stored one; an older or equal version (a
   * replay, a redelivery) changes nothing. Returns whether it was stored. Runs in the caller's
   * unit of work, so the copy and the inbox row commit together.
   */
  async apply(data: SiteSectionsChangedData): Promise<boolean> {
    const manager = this.unitOfWork.requireActive('SiteSectionFollower.apply');
    const snapshot = { version: data.version, sections: data.sections.map(({ slug, label }) => ({ slug, label })), changedAt: new Date(data.changedAt) };
    const stored = await keepNewerSiteSections(manager, snapshot);
    if (stored) this.unitOfWork.afterCommit(() => this.list.accept(snapshot));
    else this.logger.log({ version: data.version }, 'section list not newer than the stored one; ignored');
    return stored;
  }
}
