import { applyDecorators } from '@nestjs/common';
import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose, Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { CLOCK_TIME } from '@newsroom/config';
import { EachText, IsMailAddress, tagsAsTyped, type TypedTags } from '@newsroom/contracts';
import { PublicSite } from '../../alerts/domain/public-site';
import { FREQUENCIES, PREFERENCE_LIMITS } from '../domain/preferences';
import type { PreferenceChoice } from '../use-cases/preference-choice';

const SLUG_EXAMPLE = { sections: ['politics'], tags: ['ukraine', 'climate-change'] };

/** An optional list of at most `max` short strings (the domain checks that they are slugs). */
const ListOfSlugs = (max: number) =>
  applyDecorators(IsOptional(), IsArray(), ArrayMaxSize(max), EachText(PREFERENCE_LIMITS.maxLength));

/** `HH:MM:SS`: a time with seconds is read as far as the domain (checkedQuietHours), which names the rule. */
const CLOCK_TIME_MAX_LENGTH = 8;

/** Quiet hours in the recipient's time zone, 24-hour `HH:MM`; `start` after `end` crosses midnight. */
export class QuietHoursFields {
  @ApiProperty({ example: '22:00', pattern: CLOCK_TIME.source })
  @IsString()
  @MaxLength(CLOCK_TIME_MAX_LENGTH)
  start!: string;

  @ApiProperty({ example: '07:00', pattern: CLOCK_TIME.source })
  @IsString()
  @MaxLength(CLOCK_TIME_MAX_LENGTH)
  end!: string;
}

