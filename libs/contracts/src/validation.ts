import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { describeUnsupportedText, findUnsupportedText } from './text/unsupported-characters';
import { markValidated, type Validated } from './validated';

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

/**
 * Transforms a plain value into `cls` and validates it strictly. Every string in it is first
 * held to the newsroom's character rule (UNSUPPORTED_CHARACTER) and its nesting to
 * MAX_INPUT_DEPTH, so no command or consumed event carries text an output cannot. The value
 * returned is registered as `Validated` (validated.ts): what is built from it in this hop need
 * not be validated again.
 */
export function validatePlain<T extends object>(cls: ClassConstructor<T>, plain: unknown): ValidationResult<T> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { ok: false, issues: [{ path: '', message: 'must be a JSON object' }] };
  }
  const unsupported = findUnsupportedText(plain);
  if (unsupported) return { ok: false, issues: [{ path: unsupported.path, message: describeUnsupportedText(unsupported) }] };
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
