import { IsIn, IsUUID } from 'class-validator';
import { Command } from '@newsroom/contracts';
import type { RecipientKind } from '../../shared/links/subscriber-link-signer';

/** A command about one recipient, named by a verified signed link. */
export abstract class RecipientCommand extends Command {
  @IsUUID()
  recipientId!: string;

  @IsIn(['email', 'push'])
  kind!: RecipientKind;
}
