import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@newsroom/auth';
import { metricsRegistry } from './registry';

/**
 * `GET /metrics`: every series of this process in Prometheus' text format 0.0.4, for the
 * scraper (k8s/ annotations, deploy/prometheus). Unauthenticated like the health probes:
 * it holds counts and timings, never article text, user ids or tokens. Keep it off the
 * public ingress (docs/operations.md).
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  @Public()
  @Get()
  @Header('content-type', metricsRegistry.contentType)
  @Header('cache-control', 'no-store')
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
