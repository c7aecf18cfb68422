import { CreateDeadLetterAudit1764100000000 } from '@newsroom/observability';
import { CreateOutboxAndInbox1764000000000 } from '@newsroom/persistence';
import { CreateRateLimits1764200000000 } from '@newsroom/platform';
import { CreateSiteSections1764600000000 } from '@newsroom/site-sections';
import { CreateArticles1764000300000 } from './1764000300000-create-articles';
import { SearchTagsAuthors1764000400000 } from './1764000400000-search-tags-authors';
import { EmbargoApartFromSchedule1764000500000 } from './1764000500000-embargo-apart-from-schedule';
import { LifeAfterPublication1764000600000 } from './1764000600000-life-after-publication';
import { SiteRevisionIndex1764000700000 } from './1764000700000-site-revision-index';
import { ArticleShares1764000800000 } from './1764000800000-article-shares';
import { LiveAsApproved1764000900000 } from './1764000900000-live-as-approved';
import { SearchBySection1764900000000 } from './1764900000000-search-by-section';
import { LiveCorrectedSince1765500000000 } from './1765500000000-live-corrected-since';
import { AuthorSlugsInEveryScript1766000000000 } from './1766000000000-author-slugs-in-every-script';
import { SearchAsReadersType1766000100000 } from './1766000100000-search-as-readers-type';

/** In order of their timestamps. */
export const PUBLISHING_MIGRATIONS = [
  CreateOutboxAndInbox1764000000000,
  CreateArticles1764000300000,
  SearchTagsAuthors1764000400000,
  EmbargoApartFromSchedule1764000500000,
  LifeAfterPublication1764000600000,
  SiteRevisionIndex1764000700000,
  ArticleShares1764000800000,
  LiveAsApproved1764000900000,
  CreateDeadLetterAudit1764100000000,
  CreateRateLimits1764200000000,
  CreateSiteSections1764600000000,
  SearchBySection1764900000000,
  LiveCorrectedSince1765500000000,
  AuthorSlugsInEveryScript1766000000000,
  SearchAsReadersType1766000100000,
];
