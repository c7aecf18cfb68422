import { Module, type DynamicModule } from '@nestjs/common';
import { BrokerOffsets } from './broker-offsets';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { InboundEventProcessor } from './inbound-processor';
import { KafkaHealth } from './kafka-health';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';

/**
 * Outbox, relay, inbound processing and dead-lettering for one service.
 * Needs TypeOrmModule to be configured in the importing app.
 */
@Module({})
export class MessagingModule {
  static forRootAsync(options: {
    imports?: DynamicModule['imports'];
    inject: unknown[];
    useFactory: (...args: never[]) => MessagingOptions;
  }): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: MESSAGING_OPTIONS, inject: options.inject as never[], useFactory: options.useFactory },
        Outbox,
        OutboxRelay,
        DeadLetterPublisher,
        InboundEventProcessor,
        KafkaHealth,
        BrokerOffsets,
      ],
      exports: [MESSAGING_OPTIONS, Outbox, OutboxRelay, InboundEventProcessor, KafkaHealth, BrokerOffsets],
    };
  }
}
