import { withArticleId, withArticleRevision } from '../article-refs';

/** What every event's data is: plain validated fields, no behaviour. */
abstract class EventData {}

/** Which article an event is about (also the event's `subject` and Kafka key). */
export abstract class ArticleRef extends withArticleId(EventData) {}

/** Which revision of which article an event is about (see `withArticleRevision`). */
export abstract class ArticleRevisionRef extends withArticleRevision(EventData) {}
