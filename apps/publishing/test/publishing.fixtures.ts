import { randomUUID } from 'node:crypto';
import { Injectable, type Provider, type Type } from '@nestjs/common';
import { EVENT_TYPES, type ArticleContent, type CommandInput, type NewsroomEvent } from '@newsroom/contracts';
import { INITIAL_SITE_SECTIONS, SITE_SECTION_LIST_OPTIONS, SITE_SECTIONS_TTL_MS, SiteSectionList } from '@newsroom/site-sections';
import { PUBLISHING_ENTITIES } from '../src/app.module';
import { ARTICLES_USE_CASES } from '../src/articles/articles.module';
import { Clock } from '../src/articles/use-cases/clock';
import { CorrectArticleCommand } from '../src/articles/use-cases/correct-article/correct-article.command';
import { CorrectArticleUseCase } from '../src/articles/use-cases/correct-article/correct-article.use-case';
import { PublishApprovedArticleCommand } from '../src/articles/use-cases/publish-approved-article/publish-approved-article.command';
import {
  PublishApprovedArticleUseCase,
  type PublishApprovedArticleResult,
} from '../src/articles/use-cases/publish-approved-article/publish-approved-article.use-case';
import { KillArticleCommand } from '../src/articles/use-cases/kill-article/kill-article.command';
import { KillArticleUseCase } from '../src/articles/use-cases/kill-article/kill-article.use-case';
import { UnpublishArticleCommand } from '../src/articles/use-cases/unpublish-article/unpublish-article.command';
import { UnpublishArticleUseCase } from '../src/articles/use-cases/unpublish-article/unpublish-article.use-case';
import { PublishingConfigModule } from '../src/config/publishing-config.module';
import type { PublishingConfig } from '../src/config/publishing.config';
import { PUBLISHING_MIGRATIONS } from '../src/migrations';
import { testContent } from './test-articles';

export const PUBLIC_BASE_URL = 'https://news.example.test';
export const AUTHOR = 'reporter-rob';
export const EDITOR = 'editor-eve';

/** The instant a TestClock starts at. */
export const START = new Date('2025-11-21T10:00:00.000Z');

/** The instant `ms` milliseconds after START (before it, for a negative `ms`). */
export function afterStart(ms: number): Date {
  return new Date(START.getTime() + ms);
}

/** A clock the spec moves by hand: every use case acts at exactly the time it says. */
@Injectable()
export class TestClock extends Clock {
  private current = START;

  override now(): Date {
    return new Date(this.current);
  }

  set(at: Date): void {
    this.current = new Date(at);
  }

  advance(ms: number): Date {
    this.current = new Date(this.current.getTime() + ms);
    return this.now();
  }
}

const TEST_CONFIG: PublishingConfig = {
  runtime: {
    serviceName: 'publishing',
    port: 0,
    databaseUrl: 'unused: the testbed makes its own database',
    databaseSchema: 'publishing',
    kafkaBrokers: [],
    logLevel: 'error',
  },
  publicBaseUrl: PUBLIC_BASE_URL,
  site: { name: 'Newsroom', language: 'en', timeZone: 'UTC', sections: [{ slug: 'politics', label: 'Politics' }] },
  notificationsUrl: 'https://alerts.example.test',
  // Use cases are called directly here, never through HTTP: nothing to limit.
  rateLimits: { limits: {}, routes: [], trustedProxies: 0 },
};

/**
 * What `UseCaseTestbed.start` needs to run publishing's use cases against a database of
 * their own. Time comes from a TestClock unless `clock: 'system'`; `providers` adds more
 * (the scheduler, for its own spec).
 */
export function publishingTestbed(name: string, options: { clock?: 'test' | 'system'; providers?: Provider[] } = {}) {
  const clock: Provider[] = options.clock === 'system' ? [Clock] : [TestClock, { provide: Clock, useExisting: TestClock }];
  return {
    name: `publishing_${name}`,
    schema: 'publishing',
    entities: PUBLISHING_ENTITIES,
    migrations: PUBLISHING_MIGRATIONS,
    imports: [PublishingConfigModule.register(TEST_CONFIG)],
    providers: [...clock, ...ARTICLES_USE_CASES, ...(options.providers ?? [])],
  };
}

/**
 * The site's SiteSectionList without its follower (no broker here), for the section use cases'
 * specs: SITE_SECTIONS of the test configuration stands in until the table holds a list.
 */
export const SECTION_LIST_PROVIDERS: Provider[] = [
  { provide: INITIAL_SITE_SECTIONS, useValue: TEST_CONFIG.site.sections },
  { provide: SITE_SECTION_LIST_OPTIONS, useValue: { ttlMs: SITE_SECTIONS_TTL_MS } },
  SiteSectionList,
];

