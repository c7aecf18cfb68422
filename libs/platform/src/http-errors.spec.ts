import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  Logger,
  MethodNotAllowedException,
  NotFoundException,
  PayloadTooLargeException,
  type ArgumentsHost,
} from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MinLength, ValidateNested } from 'class-validator';
import { DomainError, type ErrorKind, type ValidationIssue } from '@newsroom/contracts';
import { QueryFailedError } from 'typeorm';
import { DATABASE_RETRY_AFTER_SECONDS, HttpErrorFilter, statusOf, strictValidationPipe } from './http-errors';

class FakeResponse {
  statusCode?: number;
  body?: unknown;
  readonly headers: Record<string, string> = {};

  setHeader(name: string, value: string): this {
    this.headers[name.toLowerCase()] = value;
    return this;
  }

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  json(body: unknown): this {
    this.body = body;
    return this;
  }
}

function httpHost(response: FakeResponse): ArgumentsHost {
  return {
    getType: () => 'http',
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({}), getNext: () => () => undefined }),
  } as unknown as ArgumentsHost;
}

describe(HttpErrorFilter.name, () => {
  const filter = new HttpErrorFilter();
  let logged: jest.SpyInstance;

  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  function respond(exception: unknown): FakeResponse {
    const response = new FakeResponse();
    filter.catch(exception, httpHost(response));
    return response;
  }

  it.each<[ErrorKind, number]>([
    ['validation', 400],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['precondition_failed', 412],
    ['precondition_required', 428],
    ['gone', 410],
    ['unavailable', 503],
    ['unsupported_media_type', 415],
    ['too_large', 413],
  ])('answers a DomainError of kind %s with %i and its code', (kind, status) => {
    const response = respond(new DomainError('SOME.CODE', 'what went wrong', kind));
    expect(response.statusCode).toBe(status);
    expect(response.body).toEqual({ error: { code: 'SOME.CODE', message: 'what went wrong' } });
    expect(statusOf(kind)).toBe(status);
  });

  it('passes the details of a DomainError on', () => {
    const details = [{ path: 'headline', message: 'headline is required' }];
    const response = respond(new DomainError('REQUEST.VALIDATION_FAILED', 'headline is required', 'validation', details));
    expect(response.body).toEqual({ error: { code: 'REQUEST.VALIDATION_FAILED', message: 'headline is required', details } });
  });

  it('does not log expected errors', () => {
    respond(new DomainError('ARTICLE.NOT_FOUND', 'no such article', 'not_found'));
    respond(new NotFoundException());
    expect(logged).not.toHaveBeenCalled();
  });

  it('answers an unknown route with 404 ROUTE.NOT_FOUND and a message of its own', () => {
    const response = respond(new NotFoundException('Cannot GET /admin/secret-path'));
    expect(response.statusCode).toBe(404);
    expect(response.body).toEqual({ error: { code: 'ROUTE.NOT_FOUND', message: 'No such resource' } });
  });

  it.each([
    [new MethodNotAllowedException(), 405, 'ROUTE.METHOD_NOT_ALLOWED'],
    [new PayloadTooLargeException(), 413, 'REQUEST.TOO_LARGE'],
    [new ForbiddenException(), 403, 'AUTH.FORBIDDEN'],
    [new BadRequestException('Bad query'), 400, 'REQUEST.INVALID'],
    [new HttpException('I am a teapot', 418), 418, 'REQUEST.FAILED'],
  ])('maps %p to %i %s', (exception, status, code) => {
    const response = respond(exception);
    expect(response.statusCode).toBe(status);
    expect(response.body).toEqual({ error: { code, message: expect.any(String) } });
  });

  it('answers a body that is not JSON (as Nest reports it) with REQUEST.MALFORMED_JSON', () => {
    const response = respond(new BadRequestException('Unexpected token } in JSON at position 12'));
    expect(response.statusCode).toBe(400);
    expect(response.body).toEqual({ error: { code: 'REQUEST.MALFORMED_JSON', message: expect.stringMatching(/^The request body is not valid JSON/) } });
  });

  it.each([
    ['null', `Unexpected token 'n', "null" is not valid JSON`],
    ['a number', `Unexpected token '4', "42" is not valid JSON`],
    ['a string', `Unexpected token '"', ""text"" is not valid JSON`],
  ])('answers a body that is JSON but %s (refused by the strict parser) with REQUEST.BODY_NOT_OBJECT, not "not valid JSON"', (_, message) => {
    const response = respond(new BadRequestException(message));
    expect(response.statusCode).toBe(400);
    expect(response.body).toEqual({ error: { code: 'REQUEST.BODY_NOT_OBJECT', message: 'The request body must be a JSON object' } });
  });

  it('answers a body-parser failure on a long JSON string with REQUEST.BODY_NOT_OBJECT too, from the raw body it keeps (its message quotes an excerpt)', () => {
    const excerpt = `Unexpected token '"', ""xxxxxxxxx"... is not valid JSON`;
    const parseError = Object.assign(new SyntaxError(excerpt), { type: 'entity.parse.failed', status: 400, body: JSON.stringify('x'.repeat(200)) });
    expect(respond(parseError).body).toEqual({ error: { code: 'REQUEST.BODY_NOT_OBJECT', message: 'The request body must be a JSON object' } });
    const broken = Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed', status: 400, body: '"xxx' });
    expect(respond(broken).body).toMatchObject({ error: { code: 'REQUEST.MALFORMED_JSON' } });
  });

  it('still calls a body that is not JSON at all malformed, whatever its quoted text', () => {
    expect(respond(new BadRequestException(`Unexpected token 'n', "nul" is not valid JSON`)).body).toMatchObject({ error: { code: 'REQUEST.MALFORMED_JSON' } });
  });

  it('answers a body-parser parse failure with 400 REQUEST.MALFORMED_JSON', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed', status: 400 });
    const response = respond(parseError);
    expect(response.statusCode).toBe(400);
    expect(response.body).toEqual({ error: { code: 'REQUEST.MALFORMED_JSON', message: 'The request body is not valid JSON' } });
  });

  it('answers a body-parser size failure with 413 REQUEST.TOO_LARGE', () => {
    const response = respond(Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413 }));
    expect(response.statusCode).toBe(413);
    expect(response.body).toEqual({ error: { code: 'REQUEST.TOO_LARGE', message: 'The request body is too large' } });
  });

  it('names the route limit when body-parser says which it was', () => {
    const response = respond(Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413, limit: 102400 }));
    expect(response.statusCode).toBe(413);
    expect(response.body).toEqual({ error: { code: 'REQUEST.TOO_LARGE', message: "The request body is over this route's limit of 102400 bytes" } });
  });

  it.each([['charset.unsupported'], ['encoding.unsupported']])('answers a body-parser %s failure with 415', (type) => {
    const response = respond(Object.assign(new Error('unsupported'), { type, status: 415 }));
    expect(response.statusCode).toBe(415);
    expect(response.body).toMatchObject({ error: { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('answers any other client error of body-parser with its own status, not 500', () => {
    const response = respond(Object.assign(new Error('request aborted'), { type: 'request.aborted', status: 400 }));
    expect(response.statusCode).toBe(400);
    expect(response.body).toEqual({ error: { code: 'REQUEST.INVALID', message: 'The request body could not be read' } });
  });

  it.each([
    ['a number out of range', '22003'],
    ['an untranslatable character', '22P05'],
    ['a NUL in text', '22021'],
  ])('answers a PostgreSQL data exception (%s) with 400, not 500', (_, code) => {
    const response = respond(Object.assign(new Error('query failed'), { driverError: { code } }));
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'REQUEST.INVALID_VALUE' } });
    expect(logged).not.toHaveBeenCalled();
  });

  it('answers an unexpected error with 500 INTERNAL, logs it, and leaks nothing of it', () => {
    const error = new Error('connection to postgres://admin:hunter2@db failed');
    const response = respond(error);
    expect(response.statusCode).toBe(500);
    expect(response.body).toEqual({ error: { code: 'INTERNAL', message: 'Something went wrong on our side' } });
    expect(JSON.stringify(response.body)).not.toContain('hunter2');
    expect(logged).toHaveBeenCalledWith({ err: error }, 'unhandled error');
  });

  /** What node-postgres and TypeORM throw when the database goes away, as they build it. */
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
  const connectionFailures: [string, unknown][] = [
    ['a refused connection (ECONNREFUSED)', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a refusal among several addresses (AggregateError)', Object.assign(new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''), { code: 'ECONNREFUSED' })],
    ['an administrator shutdown (57P01) in a failed query', new QueryFailedError('SELECT 1', [], withCode('terminating connection due to administrator command', '57P01'))],
    ['a crash shutdown (57P02)', withCode('terminating connection because of crash of another server process', '57P02')],
    ['a server still starting (57P03)', withCode('the database system is starting up', '57P03')],
    ['a connection exception (08006)', new QueryFailedError('INSERT …', [], withCode('connection failure', '08006'))],
    ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
    ['a lost connection as a cause', new Error('commit failed', { cause: new Error('Connection terminated') })],
  ];

  it.each(connectionFailures)('answers %s with 503 SERVICE.UNAVAILABLE and Retry-After, not 500', (_name, error) => {
    const response = respond(error);
    expect(response.statusCode).toBe(503);
    expect(response.body).toMatchObject({ error: { code: 'SERVICE.UNAVAILABLE' } });
    expect(response.headers['retry-after']).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
    expect(logged).not.toHaveBeenCalled();
  });

  it('keeps a query that fails for another reason a 500', () => {
    const response = respond(new QueryFailedError('SELECT', [], withCode('deadlock detected', '40P01')));
    expect(response.statusCode).toBe(500);
    expect(response.headers['retry-after']).toBeUndefined();
  });

  it('sends the Retry-After a coded error asks for', () => {
    const response = respond(new DomainError('REQUEST.RATE_LIMITED', 'slow down', 'rate_limited', { retryAfterSeconds: 7 }));
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('7');
  });

  it.each([[null], [undefined], ['a thrown string'], [42]])('answers a thrown %p with 500 INTERNAL', (thrown) => {
    const response = respond(thrown);
    expect(response.statusCode).toBe(500);
    expect(response.body).toEqual({ error: { code: 'INTERNAL', message: 'Something went wrong on our side' } });
  });

  it('rethrows outside HTTP, leaving the error to the transport', () => {
    const error = new DomainError('X.Y', 'z', 'conflict');
    const rpcHost = { getType: () => 'rpc' } as unknown as ArgumentsHost;
    expect(() => filter.catch(error, rpcHost)).toThrow(error);
  });
});

class AuthorDto {
  @IsString()
  name!: string;
}

class ArticleDto {
  @IsString()
  @MinLength(3)
  headline!: string;

  @ValidateNested()
  @Type(() => AuthorDto)
  author!: AuthorDto;
}

describe(strictValidationPipe.name, () => {
  const pipe = strictValidationPipe();
  const metadata = { type: 'body' as const, metatype: ArticleDto };

  async function issuesOf(value: unknown): Promise<{ code: string; kind: string; details: ValidationIssue[] }> {
    try {
      await pipe.transform(value, metadata);
    } catch (error) {
      if (error instanceof DomainError) return { code: error.code, kind: error.kind, details: error.details as ValidationIssue[] };
      throw error;
    }
    throw new Error('expected the pipe to reject the value');
  }

  it('turns a valid body into an instance of the DTO', async () => {
    const value = (await pipe.transform({ headline: 'Harbour reopens', author: { name: 'Alice' } }, metadata)) as unknown;
    expect(value).toBeInstanceOf(ArticleDto);
    expect((value as ArticleDto).author).toBeInstanceOf(AuthorDto);
  });

  it('rejects an unknown property with REQUEST.VALIDATION_FAILED and its path', async () => {
    const result = await issuesOf({ headline: 'Harbour reopens', author: { name: 'Alice' }, isAdmin: true });
    expect(result.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(result.kind).toBe('validation');
    expect(result.details).toEqual([{ path: 'isAdmin', message: 'property isAdmin should not exist' }]);
  });

  it('refuses __proto__ and constructor keys at any depth as unknown fields, though class-transformer never maps them', async () => {
    const body = JSON.parse(
      '{"headline":"Harbour reopens","author":{"name":"Alice","__proto__":{"isAdmin":true}},"constructor":{},"extra":{"items":[{"constructor":1}]}}',
    ) as unknown;
    const result = await issuesOf(body);
    expect(result.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(result.details.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'author.__proto__', message: 'property __proto__ should not exist' },
      { path: 'constructor', message: 'property constructor should not exist' },
      { path: 'extra.items.0.constructor', message: 'property constructor should not exist' },
    ]);
  });

  it('gives the full path of a problem inside a nested object', async () => {
    const result = await issuesOf({ headline: 'Harbour reopens', author: { name: 'Alice', role: 'x' } });
    expect(result.details.map((issue) => issue.path)).toEqual(['author.role']);
  });

  it('lists every field at once, one message per field', async () => {
    const result = await issuesOf({ headline: 7, author: { name: 1 } });
    expect(result.details.map((issue) => issue.path).sort()).toEqual(['author.name', 'headline']);
  });

  it('joins the messages into the error message', async () => {
    await expect(pipe.transform({ headline: 'ab', author: { name: 'Alice' } }, metadata)).rejects.toThrow('headline must be longer than or equal to 3 characters');
  });

  it.each([[[1, 2]], ['text'], [null], [42]])('refuses a body that is not an object (%j) with REQUEST.BODY_NOT_OBJECT', async (value) => {
    expect((await issuesOf(value)).code).toBe('REQUEST.BODY_NOT_OBJECT');
  });

  it('treats a request without any body as an empty object: required fields are named', async () => {
    const result = await issuesOf(undefined);
    expect(result.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(result.details.map((issue) => issue.path).sort()).toEqual(['headline']);
  });

  it('accepts a request without any body when every field is optional', async () => {
    class ApproveDto {
      @IsOptional()
      @IsString()
      note?: string;
    }
    await expect(pipe.transform(undefined, { type: 'body', metatype: ApproveDto })).resolves.toBeInstanceOf(ApproveDto);
  });
});
