import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsEmail, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { PREFERENCE_LIMITS } from '../domain/preferences';
import type { PreferenceChoice } from '../use-cases/preference-choice';

const SLUG_EXAMPLE = { sections: ['politics'], tags: ['ukraine', 'climate-change'] };

/** An optional list of at most `max` short strings (the domain checks that they are slugs). */
const ListOfSlugs = (max: number) =>
  applyDecorators(IsOptional(), IsArray(), ArrayMaxSize(max), IsString({ each: true }), MaxLength(PREFERENCE_LIMITS.maxLength, { each: true }));

/** Sections, tags and breakingOnly, shared by email and push signups. */
export class PreferenceFields {
  @ApiPropertyOptional({ type: [String], maxItems: PREFERENCE_LIMITS.maxSections, example: SLUG_EXAMPLE.sections, description: 'Section slugs to follow' })
  @ListOfSlugs(PREFERENCE_LIMITS.maxSections)
  sections?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: PREFERENCE_LIMITS.maxTags, example: SLUG_EXAMPLE.tags, description: 'Tag slugs to follow' })
  @ListOfSlugs(PREFERENCE_LIMITS.maxTags)
  tags?: string[];

  @ApiPropertyOptional({
    description: 'Only breaking news. With no sections or tags: every breaking story; with them: breaking stories among those',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  breakingOnly?: boolean;
}

/** The preference part of a request, as a command carries it. */
export function preferencesOf(fields: PreferenceFields): PreferenceChoice {
  return { sections: fields.sections, tags: fields.tags, breakingOnly: fields.breakingOnly };
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

/**
 * The preferences form: lists comma- or space-separated, or one field per ticked box
 * (`sections=politics&sections=world`), and a checkbox (JSON arrays work too).
 */
export class PreferencesForm {
  @Transform(listFromForm)
  @ListOfSlugs(PREFERENCE_LIMITS.maxSections)
  sections?: string[];

  @Transform(listFromForm)
  @ListOfSlugs(PREFERENCE_LIMITS.maxTags)
  tags?: string[];

  @IsOptional()
  @IsIn(['on', 'true', 'false', true, false])
  breakingOnly?: 'on' | 'true' | 'false' | boolean;
}

/** The form's lists and checkbox as a command carries them (an unticked checkbox is absent: false). */
export function preferencesOfForm(form: PreferencesForm): PreferenceChoice {
  const breakingOnly = form.breakingOnly;
  return { sections: form.sections ?? [], tags: form.tags ?? [], breakingOnly: breakingOnly === 'on' || breakingOnly === 'true' || breakingOnly === true };
}

/** The site's signup form (`POST /subscribe`, urlencoded): the address and the preference fields. */
export class SubscribeForm extends PreferencesForm {
  @IsEmail()
  @MaxLength(254)
  email!: string;
}
