import { Injectable } from '@nestjs/common';
import { InjectPublishingConfig } from '../../config/publishing-config.module';
import type { PublishingConfig } from '../../config/publishing.config';
import { ReadArticlesQuery } from '../../articles/use-cases/read-articles/read-articles.query';
import type { SiteContext } from '../rendering/layout';

/** Builds what every page needs: the navigation and the moment of rendering. */
@Injectable()
export class SiteContextFactory {
  constructor(
    private readonly read: ReadArticlesQuery,
    @InjectPublishingConfig() private readonly config: PublishingConfig,
  ) {}

  async create(now = new Date()): Promise<SiteContext> {
    return { ...this.bare(now), sections: await this.read.sections() };
  }

  /** Without the navigation, which needs the database: for error pages when it is down. */
  bare(now = new Date()): SiteContext {
    return { publicBaseUrl: this.config.publicBaseUrl, sections: [], now };
  }

  get publicBaseUrl(): string {
    return this.config.publicBaseUrl;
  }

  /** What pages depend on besides the articles: the site's settings, part of every validator. */
  get variant(): string {
    return this.config.publicBaseUrl;
  }
}
