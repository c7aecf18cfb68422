// No workspace aliases here: Jest loads a test environment without the suites' module mapping.
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import { TestEnvironment as NodeEnvironment } from 'jest-environment-node';

import { WORKER_KAFKA, WorkerKafkaPool } from '../kafka/worker-kafka';

/**
 * One per Jest worker process: Jest loads a test environment once per worker and makes an
 * instance of it for each suite, so this module's state outlives the suites.
 */
const pool = new WorkerKafkaPool();

/**
 * Jest's Node environment, plus the worker's Kafka node for `startLocalBroker()` to borrow
 * (WorkerKafkaPool says when a suite gets it and how it is wiped in between). Used by the
 * integration, end-to-end and browser projects; the fault suites, which stop and kill their
 * brokers, keep Jest's own environment and start nodes of their own.
 */
export default class WorkerKafkaEnvironment extends NodeEnvironment {
  private readonly suite: string;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.suite = context.testPath;
    (this.global as unknown as Record<symbol, unknown>)[WORKER_KAFKA] = pool.lenderFor(this.suite);
  }

  override async teardown(): Promise<void> {
    pool.suiteEnded(this.suite);
    await super.teardown();
  }
}
