import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, IsUUID, MaxLength } from 'class-validator';
import { ROLES, type Role } from '@newsroom/auth';
import { Command, EachOneOf, IsMailAddress, IsNotBlank, OneLine } from '@newsroom/contracts';

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

  /** The person's name as the desk shows it (bylines, review notes): text a reader can see. */
  @OneLine()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @EachOneOf(ROLES)
  roles!: Role[];
}
