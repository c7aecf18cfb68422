import { Global, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { bindTransactional, hasTransactionalMethods, unbindTransactional } from './transactional';
import { UnitOfWork } from './unit-of-work';

/**
 * Provides the unit of work to every module (needs a TypeORM data source in the app),
 * and at init binds it to every provider with `@Transactional()` methods. Nest runs
 * this module's init before that of the modules importing it, so providers that start
 * work in their own `onModuleInit` (the background loops) find their methods bound.
 */
@Global()
@Module({ imports: [DiscoveryModule], providers: [UnitOfWork], exports: [UnitOfWork] })
export class UnitOfWorkModule implements OnModuleInit, OnApplicationShutdown {
  private bound: object[] = [];

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly discovery: DiscoveryService,
  ) {}

  onModuleInit(): void {
    this.bound = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter(hasTransactionalMethods);
    for (const instance of this.bound) bindTransactional(instance, this.unitOfWork);
  }

  onApplicationShutdown(): void {
    for (const instance of this.bound) unbindTransactional(instance, this.unitOfWork);
    this.bound = [];
  }
}
