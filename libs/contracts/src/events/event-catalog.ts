import { randomUUID } from 'node:crypto';
import type { ClassConstructor } from 'class-transformer';
import { CloudEventEnvelope, type CloudEvent } from '../envelope/cloud-event';
import { DomainError } from '../errors';
import { MESSAGE_LIMITS, jsonByteLength } from '../limits';
import { TOPICS, type Topic } from '../topics';
import type { Validated } from '../validated';
import { isJsonObject, unsupportedTextIssues, validatePlain, validateTextChecked, type ValidationIssue, type ValidationResult } from '../validation';
import { ArticleSubmittedData } from './article-submitted.event';
import { EVENT_SOURCES, EVENT_TYPES, type EventType } from './event-types';
import {
  ArticleCorrectedData,
  ArticleKilledData,
  ArticlePublishedData,
  ArticleUnpublishedData,
  ArticleUpdatedData,
  PublicationScheduledData,
  ScheduleCancelledData,
} from './publishing.events';
import {
  ArticleApprovedData,
  ArticleRejectedData,
  ChangesRequestedData,
  ReviewClaimedData,
  ReviewCommentAddedData,
  SubmissionRecalledData,
} from './review.events';
import { SitePurgedData } from './site-purged/site-purged.event';
import { SiteSectionsChangedData } from './site-sections-changed/site-sections-changed.event';

/** The data class of every event type: the one place that pairs them. */
export interface EventDataMap {
  'news.article.submitted.v1': ArticleSubmittedData;
  'news.article.review-claimed.v1': ReviewClaimedData;
  'news.article.review-comment-added.v1': ReviewCommentAddedData;
  'news.article.changes-requested.v1': ChangesRequestedData;
  'news.article.approved.v1': ArticleApprovedData;
  'news.article.rejected.v1': ArticleRejectedData;
  'news.article.submission-recalled.v1': SubmissionRecalledData;
  'news.article.scheduled.v1': PublicationScheduledData;
  'news.article.published.v1': ArticlePublishedData;
  'news.article.corrected.v1': ArticleCorrectedData;
  'news.article.unpublished.v1': ArticleUnpublishedData;
  'news.article.updated.v1': ArticleUpdatedData;
  'news.article.killed.v1': ArticleKilledData;
  'news.article.schedule-cancelled.v1': ScheduleCancelledData;
  'news.site.purged.v1': SitePurgedData;
  'news.site.sections-changed.v1': SiteSectionsChangedData;
}

export type NewsroomEvent = { [K in EventType]: CloudEvent<K, EventDataMap[K]> }[EventType];
export type EventOf<K extends EventType> = CloudEvent<K, EventDataMap[K]>;
/** An event as `validateEvent` returns it: its data is `Validated`, so a command may be built from it without validating again. */
export type ValidatedEventOf<K extends EventType> = CloudEvent<K, Validated<EventDataMap[K]>>;
export type ValidatedEvent = { [K in EventType]: ValidatedEventOf<K> }[EventType];

interface EventDefinition<K extends EventType> {
  topic: Topic;
  source: string;
  dataClass: ClassConstructor<EventDataMap[K]>;
}

/** A producing service: it owns one topic and is the only `source` of the events on it. */
type Producer = keyof typeof TOPICS & keyof typeof EVENT_SOURCES;

type DataClasses = { [K in EventType]?: ClassConstructor<EventDataMap[K]> };

/**
 * The event types each producer emits on its own topic, with their data classes. An
 * event's topic and source follow from its producer, so they are said once per producer.
 */
const EMITTED_BY = {
  drafting: {
    [EVENT_TYPES.articleSubmitted]: ArticleSubmittedData,
  },
  review: {
    [EVENT_TYPES.reviewClaimed]: ReviewClaimedData,
    [EVENT_TYPES.reviewCommentAdded]: ReviewCommentAddedData,
    [EVENT_TYPES.changesRequested]: ChangesRequestedData,
    [EVENT_TYPES.articleApproved]: ArticleApprovedData,
    [EVENT_TYPES.articleRejected]: ArticleRejectedData,
    [EVENT_TYPES.submissionRecalled]: SubmissionRecalledData,
  },
  publishing: {
    [EVENT_TYPES.publicationScheduled]: PublicationScheduledData,
    [EVENT_TYPES.articlePublished]: ArticlePublishedData,
    [EVENT_TYPES.articleCorrected]: ArticleCorrectedData,
    [EVENT_TYPES.articleUnpublished]: ArticleUnpublishedData,
    [EVENT_TYPES.articleUpdated]: ArticleUpdatedData,
    [EVENT_TYPES.articleKilled]: ArticleKilledData,
    [EVENT_TYPES.scheduleCancelled]: ScheduleCancelledData,
    [EVENT_TYPES.sitePurged]: SitePurgedData,
    [EVENT_TYPES.siteSectionsChanged]: SiteSectionsChangedData,
  },
} satisfies Record<Producer, DataClasses>;

