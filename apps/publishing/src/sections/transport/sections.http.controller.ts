import { Body, Controller, Get, Headers, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '@newsroom/auth';
import { ARTICLE_LIMITS, IsSiteSectionList, SITE_SECTION_LIMITS, SLUG_PATTERN, type SiteSectionEntry } from '@newsroom/contracts';
import { parseIfMatchVersion, versionEtag } from '@newsroom/platform';
import { SiteSectionList } from '@newsroom/site-sections';
import { sectionsVersionRequired } from '../domain/section-list.errors';
import { ChangeSectionsCommand } from '../use-cases/change-sections/change-sections.command';
import { ChangeSectionsUseCase } from '../use-cases/change-sections/change-sections.use-case';

export class SiteSectionView {
  @ApiProperty({ pattern: SLUG_PATTERN.source, maxLength: ARTICLE_LIMITS.section.maxLength, example: 'politics', description: 'As articles carry it in `section`' })
  slug!: string;

  @ApiProperty({ minLength: SITE_SECTION_LIMITS.label.minLength, maxLength: SITE_SECTION_LIMITS.label.maxLength, example: 'Politics', description: 'The name readers see; plain text' })
  label!: string;
}

export class SiteSectionsView {
  @ApiProperty({ type: [SiteSectionView], description: 'The navigation, in order' }) items!: SiteSectionView[];
  @ApiProperty({ description: 'The list\'s version (also the ETag, "3"); send it back in If-Match to change the list. 0 before the list is stored.' }) version!: number;
}

export class ChangeSiteSectionsRequest {
  @ApiProperty({
    type: [SiteSectionView],
    minItems: SITE_SECTION_LIMITS.minItems,
    maxItems: SITE_SECTION_LIMITS.maxItems,
    description: 'The whole new list in navigation order; no slug twice. A section left out is retired: its stories stay, it leaves the navigation.',
  })
  @IsSiteSectionList()
  items!: SiteSectionEntry[];
}

/**
 * The site's section list, which publishing owns and every other service follows through
 * `news.site.sections-changed.v1`: readers' navigation, the subscribe choices, the editorial
 * section check. Anyone may read it; admins change it, with If-Match on its version.
 */
@ApiTags('site')
@Controller('v1/site/sections')
export class SectionsHttpController {
  constructor(
    private readonly list: SiteSectionList,
    private readonly changeSections: ChangeSectionsUseCase,
  ) {}

  /** `{items: [{slug, label}], version}`, ETag `"<version>"`; read from the table, not a cached copy, so the version is current. */
  @Get()
  @Public()
  @ApiOperation({ summary: 'The site\'s sections in navigation order (public)' })
  @ApiResponse({ status: 200, type: SiteSectionsView })
  async read(@Res({ passthrough: true }) res: Response): Promise<SiteSectionsView> {
    await this.list.refresh();
    return respond(res, { version: this.list.version(), sections: this.list.current() });
  }

  /**
   * Replaces the list (admins). 400 REQUEST.VALIDATION_FAILED for a bad list (a slug not matching
   * SLUG_PATTERN, a blank or over-60-character label, a slug twice, none or more than 50 entries),
   * 428 SECTIONS.VERSION_REQUIRED without If-Match, 412 SECTIONS.VERSION_CONFLICT when another
   * change came first (details.currentVersion), 403 AUTH.FORBIDDEN for a non-admin.
   */
  @Put()
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Replace the site\'s sections (admins); needs If-Match with the version edited' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version the change was made on, e.g. "3"' })
  @ApiResponse({ status: 200, type: SiteSectionsView })
  @ApiResponse({ status: 400, description: 'An invalid list (REQUEST.VALIDATION_FAILED)' })
  @ApiResponse({ status: 412, description: 'The list changed since that version (SECTIONS.VERSION_CONFLICT)' })
  @ApiResponse({ status: 428, description: 'If-Match is missing (SECTIONS.VERSION_REQUIRED)' })
  async change(
    @CurrentUser() user: AuthenticatedUser,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() request: ChangeSiteSectionsRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SiteSectionsView> {
    const expectedVersion = parseIfMatchVersion(ifMatch);
    if (expectedVersion === undefined) throw sectionsVersionRequired();
    const changed = await this.changeSections.execute(ChangeSectionsCommand.create({ expectedVersion, sections: request.items, adminId: user.id }));
    return respond(res, changed);
  }
}

function respond(res: Response, list: { version: number; sections: SiteSectionEntry[] }): SiteSectionsView {
  res.setHeader('ETag', versionEtag(list.version));
  res.setHeader('Cache-Control', 'no-cache');
  return { items: list.sections.map(({ slug, label }) => ({ slug, label })), version: list.version };
}
