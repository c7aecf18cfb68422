import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A whole-number query parameter (`?limit=20&offset=40`, `?page=3`) from `min` to `max`.
 *
 * Only plain decimal digits are read as a number: `1e20`, `1.0`, `0x10`, ` 5`, `+5` and a
 * repeated parameter stay what they are and fail with one message naming the range, rather
 * than becoming 100000000000000000000 and reaching SQL as an OFFSET PostgreSQL cannot hold.
 * Every numeric query parameter of every service uses this, so each one is bounded.
 */
export function IsIntegerParam(range: { min: number; max: number }, options?: ValidationOptions): PropertyDecorator {
  const toNumber = Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?[0-9]{1,16}$/.test(value) ? Number(value) : value), {
    toClassOnly: true,
  });
  const inRange = ValidateBy(
    {
      name: 'isIntegerParam',
      validator: {
        validate: (value) => Number.isSafeInteger(value) && (value as number) >= range.min && (value as number) <= range.max,
        defaultMessage: () => `$property must be a whole number from ${range.min} to ${range.max}`,
      },
    },
    options,
  );
  return (target, propertyKey) => {
    toNumber(target, propertyKey);
    inRange(target, propertyKey);
  };
}
