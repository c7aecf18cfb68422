import { IsOptional, Matches, MaxLength } from 'class-validator';
import { Command } from '@newsroom/contracts';

/** Someone asks to sign in through the newsroom's identity provider, then to come back to `returnTo`. */
export class StartOidcSignInCommand extends Command {
  /** A path on the desk (`/stories/…`), never another site: it comes from the address bar. */
  @IsOptional()
  @Matches(/^\/(?![/\\])[^\s\\]*$/, { message: 'next must be a path on the desk, such as /stories' })
  @MaxLength(2000)
  returnTo?: string;
}
