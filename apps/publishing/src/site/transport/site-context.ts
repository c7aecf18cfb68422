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
    return { publicBaseUrl: this.config.publicBaseUrl, sections: await this.read.sections(), now };
  }

  get publicBaseUrl(): string {
    return this.config.publicBaseUrl;
  }
}
