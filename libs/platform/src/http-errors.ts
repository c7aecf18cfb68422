import {
  BadRequestException,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  ValidationPipe,
  type ArgumentMetadata,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, STRICT_VALIDATION, flattenValidationErrors, unmappedKeyIssues, type ErrorKind, type ErrorResponseBody, type ValidationIssue } from '@newsroom/contracts';
import { answerOptions, asMethodNotAllowed } from './method-not-allowed';

const STATUS_OF: Record<ErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  precondition_failed: HttpStatus.PRECONDITION_FAILED,
  precondition_required: 428,
  gone: HttpStatus.GONE,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unsupported_media_type: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
};

const CODE_OF_STATUS: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.REQUIRED',
  403: 'AUTH.FORBIDDEN',
  404: 'ROUTE.NOT_FOUND',
  405: 'ROUTE.METHOD_NOT_ALLOWED',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
};

export function statusOf(kind: ErrorKind): number {
  return STATUS_OF[kind];
}

/**
 * The one place that turns errors into HTTP responses: `{ error: { code, message } }`
 * with the status that fits. A database that cannot be reached is 503 SERVICE.UNAVAILABLE with
 * Retry-After (see recogniseError); other unexpected errors are logged and answered with a
 * generic 500 that leaks nothing.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    if (answerOptions(exception, request, response)) return;
    const error = recogniseError(asMethodNotAllowed(exception, request, response));
    const { status, body } = errorResponseOf(error);
    if (status === HttpStatus.SERVICE_UNAVAILABLE) this.logger.warn({ err: exception }, 'answered 503: a backing service is unreachable');
    else if (status >= 500) this.logger.error({ err: exception }, 'unhandled error');
    const retryAfter = retryAfterSecondsOf(error);
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    response.status(status).json(body);
  }
}

/**
 * The status and `{ error: { code, message, details? } }` body every newsroom service answers an
 * error with (a DomainError by its kind, Nest's and body-parser's errors by their status), for
 * HttpErrorFilter and for filters that render the same error as a page.
 */
