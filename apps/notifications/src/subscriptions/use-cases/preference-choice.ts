import { IsArray, IsBoolean, IsOptional, IsString } from 'class-validator';

/**
 * The preferences a command carries, as the person chose them: the domain
 * (normalizePreferences) folds case, removes duplicates and applies the slug
 * and count rules with their own error codes, so only the shape is checked here.
 */
export class PreferenceChoice {
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  sections?: string[];

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  tags?: string[];

  @IsOptional()
  @IsBoolean()
  breakingOnly?: boolean;
}
