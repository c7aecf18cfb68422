import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import { EachHttpUrl, EachItem, EachOneOf, EachText } from './list-items';
import { validatePlain, type ValidationIssue } from './validation';

class Filter {
  @IsOptional() @IsArray() @ArrayMaxSize(3) @EachText(10) tags?: string[];
  @IsOptional() @IsArray() @EachOneOf(['reporter', 'editor', 'admin']) roles?: string[];
  @IsOptional() @IsArray() @EachHttpUrl({ requireTld: false }) urls?: string[];
  @IsOptional() @IsArray() @EachItem('isEven', (item) => (item === 0 || (typeof item === 'number' && item % 2 === 0) ? undefined : 'must be even')) counts?: number[];
}

class Desk {
  @IsArray() @ValidateNested({ each: true }) @Type(() => Filter) filters!: Filter[];
}

function issuesOf<T extends object>(cls: new () => T, input: unknown): ValidationIssue[] {
  const result = validatePlain(cls, input);
  if (result.ok) throw new Error('expected the input to be refused');
  return result.issues;
}

describe('EachItem: a list rule names the item it refuses', () => {
  it('accepts lists whose every item passes, and empty lists', () => {
    expect(validatePlain(Filter, { tags: ['ports', 'rail'], roles: ['editor'], urls: ['http://localhost:3003/a'], counts: [0, 2] }).ok).toBe(true);
    expect(validatePlain(Filter, { tags: [], roles: [], urls: [], counts: [] }).ok).toBe(true);
  });

  it.each([
    { field: 'tags', value: ['ports', 7], path: 'tags.1', message: 'tags.1 must be text' },
    { field: 'tags', value: ['ports', 'rail', 'a-very-long-tag'], path: 'tags.2', message: 'tags.2 must be at most 10 characters' },
    { field: 'tags', value: [null], path: 'tags.0', message: 'tags.0 must be text' },
    { field: 'roles', value: ['editor', 'Editor'], path: 'roles.1', message: 'roles.1 must be one of reporter, editor, admin' },
    { field: 'urls', value: ['https://example.com/a', 'javascript:alert(1)'], path: 'urls.1', message: 'urls.1 must be an http or https address' },
    { field: 'counts', value: [2, 4, 5, 7], path: 'counts.2', message: 'counts.2 must be even' },
  ])('$field $value: $message', ({ field, value, path, message }) => {
    expect(issuesOf(Filter, { [field]: value })).toEqual([{ path, message }]);
  });

  it('names only the first refused item, so the message stays one line', () => {
    expect(issuesOf(Filter, { roles: ['boss', 'chief'] })).toEqual([{ path: 'roles.0', message: 'roles.0 must be one of reporter, editor, admin' }]);
  });

  it('leaves a value that is not a list to IsArray', () => {
    expect(issuesOf(Filter, { tags: 'ports' })).toEqual([{ path: 'tags', message: 'tags must be an array' }]);
  });

  it('gives the whole path inside a nested object', () => {
    expect(issuesOf(Desk, { filters: [{}, { roles: ['editor', 'intern'] }] })).toEqual([
      { path: 'filters.1.roles.1', message: 'filters.1.roles.1 must be one of reporter, editor, admin' },
    ]);
  });
});
