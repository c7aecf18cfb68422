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
  // A variable left out is said to be missing, not only to be "a string" it is not (a rule with
  // its own words, naming what is missing, keeps them).
  const missing = (path: string, message: string) => raw[path] === undefined && message.startsWith(`${path} must `);
  const problems = flattenValidationErrors(errors).map(({ path, message }) => (missing(path, message) ? `${path} is not set (${message})` : message));
  problems.push(...developmentDefaultsInProduction(env, defaults), ...placeholdersLeft(instance, raw));
  if (problems.length > 0) throw new ConfigError(problems);
  return instance;
}

/** How the example deployment files (k8s/config) mark a value the operator must choose: REPLACE_ME…, REPLACE_WITH_…. */
const PLACEHOLDER = /REPLACE_(ME|WITH)/;

/**
 * Variables still holding the example files' placeholder: a secret of `REPLACE_ME_with_…` is
 * long enough to pass its own rule, and would sign subscriber links or guard the first admin
 * with a value written in the repository. Only the variables the service reads are looked at.
 */
function placeholdersLeft(instance: object, raw: Record<string, string>): string[] {
  return Object.keys(instance)
    .filter((key) => PLACEHOLDER.test(raw[key] ?? ''))
    .map((key) => `${key} still holds the example\u2019s placeholder (${PLACEHOLDER.exec(raw[key])?.[0]}…): set a value of your own`);
}

/** A default that names this machine: right for `npm start` and the tests, wrong anywhere else. */
const DEVELOPMENT_ADDRESS = /\blocalhost\b/i;

/**
 * With NODE_ENV=production, the variables whose default points at localhost (a public URL, a
 * sender address) must be set: left out, a deployment would quietly link readers to
 * http://localhost, send alerts from alerts@newsroom.localhost, or refuse every published
 * story's address as off-site.
 */
function developmentDefaultsInProduction(env: NodeJS.ProcessEnv, defaults: Partial<Record<string, string>>): string[] {
  if (env.NODE_ENV !== 'production') return [];
  return Object.entries(defaults)
    .filter(([key, value]) => value !== undefined && DEVELOPMENT_ADDRESS.test(value) && !env[key])
    .map(([key, value]) => `${key} is not set: NODE_ENV is production, and its default (${value}) only works on a development machine`);
}

function pickSet(env: Partial<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}
