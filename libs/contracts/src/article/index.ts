export * from './article-limits';
export * from './article-blocks';
export * from './article-content';
export * from './example-article';
export { IsArticleBody } from './article-body';
export { isHttpUrl, isCalendarDate, isTimestamp } from './field-rules';
export * from './inline-markup';
