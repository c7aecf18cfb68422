import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Command } from '@newsroom/contracts';

/** The identity provider sends the browser back with its answer (a code, or an error) for the flow it started. */
export class SignInWithOidcCommand extends Command {
  /** The flow cookie's value; absent when the browser did not start this sign-in (or took too long). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'the sign-in cookie is not one the desk set' })
  flowToken?: string;

  /** The callback's query string as the provider sent it: `code` and `state`, or `error` and `state`. */
  @IsString()
  @MaxLength(16_000)
  answer!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  clientAddress?: string;
}
