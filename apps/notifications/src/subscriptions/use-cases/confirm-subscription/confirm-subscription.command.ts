import { IsUUID } from 'class-validator';
import { Command } from '@newsroom/contracts';

/** The owner of the address followed the confirmation link for `subscriberId`. */
export class ConfirmSubscriptionCommand extends Command {
  @IsUUID()
  subscriberId!: string;
}
