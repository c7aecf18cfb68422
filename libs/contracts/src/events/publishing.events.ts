import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ArticleContent, CORRECTABLE_FIELDS, IsTagLabels, OneLine, type CorrectableField } from '../article';
import { ArticleRef, ArticleRevisionRef } from './article-revision';
import { EachOneOf, EachText } from '../list-items';
import { PRIORITIES, type Priority } from './event-types';

const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

/** An approved article is waiting for its publishAt / embargo time. */
export class PublicationScheduledData extends ArticleRevisionRef {
  @IsISO8601({ strict: true })
  publishAt!: string;
}

export class PublishedBylineData {
  /** As the article's byline (OneLine): an event written before that rule is read the same way. */
  @OneLine()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name!: string;
}

/** What subscribers and other services need to know about a live article. */
export class ArticlePublishedData extends ArticleRevisionRef {
  @IsString()
  @IsNotEmpty()
  slug!: string;

  /** Canonical public URL of the article page. */
  @IsUrl(HTTP_URL)
  url!: string;

  /** As the article's headline (OneLine): an event written before that rule is read the same way. */
  @OneLine()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  headline!: string;

  @IsOptional()
  @IsString()
  @MaxLength(600)
  standfirst?: string;

  @IsString()
  @IsNotEmpty()
  section!: string;

  @IsArray()
  @ArrayMaxSize(20)
  @EachText()
  tags!: string[];

  /** The words tags were typed as, where they say more than the slug (ArticleContent.tagLabels); absent when none was. */
  @IsOptional()
  @IsTagLabels()
  tagLabels?: Record<string, string>;

  @IsString()
  @IsNotEmpty()
  language!: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PublishedBylineData)
  bylines!: PublishedBylineData[];

  @IsIn(PRIORITIES)
  priority!: Priority;

  @IsISO8601({ strict: true })
  publishedAt!: string;

  /**
   * The live text whole, bylines by name as above, when it is not the revision exactly as its
   * editor approved it: on `corrected`, the text as the correction left it; on `published` and
   * `updated`, a revision that corrections of the text it replaced were carried into. Drafting
   * takes it into the story's working copy, so the next revision starts from what readers see.
   * Absent otherwise, and from events written before it was carried; a consumer then has the
   * summary fields above only.
   */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ArticleContent)
  article?: ArticleContent;

  /**
   * On `published` and `updated`: fields a correction of the text this revision replaced had
   * changed, which the revision had rewritten itself, so the revision's own wording went live
   * there (`carryCorrection`). Someone should read them again. Absent when there were none.
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CORRECTABLE_FIELDS.length)
  @EachOneOf(CORRECTABLE_FIELDS)
  correctionsNotCarried?: CorrectableField[];
}

export class ArticleCorrectedData extends ArticlePublishedData {
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  correctionNote!: string;

  @IsISO8601({ strict: true })
  correctedAt!: string;

  /** The editor who made the correction; absent from corrections announced before it was sent. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  editorId?: string;
}

export class ArticleUnpublishedData extends ArticleRef {
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @IsString()
  @IsNotEmpty()
  editorId!: string;

  @IsISO8601({ strict: true })
  unpublishedAt!: string;

  /**
   * The revision that was live and is taken down; absent from withdrawals announced before it
   * was sent. Drafting records the withdrawal against it, not against a newer revision the
   * reporter may have in review meanwhile.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;
}

/**
 * A newer approved revision replaced the live text of a published article (same address).
 * `publishedAt` stays the first publication; `updatedAt` is when this revision went live.
 */
export class ArticleUpdatedData extends ArticlePublishedData {
  @IsISO8601({ strict: true })
  updatedAt!: string;
}

/**
 * An editor killed an article: a legal removal. Its address answers 410 and nothing of it is
 * served anywhere any more; consumers should drop what they hold of it (a pushed alert, a
 * cached page). The reason stays with publishing: the event says only who and when.
 */
export class ArticleKilledData extends ArticleRef {
  @IsString()
  @IsNotEmpty()
  editorId!: string;

  @IsISO8601({ strict: true })
  killedAt!: string;
}

/** An editor cancelled a revision that was waiting for its time; it will not go live. */
export class ScheduleCancelledData extends ArticleRevisionRef {
  @IsString()
  @IsNotEmpty()
  editorId!: string;

  @IsISO8601({ strict: true })
  cancelledAt!: string;
}
