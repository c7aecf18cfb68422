import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { describeUnsupportedText, findUnsupportedText } from './text/unsupported-characters';
import { markValidated, type Validated } from './validated';

/**
 * class-validator looks a class's rules up afresh for every object it validates, and that
 * lookup (0.14) walks every decorated class of the process testing `instanceof` for inherited
 * rules: for an approved article, a few hundred nested objects, each scanning every command,
 * event and block class — more CPU than the rules themselves. Rules are fixed once their
 * classes are defined, so the lookup is remembered per class and options; defining a rule
 * (a class loaded after the first validation) forgets everything remembered.
 */
function rememberRuleLookups(): void {
  type Lookup = (target: object, schema: string, always: boolean, strictGroups: boolean, groups?: string[]) => unknown[];
  const storage = getMetadataStorage() as unknown as { getTargetValidationMetadatas: Lookup; addValidationMetadata: (metadata: unknown) => void } & Record<symbol, true>;
  const installed = Symbol.for('newsroom.contracts.rememberedRuleLookups');
  if (storage[installed]) return; // one storage per process, whichever copy of this module runs
  storage[installed] = true;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let remembered = new WeakMap<object, Map<string, unknown[]>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let byOptions = remembered.get(target);
    if (!byOptions) remembered.set(target, (byOptions = new Map()));
    let rules = byOptions.get(key);
    if (!rules) byOptions.set(key, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
  storage.addValidationMetadata = (metadata) => {
    remembered = new WeakMap();
    add(metadata);
  };
}
rememberRuleLookups();

/**
 * Options used at every edge: unknown fields are errors, never silently dropped. Every rule of
 * a failing field runs (class-validator would stop at the last-declared rule, which for
 * `@IsString() @MaxLength(2000) note` is the length), and `flattenValidationErrors` keeps the
 * one message that says most: missing, then the wrong type, then the rest. The value is kept on
 * the error for that choice only; no message repeats it.
 */
export const STRICT_VALIDATION = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: true },
} as const;

export interface ValidationIssue {
  /** Dotted path to the offending field, e.g. `data.article.body.2.attribution`. */
  path: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; value: Validated<T> } | { ok: false; issues: ValidationIssue[] };

/** True for what JSON calls an object: not null, not an array. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Transforms a plain value into `cls` and validates it strictly. Every string in it is first
 * held to the newsroom's character rule (UNSUPPORTED_CHARACTER) and its nesting to
 * MAX_INPUT_DEPTH, so no command or consumed event carries text an output cannot. The value
 * returned is registered as `Validated` (validated.ts): what is built from it in this hop need
 * not be validated again.
 */
export function validatePlain<T extends object>(cls: ClassConstructor<T>, plain: unknown): ValidationResult<T> {
  if (!isJsonObject(plain)) {
    return { ok: false, issues: [{ path: '', message: 'must be a JSON object' }] };
  }
  const unsupported = unsupportedTextIssues(plain);
  if (unsupported.length > 0) return { ok: false, issues: unsupported };
  return validateTextChecked(cls, plain);
}

/** What `validatePlain` says of `plain`'s text (empty when every string and the nesting are acceptable). */
export function unsupportedTextIssues(plain: unknown): ValidationIssue[] {
  const unsupported = findUnsupportedText(plain);
  return unsupported ? [{ path: unsupported.path, message: describeUnsupportedText(unsupported) }] : [];
}

/**
 * `validatePlain` for a part of a larger input whose text `findUnsupportedText` has already
 * checked as a whole (an event's data, after its envelope): the same rules and result, without
 * walking the same strings a second time. `plain` must be a JSON object.
 */
export function validateTextChecked<T extends object>(cls: ClassConstructor<T>, plain: object): ValidationResult<T> {
  const unmapped = unmappedKeyIssues(plain);
  if (unmapped.length > 0) return { ok: false, issues: unmapped };
  const instance = plainToInstance(cls, plain);
  const errors = validateSync(instance, STRICT_VALIDATION);
  if (errors.length > 0) return { ok: false, issues: flattenValidationErrors(errors) };
  return { ok: true, value: markValidated(instance) };
}

/**
 * Keys class-transformer skips when it builds a class from JSON (it guards prototypes this way).
 * Skipped, they never reach the whitelist, so an unknown `__proto__` or `constructor` field
 * would be dropped without a word where every other unknown field is refused; a `constructor`
 * inside a free-form object even throws inside class-transformer. No request, command or event
 * class can declare either.
 */
const KEYS_NEVER_MAPPED = new Set(['__proto__', 'constructor']);

