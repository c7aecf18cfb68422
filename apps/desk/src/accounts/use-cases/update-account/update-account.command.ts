import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { ROLES, type Role } from '@newsroom/auth';
import { Command, EachOneOf } from '@newsroom/contracts';

/** An admin changes an account's roles, or disables or enables it. */
export class UpdateAccountCommand extends Command {
  @IsUUID()
  adminId!: string;

  @IsUUID()
  accountId!: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @EachOneOf(ROLES)
  roles?: Role[];

  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}
