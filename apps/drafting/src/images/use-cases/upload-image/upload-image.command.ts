import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Command } from '@newsroom/contracts';
import { IMAGE_FORMAT_NAMES, type ImageFormat } from '../../domain/image-formats';
import { USER_ID_MAX_LENGTH } from '../../../drafts/use-cases/actor';

/**
 * A reporter or editor uploads one picture for an article's image block. The file's bytes go
 * to the use case beside the command, not in it: command validation walks every value it
 * holds (the character rule), which for a 15 MB buffer is a minute of work on bytes that carry
 * no text.
 */
export class UploadImageCommand extends Command {
  @IsString()
  @IsNotEmpty()
  @MaxLength(USER_ID_MAX_LENGTH)
  uploadedBy!: string;

  /**
   * The format the upload was declared as (its Content-Type); the bytes must be that format.
   * Absent for a form part of a generic type: then the bytes tell.
   */
  @IsOptional()
  @IsIn(IMAGE_FORMAT_NAMES)
  format?: ImageFormat;
}
