import { Injectable, Logger, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import { SERVICE_RUNTIME_CONFIG, type ServiceRuntimeConfig } from '@newsroom/config';
import { buildDataSourceOptions, schemaOf } from './data-source';
import { runMigrationsUnderLock } from './migration-runner';
import { UnitOfWorkModule } from './unit-of-work';

/** Runs the service's migrations before anything else touches the database. */
@Injectable()
export class MigrateOnStartup implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const schema = schemaOf(this.dataSource);
    const applied = await runMigrationsUnderLock(this.dataSource, schema);
    this.logger.log({ schema, applied: applied.map((m) => m.name) }, `${applied.length} migration(s) applied`);
  }
}

/** Answers whether PostgreSQL is reachable, for the readiness probe. */
@Injectable()
export class DatabaseHealth {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async check(): Promise<{ up: boolean; detail?: string }> {
    try {
      await this.dataSource.query('SELECT 1');
      return { up: true };
    } catch (error) {
      return { up: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }
}

@Module({})
export class PersistenceModule {
  static forService(options: {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    entities: MixedList<Function | string | EntitySchema>;
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    migrations: MixedList<Function | string>;
    /** Only for one-off tools; services always migrate at start-up. */
    migrateOnStartup?: boolean;
  }): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [SERVICE_RUNTIME_CONFIG],
          useFactory: (config: ServiceRuntimeConfig) =>
            buildDataSourceOptions({
              url: config.databaseUrl,
              schema: config.databaseSchema,
              applicationName: config.serviceName,
              entities: options.entities,
              migrations: options.migrations,
            }),
        }),
        UnitOfWorkModule,
      ],
      providers: [...(options.migrateOnStartup === false ? [] : [MigrateOnStartup]), DatabaseHealth],
      exports: [TypeOrmModule, DatabaseHealth, UnitOfWorkModule],
    };
  }
}
