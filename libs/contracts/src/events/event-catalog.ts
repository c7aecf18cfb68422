import { randomUUID } from 'node:crypto';
import type { ClassConstructor } from 'class-transformer';
import { CloudEventEnvelope, type CloudEvent } from '../envelope/cloud-event';
import { DomainError } from '../errors';
import { MESSAGE_LIMITS, jsonByteLength } from '../limits';
import { TOPICS, type Topic } from '../topics';
import { validatePlain, type ValidationIssue } from '../validation';
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
 */
export function createEvent<K extends EventType>(
  type: K,
  data: EventDataMap[K],
  options: { subject: string; id?: string; time?: Date } ,
): EventOf<K> {
  const definition = EVENT_CATALOG[type];
  const event = {
    specversion: '1.0' as const,
    id: options.id ?? randomUUID(),
    source: definition.source,
    type,
    time: (options.time ?? new Date()).toISOString(),
    subject: options.subject,
    datacontenttype: 'application/json' as const,
    data: JSON.parse(JSON.stringify(data)) as EventDataMap[K],
  };
  const problem = validateEvent(event);
  if (!problem.ok) {
    throw new InvalidEventError(`refusing to emit an invalid ${type} event`, problem.issues);
  }
  const bytes = jsonByteLength(event);
  if (bytes > MESSAGE_LIMITS.eventBytes) {
    throw new DomainError('EVENT.TOO_LARGE', `A ${type} event of ${bytes} bytes is over the limit of ${MESSAGE_LIMITS.eventBytes} bytes`, 'too_large', {
      bytes,
      limit: MESSAGE_LIMITS.eventBytes,
    });
  }
  return event as EventOf<K>;
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

export type ParsedEvent = { ok: true; event: NewsroomEvent } | { ok: false; issues: ValidationIssue[]; type?: string };

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
  const envelope = validatePlain(CloudEventEnvelope, raw);
  if (!envelope.ok) return { ok: false, issues: envelope.issues };
  const type = envelope.value.type;
  if (!isEventType(type)) {
    return { ok: false, type, issues: [{ path: 'type', message: `unknown event type "${type}"` }] };
  }
  if (arrivedOn) {
    const provenance = provenanceIssues(type, envelope.value.source, arrivedOn.topic);
    if (provenance.length > 0) return { ok: false, type, issues: provenance };
  }
  const data = validatePlain(EVENT_CATALOG[type].dataClass as ClassConstructor<object>, envelope.value.data);
  if (!data.ok) {
    const qualified = data.issues.map((i) => ({
      path: i.path ? `data.${i.path}` : 'data',
      message: i.path && i.message.startsWith(i.path) ? `data.${i.message}` : i.message,
    }));
    return { ok: false, type, issues: qualified };
  }
  const subjectIssue = subjectIssueOf(EVENT_CATALOG[type].dataClass, data.value, envelope.value.subject);
  if (subjectIssue) return { ok: false, type, issues: [subjectIssue] };
  const event = { ...(raw as CloudEvent), data: data.value } as NewsroomEvent;
  return { ok: true, event };
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
