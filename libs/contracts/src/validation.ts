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

/** Options used at every edge: unknown fields are errors, never silently dropped. */
export const STRICT_VALIDATION = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  // One message per field: "subject must be a UUID" rather than every rule it breaks.
  stopAtFirstError: true,
  validationError: { target: false, value: false },
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
  const instance = plainToInstance(cls, plain);
  const errors = validateSync(instance, STRICT_VALIDATION);
  if (errors.length > 0) return { ok: false, issues: flattenValidationErrors(errors) };
  return { ok: true, value: markValidated(instance) };
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): ValidationIssue[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message: qualify(message, path, error.property) }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

/** class-validator names only the last property; readers need the whole path. */
function qualify(message: string, path: string, property: string): string {
  return message.startsWith(`${property} `) ? `${path} ${message.slice(property.length + 1)}` : message;
}
