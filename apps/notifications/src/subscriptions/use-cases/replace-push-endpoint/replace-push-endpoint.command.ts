import { IsString } from 'class-validator';
import { BrowserPushSubscriptionCommand } from '../browser-push-subscription';

/**
 * A browser reports that its push subscription was replaced: the new subscription (endpoint,
 * keys, expiration), and the endpoint it had, proved by that subscription's auth secret.
 */
export class ReplacePushEndpointCommand extends BrowserPushSubscriptionCommand {
  @IsString()
  oldEndpoint!: string;

  /** base64url auth secret of the old subscription: only the browser holding it knows it. */
  @IsString()
  oldAuth!: string;
}
