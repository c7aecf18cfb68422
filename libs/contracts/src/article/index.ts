export * from './article-limits';
export * from './article-blocks';
export * from './article-content';
export * from './example-article';
export { IsArticleBody } from './article-body';
export { isCalendarDate, isTimestamp } from './field-rules';
export { isHttpUrl } from './http-url';
export * from './inline-markup';
export * from './editorial-checks';
