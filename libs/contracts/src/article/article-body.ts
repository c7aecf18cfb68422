import { plainToInstance, Transform } from 'class-transformer';
import { ValidateBy, ValidateNested, type ValidationArguments } from 'class-validator';
import { ARTICLE_BLOCK_CLASSES, type ArticleBlock } from './article-blocks';
import { jsonByteLength } from '../limits';
import { truncateText } from '../text/truncate';
import { ARTICLE_LIMITS, BLOCK_TYPES, type ArticleBlockType } from './article-limits';
import { isJsonObject } from '../validation';

const ALLOWED_TYPES = BLOCK_TYPES.join(', ');

/** Elements of `body` that were not objects at all (a string, a number, null, an array). */
const notAnObject = new WeakSet<object>();

/**
 * Stands in for a body element whose `type` is missing or unknown, so that class-validator
 * reports it at `body.N.type`. Its other fields are dropped: they mean nothing without a
 * known type and would only add "should not exist" noise to the one error that matters.
 */
class UnrecognizedBlock {
  @ValidateBy({
    name: 'isBlockType',
    validator: {
      validate: () => false,
      defaultMessage: (args?: ValidationArguments) => describeUnrecognized(args?.object, args?.value),
    },
  })
  type?: unknown;
}

function describeUnrecognized(block: object | undefined, type: unknown): string {
  if (block && notAnObject.has(block)) return `type is missing: each block must be an object with a type of ${ALLOWED_TYPES}`;
  if (type === undefined || type === null) return `type is required and must be one of ${ALLOWED_TYPES}`;
  return `type must be one of ${ALLOWED_TYPES}, got ${truncatedJson(type)}`;
}

function truncatedJson(value: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(value) ?? String(value);
  } catch {
    json = typeof value;
  }
  return truncateText(json, 40);
}

function isBlockType(type: unknown): type is ArticleBlockType {
  return typeof type === 'string' && (BLOCK_TYPES as readonly string[]).includes(type);
}

/**
 * Stands in for a body that was sent but is not an array (null, a string, an object). It must
 * not be `undefined` or `null`: an optional body (an edit's, where omitted means "keep") would
 * then skip validation, and the edit would answer 200 while dropping the body it was sent.
 */
const notAnArray = new WeakSet<object>();

/**
 * Turns each plain body element into an instance of its block class, chosen by `type`.
 * A body that is absent stays `undefined`; any other non-array becomes an empty stand-in
 * array, so the shape check reports one clear message whether the body is required or not.
 */
function toArticleBlocks(plain: unknown): Array<ArticleBlock | UnrecognizedBlock> | undefined {
  if (plain === undefined) return undefined;
  if (!Array.isArray(plain)) {
    const standIn: Array<ArticleBlock | UnrecognizedBlock> = [];
    notAnArray.add(standIn);
    return standIn;
  }
  return plain.map((element: unknown) => {
    if (!isJsonObject(element)) {
      const block = new UnrecognizedBlock();
      notAnObject.add(block);
      return block;
    }
    if (isBlockType(element.type)) return plainToInstance<ArticleBlock, unknown>(ARTICLE_BLOCK_CLASSES[element.type], element);
    return Object.assign(new UnrecognizedBlock(), { type: element.type });
  });
}

function bodyShapeMessage(value: unknown): string {
  const { minItems, maxItems, maxJsonBytes } = ARTICLE_LIMITS.body;
  if (!Array.isArray(value) || notAnArray.has(value)) return `$property must be an array of ${minItems} to ${maxItems} blocks`;
  if (value.length < minItems) return `$property must contain at least ${minItems} block`;
  if (value.length > maxItems) return `$property must contain at most ${maxItems} blocks`;
  return `$property must be at most ${maxJsonBytes} bytes as JSON (UTF-8), not ${jsonByteLength(value)}`;
}

function isBodyOfAllowedSize(value: unknown): boolean {
  const { minItems, maxItems, maxJsonBytes } = ARTICLE_LIMITS.body;
  return Array.isArray(value) && !notAnArray.has(value) && value.length >= minItems && value.length <= maxItems && jsonByteLength(value) <= maxJsonBytes;
}

/**
 * Validates an article body: an array of 1..500 blocks of at most 512 KiB as JSON, each checked
 * strictly by the class of its `type`, with errors reported at `body.N.field`.
 *
 * class-transformer's own discriminator support cannot reject unknown types with a useful
 * message, so the body is transformed here instead and every element becomes a class instance
 * that nested validation understands.
 */
export function IsArticleBody(): PropertyDecorator {
  const decorators: PropertyDecorator[] = [
    // `obj` is the untouched source object; `value` would already be a lossy copy.
    Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => toArticleBlocks(obj[key]), { toClassOnly: true }),
    ValidateBy({
      name: 'isArticleBody',
      validator: {
        validate: isBodyOfAllowedSize,
        defaultMessage: (args?: ValidationArguments) => bodyShapeMessage(args?.value),
      },
    }),
    ValidateNested({ each: true }),
  ];
  return (target, propertyKey) => decorators.forEach((decorate) => decorate(target, propertyKey));
}
