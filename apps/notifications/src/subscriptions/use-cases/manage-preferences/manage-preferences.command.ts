import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';
import { PreferenceChoice } from '../preference-choice';
import { RecipientCommand } from '../recipient.command';

/** A recipient replaces what they get alerts about. */
export class ManagePreferencesCommand extends RecipientCommand {
  @IsDefined()
  @ValidateNested()
  @Type(() => PreferenceChoice)
  preferences!: PreferenceChoice;
}
