import { Equals, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** A CloudEvents 1.0 JSON envelope; the Kafka message value of every newsroom event. */
export interface CloudEvent<TType extends string = string, TData = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: TType;
  time: string;
  /** The article id; for an event about the whole site, its data class's constant (`site:sections`). */
  subject: string;
  datacontenttype: 'application/json';
  data: TData;
}

/** The envelope's own fields, validated before the data is looked at. */
export class CloudEventEnvelope {
  @Equals('1.0')
  specversion!: '1.0';

  @IsUUID()
  id!: string;

  @IsString()
  @IsNotEmpty()
  source!: string;

  @IsString()
  @IsNotEmpty()
  type!: string;

  @IsISO8601({ strict: true })
  time!: string;

  // A UUID for an article's events, a constant for the site's: validateEvent checks which.
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  subject!: string;

  @IsOptional()
  @Equals('application/json')
  datacontenttype?: 'application/json';

  @IsObject()
  data!: Record<string, unknown>;
}

/** Kafka header that carries the W3C trace context alongside the envelope. */
export const TRACEPARENT_HEADER = 'traceparent';