/** Sections, tags, frequency, time zone and quiet hours, shared by email and push signups. */
export class PreferenceFields {
  @ApiPropertyOptional({ type: [String], maxItems: PREFERENCE_LIMITS.maxSections, example: SLUG_EXAMPLE.sections, description: 'Section slugs to follow' })
  @ListOfSlugs(PREFERENCE_LIMITS.maxSections)
  sections?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: PREFERENCE_LIMITS.maxTags, example: SLUG_EXAMPLE.tags, description: 'Tag slugs to follow' })
  @ListOfSlugs(PREFERENCE_LIMITS.maxTags)
  tags?: string[];

  @ApiPropertyOptional({
    enum: FREQUENCIES,
    default: 'every-story',
    description:
      'every-story: an alert per story followed; breaking-only: breaking stories only (every breaking story with no sections or tags); ' +
      'daily-digest: one e-mail a day listing the stories followed (e-mail only, SUBSCRIBER.INVALID_PREFERENCES for push)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  frequency?: string;

  @ApiPropertyOptional({
    description: 'The older spelling of frequency "breaking-only" (true); still accepted. Given with frequency, the two must agree',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  breakingOnly?: boolean;

  @ApiPropertyOptional({ example: 'Europe/Kyiv', description: "IANA time zone of the quiet hours and the digest hour (a browser's Intl.DateTimeFormat().resolvedOptions().timeZone); the site's (SITE_TIME_ZONE) when absent; SUBSCRIBER.UNKNOWN_TIME_ZONE otherwise" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ type: QuietHoursFields, nullable: true, description: 'Non-breaking alerts due in this span wait until it ends; null or absent for none' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => QuietHoursFields)
  quietHours?: QuietHoursFields | null;
}

/** The preference part of a request, as a command carries it. */
export function preferencesOf(fields: PreferenceFields): PreferenceChoice {
  const { sections, tags, frequency, breakingOnly, timeZone, quietHours } = fields;
  return { sections, tags, frequency, breakingOnly, timeZone, quietHours: quietHours && { start: quietHours.start, end: quietHours.end } };
}

export class CreateSubscriberRequest extends PreferenceFields {
  @ApiProperty({ example: 'reader@example.com', maxLength: 254 })
  @IsMailAddress()
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

/**
 * A browser's report that its push subscription was replaced (the service worker's
 * `pushsubscriptionchange`, or the page finding a new one): the endpoint and auth secret of the
 * old subscription, as its PushSubscription.toJSON() gave them, and the new one as it is.
 */
export class ReplacePushSubscriptionRequest {
  @ApiProperty({ description: 'The endpoint of the subscription the browser had (https)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  oldEndpoint!: string;

  @ApiProperty({ description: "base64url auth secret of that subscription (its toJSON().keys.auth): proves the browser held it" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  oldAuth!: string;

  @ApiProperty({ type: PushSubscriptionJson, description: 'The new subscription' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PushSubscriptionJson)
  subscription!: PushSubscriptionJson;
}

/** The push subscription a browser holds, as its PushSubscription.toJSON() gives it: asked where it stands. */
export class CheckPushSubscriptionRequest {
  @ApiProperty({ description: 'The endpoint of the subscription the browser holds (https)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  endpoint!: string;

  @ApiProperty({ description: 'base64url auth secret of that subscription (its toJSON().keys.auth): proves the browser holds it' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  auth!: string;
}

export class PushSubscriptionCreated {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Signed token for /preferences and /unsubscribe; keep it with the subscription' }) managementToken!: string;
  @ApiProperty() preferencesUrl!: string;
  @ApiProperty() unsubscribeUrl!: string;
}

/** The subscription the new endpoint belongs to (the old one's id, or the newer one that superseded it), its links, and what was done. */
export class PushSubscriptionReplaced extends PushSubscriptionCreated {
  @ApiProperty({
    enum: ['replaced', 'already', 'superseded'],
    description:
      'replaced: the new endpoint took over the old subscription, its preferences and links; already: the browser already holds the new subscription here; ' +
      'superseded: the new endpoint was registered on its own first, and that subscription (with the preferences chosen then) is kept',
  })
  outcome!: 'replaced' | 'already' | 'superseded';
}

/** Where a browser's push subscription stands; its links only while it is active. */
export class PushSubscriptionStatusBody {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    enum: ['active', 'stopped', 'ended'],
    description: 'active: alerts are on; stopped: the reader stopped them (unsubscribe or preference page); ended: the push service refused the endpoint, or a newer subscription of this browser took over',
  })
  status!: 'active' | 'stopped' | 'ended';
  @ApiProperty({ required: false, description: 'Only when active' }) managementToken?: string;
  @ApiProperty({ required: false, description: 'Only when active' }) preferencesUrl?: string;
  @ApiProperty({ required: false, description: 'Only when active' }) unsubscribeUrl?: string;
}

export class VapidPublicKey {
  @ApiProperty({ description: 'applicationServerKey for PushManager.subscribe()' }) publicKey!: string;
}

const listFromForm = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(/[\s,]+/).filter((part) => part !== '') : value;

/**
 * Tags as a reader types them in the form's one field: comma-separated, each turned into the slug
 * articles carry ("River Harle" follows river-harle, not "river" and "harle"), with the words
 * each was typed as (tagsAsTyped); repeated fields and JSON lists the same way. An entry that
 * makes no slug stays as typed, for validation to name. Undefined for anything but text.
 */
function typedTagsOf(value: unknown): TypedTags | undefined {
  if (typeof value === 'string') return tagsAsTyped(value);
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) return tagsAsTyped(value.join(','));
  return undefined;
}

const tagsFromForm = ({ value }: { value: unknown }) => typedTagsOf(value)?.tags ?? value;

/** The words each tag was typed as, where they say more than its slug ("Київ" for `kiyiv`), read from the same `tags` field or fields; undefined for none. */
const tagLabelsFromForm = ({ obj }: { obj: Record<string, unknown> }) => {
  const labels = typedTagsOf(obj.tags)?.tagLabels;
  return labels && Object.keys(labels).length > 0 ? labels : undefined;
};

/** A form field left empty is a field not given. */
const emptyAsAbsent = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/**
 * The preferences form: sections comma- or space-separated, tags comma-separated (typedTagsOf), or one field per ticked box
 * (`sections=politics&sections=world`), the `frequency` radio buttons (or the older
 * `breakingOnly` checkbox), `timeZone`, and `quietHoursStart`/`quietHoursEnd` (`HH:MM`,
 * both empty for none). JSON works too.
 */
export class PreferencesForm {
  @ApiPropertyOptional({ type: [String], description: 'Section slugs: one field per ticked box, or comma- or space-separated', example: ['politics', 'world'] })
  @Transform(listFromForm)
  @ListOfSlugs(PREFERENCE_LIMITS.maxSections)
  sections?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Tags, comma-separated or one field each, as typed ("River Harle") or as slugs (river-harle)', example: ['transport'] })
  @Transform(tagsFromForm)
  @ListOfSlugs(PREFERENCE_LIMITS.maxTags)
  tags?: string[];

  /** Not a field of the form: the words `tags` were typed as, kept to name them (PreferenceChoice.tagLabels). */
  @ApiHideProperty()
  @Expose()
  @Transform(tagLabelsFromForm, { toClassOnly: true })
  @IsOptional()
  @IsObject()
  tagLabels?: Record<string, string>;

  @ApiPropertyOptional({ enum: ['on', 'true', 'false'], description: 'The older checkbox: breaking news only (frequency wins when both are sent)' })
  @IsOptional()
  @IsIn(['on', 'true', 'false', true, false])
  breakingOnly?: 'on' | 'true' | 'false' | boolean;

  @ApiPropertyOptional({ enum: FREQUENCIES, description: 'How often alerts come' })
  @Transform(emptyAsAbsent)
  @IsOptional()
  @IsString()
  @MaxLength(40)
  frequency?: string;

  @ApiPropertyOptional({ description: 'IANA time zone of the quiet hours and digests', example: 'Europe/London' })
  @Transform(emptyAsAbsent)
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ description: 'Start of quiet hours, HH:MM (both empty for none)', example: '22:00' })
  @Transform(emptyAsAbsent)
  @IsOptional()
  @IsString()
  @MaxLength(CLOCK_TIME_MAX_LENGTH)
  quietHoursStart?: string;

  @ApiPropertyOptional({ description: 'End of quiet hours, HH:MM', example: '07:00' })
  @Transform(emptyAsAbsent)
  @IsOptional()
  @IsString()
  @MaxLength(CLOCK_TIME_MAX_LENGTH)
  quietHoursEnd?: string;
}

/**
 * The form's fields as a command carries them. An unticked checkbox is absent, and so
 * false unless a frequency says otherwise; quiet hours with one time missing go to the
 * domain as they are, which says what is wrong.
 */
export function preferencesOfForm(form: PreferencesForm): PreferenceChoice {
  const { breakingOnly, frequency, timeZone, quietHoursStart, quietHoursEnd } = form;
  const ticked = breakingOnly === 'on' || breakingOnly === 'true' || breakingOnly === true;
  return {
    sections: form.sections ?? [],
    tags: form.tags ?? [],
    ...(form.tagLabels ? { tagLabels: form.tagLabels } : {}),
    frequency,
    breakingOnly: frequency === undefined ? ticked : breakingOnly === undefined ? undefined : ticked,
    timeZone,
    quietHours: quietHoursStart === undefined && quietHoursEnd === undefined ? null : { start: quietHoursStart ?? '', end: quietHoursEnd ?? '' },
  };
}

/**
 * A signup form's choice (the site's box, the /subscribe page): a reader who ticked nothing gets
 * breaking news only, as the box's "Get alerts" button gives a browser, rather than a refusal
 * (SUBSCRIBER.NO_INTERESTS) for leaving it all as it was. Only when every story was asked for, or
 * nothing said: a daily digest of nothing is still refused, and the preference page, where
 * unticking all may mean stopping, still says so.
 */
export function signupChoiceOfForm(form: PreferencesForm): PreferenceChoice {
  const choice = preferencesOfForm(form);
  const followsNothing = (choice.sections ?? []).length === 0 && (choice.tags ?? []).length === 0;
  if (!followsNothing || (choice.frequency !== undefined && choice.frequency !== 'every-story')) return choice;
  return { ...choice, frequency: 'breaking-only', breakingOnly: undefined };
}

/**
 * Where the answer's way back leads: `returnTo` when it is a page of the site (PublicSite.owns,
 * the rule alert links follow), else nothing (the site itself). Never anywhere else: the field
 * comes from a form anyone can post.
 */
export function wayBack(returnTo: string | undefined, siteUrl: string): string | undefined {
  return returnTo && new PublicSite(siteUrl).owns(returnTo) ? new URL(returnTo).toString() : undefined;
}

/** The site's signup form (`POST /subscribe`, urlencoded): the address and the preference fields. */
export class SubscribeForm extends PreferencesForm {
  @ApiPropertyOptional({ description: 'The page of the site the form was on: the answer leads back there (only a page of PUBLIC_SITE_URL)' })
  @Transform(emptyAsAbsent)
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  returnTo?: string;

  @ApiProperty({ example: 'reader@example.com', maxLength: 254 })
  @IsMailAddress()
  @MaxLength(254)
  email!: string;
}
