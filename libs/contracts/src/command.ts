import type { ClassConstructor } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';
import { withArticleId, withArticleRevision } from './article-refs';
import { DomainError } from './errors';
import { markValidated, isValidated, type Validated } from './validated';
import { validatePlain } from './validation';

/**
 * The input of a use case: a class whose fields carry class-validator rules.
 * `Command.create` is the only way to make one, so a use case never sees an
 * unvalidated input, whichever adapter (HTTP, a Kafka consumer, a job, a test)
 * built it.
 *
 *   export class ApproveArticleCommand extends Command {
 *     @IsUUID() articleId!: string;
 *     ...
 *   }
 *   useCase.execute(ApproveArticleCommand.create({ articleId, ... }));
 *
 * Invalid input throws `COMMAND.INVALID` (kind `validation`, HTTP 400; a
 * consumer dead-letters it) with every problem in `details`. Its message lists the problems
 * in the words of the input ("token must be …"): it reaches people through the API and the
 * desk, to whom the class's name means nothing.
 *
 * A consumer whose event `validateEvent` already validated builds its command with
 * `fromValidated` instead: the same rules are not run over the same article twice in one hop
 * (validated.ts says why).
 */
export abstract class Command {
  /** Validates untrusted input (an HTTP body, a job's arguments) into the command. */
  static create<T extends Command>(this: ClassConstructor<T>, input: CommandInput<T>): Validated<T> {
    const result = validatePlain(this, input);
    if (!result.ok) {
      throw new DomainError('COMMAND.INVALID', result.issues.map((i) => i.message).join('; '), 'validation', result.issues);
    }
    return result.value;
  }

  /**
   * The command made of a value validation already produced in this hop (a consumed event's
   * `data`, whose class carries the same rules for the same fields — as an approval's data and
   * the command built `withApproval` do): the command's declared fields are taken from it as
   * they are, without class-validator's pass; fields the command does not declare are left
   * out, as `create`'s whitelist would. A value not registered as validated (a cast, a
   * hand-made object) is validated in full by `create`, so the brand cannot be forged.
   *
   * @throws COMMAND.INVALID as `create`, only for a value that was not validated already.
   */
  static fromValidated<T extends Command>(this: ClassConstructor<T>, source: Validated<CommandInput<T>>): Validated<T> {
    const fields = declaredFields(this);
    const input: Record<string, unknown> = {};
    for (const field of fields) if ((source as Record<string, unknown>)[field] !== undefined) input[field] = (source as Record<string, unknown>)[field];
    if (!isValidated(source)) return (this as unknown as typeof Command).create.call(this, input as never) as Validated<T>;
    return markValidated(Object.assign(new this(), input));
  }
}

/** Each command class's validated property names (its own and inherited), read once from class-validator. */
const fieldsByClass = new WeakMap<ClassConstructor<unknown>, readonly string[]>();

function declaredFields(cls: ClassConstructor<unknown>): readonly string[] {
  let fields = fieldsByClass.get(cls);
  if (!fields) {
    fields = [...new Set(getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false).map((m) => m.propertyName))];
    fieldsByClass.set(cls, fields);
  }
  return fields;
}

/** The plain fields of a command class (its own data, no methods). */
export type CommandInput<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: T[K] };

/** A command about one article: `articleId` validated as every event's is. */
export abstract class ArticleCommand extends withArticleId(Command) {}

/** A command about one revision of an article: `articleId` and `revision` validated as every event's are. */
export abstract class ArticleRevisionCommand extends withArticleRevision(Command) {}
