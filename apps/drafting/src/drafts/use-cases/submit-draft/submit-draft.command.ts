import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, IsUUID, Min, ValidateNested } from 'class-validator';
import { Command } from '@newsroom/contracts';
import { Actor } from '../actor';

/** The reporter sends the current revision to the editors. */
export class SubmitDraftCommand extends Command {
  @IsUUID()
  draftId!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  /** When given (If-Match), the version the reporter saw must still be current. */
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}