/**
 * The events recorded about `articleId` (every one without it), oldest first, except the site's
 * cache purges (`news.site.purged.v1`), which follow every change to public pages and have
 * their own spec (articles/use-cases/site-purge.int-spec.ts).
 */
export async function announcements(testbed: { recordedEvents(articleId?: string): Promise<NewsroomEvent[]> }, articleId?: string): Promise<NewsroomEvent[]> {
  return (await testbed.recordedEvents(articleId)).filter((event) => event.type !== EVENT_TYPES.sitePurged);
}

/** What the fixtures need of a use-case testbed. */
export interface Testbed {
  get<T>(type: Type<T>): T;
  query<R extends Record<string, unknown> = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
}

export type ApprovalFields = CommandInput<PublishApprovedArticleCommand>;

/**
 * The fields of an approval as editorial review sends them (`news.article.approved.v1`
 * data, and the command publishing makes of it): revision 1 of a new article by AUTHOR,
 * approved by EDITOR at `approvedAt`, for publication at once.
 */
export function approvalFields(overrides: Partial<ApprovalFields> = {}, approvedAt = new Date()): ApprovalFields {
  return {
    articleId: randomUUID(),
    revision: 1,
    authorId: AUTHOR,
    editorId: EDITOR,
    approvedAt: approvedAt.toISOString(),
    priority: 'normal',
    article: testContent(),
    ...overrides,
  };
}

/** One row of `articles`, as the database holds it. */
export interface ArticleRow extends Record<string, unknown> {
  id: string;
  slug: string | null;
  status: string;
  revision: number | null;
  content: ArticleContent | null;
  live_as_approved: ArticleContent | null;
  pending_revision: number | null;
  pending_publish_at: Date | null;
  pending_embargo_until: Date | null;
  due_at: Date | null;
  version: number;
  published_at: Date | null;
  updated_at: Date | null;
  revised_at: Date | null;
  corrected_at: Date | null;
  withdrawn_at: Date | null;
  withdrawal_reason: string | null;
  withdrawn_by: string | null;
  killed_at: Date | null;
  killed_by: string | null;
  kill_reason: string | null;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  cancelled_revision: number | null;
}

/**
 * Puts articles into a given state by running the real use cases, so a spec starts from rows
 * the service itself would have written, and reads them back.
 */
export class PublishingFixtures {
  constructor(private readonly testbed: Testbed) {}

  get clock(): TestClock {
    return this.testbed.get(TestClock);
  }

  /** Runs an approval (see approvalFields), approved now by the clock. */
  approve(overrides: Partial<ApprovalFields> = {}): Promise<PublishApprovedArticleResult> {
    return this.testbed
      .get(PublishApprovedArticleUseCase)
      .execute(PublishApprovedArticleCommand.create(approvalFields(overrides, this.testbed.get(Clock).now())));
  }

  /** A live article at revision `revision` (1 unless said); returns its id. */
  async live(overrides: Partial<ApprovalFields> = {}): Promise<string> {
    const result = await this.approve(overrides);
    if (result.outcome !== 'published') throw new Error(`expected the approval to publish, got ${result.outcome}`);
    return result.articleId;
  }

  /** An article approved for publication `inMs` from now; returns its id. */
  async scheduled(inMs: number, overrides: Partial<ApprovalFields> = {}): Promise<string> {
    const publishAt = new Date(this.testbed.get(Clock).now().getTime() + inMs).toISOString();
    const result = await this.approve({ publishAt, ...overrides });
    if (result.outcome !== 'scheduled') throw new Error(`expected the approval to be scheduled, got ${result.outcome}`);
    return result.articleId;
  }

  /** A live article that an editor then withdrew; returns its id. */
  async withdrawn(reason = 'Legal hold'): Promise<string> {
    const articleId = await this.live();
    await this.testbed.get(UnpublishArticleUseCase).execute(UnpublishArticleCommand.create({ articleId, editorId: EDITOR, reason }));
    return articleId;
  }

  /** An editor's kill of article `articleId`. */
  kill(articleId: string, reason = 'Court order') {
    return this.testbed.get(KillArticleUseCase).execute(KillArticleCommand.create({ articleId, editorId: EDITOR, reason }));
  }

  /** An editor's correction of article `articleId`; without `changes`, a note-only correction. */
  correct(articleId: string, note: string, changes?: Record<string, unknown>) {
    return this.testbed.get(CorrectArticleUseCase).execute(CorrectArticleCommand.create({ articleId, editorId: EDITOR, note, changes }));
  }

  async row(articleId: string): Promise<ArticleRow | undefined> {
    return (await this.testbed.query<ArticleRow>('SELECT * FROM articles WHERE id = $1', [articleId]))[0];
  }
}
