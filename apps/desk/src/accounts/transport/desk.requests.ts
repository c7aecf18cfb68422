import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ROLES, type Role } from '@newsroom/auth';

/** POST /api/session. The e-mail address is checked by the use case's command. */
export class SignInRequest {
  @ApiProperty({ example: 'alice@newsroom.localhost' })
  @IsString()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(256)
  password!: string;
}

/** POST /api/accounts */
export class InviteAccountRequest {
  @ApiProperty({ example: 'rosa@example.org' })
  @IsString()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Rosa Reporter' })
  @IsString()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['reporter'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsIn(ROLES, { each: true })
  roles!: Role[];
}

/** PATCH /api/accounts/:id */
export class UpdateAccountRequest {
  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

/** POST /api/invitations/:token */
export class AcceptInvitationRequest {
  @ApiPropertyOptional({ example: 'Rosa Reporter' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiProperty({ description: 'At least 12 characters' })
  @IsString()
  @MaxLength(256)
  password!: string;
}