export function errorResponseOf(exception: unknown): { status: number; body: ErrorResponseBody } {
  if (exception instanceof DomainError) {
    const details = exception.details === undefined ? {} : { details: exception.details };
    return { status: STATUS_OF[exception.kind], body: { error: { code: exception.code, message: exception.message, ...details } } };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 400 && isJsonSyntaxError(exception)) {
      if (isJsonButNotAnObject(quotedBody(exception.message))) return errorResponseOf(bodyNotAnObject());
      return { status, body: { error: { code: 'REQUEST.MALFORMED_JSON', message: `The request body is not valid JSON: ${exception.message}` } } };
    }
    const code = CODE_OF_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'REQUEST.FAILED');
    const message = status === 404 ? 'No such resource' : status >= 500 ? 'Something went wrong on our side' : exception.message;
    return { status, body: { error: { code, message } } };
  }
  const bodyParserError = exception as { type?: string; status?: number };
  if (bodyParserError?.type === 'entity.parse.failed') {
    if (isJsonButNotAnObject((exception as { body?: unknown }).body)) return errorResponseOf(bodyNotAnObject());
    return { status: 400, body: { error: { code: 'REQUEST.MALFORMED_JSON', message: 'The request body is not valid JSON' } } };
  }
  if (bodyParserError?.type === 'entity.too.large') {
    const limit = (exception as { limit?: number }).limit;
    const message = typeof limit === 'number' ? `The request body is over this route's limit of ${limit} bytes` : 'The request body is too large';
    return { status: 413, body: { error: { code: 'REQUEST.TOO_LARGE', message } } };
  }
  if (bodyParserError?.type === 'charset.unsupported' || bodyParserError?.type === 'encoding.unsupported') {
    return { status: 415, body: { error: { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', message: 'Send the request body as UTF-8, without content encoding' } } };
  }
  if (typeof bodyParserError?.status === 'number' && bodyParserError.status >= 400 && bodyParserError.status < 500) {
    // Any other error body-parser raises (an aborted upload, a wrong length) is the client's.
    return { status: bodyParserError.status, body: { error: { code: CODE_OF_STATUS[bodyParserError.status] ?? 'REQUEST.INVALID', message: 'The request body could not be read' } } };
  }
  if (isDataException(exception)) {
    return { status: 400, body: { error: { code: 'REQUEST.INVALID_VALUE', message: 'A value in the request is out of range or cannot be stored' } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Something went wrong on our side' } } };
}

/** Retry-After (seconds) on a 503 for an unreachable database: about a restart's or a fail-over's time. */
export const DATABASE_RETRY_AFTER_SECONDS = 10;

/**
 * An error that is neither the request's fault nor a bug in the service, as the DomainError the
 * client is answered with; any other error is returned as it is. Today that is a database (or
 * another backing service) that cannot be reached: a request cut off by a crash, a restart or a
 * fail-over is worth repeating in a moment, so it is 503 SERVICE.UNAVAILABLE with Retry-After
 * (RFC 9110 §15.6.4, §10.2.3), not a 500. Shared by every error filter (publishing's HTML pages too).
 */
export function recogniseError(exception: unknown): unknown {
  if (!isConnectionFailure(exception)) return exception;
  return new DomainError('SERVICE.UNAVAILABLE', 'The service cannot reach its database just now; try again shortly', 'unavailable', {
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
  });
}

/** The Retry-After a DomainError asks for (`details.retryAfterSeconds`: 429 and 503), if any. */
export function retryAfterSecondsOf(error: unknown): number | undefined {
  if (!(error instanceof DomainError)) return undefined;
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}

/** Socket errors of a connection that could not be made or was lost (Node's `code`). */
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * PostgreSQL SQLSTATEs of a server that is going or not there yet: class 08 (connection
 * exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up).
 */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123])$/;
/** node-postgres and its pool say a lost or never-made connection only in words. */
const CONNECTION_LOST_MESSAGE = /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect/i;

/**
 * Whether the error, or one it wraps (TypeORM's `driverError`, a `cause`, the `errors` of an
 * AggregateError such as Node's connect to several addresses), says a connection failed.
 */
function isConnectionFailure(exception: unknown, depth = 0): boolean {
  if (exception === null || typeof exception !== 'object' || depth > 4) return false;
  const { code, message, driverError, cause, errors, status } = exception as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
    status?: unknown;
  };
  // body-parser's errors carry their own 4xx: a client that hung up mid-body is not an outage.
  if (typeof status === 'number') return false;
  if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  if (typeof message === 'string' && CONNECTION_LOST_MESSAGE.test(message)) return true;
  return [driverError, cause, ...(Array.isArray(errors) ? errors : [])].some((inner) => isConnectionFailure(inner, depth + 1));
}

/**
 * PostgreSQL's class 22 "data exception" (a number out of range, a character it cannot store, a
 * string too long for its column) is caused by a value, not by the service: when one gets past
 * validation it is still the client's 400, never a 500. Validation is meant to catch these
 * first; this is the net under it.
 */
function isDataException(exception: unknown): boolean {
  const driverError = (exception as { driverError?: { code?: unknown } } | null)?.driverError;
  return typeof driverError?.code === 'string' && driverError.code.startsWith('22');
}

/**
 * A JSON body that is an array or a scalar is refused before field validation talks about
 * "property 0". A request with no body at all (no content-type: Express leaves the body
 * undefined) counts as an empty object, so an endpoint whose fields are all optional
 * (`POST …/approve`) works without one, and a required field is reported by name.
 */
class StrictValidationPipe extends ValidationPipe {
  /**
   * A single path or query value declared as a number or a boolean stays the text the client
   * sent: its own pipe (ParsePositiveIntPipe) parses it and can quote it when it refuses —
   * `"abc" is not a positive whole number`, rather than `"NaN"`, and `99999999999999999999`
   * rather than its rounding.
   */
  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    if ((metadata.type === 'param' || metadata.type === 'query') && metadata.data !== undefined) return value;
    return super.transformPrimitive(value, metadata);
  }

  override async transform(received: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const value = metadata.type === 'body' && received === undefined ? {} : received;
    const expectsObject = metadata.type === 'body' && typeof metadata.metatype === 'function' && metadata.metatype !== Object;
    if (expectsObject && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw bodyNotAnObject();
    }
    if (metadata.type === 'body') {
      const unmapped = unmappedKeyIssues(value);
      if (unmapped.length > 0) throw validationFailed(unmapped);
    }
    return super.transform(value, metadata);
  }
}

function validationFailed(issues: ValidationIssue[]): DomainError {
  return new DomainError('REQUEST.VALIDATION_FAILED', issues.map((issue) => issue.message).join('; ') || 'The request is not valid', 'validation', issues);
}

/** A request body that is JSON but not an object (`null`, `42`, `"text"`, `[…]`) where an object is expected. */
export function bodyNotAnObject(): DomainError {
  return new DomainError('REQUEST.BODY_NOT_OBJECT', 'The request body must be a JSON object', 'validation');
}

/**
 * body-parser's strict mode refuses a body that is JSON but not an object or an array (`null`,
 * `42`, `"text"`) with JSON.parse's own wording (`Unexpected token 'n', "null" is not valid
 * JSON`), which would tell the client valid JSON is not JSON. `raw` is the body as received
 * (body-parser keeps it on its error, see `readRequestInput`) or as its message quotes it.
 */
export function isJsonButNotAnObject(raw: unknown): boolean {
  if (typeof raw !== 'string') return false;
  try {
    const value: unknown = JSON.parse(raw);
    return value === null || typeof value !== 'object';
  } catch {
    return false;
  }
}

/** The body a JSON.parse message quotes whole; undefined when it quotes an excerpt or nothing. */
function quotedBody(message: string): string | undefined {
  return /^Unexpected token '[\s\S]', "([\s\S]*)" is not valid JSON$/.exec(message)?.[1];
}

/** body-parser's JSON errors reach the filter as a 400 HttpException carrying the SyntaxError. */
function isJsonSyntaxError(exception: HttpException): boolean {
  return exception.cause instanceof SyntaxError || /(in JSON at position|Unexpected (token|end of JSON)|is not valid JSON)/.test(exception.message);
}

/** Strict body validation: unknown fields are rejected, and every problem is listed. */
export function strictValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    // The same rules as every command and event (contracts' STRICT_VALIDATION). Every rule of a
    // failing field runs; flattenValidationErrors keeps one message per field, "section is
    // required" rather than every rule it breaks or the last-declared one.
    ...STRICT_VALIDATION,
    validationError: { ...STRICT_VALIDATION.validationError },
    transform: true,
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}

export { BadRequestException };
