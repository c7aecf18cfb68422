import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SiteSectionList } from '@newsroom/site-sections';
import { InjectPublishingConfig } from '../../config/publishing-config.module';
import type { PublishingConfig } from '../../config/publishing.config';
import type { SiteContext } from '../rendering/layout';

/**
 * Builds what every page needs from the site's settings: its name, interface language, time
 * zone and the managed section list of the navigation (only those sections enter it, in that
 * order, whatever sections articles carry), with the moment of rendering. The section list is
 * the one admins manage (SiteSectionList, a cached read of publishing's table); the rest comes
 * from the SITE_* settings.
 */
@Injectable()
export class SiteContextFactory {
  private readonly fingerprint: string;

  constructor(
    @InjectPublishingConfig() private readonly config: PublishingConfig,
    private readonly sections: SiteSectionList,
  ) {
    this.fingerprint = createHash('sha256').update(JSON.stringify([config.publicBaseUrl, config.site])).digest('base64url').slice(0, 16);
  }

  /** Async for callers that once read the navigation from the database; the cached list needs no wait. */
  create(now = new Date()): Promise<SiteContext> {
    return Promise.resolve(this.bare(now));
  }

  /** The same, synchronously: for error pages, which must render even when the database is down. */
  bare(now = new Date()): SiteContext {
    const { site } = this.config;
    return {
      publicBaseUrl: this.config.publicBaseUrl,
      name: site.name,
      language: site.language,
      timeZone: site.timeZone,
      sections: this.sections.current(),
      ...(site.logoUrl ? { logoUrl: site.logoUrl } : {}),
      alertsUrl: this.config.notificationsUrl,
      now,
    };
  }

  get publicBaseUrl(): string {
    return this.config.publicBaseUrl;
  }

  get siteName(): string {
    return this.config.site.name;
  }

  /** Whether a section is on the managed list (its page exists even before it has stories). */
  isListedSection(slug: string): boolean {
    return this.sections.slugs().includes(slug);
  }

  /** What pages depend on besides the articles: the site's settings and the section list's version, part of every validator. */
  get variant(): string {
    return `${this.fingerprint}.${this.sections.version()}`;
  }
}
