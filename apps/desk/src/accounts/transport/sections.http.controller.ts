import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@newsroom/auth';
import type { SiteSection } from '@newsroom/config';
import type { DeskConfig } from '../../config/desk.config';
import { DESK_CONFIG } from '../../shared/desk-config.token';
import { SessionGuard } from './session.guard';

@ApiTags('sections')
@Public()
@UseGuards(SessionGuard)
@Controller('api/sections')
export class SectionsController {
  constructor(@Inject(DESK_CONFIG) private readonly config: DeskConfig) {}

  /** The managed sections, from SITE_SECTIONS as publishing reads it: {items: [{slug, label}]}. */
  @Get()
  @ApiOperation({ summary: 'The managed section list' })
  sections(): { items: SiteSection[] } {
    return { items: this.config.sections };
  }
}
