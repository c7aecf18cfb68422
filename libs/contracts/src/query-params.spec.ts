import { IsOptional } from 'class-validator';
import { IsIntegerParam } from './query-params';
import { validatePlain } from './validation';

class ListQuery {
  @IsOptional()
  @IsIntegerParam({ min: 0, max: 100_000 })
  offset = 0;
}

describe(IsIntegerParam.name, () => {
  it.each([['0', 0], ['40', 40], ['100000', 100_000]])('reads %p as %p', (text, value) => {
    expect(validatePlain(ListQuery, { offset: text })).toEqual({ ok: true, value: expect.objectContaining({ offset: value }) });
  });

  it.each([['1e20'], ['100001'], ['-1'], ['1.5'], ['1.0'], ['0x10'], [' 5'], ['+5'], [''], ['99999999999999999999'], ['NaN'], ['Infinity']])(
    'refuses %p, naming the range',
    (text) => {
      expect(validatePlain(ListQuery, { offset: text })).toEqual({ ok: false, issues: [{ path: 'offset', message: 'offset must be a whole number from 0 to 100000' }] });
    },
  );

  it('refuses a repeated parameter', () => {
    expect(validatePlain(ListQuery, { offset: ['1', '2'] }).ok).toBe(false);
  });
});
