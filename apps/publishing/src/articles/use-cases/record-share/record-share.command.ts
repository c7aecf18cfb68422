import { IsIn } from 'class-validator';
import { ArticleCommand } from '@newsroom/contracts';
import { SHARE_NETWORKS, type ShareNetwork } from '../../domain/share-networks';

/** A reader shared a live article on `network`. Who shared it is not part of the command. */
export class RecordShareCommand extends ArticleCommand {
  @IsIn(SHARE_NETWORKS, { message: `network must be one of ${SHARE_NETWORKS.join(', ')}` })
  network!: ShareNetwork;
}
