import { Global, Inject, Module, type DynamicModule } from '@nestjs/common';
import type { PublishingConfig } from './publishing.config';

export const PUBLISHING_CONFIG = Symbol('PUBLISHING_CONFIG');

/** Injects the publishing service's own settings (the public base URL). */
export const InjectPublishingConfig = (): ParameterDecorator => Inject(PUBLISHING_CONFIG);

@Global()
@Module({})
export class PublishingConfigModule {
  static register(config: PublishingConfig): DynamicModule {
    const provider = { provide: PUBLISHING_CONFIG, useValue: config };
    return { module: PublishingConfigModule, providers: [provider], exports: [provider] };
  }
}
