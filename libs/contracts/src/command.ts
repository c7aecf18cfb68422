import type { ClassConstructor } from 'class-transformer';
import { withArticleId, withArticleRevision } from './article-refs';
import { DomainError } from './errors';
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
 * consumer dead-letters it) with every problem in `details`.
 */
export abstract class Command {
  static create<T extends Command>(this: ClassConstructor<T>, input: CommandInput<T>): T {
    const result = validatePlain(this, input);
    if (!result.ok) {
      throw new DomainError('COMMAND.INVALID', `${this.name}: ${result.issues.map((i) => i.message).join('; ')}`, 'validation', result.issues);
    }
    return result.value;
  }
}

/** The plain fields of a command class (its own data, no methods). */
export type CommandInput<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: T[K] };

/** A command about one article: `articleId` validated as every event's is. */
export abstract class ArticleCommand extends withArticleId(Command) {}

/** A command about one revision of an article: `articleId` and `revision` validated as every event's are. */
export abstract class ArticleRevisionCommand extends withArticleRevision(Command) {}
