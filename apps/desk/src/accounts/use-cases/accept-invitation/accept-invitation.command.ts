import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Command, IsNotBlank, OneLine } from '@newsroom/contracts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../domain/account';

/** The invited person follows the link and chooses a password (and, if they like, their name). */
export class AcceptInvitationCommand extends Command {
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'token must be the token of an invitation link' })
  token!: string;

  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `password must be at least ${MIN_PASSWORD_LENGTH} characters` })
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;

  /** Left out to keep the name the invitation gave; when sent, it must have text a reader can see. */
  @IsOptional()
  @OneLine()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  clientAddress?: string;
}
