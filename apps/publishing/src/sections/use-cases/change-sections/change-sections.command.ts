import { IsInt, IsNotEmpty, IsString, Min } from 'class-validator';
import { Command, IsSiteSectionList, type SiteSectionEntry } from '@newsroom/contracts';

/** An admin replaces the site's section list (the whole list, in order) as it stood at `expectedVersion`. */
export class ChangeSectionsCommand extends Command {
  /** The version the admin edited (If-Match). */
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @IsSiteSectionList()
  sections!: SiteSectionEntry[];

  @IsString()
  @IsNotEmpty()
  adminId!: string;
}
