import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, IsUUID, Min, ValidateNested } from 'class-validator';
import { Command } from '@newsroom/contracts';
import { Actor } from './actor';

/** What every change a person asks for on one draft names: the draft, who asks, and the version they saw. */
export abstract class DraftChangeCommand extends Command {
  @IsUUID()
  draftId!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  /** The version the change was made on (If-Match); whether it is required is the change's own rule. */
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}
