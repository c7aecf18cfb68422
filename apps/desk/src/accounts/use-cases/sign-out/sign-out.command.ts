import { IsUUID } from 'class-validator';
import { Command } from '@newsroom/contracts';

/** The holder of a session ends it. */
export class SignOutCommand extends Command {
  @IsUUID()
  sessionId!: string;

  @IsUUID()
  accountId!: string;
}
