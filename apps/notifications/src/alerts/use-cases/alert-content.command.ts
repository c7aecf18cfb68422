import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { ARTICLE_LIMITS, ArticleRevisionCommand, EachText, PRIORITIES, type Priority } from '@newsroom/contracts';
import type { AlertContent } from '../domain/article-alert';

/**
 * What a published, corrected or updated article says, as the alert commands carry it.
 * Whether its URL is ours is a domain rule (PublicSite), checked by the use case.
 */
export abstract class AlertContentCommand extends ArticleRevisionCommand {
  @IsString()
  @IsNotEmpty()
  headline!: string;

  @IsOptional()
  @IsString()
  standfirst?: string | null;

  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(ARTICLE_LIMITS.url.maxLength)
  url!: string;

  @IsString()
  @IsNotEmpty()
  section!: string;

  @IsArray()
  @ArrayMaxSize(50)
  @EachText()
  tags!: string[];

  @IsIn(PRIORITIES)
  priority!: Priority;

  /** The article's language (BCP 47, as the event carries it). */
  @IsOptional()
  @IsString()
  @MaxLength(35)
  language?: string | null;
}

/** The alert text and matching facts a command carries. */
export function alertContentOf(command: AlertContentCommand): AlertContent {
  return {
    revision: command.revision,
    headline: command.headline,
    standfirst: command.standfirst ?? null,
    url: command.url,
    section: command.section,
    tags: [...command.tags],
    priority: command.priority,
    language: command.language ?? null,
  };
}
