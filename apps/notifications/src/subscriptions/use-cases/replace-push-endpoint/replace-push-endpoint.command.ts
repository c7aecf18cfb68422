import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString } from 'class-validator';
import { Command } from '@newsroom/contracts';

/**
 * A browser reports that its push subscription was replaced: the endpoint it had, proved by
 * that subscription's auth secret, and the new subscription (endpoint, keys, expiration).
 */
export class ReplacePushEndpointCommand extends Command {
  @IsString()
  oldEndpoint!: string;

  /** base64url auth secret of the old subscription: only the browser holding it knows it. */
  @IsString()
  oldAuth!: string;

  @IsString()
  endpoint!: string;

  /** base64url P-256 public key of the browser, for the new subscription. */
  @IsString()
  p256dh!: string;

  /** base64url auth secret of the new subscription. */
  @IsString()
  auth!: string;

  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expirationTime?: Date | null;
}
