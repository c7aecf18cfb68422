import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Command, IsMailAddress } from '@newsroom/contracts';
import { MAX_PASSWORD_LENGTH } from '../../domain/account';

/** Someone signs in to the desk with their e-mail address and password. */
export class SignInCommand extends Command {
  @IsMailAddress()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;

  /** For the audit trail. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  clientAddress?: string;
}
