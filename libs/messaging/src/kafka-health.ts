import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { createKafka } from './kafka-client';
import { MESSAGING_OPTIONS, resolveMessagingOptions, type MessagingOptions } from './messaging.options';

/** Answers whether the broker is reachable, for the readiness probe and the `newsroom_broker_up` gauge. */
@Injectable()
export class KafkaHealth implements OnApplicationShutdown {
  private readonly options: Required<MessagingOptions>;
  private admin?: Admin;
  private inFlight?: Promise<{ up: boolean; detail?: string }>;
  private reached = false;
  private consumerExpected = false;
  private consumerJoined = false;

  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingOptions) {
    this.options = resolveMessagingOptions(options);
  }

  /**
   * Whether any check since the process started has reached the broker and, in a service that
   * consumes events, its consumer has joined its group once (readiness waits for both once): a
   * release whose consumer cannot subscribe (a topic missing, a READ refused) must not take over.
   */
  get reachedOnce(): boolean {
    return this.reached && (!this.consumerExpected || this.consumerJoined);
  }

  /** This service consumes events: readiness also waits for `joinedGroup()` once. */
  expectConsumer(): void {
    this.consumerExpected = true;
  }

  /** The consumer joined its group (kafkajs GROUP_JOIN). */
  joinedGroup(): void {
    this.consumerJoined = true;
  }

  /** One check at a time: callers that overlap (a probe and a scrape) share it, and so its admin client. */
  check(timeoutMs = 2000): Promise<{ up: boolean; detail?: string }> {
    this.inFlight ??= this.probe(timeoutMs).finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async probe(timeoutMs: number): Promise<{ up: boolean; detail?: string }> {
    try {
      if (!this.admin) {
        this.admin = createKafka(`${this.options.serviceName}-health`, this.options.brokers, this.options.security).admin({ retry: { retries: 0 } });
        await withTimeout(this.admin.connect(), timeoutMs);
      }
      const cluster = await withTimeout(this.admin.describeCluster(), timeoutMs);
      const up = cluster.brokers.length > 0;
      this.reached ||= up;
      return { up, detail: `${cluster.brokers.length} brokers` };
    } catch (error) {
      const admin = this.admin;
      this.admin = undefined;
      await admin?.disconnect().catch(() => undefined);
      return { up: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
