import { issueToken, type Role } from '@newsroom/auth';
import { TEST_SIGNING_JWK, testJwksFile } from '@newsroom/testing';

/**
 * The JWKS file services under test verify tokens with (JWT_JWKS_FILE): the public half of the
 * test key the harness signs with.
 */
export function testJwtJwksFile(): string {
  return testJwksFile();
}

export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, else undefined. */
  body: T;
  text: string;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Sent as-is instead of JSON (malformed-input tests). */
  raw?: string | Uint8Array;
}

/**
 * A tiny HTTP client for a service under test, optionally signed in:
 * `service.as('editor', 'eve').post('/v1/reviews/…/approve', { … })`.
 */
export class HttpClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  static signedIn(baseUrl: string, roles: Role | Role[], userId: string, key = TEST_SIGNING_JWK): HttpClient {
    return new HttpClient(baseUrl, issueToken({ id: userId, roles: Array.isArray(roles) ? roles : [roles] }, key));
  }

  get<T = unknown>(path: string, options?: RequestOptions): Promise<HttpResult<T>> {
    return this.request<T>('GET', path, undefined, options);
  }
  post<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<HttpResult<T>> {
    return this.request<T>('POST', path, body, options);
  }
  patch<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<HttpResult<T>> {
    return this.request<T>('PATCH', path, body, options);
  }
  delete<T = unknown>(path: string, options?: RequestOptions): Promise<HttpResult<T>> {
    return this.request<T>('DELETE', path, undefined, options);
  }

  async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) };
    const payload = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers: { ...headers, ...options.headers }, body: payload, redirect: 'manual' });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    return { status: response.status, headers: response.headers, text, body: (isJson && text ? JSON.parse(text) : undefined) as T };
  }
}
