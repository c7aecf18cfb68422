import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '@newsroom/contracts';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates environment variables into `cls`, applying `defaults` for
 * unset variables. Throws a ConfigError listing every problem at once, so a
 * misconfigured service fails at start-up with a message a person can act on.
 */
export function loadEnv<T extends object>(
  cls: ClassConstructor<T>,
  env: NodeJS.ProcessEnv,
  defaults: Partial<Record<string, string>> = {},
): T {
  const raw: Record<string, string> = {};
  // An empty variable counts as unset, so the default still applies.
  for (const [key, value] of Object.entries({ ...pickSet(defaults), ...pickSet(env) })) raw[key] = value;
  const instance = plainToInstance(cls, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: true, validationError: { target: false, value: false } });
  if (errors.length > 0) {
    throw new ConfigError(flattenValidationErrors(errors).map((issue) => issue.message));
  }
  return instance;
}

function pickSet(env: Partial<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}
