import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy, type ValidationOptions } from 'class-validator';
import { ARTICLE_LIMITS, CALENDAR_DATE_PATTERN } from './article-limits';
import { withinScheduleHorizon } from '../limits';
import { EachItem } from '../list-items';
import { isHttpUrl } from './http-url';
import { isTagSlug, tagEntryProblem, tagLabelsProblem, tagSlug } from './tag-slug';
import { balancedBidi } from '../text/bidi-controls';
import { oneLine } from '../text/one-line';

/** True for a `YYYY-MM-DD` string that names a real day (no 2025-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !CALENDAR_DATE_PATTERN.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const TIMESTAMP_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** True for an ISO-8601 date-time with an explicit offset: `2025-11-21T08:30:00Z`, `2025-11-21T10:30+02:00`. */
export function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = TIMESTAMP_PATTERN.exec(value);
  if (!match) return false;
  const [, date, hours, minutes, seconds = '00', zone, offsetHours = '00', offsetMinutes = '00'] = match;
  return (
    isCalendarDate(date) &&
    Number(hours) < 24 &&
    Number(minutes) < 60 &&
    Number(seconds) < 60 &&
    (zone === 'Z' || (Number(offsetHours) < 24 && Number(offsetMinutes) < 60))
  );
}

export function IsHttpUrl(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHttpUrl',
      validator: {
        validate: (value) => isHttpUrl(value),
        defaultMessage: () =>
          `$property must be an absolute http(s) URL of at most ${ARTICLE_LIMITS.url.maxLength} characters, without credentials or spaces`,
      },
    },
    options,
  );
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isCalendarDate', validator: { validate: (value) => isCalendarDate(value), defaultMessage: () => '$property must be a real date written YYYY-MM-DD' } },
    options,
  );
}

export function IsTimestamp(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimestamp',
      validator: {
        validate: (value) => isTimestamp(value),
        defaultMessage: () => '$property must be an ISO-8601 date-time with a time zone, e.g. 2025-11-21T08:30:00Z or 2025-11-21T10:30:00+02:00',
      },
    },
    options,
  );
}

/**
 * A time to go live or an embargo: an ISO-8601 date-time with its zone (IsTimestamp's rule) no
 * further ahead than SCHEDULE_HORIZON_MS (a year and a day), checked at the request's moment.
 */
export function IsScheduleTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isScheduleTime',
      validator: {
        validate: (value) => isTimestamp(value) && withinScheduleHorizon(value as string),
        defaultMessage: (args) =>
          isTimestamp(args?.value)
            ? '$property is more than a year ahead; check the year (a story is scheduled or embargoed at most a year and a day ahead)'
            : '$property must be an ISO-8601 date-time with a time zone, e.g. 2025-11-21T08:30:00Z or 2025-11-21T10:30:00+02:00',
      },
    },
    options,
  );
}

/** What a valid tag is, in words, for error messages and the API documentation. */
export const TAG_RULE =
  'a tag as the desk and the forms make it: lowercase words joined by single hyphens (climate-change, cop-30, 東京), at most 40 characters';

/** A tag (isTagSlug). A list of tags is IsTagList, which names the entry it refuses. */
export function IsTagSlug(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isTagSlug', validator: { validate: (value) => isTagSlug(value), defaultMessage: () => `$property must be ${TAG_RULE}` } }, options);
}

/**
 * A list of tags (isTagSlug each), for a field a person fills in: the refusal names the first
 * entry that is not a tag by its place and says why (`tags.1 has no letters or digits, so it
 * cannot be a tag`; EachItem). Whether the value is an array is left to IsArray.
 */
export function IsTagList(options?: ValidationOptions): PropertyDecorator {
  return EachItem(
    'isTagList',
    (tag) => {
      if (isTagSlug(tag)) return undefined;
      const problem = tagEntryProblem(tag);
      if (problem) return `${problem}, so it cannot be a tag`;
      // Words a person typed ("Café", "Port Noise"): say which tag they make, and where the words go.
      const slug = tagSlug(tag as string);
      return `must be ${TAG_RULE}; as a tag, ${JSON.stringify(tag)} is "${slug}" (its words as typed can go in tagLabels)`;
    },
    options,
  );
}

/**
 * An article's tagLabels (tagLabelsProblem): each label belongs to one of the same object's `tags`
 * and spells it. Labels are listed beside each other (a page's tags, a feed's categories), so
 * each label's direction controls are balanced first (balancedBidi), as a one-line field's are.
 */
export function IsTagLabels(options?: ValidationOptions): PropertyDecorator {
  const balanced = Transform(
    ({ value }: { value: unknown }) =>
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).map(([tag, label]) => [tag, typeof label === 'string' ? balancedBidi(label) : label]))
        : value,
    { toClassOnly: true },
  );
  const valid = IsValidTagLabels(options);
  return (target, propertyKey) => {
    balanced(target, propertyKey);
    valid(target, propertyKey);
  };
}

function IsValidTagLabels(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTagLabels',
      validator: {
        validate: (value, args) => tagLabelsProblem(value, (args?.object as { tags?: unknown } | undefined)?.tags) === undefined,
        defaultMessage: (args) => tagLabelsProblem(args?.value, (args?.object as { tags?: unknown } | undefined)?.tags) ?? '$property is not valid',
      },
    },
    options,
  );
}

/**
 * Strips leading and trailing whitespace from a field of prose (a standfirst, a caption, a
 * teaser) before it is validated; line breaks inside are kept as written.
 */
export function Trim(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value), { toClassOnly: true });
}

/**
 * A field a reader sees on one line (a headline, a name, a place), which pages, feeds, titles
 * and e-mail subjects set beside other words: trimmed, each line break inside folded into one
 * space (oneLine), and its bidirectional controls balanced (balancedBidi), so that an override
 * left open cannot turn the words after it around. Done before it is validated, so lengths are
 * measured on the text as it will be stored; the same each time an event is read again.
 */
export function OneLine(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? balancedBidi(oneLine(value)) : value), { toClassOnly: true });
}

/** An optional field: absent, `undefined` and `null` all mean "not set" (`null` is dropped). */
export function OptionalField(): PropertyDecorator {
  const dropNull = Transform(({ value }: { value: unknown }) => (value === null ? undefined : value), { toClassOnly: true });
  const optional = IsOptional();
  return (target, propertyKey) => {
    dropNull(target, propertyKey);
    optional(target, propertyKey);
  };
}
