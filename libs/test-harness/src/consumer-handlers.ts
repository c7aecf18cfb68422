import type { NewsroomEvent } from '@newsroom/contracts';
import type { EventHandlers, InboundEventProcessor } from '@newsroom/messaging';

/**
 * The handlers a consumer hands to InboundEventProcessor, captured by a stand-in
 * processor, so a spec checks the consumer's one job — mapping each event to a
 * command — on its own (validation, the inbox and dead letters are the
 * processor's, tested in libs/messaging):
 *
 *   const handlers = await capturedHandlers((inbound) => new XConsumer(inbound, useCase).onEvent({} as never));
 *   await dispatch(handlers, event);
 */
export async function capturedHandlers(deliverOne: (inbound: InboundEventProcessor) => Promise<unknown>): Promise<EventHandlers> {
  let captured: EventHandlers | undefined;
  const inbound = {
    process: async (_message: unknown, handlers: EventHandlers) => {
      captured = handlers;
      return 'skipped' as const;
    },
  } as unknown as InboundEventProcessor;
  await deliverOne(inbound);
  if (!captured) throw new Error('the consumer did not pass its handlers to InboundEventProcessor.process');
  return captured;
}

/** Runs the handler `handlers` has for `event`'s type; fails when there is none. */
export async function dispatch(handlers: EventHandlers, event: NewsroomEvent): Promise<void> {
  const handle = handlers[event.type] as ((e: NewsroomEvent) => Promise<unknown>) | undefined;
  if (!handle) throw new Error(`no handler for ${event.type}`);
  await handle(event);
}
