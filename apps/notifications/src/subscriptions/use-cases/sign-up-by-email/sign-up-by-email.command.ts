import { Type } from 'class-transformer';
import { IsDefined, MaxLength, ValidateNested } from 'class-validator';
import { Command, IsMailAddress } from '@newsroom/contracts';
import { PreferenceChoice } from '../preference-choice';

/** Someone asks for email alerts at `email`. */
export class SignUpByEmailCommand extends Command {
  @IsMailAddress()
  @MaxLength(254)
  email!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => PreferenceChoice)
  preferences!: PreferenceChoice;
}
