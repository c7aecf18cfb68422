import { isURL, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * What is wrong with one item of a list, in the words that follow its path ("must be text",
 * "has no letters or digits, so it cannot be a tag"); undefined when the item is fine.
 */
export type ItemProblem = (item: unknown) => string | undefined;

/**
 * A rule for every item of a list that names the first item it refuses by its place and says
 * why: `roles.1 must be one of reporter, editor, admin`, where class-validator's `{ each: true }`
 * rules say only "each value in roles must be…" and leave the reader to find which. The message
 * begins with the item's path, which flattenValidationErrors takes as the path, as
 * nested validation does for the items of a list of objects. A value that is not an array
 * passes: whether it is one is IsArray's to say.
 */
export function EachItem(name: string, problem: ItemProblem, options?: ValidationOptions): PropertyDecorator {
  const firstRefused = (value: unknown): { index: number; problem: string } | undefined => {
    if (!Array.isArray(value)) return undefined;
    for (const [index, item] of value.entries()) {
      const found = problem(item);
      if (found !== undefined) return { index, problem: found };
    }
    return undefined;
  };
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value) => firstRefused(value) === undefined,
        defaultMessage: (args) => {
          const refused = firstRefused(args?.value);
          return refused ? `$property.${refused.index} ${refused.problem}` : '$property is not valid';
        },
      },
    },
    options,
  );
}

/** Every item text, of at most `maxLength` characters (UTF-16 code units, as MaxLength counts) when given: `tags.2 must be text`. */
export function EachText(maxLength?: number, options?: ValidationOptions): PropertyDecorator {
  return EachItem(
    'eachText',
    (item) => {
      if (typeof item !== 'string') return 'must be text';
      return maxLength !== undefined && item.length > maxLength ? `must be at most ${maxLength} characters` : undefined;
    },
    options,
  );
}

/** Every item one of `allowed`, compared exactly: `roles.1 must be one of reporter, editor, admin`. */
export function EachOneOf(allowed: readonly string[], options?: ValidationOptions): PropertyDecorator {
  return EachItem('eachOneOf', (item) => (allowed.includes(item as string) ? undefined : `must be one of ${allowed.join(', ')}`), options);
}

/** Every item an absolute http(s) address (class-validator's isURL); `requireTld: false` admits hosts such as `localhost`. */
export function EachHttpUrl({ requireTld = true } = {}, options?: ValidationOptions): PropertyDecorator {
  return EachItem(
    'eachHttpUrl',
    (item) =>
      typeof item === 'string' && isURL(item, { protocols: ['http', 'https'], require_protocol: true, require_tld: requireTld })
        ? undefined
        : 'must be an http or https address',
    options,
  );
}
