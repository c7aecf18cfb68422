import type { AddressInfo } from 'node:net';
import { Controller, Get, Module, Param, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HttpErrorFilter, strictValidationPipe } from './http-errors';
import { thrownBy } from '@newsroom/testing';
import { ParseArticleIdPipe, ParsePositiveIntPipe, parseIfMatchVersion, versionEtag } from './http-params';

describe(ParseArticleIdPipe.name, () => {
  const pipe = new ParseArticleIdPipe();

  it('accepts a UUID', () => {
    expect(pipe.transform('5150485c-452c-4066-a93f-52483f84c08b')).toBe('5150485c-452c-4066-a93f-52483f84c08b');
  });

  // As the commands take them (isUUID): an unknown one is the lookup's 404, not refused on its way.
  it.each([['00000000-0000-0000-0000-000000000000'], ['ffffffff-ffff-ffff-ffff-ffffffffffff'], ['01932c07-2b4e-7c3a-9d2e-5f1a2b3c4d5e']])(
    'accepts %p (nil, max, v7)',
    (value) => {
      expect(pipe.transform(value)).toBe(value);
    },
  );

  it('lower-cases an upper-case UUID, so lookups match', () => {
    expect(pipe.transform('5150485C-452C-4066-A93F-52483F84C08B')).toBe('5150485c-452c-4066-a93f-52483f84c08b');
  });

  it.each([
    ['not-a-uuid'],
    [''],
    ['5150485c452c4066a93f52483f84c08b'],
    ['5150485c-452c-4066-a93f-52483f84c08'],
    [' 5150485c-452c-4066-a93f-52483f84c08b'],
    ['{5150485c-452c-4066-a93f-52483f84c08b}'],
    ['5150485c-452c-0066-a93f-52483f84c08b'],
    ['5150485c-452c-4066-c93f-52483f84c08b'],
    ['5150485g-452c-4066-a93f-52483f84c08b'],
    ["5150485c-452c-4066-a93f-52483f84c08b' OR 1=1"],
  ])('rejects %p with REQUEST.INVALID_ID', (value) => {
    expect(thrownBy(() => pipe.transform(value))).toMatchObject({ code: 'REQUEST.INVALID_ID', kind: 'validation' });
  });
});

describe(ParsePositiveIntPipe.name, () => {
  const pipe = new ParsePositiveIntPipe();

  it.each([
    ['1', 1],
    ['42', 42],
    ['999999999', 999_999_999],
  ])('turns %p into %p', (value, expected) => {
    expect(pipe.transform(value)).toBe(expected);
  });

  it.each([['0'], ['-1'], ['01'], ['1.5'], ['1e3'], ['abc'], [''], [' 2'], ['1000000000']])('rejects %p with REQUEST.INVALID_NUMBER', (value) => {
    expect(thrownBy(() => pipe.transform(value))).toMatchObject({ code: 'REQUEST.INVALID_NUMBER', kind: 'validation' });
  });
});

describe(parseIfMatchVersion.name, () => {
  it.each([
    ['"3"', 3],
    ['W/"3"', 3],
    ['3', 3],
    [' "17" ', 17],
    ['"123456789"', 123_456_789],
  ])('reads %p as version %p', (header, version) => {
    expect(parseIfMatchVersion(header)).toBe(version);
  });

  it.each([[undefined], [''], ['   ']])('returns undefined for %p', (header) => {
    expect(parseIfMatchVersion(header)).toBeUndefined();
  });

  it.each([['garbage'], ['"abc"'], ['"0"'], ['-1'], ['*'], ['"3", "4"'], ['w/"3"'], ['"1.5"'], ['"3'], ['W/3']])('rejects %p with REQUEST.INVALID_IF_MATCH', (header) => {
    expect(thrownBy(() => parseIfMatchVersion(header))).toMatchObject({ code: 'REQUEST.INVALID_IF_MATCH', kind: 'validation' });
  });

  it('reads back the ETag made by versionEtag', () => {
    expect(versionEtag(7)).toBe('"7"');
    expect(parseIfMatchVersion(versionEtag(7))).toBe(7);
  });
});

@Controller('revisions')
class RevisionsController {
  @Get(':n')
  read(@Param('n', ParsePositiveIntPipe) n: number) {
    return { n, type: typeof n };
  }
}

@Module({ controllers: [RevisionsController] })
class RevisionsModule {}

describe('a number in the path, through the global validation pipe and its own pipe', () => {
  let app: INestApplication;
  let base: string;
  beforeAll(async () => {
    app = await NestFactory.create(RevisionsModule, { logger: false });
    app.useGlobalPipes(strictValidationPipe());
    app.useGlobalFilters(new HttpErrorFilter());
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it.each([['abc'], ['99999999999999999999'], ['1.5']])('quotes %s as the client sent it when it refuses it', async (value) => {
    const response = await fetch(`${base}/revisions/${value}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'REQUEST.INVALID_NUMBER', message: `"${value}" is not a positive whole number` } });
  });

  it('hands the route a number', async () => {
    expect(await (await fetch(`${base}/revisions/3`)).json()).toEqual({ n: 3, type: 'number' });
  });
});
