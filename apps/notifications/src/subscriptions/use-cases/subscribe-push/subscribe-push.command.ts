import { Type } from 'class-transformer';
import { IsDate, IsDefined, IsOptional, IsString, ValidateNested } from 'class-validator';
import { Command } from '@newsroom/contracts';
import { PreferenceChoice } from '../preference-choice';

/**
 * A browser's PushSubscription (endpoint, keys, expiration) and what its owner
 * wants alerts about. The domain checks that the endpoint and keys are usable.
 */
export class SubscribePushCommand extends Command {
  @IsString()
  endpoint!: string;

  /** base64url P-256 public key of the browser. */
  @IsString()
  p256dh!: string;

  /** base64url auth secret of the browser. */
  @IsString()
  auth!: string;

  /** When the browser says the subscription expires; null or absent when it does not. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expirationTime?: Date | null;

  @IsDefined()
  @ValidateNested()
  @Type(() => PreferenceChoice)
  preferences!: PreferenceChoice;
}
