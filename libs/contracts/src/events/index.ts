export * from './event-types';
export * from './event-catalog';
export * from './article-submitted.event';
export * from './review.events';
export * from './publishing.events';
export * from './site-purged/site-purged.event';
export * from './site-sections-changed/site-sections-changed.event';
