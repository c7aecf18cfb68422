import { Readable, Transform } from 'node:stream';
import { All, Controller, Inject, Logger, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@newsroom/auth';
import { DomainError, imageTooLarge, MESSAGE_LIMITS } from '@newsroom/contracts';
import { hasRequestBody } from '@newsroom/platform';
import { CurrentSession, SessionGuard } from '../accounts/transport/session.guard';
import type { ActiveSession } from '../accounts/use-cases/resolve-session/resolve-session.use-case';
import { PROXIED_SERVICES, type DeskConfig, type ProxiedService } from '../config/desk.config';
import { DESK_CONFIG } from '../shared/desk-config.token';
import { AccessTokens } from '../tokens/access-tokens';

/** Request headers passed on to the service; everything else (cookies above all) stays here. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'accept-language', 'content-type', 'if-match', 'if-none-match', 'traceparent'];
/**
 * Response headers passed back to the browser. A service's own Cache-Control is not: publishing's
 * public API lets readers' caches keep an article, but what the desk answers is a signed-in
 * person's, and editors act on what they see (see `forward`).
 */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'etag', 'location', 'retry-after', 'content-disposition', 'last-modified'];
/**
 * The largest streamed body (an image upload) forwarded: the picture's limit, and for a
 * one-part form room for its boundary and part headers. A larger one is refused here, with
 * drafting's own code: sent on, drafting answers 413 before reading it and closes the
 * connection mid-upload, which reached the desk as a failed request ("did not answer").
 */
function maxStreamedBodyBytes(request: Request): number {
  return MESSAGE_LIMITS.imageUploadBytes + (request.is('multipart/form-data') ? 64 * 1024 : 0);
}

/** How long a service may take to answer before the desk gives up (ms). */
const UPSTREAM_TIMEOUT_MS = 30_000;

/**
 * The backend-for-frontend: `/api/<service>/<path>?<query>` is forwarded to that service's base
 * URL as `<path>?<query>`, with the method, the body and the If-Match/ETag headers, and
 * `Authorization: Bearer <access token>` minted for the session's account (ES256, 5 minutes,
 * cached per session). The browser never sees the token. Needs a session, and X-CSRF-Token on
 * changes; the service's status, body and headers come back as they are. 503 PROXY.UNAVAILABLE
 * when the service does not answer.
 */
@ApiExcludeController()
@Public()
@UseGuards(SessionGuard)
@Controller('api')
export class ApiProxyController {
  private readonly logger = new Logger(ApiProxyController.name);

  constructor(
    private readonly tokens: AccessTokens,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
  ) {}

  @All(['drafting/*path', 'editorial-review/*path', 'publishing/*path', 'notifications/*path'])
  async forward(@Req() request: Request, @Res() response: Response, @CurrentSession() session: ActiveSession): Promise<void> {
    const match = /^\/api\/([a-z-]+)(\/[^?]*)(\?.*)?$/.exec(request.originalUrl);
    const service = match?.[1] as ProxiedService | undefined;
    if (!match || !service || !PROXIED_SERVICES.includes(service)) throw new DomainError('PROXY.NOT_FOUND', 'No such service behind the desk', 'not_found');
    const target = `${this.config.services[service]}${match[2]}${match[3] ?? ''}`;
    const headers: Record<string, string> = { authorization: `Bearer ${this.tokens.forSession(session.sessionId, session.user)}` };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    if (streamsBody(request) && Number(request.headers['content-length'] ?? 0) > maxStreamedBodyBytes(request)) {
      // Read and dropped, so the browser gets the answer rather than a connection cut mid-upload.
      request.resume();
      throw imageTooLarge();
    }
    const streamed = streamsBody(request) ? countedBody(request, maxStreamedBodyBytes(request)) : undefined;
    const body = streamed ? streamed.body : bodyOf(request);
    let upstream: globalThis.Response;
    try {
      upstream = await fetch(target, {
        method: request.method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
        // A streamed (non-JSON) body, such as an image upload, is sent as it arrives.
        duplex: 'half',
      } as RequestInit);
    } catch (error) {
      // A chunked body (no Content-Length to refuse it by) over the picture's limit: the service
      // refuses it with 413 and closes mid-upload, and the request fails here before that answer
      // can be read, or this proxy stopped it at its own limit. Either way it is too large.
      if (streamed && streamed.bytes() > MESSAGE_LIMITS.imageUploadBytes) {
        request.resume();
        throw imageTooLarge();
      }
      this.logger.warn({ err: error, service }, 'service behind the desk did not answer');
      throw new DomainError('PROXY.UNAVAILABLE', `The ${service} service did not answer; try again shortly`, 'unavailable');
    }
    response.status(upstream.status);
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null) response.setHeader(name, value);
    }
    // Kept by this browser only, and checked with the service every time (the ETag makes it cheap).
    response.setHeader('Cache-Control', 'private, no-cache');
    response.end(Buffer.from(await upstream.arrayBuffer()));
  }
}

/** JSON (already parsed by the platform's body reader) is sent again as JSON; a streamed body goes through countedBody. */
function bodyOf(request: Request): RequestInit['body'] {
  if (request.method === 'GET' || request.method === 'HEAD' || !isJson(request)) return undefined;
  return request.body === undefined ? undefined : JSON.stringify(request.body);
}

/**
 * A streamed body as it is forwarded, with the bytes passed so far. Past `maxBytes` it stops
 * with an error (the upstream request fails) and leaves the browser's request unread but
 * whole: it is unpiped, not destroyed, so the caller can drain it and still answer.
 */
function countedBody(request: Request, maxBytes: number): { body: RequestInit['body']; bytes(): number } {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? imageTooLarge() : null, chunk);
    },
  });
  request.pipe(counter);
  return { body: Readable.toWeb(counter) as unknown as RequestInit['body'], bytes: () => bytes };
}

const isJson = (request: Request): boolean => Boolean(request.is('application/json') || request.is('+json'));

/** A body that is not JSON (an image upload): forwarded as a stream, as it arrives. */
function streamsBody(request: Request): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || isJson(request)) return false;
  return hasRequestBody(request);
}
