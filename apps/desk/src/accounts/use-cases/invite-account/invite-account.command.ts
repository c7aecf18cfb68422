import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '@newsroom/auth';
import { Command, IsMailAddress } from '@newsroom/contracts';

/** An admin creates an account for someone and sends them an invitation link. */
export class InviteAccountCommand extends Command {
  @IsUUID()
  adminId!: string;

  @IsString()
  @MaxLength(200)
  adminName!: string;

  @IsMailAddress()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsIn(ROLES, { each: true })
  roles!: Role[];
}
