import { IsInt, IsUUID, Min } from 'class-validator';

/**
 * A class a field group can be added to: abstract or not. TypeScript requires a
 * mixin's base constructor to take `any[]`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AbstractClass = abstract new (...args: any[]) => object;

/**
 * Adds `articleId` (a UUID): which article an event or a command is about. The id
 * is drafting's, the same in every service, and an event's `subject` and Kafka key.
 * Event data (`ArticleRef`) and commands (`ArticleCommand`) both build on it, so
 * the rule has one home while a use case never takes an event type.
 */
export function withArticleId<TBase extends AbstractClass>(Base: TBase) {
  abstract class AboutAnArticle extends Base {
    @IsUUID()
    articleId!: string;
  }
  return AboutAnArticle;
}

/**
 * Adds `articleId` and `revision`: which revision of which article. Revision
 * numbers are drafting's (1, 2, …); review and publishing refer to the same
 * numbers, and consumers rely on them moving forward.
 */
export function withArticleRevision<TBase extends AbstractClass>(Base: TBase) {
  abstract class AboutARevision extends withArticleId(Base) {
    @IsInt()
    @Min(1)
    revision!: number;
  }
  return AboutARevision;
}