/** Event types no producer emits: a type added to EVENT_TYPES must be given one above. */
type Unproduced = Exclude<EventType, { [P in Producer]: keyof (typeof EMITTED_BY)[P] }[Producer]>;

/** Every event type's topic, source and data class. */
export const EVENT_CATALOG: { [K in EventType]: EventDefinition<K> } = catalogOf(EMITTED_BY);

function catalogOf(emittedBy: Record<Producer, DataClasses> & ([Unproduced] extends [never] ? unknown : { unproduced: Unproduced })) {
  const catalog: Record<string, EventDefinition<EventType>> = {};
  for (const producer of Object.keys(TOPICS) as Producer[]) {
    for (const [type, dataClass] of Object.entries(emittedBy[producer])) {
      // Two producers claiming one type would make its provenance check accept either.
      if (catalog[type]) throw new Error(`event type ${type} has two producers`);
      catalog[type] = { topic: TOPICS[producer], source: EVENT_SOURCES[producer], dataClass: dataClass as ClassConstructor<EventDataMap[EventType]> };
    }
  }
  return catalog as { [K in EventType]: EventDefinition<K> };
}

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOG, type);
}

export function topicOf(type: EventType): Topic {
  return EVENT_CATALOG[type].topic;
}

/**
 * Builds a valid envelope for `data`. Producers validate what they emit, so a
 * bug in a producer fails at its source rather than in every consumer. An event
 * larger than MESSAGE_LIMITS.eventBytes as JSON throws EVENT.TOO_LARGE (413) before
 * it reaches an outbox, where the broker would refuse it forever.
 *
 * @throws InvalidEventError when `data` breaks its class's rules; EVENT.TOO_LARGE.
 */
export function createEvent<K extends EventType>(type: K, data: EventDataMap[K], options: EventOptions): EventOf<K> {
  const event = envelopeOf(type, data, options);
  const problem = validateEvent(event);
  if (!problem.ok) {
    throw new InvalidEventError(`refusing to emit an invalid ${type} event`, problem.issues);
  }
  return withinSizeLimit(event);
}

/**
 * The envelope for data a producer assembles from state it already holds validated — an
 * article whose content came in through `validateEvent` or `Command.create`, with the ids,
 * slugs, URLs and instants the producer derives from it — without class-validator's pass
 * over it again (the rule and why: validated.ts). The producer's specs must hold every event
 * its assemblers emit to `validateEvent`; data carrying input no boundary validated (an HTTP
 * body's note, a header) goes through `createEvent`. The size limit is enforced as there.
 *
 * @throws EVENT.TOO_LARGE when the event is larger than MESSAGE_LIMITS.eventBytes as JSON.
 */
export function assembleEvent<K extends EventType>(type: K, data: EventDataMap[K], options: EventOptions): EventOf<K> {
  return withinSizeLimit(envelopeOf(type, data, options));
}

/** `subject` is the article id (or the site-wide subject); `id` defaults to a new UUID, `time` to now. */
export interface EventOptions {
  subject: string;
  id?: string;
  time?: Date;
}

function envelopeOf<K extends EventType>(type: K, data: EventDataMap[K], options: EventOptions): EventOf<K> {
  return {
    specversion: '1.0' as const,
    id: options.id ?? randomUUID(),
    source: EVENT_CATALOG[type].source,
    type,
    time: (options.time ?? new Date()).toISOString(),
    subject: options.subject,
    datacontenttype: 'application/json' as const,
    // Plain JSON data: no class instances, no undefined fields, nothing the wire would change.
    data: JSON.parse(JSON.stringify(data)) as EventDataMap[K],
  } as EventOf<K>;
}

function withinSizeLimit<E extends { type: string }>(event: E): E {
  const bytes = jsonByteLength(event);
  if (bytes > MESSAGE_LIMITS.eventBytes) {
    throw new DomainError('EVENT.TOO_LARGE', `A ${event.type} event of ${bytes} bytes is over the limit of ${MESSAGE_LIMITS.eventBytes} bytes`, 'too_large', {
      bytes,
      limit: MESSAGE_LIMITS.eventBytes,
    });
  }
  return event;
}

