import { IsString, IsUUID, MaxLength } from 'class-validator';
import { Command } from '@newsroom/contracts';

/** An admin sends a new invitation link to someone who has not accepted theirs. */
export class ReinviteAccountCommand extends Command {
  @IsUUID()
  adminId!: string;

  @IsString()
  @MaxLength(200)
  adminName!: string;

  @IsUUID()
  accountId!: string;
}
