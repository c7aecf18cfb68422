import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ROLES, type AuthenticatedUser, type Role } from '@newsroom/auth';
import { EachOneOf } from '@newsroom/contracts';

/** OpenID Connect allows a subject (the user id) of up to 255 ASCII characters. */
export const USER_ID_MAX_LENGTH = 255;

/**
 * Who asks for a change, as a command carries it: the signed-in user the
 * HTTP layer authenticated. Rules about who may do what live in the domain.
 */
export class Actor implements AuthenticatedUser {
  @IsString()
  @IsNotEmpty()
  @MaxLength(USER_ID_MAX_LENGTH)
  id!: string;

  @IsArray()
  @ArrayMaxSize(ROLES.length)
  @EachOneOf(ROLES)
  roles!: Role[];

  @IsOptional()
  @IsString()
  name?: string;
}
