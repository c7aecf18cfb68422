import { IsEmail, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A character a reader can see: not whitespace, not a format character (Unicode Cf: zero-width
 * space and joiners, bidirectional controls) and not default-ignorable (Hangul fillers, variation
 * selectors). Such characters are accepted inside text (an emoji's joiner, a right-to-left mark
 * in a dateline), but text made only of them shows nothing: an empty headline, a link with no words.
 */
const INVISIBLE = String.raw`\s\p{Cf}\p{Default_Ignorable_Code_Point}`;
const VISIBLE_CHARACTER = new RegExp(`[^${INVISIBLE}]`, 'u');
const INVISIBLE_CHARACTER = new RegExp(`[${INVISIBLE}]`, 'u');

/** True when `text` has at least one character a reader can see. */
export function hasVisibleText(text: string | null | undefined): boolean {
  return typeof text === 'string' && VISIBLE_CHARACTER.test(text);
}

/**
 * Rejects strings a reader would see as empty, where a length minimum alone would let them
 * through: only whitespace, or only invisible characters (zero-width spaces, bidirectional
 * controls, Hangul fillers — hasVisibleText). The rule for every text a person must write:
 * article fields, and the notes, reasons and names written beside them.
 */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value) => hasVisibleText(value as string),
        defaultMessage: () => '$property must contain visible text, not only spaces or invisible characters',
      },
    },
    options,
  );
}

/**
 * An e-mail address as the newsroom sends to it: class-validator's `IsEmail` (RFC 5322's
 * addr-spec as mail servers accept it), and no whitespace or invisible character anywhere.
 * `a\u200b@example.com` looks like `a@example.com` on screen, passes `IsEmail`, and every SMTP
 * server refuses it: it must be refused when typed (400), not stored and retried for ever. So is
 * a domain IDNA cannot read (`xn--zz.com`: a label of punycode that decodes to nothing), which
 * `IsEmail` takes for letters.
 */
export function IsMailAddress(options?: ValidationOptions): PropertyDecorator {
  const format = IsEmail({}, options);
  const visible = ValidateBy(
    {
      name: 'isMailAddressVisible',
      validator: {
        // A value that is not a string at all is IsEmail's to refuse.
        validate: (value) => typeof value !== 'string' || !INVISIBLE_CHARACTER.test(value),
        defaultMessage: () => '$property must not contain spaces or invisible characters (such as a zero-width space)',
      },
    },
    options,
  );
  const domain = ValidateBy(
    {
      name: 'isMailAddressDomain',
      validator: {
        // Only the domain of a string with an @ is looked at; anything else is IsEmail's to refuse.
        validate: (value) => typeof value !== 'string' || !value.includes('@') || isInternetDomain(value.slice(value.lastIndexOf('@') + 1)),
        defaultMessage: () => '$property has a domain that is no internet domain name (after the @)',
      },
    },
    options,
  );
  return (target, propertyKey) => {
    visible(target, propertyKey);
    domain(target, propertyKey);
    format(target, propertyKey);
  };
}

/**
 * Whether `domain` is a host name as the WHATWG URL standard reads one (UTS #46 processing: an
 * internationalised name, or ASCII with `xn--` labels that decode). No other check: the
 * address's format is IsEmail's.
 */
function isInternetDomain(domain: string): boolean {
  try {
    new URL(`http://${domain}/`);
    return true;
  } catch {
    return false;
  }
}