/**
 * Every own key of `plain`, at any depth, that class-transformer would drop, as the whitelist's
 * issue ("property __proto__ should not exist") at its dotted path; empty when there is none.
 * Checked before every strict validation: commands, events, and HTTP bodies (platform's pipe).
 */
export function unmappedKeyIssues(plain: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  // A stack, not recursion: the nesting of an input is its sender's to choose.
  const stack: Array<{ value: unknown; path: string }> = [{ value: plain, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    for (const [key, inner] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (KEYS_NEVER_MAPPED.has(key)) issues.push({ path: at, message: `property ${key} should not exist` });
      else stack.push({ value: inner, path: at });
    }
  }
  return issues;
}

/**
 * One issue per failing field, with its whole dotted path. Of the rules a field breaks, the
 * message kept is the one a person fixes first: a field that should not be there says so; a
 * missing field is "required" (a rule's own message saying so wins, e.g. "note is required: say
 * what was corrected", and a newsroom rule of its own, such as the body's "an array of 1 to 500
 * blocks", speaks for itself); a value of the wrong type says which type; and only then the
 * field's other rules (length, format, range). A field
 * whose own rules failed is not looked into further: "bylines must be an array", not also
 * what its first character lacks.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ValidationIssue[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const message = mainMessage(error);
    if (message !== undefined) {
      const said = readable(qualify(message, path, error.property), path);
      return [{ path: itemNamed(said, path) ?? path, message: said }];
    }
    return flattenValidationErrors(error.children ?? [], path);
  });
}

/** class-validator's names of the rules that say what a value is, before any rule about its content. */
const TYPE_RULES = new Set([
  'isString', 'isBoolean', 'isInt', 'isNumber', 'isNumberString', 'isArray', 'isObject', 'isDate', 'isDateString',
  'isISO8601', 'isEnum', 'isIn', 'isUUID', 'isEmail', 'isUrl', 'isLocale', 'isTimeZone', 'nestedValidation', 'whitelistValidation', 'unknownValue',
]);
/** class-validator's own rules about a value's content; a rule not named here or above is the newsroom's own and says what it means. */
const CONTENT_RULES = new Set([
  'isLength', 'minLength', 'maxLength', 'isNotEmpty', 'arrayNotEmpty', 'arrayMinSize', 'arrayMaxSize', 'arrayUnique', 'matches', 'min', 'max',
  'isPositive', 'isNotIn', 'equals', 'notEquals', 'isFQDN', 'isHexColor', 'isAlphanumeric', 'isAscii', 'isLowercase',
]);

function mainMessage(error: ValidationError): string | undefined {
  const rules = Object.entries(error.constraints ?? {});
  if (rules.length === 0) return undefined;
  // A field that should not be there says so, whatever its value.
  const unknown = rules.find(([name]) => name === 'whitelistValidation' || name === 'unknownValue');
  if (unknown) return unknown[1];
  // Only errors made with `validationError.value` carry the value; without it nothing is known missing.
  if (Object.hasOwn(error, 'value') && error.value === undefined) {
    const saysRequired = rules.find(([name, message]) => name === 'isDefined' || /\b(required|missing)\b/.test(message));
    if (saysRequired) return saysRequired[1];
    const ownRule = rules.find(([name]) => !TYPE_RULES.has(name) && !CONTENT_RULES.has(name));
    return ownRule ? ownRule[1] : `${error.property} is required`;
  }
  return (rules.find(([name]) => TYPE_RULES.has(name)) ?? rules[0])[1];
}

/** class-validator names only the last property; readers need the whole path (an item's too: `tags.1 …`, see EachItem). */
function qualify(message: string, path: string, property: string): string {
  const rest = message.slice(property.length);
  return message.startsWith(property) && /^(\.\d+)? /.test(rest) ? `${path}${rest}` : message;
}

/**
 * The path of the one item of a list a rule's message begins with (`tags.1 has no letters…`):
 * a rule over a whole list that names the item it refuses makes that item the issue's path,
 * as nested validation does for objects. Undefined when the message names no item of `path`.
 */
function itemNamed(message: string, path: string): string | undefined {
  if (!message.startsWith(`${path}.`)) return undefined;
  const index = /^\d+(?= )/.exec(message.slice(path.length + 1))?.[0];
  return index === undefined ? undefined : `${path}.${index}`;
}

/** class-validator's wording for lists, in plain English ("All tags's elements must be unique", "at least 1 elements"). */
function readable(message: string, path: string): string {
  return message
    .replace(/^All \S+'s elements must be unique$/, `${path} must not list the same item twice`)
    .replace(/\b(at least|at most|more than|less than) 1 elements\b/, '$1 one item')
    .replace(/\b(\d+) elements\b/, '$1 items');
}
