import { Type } from 'class-transformer';
import { IsDefined, IsEmail, MaxLength, ValidateNested } from 'class-validator';
import { Command } from '@newsroom/contracts';
import { PreferenceChoice } from '../preference-choice';

/** Someone asks for email alerts at `email`. */
export class SignUpByEmailCommand extends Command {
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => PreferenceChoice)
  preferences!: PreferenceChoice;
}
