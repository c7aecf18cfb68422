import { CLOCK_TIME } from '@newsroom/config';
import { DomainError, type ValidationIssue } from '@newsroom/contracts';
import { plainToInstance } from 'class-transformer';
import { PREFERENCE_LIMITS, preferenceRefusals, type PreferencesInput } from '../domain/preferences';
import { InvalidPreferencesError } from '../domain/subscription.errors';
import type { FormField, FormProblem, FormValues, SignupFormValues } from './subscriber-pages';
import { PreferencesForm } from './subscription.requests';

/**
 * What the signup and preference forms say when they are refused, in a reader's words. The API's
 * messages name fields and formats for developers ("quietHours needs a start and an end as
 * HH:MM…"), and API clients rely on them as they are; a reader at the form gets these instead,
 * beside the input they are about.
 */
const SAY = {
  email: 'Enter an e-mail address such as name@example.com',
  sections: 'Choose sections from the list',
  unknownSection: (names: string) => `There is no section ${names} on the site; choose sections from the list`,
  noInterests: 'Tick at least one section or write a tag to follow, or choose breaking news only',
  tags: `Write tags as words separated by commas, e.g. ukraine, climate-change: at most ${PREFERENCE_LIMITS.maxTags} tags of up to ${PREFERENCE_LIMITS.maxLength} characters each`,
  frequency: 'Choose how often you want alerts',
  timeZone: 'That time zone is not known; use a name such as Europe/Kyiv',
  quietHoursBoth: 'Give both times for quiet hours (from and until), or leave both empty',
  quietHoursClock: 'Give quiet hours as times on the 24-hour clock, such as 22:00 until 07:00',
  quietHoursSame: 'Quiet hours need to end at a different time from when they start',
  unreadable: 'Part of the form could not be read. Check your choices and send it again',
} as const;

/** What to say of each input when the request's validation names its field (PreferencesForm, SubscribeForm). */
const FIELD_MESSAGES: Record<FormField, string> = {
  email: SAY.email,
  sections: SAY.sections,
  tags: SAY.tags,
  frequency: SAY.frequency,
  timeZone: SAY.timeZone,
  quietHoursStart: SAY.quietHoursClock,
  quietHoursEnd: SAY.quietHoursClock,
};

function isFormField(name: string): name is FormField {
  return Object.hasOwn(FIELD_MESSAGES, name);
}

/** The problem at a field by its path in the request; a field that is no input a reader can fix (returnTo, breakingOnly, one the form has not) is the form's. */
function problemAt(path: string): FormProblem {
  const name = path.split('.')[0];
  return isFormField(name) ? { field: name, message: FIELD_MESSAGES[name] } : { message: SAY.unreadable };
}

/**
 * What a refused signup or preference form asks the reader to fix, one problem per field at most,
 * each with the input it is about where there is one; undefined for a refusal that is not about
 * what was filled in (a bad or expired link, the rate limit, an outage, a body that is not a form),
 * which keeps its error page. `values`: what the reader sent (submittedFormOf), to tell which
 * quiet-hours time is missing or wrong.
 *
 * The refusals read: REQUEST.VALIDATION_FAILED (by its issues' paths), SUBSCRIBER.INVALID_PREFERENCES
 * (by InvalidPreferencesError's field), SUBSCRIBER.UNKNOWN_SECTION (naming the sections),
 * SUBSCRIBER.UNKNOWN_TIME_ZONE and SUBSCRIBER.NO_INTERESTS.
 */
export function formProblemsOf(error: unknown, values: FormValues): FormProblem[] | undefined {
  if (!(error instanceof DomainError)) return undefined;
  switch (error.code) {
    case 'REQUEST.VALIDATION_FAILED': {
      const issues = Array.isArray(error.details) ? (error.details as ValidationIssue[]) : [];
      const problems = distinct(issues.map((issue) => problemAt(String(issue.path))));
      return problems.length > 0 ? problems : [{ message: SAY.unreadable }];
    }
    case 'SUBSCRIBER.INVALID_PREFERENCES':
      if (!(error instanceof InvalidPreferencesError)) return [{ message: SAY.unreadable }];
      return [error.field === 'quietHours' ? quietHoursProblem(values) : problemAt(error.field)];
    case 'SUBSCRIBER.UNKNOWN_SECTION': {
      const unknown = (error.details as { unknown?: string[] } | undefined)?.unknown ?? [];
      const message = unknown.length > 0 ? SAY.unknownSection(unknown.slice(0, 5).map((slug) => `“${slug}”`).join(', ')) : SAY.sections;
      return [{ field: 'sections', message }];
    }
    case 'SUBSCRIBER.UNKNOWN_TIME_ZONE':
      return [problemAt('timeZone')];
    case 'SUBSCRIBER.NO_INTERESTS':
      return [{ field: 'sections', message: SAY.noInterests }];
    default:
      return undefined;
  }
}

