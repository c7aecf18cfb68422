import { IsNumberString, IsUUID } from 'class-validator';
import { Command } from '@newsroom/contracts';

/** Send delivery `deliveryId`, which worker `workerId` has claimed (it is `sending`, committed). */
export class DeliverAlertCommand extends Command {
  @IsNumberString({ no_symbols: true })
  deliveryId!: string;

  @IsUUID()
  workerId!: string;
}
