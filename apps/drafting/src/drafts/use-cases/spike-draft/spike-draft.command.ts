import { IsBoolean } from 'class-validator';
import { DraftChangeCommand } from '../draft-change.command';

/**
 * The reporter spikes their story (`spiked: true`: sets it aside, off their list, read-only) or
 * unspikes it (`false`: brings it back as it was). `expectedVersion` is optional: when given
 * (If-Match), it must still be current to spike.
 */
export class SpikeDraftCommand extends DraftChangeCommand {
  @IsBoolean()
  spiked!: boolean;
}
