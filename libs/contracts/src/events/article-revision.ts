import { IsInt, IsUUID, Min } from 'class-validator';

/** Which article an event is about (also the event's `subject` and Kafka key). */
export abstract class ArticleRef {
  @IsUUID()
  articleId!: string;
}

/**
 * Which revision of which article an event is about. Revision numbers are
 * drafting's (1, 2, …); review and publishing refer to the same numbers, and
 * consumers rely on them moving forward.
 */
export abstract class ArticleRevisionRef extends ArticleRef {
  @IsInt()
  @Min(1)
  revision!: number;
}