export class InvalidEventError extends Error {
  constructor(
    message: string,
    readonly issues: ValidationIssue[],
  ) {
    super(`${message}: ${issues.map((i) => i.message).join('; ')}`);
    this.name = 'InvalidEventError';
  }
}

export type ParsedEvent = { ok: true; event: ValidatedEvent } | { ok: false; issues: ValidationIssue[]; type?: string };

/**
 * Validates an envelope and its data against the catalog. Unknown event types
 * are reported as such so consumers can tell "not for me" from "broken".
 *
 * With `arrivedOn`, the event must also belong to that topic: its `type` is one
 * the catalog assigns to the topic and its `source` is the topic's producer. The
 * broker's ACLs decide who may write a topic; this check makes sure a consumer
 * acts only on what that producer could have said (a "review approved" event on
 * the drafting topic, or one claiming another source, is forged or misrouted).
 */
export function validateEvent(raw: unknown, arrivedOn?: { topic: string }): ParsedEvent {
  const envelope = isJsonObject(raw) ? checkedEnvelope(raw) : validatePlain(CloudEventEnvelope, raw);
  if (!envelope.ok) return { ok: false, issues: envelope.issues };
  const type = envelope.value.type;
  if (!isEventType(type)) {
    return { ok: false, type, issues: [{ path: 'type', message: `unknown event type "${type}"` }] };
  }
  if (arrivedOn) {
    const provenance = provenanceIssues(type, envelope.value.source, arrivedOn.topic);
    if (provenance.length > 0) return { ok: false, type, issues: provenance };
  }
  // An object, as the envelope's `@IsObject` has just said; its text is checked already.
  const data = validateTextChecked(EVENT_CATALOG[type].dataClass as ClassConstructor<object>, (raw as { data: object }).data);
  if (!data.ok) {
    const qualified = data.issues.map((i) => ({
      path: i.path ? `data.${i.path}` : 'data',
      message: i.path && i.message.startsWith(i.path) ? `data.${i.message}` : i.message,
    }));
    return { ok: false, type, issues: qualified };
  }
  const subjectIssue = subjectIssueOf(EVENT_CATALOG[type].dataClass, data.value, envelope.value.subject);
  if (subjectIssue) return { ok: false, type, issues: [subjectIssue] };
  // The data is the validated instance (registered as Validated): built upon, it is not validated again.
  const event = { ...(raw as CloudEvent), data: data.value } as ValidatedEvent;
  return { ok: true, event };
}

/**
 * The envelope of an event that is a JSON object. The text of the whole event, data included, is
 * checked once, here; then the envelope's fields without its data, since class-transformer would
 * copy the whole article only for `@IsObject` to look at it, and the data class copies and checks
 * the data next.
 */
function checkedEnvelope(raw: Record<string, unknown>): ValidationResult<CloudEventEnvelope> {
  const unsupported = unsupportedTextIssues(raw);
  if (unsupported.length > 0) return { ok: false, issues: unsupported };
  return validateTextChecked(CloudEventEnvelope, isJsonObject(raw.data) ? { ...raw, data: {} } : raw);
}

/**
 * An article's event has the article's id as its subject (and Kafka key). An event about the
 * site as a whole has the constant subject its data class declares (`static subject`), so all
 * events of that kind share a partition and stay in order.
 */
function subjectIssueOf(dataClass: ClassConstructor<unknown>, data: unknown, subject: string): ValidationIssue | undefined {
  const fixed = (dataClass as { subject?: unknown }).subject;
  if (typeof fixed === 'string') return subject === fixed ? undefined : { path: 'subject', message: `subject must be "${fixed}"` };
  return (data as { articleId?: string }).articleId === subject ? undefined : { path: 'subject', message: 'subject must equal data.articleId' };
}

/** Why an event of `type` claiming `source` does not belong on `topic` (empty when it does). */
export function provenanceIssues(type: EventType, source: string, topic: string): ValidationIssue[] {
  const definition = EVENT_CATALOG[type];
  const issues: ValidationIssue[] = [];
  if (definition.topic !== topic) {
    issues.push({ path: 'type', message: `event type "${type}" does not belong on topic "${topic}" (it is published on "${definition.topic}")` });
  }
  if (source !== definition.source) {
    issues.push({ path: 'source', message: `source "${source}" is not the producer of "${type}" (expected "${definition.source}")` });
  }
  return issues;
}
