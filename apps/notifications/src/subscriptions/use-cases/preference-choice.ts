import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { EachText } from '@newsroom/contracts';

/** Quiet hours as chosen: `HH:MM` strings, checked by the domain (checkedQuietHours). */
export class QuietHoursChoice {
  @IsString()
  start!: string;

  @IsString()
  end!: string;
}

/**
 * The preferences a command carries, as the person chose them: the domain
 * (normalizePreferences) folds case, removes duplicates and applies the slug,
 * count, frequency, time zone and quiet-hours rules with their own error codes,
 * so only the shape is checked here.
 */
export class PreferenceChoice {
  @IsOptional()
  @IsArray()
  @EachText()
  sections?: string[];

  @IsOptional()
  @IsArray()
  @EachText()
  tags?: string[];

  /**
   * The words the reader typed a tag as, where they say more than its slug ("Київ" for `kiyiv`:
   * tagsAsTyped), from the forms. Not a preference: the pages and e-mails name a tag by them
   * until a story names it (TagNameRepository.rememberTyped).
   */
  @IsOptional()
  @IsObject()
  tagLabels?: Record<string, string>;

  @IsOptional()
  @IsString()
  frequency?: string;

  @IsOptional()
  @IsBoolean()
  breakingOnly?: boolean;

  @IsOptional()
  @IsString()
  timeZone?: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursChoice)
  quietHours?: QuietHoursChoice | null;
}
