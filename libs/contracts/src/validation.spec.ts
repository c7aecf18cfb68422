import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsOptional, IsString, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import { Command } from './command';
import { validatePlain, type ValidationIssue } from './validation';

class Byline {
  @IsString() @Length(1, 100) name!: string;
}

/** Rules declared as the request classes declare them: the type first, its limits after. */
class Sample {
  @IsString() @MaxLength(2000) note!: string;
  @IsString({ message: 'reason is required: say why' }) @MaxLength(2000) reason!: string;
  @Length(1, 300) headline!: string;
  @IsInt() @Min(1) revision!: number;
  @IsOptional() @IsBoolean() breakingOnly?: boolean;
  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(3) @IsString({ each: true }) tags?: string[];
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => Byline) bylines?: Byline[];
}

const valid = { note: 'n', reason: 'r', headline: 'h', revision: 1 };

function issuesOf(input: Record<string, unknown>): ValidationIssue[] {
  const result = validatePlain(Sample, input);
  if (result.ok) throw new Error('expected the input to be refused');
  return result.issues;
}

describe('validatePlain: one message per field, the one a person fixes first', () => {
  it('accepts the valid sample', () => {
    expect(validatePlain(Sample, valid).ok).toBe(true);
  });

  it('says a missing field is required, not that it is too long', () => {
    expect(issuesOf({ ...valid, note: undefined })).toEqual([{ path: 'note', message: 'note is required' }]);
  });

  it('says a missing field is required when its only rule is a length', () => {
    expect(issuesOf({ ...valid, headline: undefined })).toEqual([{ path: 'headline', message: 'headline is required' }]);
  });

  it('keeps a rule of its own that says the field is required', () => {
    expect(issuesOf({ ...valid, reason: undefined })).toEqual([{ path: 'reason', message: 'reason is required: say why' }]);
  });

  it('names the type a field of the wrong type must have before its limits', () => {
    expect(issuesOf({ ...valid, note: 123 })).toEqual([{ path: 'note', message: 'note must be a string' }]);
    expect(issuesOf({ ...valid, revision: 'two' })).toEqual([{ path: 'revision', message: 'revision must be an integer number' }]);
    expect(issuesOf({ ...valid, revision: null })).toEqual([{ path: 'revision', message: 'revision must be an integer number' }]);
  });

  it('still reports the limit a present value breaks', () => {
    expect(issuesOf({ ...valid, note: 'n'.repeat(2001) })).toEqual([{ path: 'note', message: 'note must be shorter than or equal to 2000 characters' }]);
    expect(issuesOf({ ...valid, revision: 0 })).toEqual([{ path: 'revision', message: 'revision must not be less than 1' }]);
  });

  it('lists every failing field, one issue each', () => {
    expect(issuesOf({}).map((issue) => issue.message)).toEqual(['note is required', 'reason is required: say why', 'headline is required', 'revision is required']);
  });

  it('says a field that should not be there should not, even when its value is undefined', () => {
    expect(issuesOf({ ...valid, extra: undefined })).toEqual([{ path: 'extra', message: 'property extra should not exist' }]);
  });

  it('does not look into a field whose own type is wrong', () => {
    expect(issuesOf({ ...valid, bylines: 'Alice' })).toEqual([{ path: 'bylines', message: 'bylines must be an array' }]);
  });

  it('reports a nested field by its whole path', () => {
    expect(issuesOf({ ...valid, bylines: [{ name: 'Alice' }, {}] })).toEqual([{ path: 'bylines.1.name', message: 'bylines.1.name is required' }]);
  });

  // JSON.parse makes `__proto__` an own key; class-transformer would drop it and `constructor` without a word.
  it.each([
    ['__proto__ at the top', `{"note":"n","reason":"r","headline":"h","revision":1,"__proto__":{"isAdmin":true}}`, '__proto__'],
    ['constructor at the top', `{"note":"n","reason":"r","headline":"h","revision":1,"constructor":{"name":"x"}}`, 'constructor'],
    ['__proto__ inside a nested object', `{"note":"n","reason":"r","headline":"h","revision":1,"bylines":[{"name":"A","__proto__":{"x":1}}]}`, 'bylines.0.__proto__'],
  ])('refuses %s as a field that should not be there, by its path', (_what, json, path) => {
    const key = path.split('.').pop()!;
    expect(issuesOf(JSON.parse(json) as Record<string, unknown>)).toEqual([{ path, message: `property ${key} should not exist` }]);
  });

  it('words list rules in plain English', () => {
    expect(issuesOf({ ...valid, tags: ['a', 'a'] })).toEqual([{ path: 'tags', message: 'tags must not list the same item twice' }]);
    expect(issuesOf({ ...valid, tags: ['a', 'b', 'c', 'd'] })).toEqual([{ path: 'tags', message: 'tags must contain no more than 3 items' }]);
  });
});

class AcceptSampleCommand extends Command {
  @IsString() @Length(20, 200) token!: string;
}

describe('Command.create: the refusal speaks of the input, not of the class', () => {
  it('says what is wrong with the field without naming the command class', () => {
    expect(() => AcceptSampleCommand.create({ token: 'bogus' })).toThrow(
      expect.objectContaining({ code: 'COMMAND.INVALID', message: 'token must be longer than or equal to 20 characters' }),
    );
  });
});
