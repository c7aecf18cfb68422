import { randomUUID } from 'node:crypto';
import { IsInt, IsNotEmpty, IsString, Min } from 'class-validator';
import { exampleArticle } from './article';
import { Command, type CommandInput } from './command';
import { DomainError } from './errors';
import { assembleEvent, createEvent, InvalidEventError, validateEvent } from './events/event-catalog';
import { EVENT_TYPES } from './events/event-types';
import { MESSAGE_LIMITS } from './limits';
import { TOPICS } from './topics';
import { isValidated, type Validated } from './validated';
import { validatePlain } from './validation';

class RenameCommand extends Command {
  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsInt()
  @Min(1)
  revision!: number;
}

class RenameData {
  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsInt()
  @Min(1)
  revision!: number;

  @IsString()
  note!: string;
}

function approvedEvent(articleId = randomUUID()) {
  return createEvent(
    EVENT_TYPES.articleApproved,
    {
      articleId,
      revision: 2,
      editorId: 'editor-1',
      authorId: 'author-1',
      approvedAt: new Date().toISOString(),
      priority: 'normal',
      article: exampleArticle() as never,
    },
    { subject: articleId },
  );
}

describe('Validated: what validation produced, and only that', () => {
  it('marks the value validatePlain returns, and not the input it was given', () => {
    const input = { name: 'a', revision: 1 };
    const result = validatePlain(RenameCommand, input);
    expect(result.ok && isValidated(result.value)).toBe(true);
    expect(isValidated(input)).toBe(false);
  });

  it('marks a consumed event\'s data, not the raw event it came from', () => {
    const raw = JSON.parse(JSON.stringify(approvedEvent())) as unknown;
    const parsed = validateEvent(raw, { topic: TOPICS.review });
    expect(parsed.ok && isValidated(parsed.event.data)).toBe(true);
    expect(isValidated((raw as { data: unknown }).data)).toBe(false);
  });
});

describe('Command.fromValidated', () => {
  it('takes the command\'s declared fields from validated data, leaving out the others', () => {
    const data = validatePlain(RenameData, { name: 'kept', revision: 3, note: 'not a command field' });
    if (!data.ok) throw new Error('fixture is invalid');
    const command = RenameCommand.fromValidated(data.value);
    expect(command).toBeInstanceOf(RenameCommand);
    expect({ ...command }).toEqual({ name: 'kept', revision: 3 });
    expect(isValidated(command)).toBe(true);
  });

  it('validates in full a value that only claims to be validated', () => {
    const forged = { name: '', revision: 0 } as Validated<CommandInput<RenameCommand>>;
    expect(() => RenameCommand.fromValidated(forged)).toThrow(DomainError);
    expect(() => RenameCommand.fromValidated(forged)).toThrow(/name should not be empty/);
  });

  it('builds a command from an unregistered but valid value by validating it', () => {
    const plain = { name: 'plain', revision: 1 } as Validated<CommandInput<RenameCommand>>;
    const command = RenameCommand.fromValidated(plain);
    expect(command).toBeInstanceOf(RenameCommand);
    expect(command.name).toBe('plain');
  });
});

describe('assembleEvent: an event from state already validated', () => {
  const articleId = randomUUID();
  const killed = { articleId, editorId: 'editor-1', killedAt: new Date().toISOString() };

  it('builds the same envelope createEvent does', () => {
    const time = new Date();
    const id = randomUUID();
    expect(assembleEvent(EVENT_TYPES.articleKilled, killed, { subject: articleId, id, time })).toEqual(
      createEvent(EVENT_TYPES.articleKilled, killed, { subject: articleId, id, time }),
    );
  });

  it('leaves class-validator to the producer\'s specs, where createEvent refuses at once', () => {
    const broken = { ...killed, killedAt: 'yesterday' };
    expect(() => createEvent(EVENT_TYPES.articleKilled, broken, { subject: articleId })).toThrow(InvalidEventError);
    const assembled = assembleEvent(EVENT_TYPES.articleKilled, broken, { subject: articleId });
    expect(validateEvent(assembled).ok).toBe(false);
  });

  it('still refuses an event over the size limit', () => {
    const huge = { ...killed, editorId: 'x'.repeat(MESSAGE_LIMITS.eventBytes) };
    expect(() => assembleEvent(EVENT_TYPES.articleKilled, huge, { subject: articleId })).toThrow(expect.objectContaining({ code: 'EVENT.TOO_LARGE' }));
  });
});

describe('validatePlain: remembered rule lookups', () => {
  class Base {
    @IsString()
    name!: string;
  }

  it('applies a rule defined after the class was first validated', () => {
    expect(validatePlain(Base, { name: 'x' }).ok).toBe(true);
    // A subclass defined now, after Base's rules were looked up and remembered.
    class Later extends Base {
      @IsInt()
      revision!: number;
    }
    expect(validatePlain(Later, { name: 'x', revision: 1 }).ok).toBe(true);
    expect(validatePlain(Later, { name: 'x', revision: 'one' })).toMatchObject({ ok: false, issues: [{ path: 'revision' }] });
    // A rule added to Base itself now counts too.
    Min(1)(Base.prototype, 'name');
    IsInt()(Base.prototype, 'name');
    expect(validatePlain(Base, { name: 'x' })).toMatchObject({ ok: false, issues: [{ path: 'name' }] });
  });

  it('still refuses what the remembered rules refuse, every time', () => {
    for (let i = 0; i < 3; i += 1) {
      expect(validatePlain(RenameCommand, { name: '', revision: 1 })).toMatchObject({ ok: false, issues: [{ path: 'name' }] });
      expect(validatePlain(RenameCommand, { name: 'a', revision: 2 }).ok).toBe(true);
    }
  });
});
