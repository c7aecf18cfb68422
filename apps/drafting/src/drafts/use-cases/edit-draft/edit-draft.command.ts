import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, IsOptional, IsUUID, Min, ValidateNested } from 'class-validator';
import { Command, type ArticleContent } from '@newsroom/contracts';
import { Actor } from '../actor';

/** A change to a draft's text, made on the version the editor had in front of them. */
export class EditDraftCommand extends Command {
  @IsUUID()
  draftId!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  /** The version the edit was made on (If-Match); absent → DRAFT.VERSION_REQUIRED. */
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  /**
   * The fields to change; omitted fields keep their value, `body` is replaced
   * whole. The merged article is validated as a whole by the draft.
   */
  @IsDefined()
  @IsObject()
  changes!: Partial<ArticleContent>;
}
