import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@newsroom/auth';
import { ALERTS_SCRIPT_SOURCE } from './alerts-script';
import { InjectPublishingConfig } from '../../config/publishing-config.module';
import type { PublishingConfig } from '../../config/publishing.config';
import { serviceWorkerSource } from './service-worker';

const JAVASCRIPT = 'text/javascript; charset=utf-8';

/**
 * The two scripts of the site, first-party and fixed at start-up (the CSP allows `script-src 'self'`
 * and `worker-src 'self'`, nothing inline). `/sw.js` sits at the root because a service
 * worker's scope is at most its own path; `no-cache` makes browsers check it on every
 * navigation, so a fixed worker reaches readers at once.
 */
@ApiExcludeController()
@Public()
@Controller()
export class SiteAlertsHttpController {
  private readonly serviceWorkerSource: string;

  constructor(@InjectPublishingConfig() config: PublishingConfig) {
    this.serviceWorkerSource = serviceWorkerSource(config.notificationsUrl);
  }

  @Get('sw.js')
  @Header('Content-Type', JAVASCRIPT)
  @Header('Cache-Control', 'no-cache')
  serviceWorker(): string {
    return this.serviceWorkerSource;
  }

  @Get('alerts.js')
  @Header('Content-Type', JAVASCRIPT)
  @Header('Cache-Control', 'public, max-age=3600')
  alertsScript(): string {
    return ALERTS_SCRIPT_SOURCE;
  }
}