/**
 * Which quiet-hours time to fix: the one left empty while the other is given, else one that is not
 * HH:MM, else the end (the same as the start). The domain's rule (checkedQuietHours) refused them;
 * this only says it of the inputs.
 */
function quietHoursProblem(values: Pick<FormValues, 'quietHoursStart' | 'quietHoursEnd'>): FormProblem {
  const start = values.quietHoursStart.trim();
  const end = values.quietHoursEnd.trim();
  if (start === '' || end === '') return { field: start === '' ? 'quietHoursStart' : 'quietHoursEnd', message: SAY.quietHoursBoth };
  if (!CLOCK_TIME.test(start)) return { field: 'quietHoursStart', message: SAY.quietHoursClock };
  if (!CLOCK_TIME.test(end)) return { field: 'quietHoursEnd', message: SAY.quietHoursClock };
  return { field: 'quietHoursEnd', message: SAY.quietHoursSame };
}

/**
 * `refused` (what the refusal itself asks to fix) and every other refusal the domain would give
 * the form's preferences (preferenceRefusals), one problem per input at most: a reader who
 * mistyped the time zone and left out the end of quiet hours hears of both at once, rather than
 * of one per try. `body` is the request's body as parsed, read as the route's form (`choice`:
 * preferencesOfForm or signupChoiceOfForm); a body that cannot be read so adds nothing.
 */
export function withOtherRefusals(
  refused: FormProblem[],
  body: unknown,
  choice: (form: PreferencesForm) => PreferencesInput,
  siteSections: readonly string[],
  values: FormValues,
): FormProblem[] {
  let others: FormProblem[] = [];
  try {
    const form = plainToInstance(PreferencesForm, body !== null && typeof body === 'object' ? body : {});
    others = preferenceRefusals(choice(form), siteSections).flatMap((refusal) => formProblemsOf(refusal, values) ?? []);
  } catch {
    // A body the form's own pipes refused in ways the rules cannot read: the refusal itself says enough.
  }
  const about = new Set(refused.map((problem) => problem.field));
  return distinct([...refused, ...others.filter((problem) => problem.field !== undefined && !about.has(problem.field))]);
}

function distinct(problems: FormProblem[]): FormProblem[] {
  return problems.filter((problem, i) => problems.findIndex((other) => other.field === problem.field && other.message === problem.message) === i);
}

/**
 * The fields of a signup or preference form as the reader sent them (the request body as parsed,
 * before validation), for the form to show again: a field sent twice, or as a nested object,
 * where one text is expected is read as far as it is text. Sections as the form reads them (one
 * field per box, or a comma- or space-separated list); the frequency of the older `breakingOnly`
 * checkbox when no radio button was sent.
 */
export function submittedFormOf(body: unknown): SignupFormValues {
  const fields = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const texts = (name: string): string[] => {
    const value = fields[name];
    return (Array.isArray(value) ? value : [value]).filter((entry): entry is string => typeof entry === 'string');
  };
  const text = (name: string) => texts(name)[0] ?? '';
  const breakingOnly = fields.breakingOnly === true || ['on', 'true'].includes(text('breakingOnly'));
  const returnTo = text('returnTo');
  return {
    email: text('email'),
    sections: texts('sections').flatMap((entry) => entry.split(/[\s,]+/).filter((slug) => slug !== '')),
    tags: texts('tags').join(', '),
    frequency: text('frequency') || (breakingOnly ? 'breaking-only' : 'every-story'),
    timeZone: text('timeZone'),
    quietHoursStart: text('quietHoursStart'),
    quietHoursEnd: text('quietHoursEnd'),
    ...(returnTo === '' ? {} : { returnTo }),
  };
}
