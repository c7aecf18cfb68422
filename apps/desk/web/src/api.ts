/**
 * The desk server's API as the browser uses it: the session endpoints and the
 * backend-for-frontend proxy (`/api/<service>/…` → that service, with an access token the
 * browser never sees). The session cookie is httpOnly and goes along by itself; every
 * request that is not a GET carries the `X-CSRF-Token` the session endpoints returned.
 */

export type Role = 'reporter' | 'editor' | 'admin';

export interface User {
  id: string;
  email: string;
  name: string;
  roles: Role[];
}

export interface Session {
  user: User;
  csrfToken: string;
}

/** A coded error as every service answers it: `{error: {code, message, details?}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface ApiResponse<T> {
  body: T;
  /** The `ETag` header (drafts carry their version in it: `"3"`). */
  etag: string | null;
}

/** The services behind the desk's proxy (`/api/<service>/…`). */
export const SERVICES = ['drafting', 'editorial-review', 'publishing', 'notifications'] as const;
export type Service = (typeof SERVICES)[number];

let csrfToken: string | undefined;

/** Dispatched on `window` when a request is refused for want of a session. */
export const SESSION_ENDED = 'newsroom-desk:session-ended';

export function rememberSession(session: Session): Session {
  csrfToken = session.csrfToken;
  return session;
}

export function forgetSession(): void {
  csrfToken = undefined;
}

interface RequestOptions {
  body?: unknown;
  /** A body sent as it is (an image file), with its own `Content-Type`, instead of JSON. */
  raw?: Blob;
  ifMatch?: string;
  query?: Record<string, string | number | undefined>;
}

/** One JSON request to the desk; throws ApiError for any answer that is not 2xx. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.raw) headers['content-type'] = options.raw.type || 'application/octet-stream';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  const query = Object.entries(options.query ?? {}).filter(([, v]) => v !== undefined && v !== '');
  const url = query.length > 0 ? `${path}?${new URLSearchParams(query.map(([k, v]) => [k, String(v)]))}` : path;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  } catch {
    throw new ApiError(0, 'NETWORK.UNREACHABLE', 'The desk cannot be reached. Check the connection; nothing was lost in this window.');
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (response.status === 401 && path !== '/api/session' && !path.startsWith('/api/invitations/')) {
    // The session ended (signed out elsewhere, expired, or the account was disabled): the app
    // goes back to the sign-in page instead of showing the same refusal on every request.
    forgetSession();
    window.dispatchEvent(new CustomEvent(SESSION_ENDED));
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? `HTTP.${response.status}`, error?.message ?? response.statusText ?? 'Request failed', error?.details);
  }
  return { body: parsed as T, etag: response.headers.get('etag') };
}

/** A request to one of the four services through the desk's proxy. */
export function service<T>(name: Service, method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  return request<T>(method, `/api/${name}${path}`, options);
}

/** One of the site's sections as publishing lists them: the slug stories carry and the name readers see. */
export interface SiteSection {
  slug: string;
  label: string;
}

/** GET/PUT /v1/site/sections on publishing: the list in navigation order and its version (also the ETag). */
export interface SiteSectionList {
  items: SiteSection[];
  version: number;
}

/** The image block drafting answers for an upload (`POST /v1/images`): everything but alt, caption and credit. */
export interface UploadedImage {
  id: string;
  block: { type: 'image'; url: string; width?: number; height?: number; renditions?: { url: string; width: number; height: number }[] };
}

/**
 * Uploads a picture to drafting through the proxy: the file's bytes as the body with its own
 * type (JPEG, PNG, WebP or AVIF, at most 15 MB; drafting answers 400/413/415 with a coded error).
 */
export async function uploadImage(file: Blob): Promise<UploadedImage> {
  return (await service<UploadedImage>('drafting', 'POST', '/v1/images', { raw: file })).body;
}

export async function currentSession(): Promise<Session | undefined> {
  try {
    return rememberSession((await request<Session>('GET', '/api/session')).body);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return undefined;
    throw error;
  }
}

/** How one can sign in (GET /api/session/options): `oidc` when the desk has an identity provider, else null. */
export interface SignInOptions {
  oidc: { displayName: string; startUrl: string } | null;
}

export async function signInOptions(): Promise<SignInOptions> {
  return (await request<SignInOptions>('GET', '/api/session/options')).body;
}

export async function signIn(email: string, password: string): Promise<Session> {
  return rememberSession((await request<Session>('POST', '/api/session', { body: { email, password } })).body);
}

export async function signOut(): Promise<void> {
  try {
    await request('DELETE', '/api/session');
  } finally {
    forgetSession();
  }
}

export async function acceptInvitation(token: string, password: string, name?: string): Promise<Session> {
  const body = name ? { name, password } : { password };
  return rememberSession((await request<Session>('POST', `/api/invitations/${encodeURIComponent(token)}`, { body })).body);
}

/**
 * The message to show for a failed request, with the validation problems the server listed that
 * its message does not already say (a validation error's message is made of its problems).
 */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const problems = errorDetails(error)
    .filter((detail) => !detail.message || !error.message.includes(detail.message))
    .map((detail) => [detail.path, detail.message].filter(Boolean).join(': '))
    .filter(Boolean);
  return `${error.message} (${error.code})${problems.length > 0 ? ` — ${problems.join('; ')}` : ''}`;
}

/** The problems an error's `details` names (validation: the field's path, and what is wrong where it says). */
export function errorDetails(error: ApiError): { path?: string; message?: string }[] {
  if (!Array.isArray(error.details)) return [];
  return (error.details as { path?: string; property?: string; message?: unknown }[]).map((detail) => ({
    path: detail.path ?? detail.property,
    message: typeof detail.message === 'string' ? detail.message : undefined,
  }));
}
