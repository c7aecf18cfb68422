import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';
import { BrowserPushSubscriptionCommand } from '../browser-push-subscription';
import { PreferenceChoice } from '../preference-choice';

/** A browser's PushSubscription and what its owner wants alerts about. */
export class SubscribePushCommand extends BrowserPushSubscriptionCommand {
  @IsDefined()
  @ValidateNested()
  @Type(() => PreferenceChoice)
  preferences!: PreferenceChoice;
}
