import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PREFERENCE_LIMITS } from '../domain/preferences';

const SLUG_EXAMPLE = { sections: ['politics'], tags: ['ukraine', 'climate-change'] };

/** Sections, tags and breakingOnly, shared by email and push signups. */
export class PreferenceFields {
  @ApiPropertyOptional({ type: [String], maxItems: PREFERENCE_LIMITS.maxSections, example: SLUG_EXAMPLE.sections, description: 'Section slugs to follow' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PREFERENCE_LIMITS.maxSections)
  @IsString({ each: true })
  @MaxLength(PREFERENCE_LIMITS.maxLength, { each: true })
  sections?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: PREFERENCE_LIMITS.maxTags, example: SLUG_EXAMPLE.tags, description: 'Tag slugs to follow' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PREFERENCE_LIMITS.maxTags)
  @IsString({ each: true })
  @MaxLength(PREFERENCE_LIMITS.maxLength, { each: true })
  tags?: string[];

  @ApiPropertyOptional({
    description: 'Only breaking news. With no sections or tags: every breaking story; with them: breaking stories among those',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  breakingOnly?: boolean;
}

export class CreateSubscriberRequest extends PreferenceFields {
  @ApiProperty({ example: 'reader@example.com', maxLength: 254 })
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class SubscriberAccepted {
  @ApiProperty({ example: 'accepted' }) status!: 'accepted';
  @ApiProperty() message!: string;
}

export class PushSubscriptionKeys {
  @ApiProperty({ description: 'base64url P-256 public key of the browser (65 bytes decoded)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  p256dh!: string;

  @ApiProperty({ description: 'base64url auth secret (16 bytes decoded)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  auth!: string;
}

/** The browser's PushSubscription.toJSON(), as it is. */
export class PushSubscriptionJson {
  @ApiProperty({ example: 'https://updates.push.services.mozilla.com/wpush/v2/gAAAA…', description: 'The push service URL (https)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  endpoint!: string;

  @ApiPropertyOptional({ nullable: true, description: 'Milliseconds since the epoch, or null' })
  @IsOptional()
  @IsInt()
  @Min(0)
  expirationTime?: number | null;

  @ApiProperty({ type: PushSubscriptionKeys })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PushSubscriptionKeys)
  keys!: PushSubscriptionKeys;
}

export class CreatePushSubscriptionRequest extends PreferenceFields {
  @ApiProperty({ type: PushSubscriptionJson })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PushSubscriptionJson)
  subscription!: PushSubscriptionJson;
}

export class PushSubscriptionCreated {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Signed token for /preferences and /unsubscribe; keep it with the subscription' }) managementToken!: string;
  @ApiProperty() preferencesUrl!: string;
  @ApiProperty() unsubscribeUrl!: string;
}

export class VapidPublicKey {
  @ApiProperty({ description: 'applicationServerKey for PushManager.subscribe()' }) publicKey!: string;
}

const listFromForm = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(/[\s,]+/).filter((part) => part !== '') : value;

/** The preferences form: comma- or space-separated lists and a checkbox (JSON arrays work too). */
export class PreferencesForm {
  @IsOptional()
  @Transform(listFromForm)
  @IsArray()
  @ArrayMaxSize(PREFERENCE_LIMITS.maxSections)
  @IsString({ each: true })
  @MaxLength(PREFERENCE_LIMITS.maxLength, { each: true })
  sections?: string[];

  @IsOptional()
  @Transform(listFromForm)
  @IsArray()
  @ArrayMaxSize(PREFERENCE_LIMITS.maxTags)
  @IsString({ each: true })
  @MaxLength(PREFERENCE_LIMITS.maxLength, { each: true })
  tags?: string[];

  @IsOptional()
  @IsIn(['on', 'true', 'false', true, false])
  breakingOnly?: 'on' | 'true' | 'false' | boolean;
}

export function formBreakingOnly(value: PreferencesForm['breakingOnly']): boolean {
  return value === 'on' || value === 'true' || value === true;
}
