import { IsUUID } from 'class-validator';
import { Command } from '@newsroom/contracts';

/** A reader asked for their data to be erased (GDPR art. 17); an editor acts on it. */
export class EraseSubscriberCommand extends Command {
  @IsUUID()
  subscriberId!: string;
}
