import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString } from 'class-validator';
import { Command } from '@newsroom/contracts';

/**
 * A browser's PushSubscription (its toJSON(): endpoint, keys, expiration) in a command. The
 * domain checks that the endpoint and keys are usable (PushSubscription.register, replaceEndpoint).
 */
export abstract class BrowserPushSubscriptionCommand extends Command {
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
}
