import { Type } from 'class-transformer';
import { IsDate, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { AlertContentCommand } from '../alert-content.command';

/** What an editor's correction says, as publishing's `news.article.corrected.v1` carries it. */
export class CorrectionNotice {
  /** The editor's note saying what was wrong and what it says now (plain text). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note!: string;

  /** When the correction went live; it names the correction, as publishing keeps the revision number. */
  @Type(() => Date)
  @IsDate()
  correctedAt!: Date;
}

/**
 * A published article's text changed at the same address (an editor corrected it, or a newer
 * approved revision updated it): alerts not sent yet say the new text. Only a correction
 * carries `correction`, and only a correction follows the alerts already sent.
 */
export class CorrectAlertTextCommand extends AlertContentCommand {
  @IsOptional()
  @ValidateNested()
  @Type(() => CorrectionNotice)
  correction?: CorrectionNotice;
}
