import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ArticleContent, ArticleRevisionCommand, NOTE_MAX_LENGTH } from '@newsroom/contracts';

/**
 * A correction publishing made to the live text of revision `revision` (one event), to take
 * into the reporter's draft. The fields are the corrected live values, whole; the article's id
 * is the draft's id.
 */
export class ApplyCorrectionCommand extends ArticleRevisionCommand {
  /** The reporting event; the timeline keeps at most one entry per event. */
  @IsUUID()
  eventId!: string;

  /** The correction note readers see. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(NOTE_MAX_LENGTH)
  note!: string;

  /** When the correction was made (ISO 8601). */
  @IsISO8601({ strict: true })
  at!: string;

  @IsString()
  @IsNotEmpty()
  headline!: string;

  /** Absent when the live text has no standfirst. */
  @IsOptional()
  @IsString()
  standfirst?: string;

  @IsString()
  @IsNotEmpty()
  section!: string;

  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  tags!: string[];

  @IsString()
  @IsNotEmpty()
  language!: string;

  /** The bylines' names as printed. */
  @IsArray()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  bylineNames!: string[];

  /**
   * The corrected live text whole, when the event carried it: the body and the dateline are
   * taken from it. Absent (an event written before it was carried), those two are left as they are.
   */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ArticleContent)
  article?: ArticleContent;
}
