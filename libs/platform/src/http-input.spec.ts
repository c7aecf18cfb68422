import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { DomainError } from '@newsroom/contracts';
import type { INestApplication } from '@nestjs/common';
import { readRequestInput, refuseUnsupportedInput } from './http-input';

/** An Express app with the platform's JSON reading and check, answering with what reached the route or the coded error. */
async function serve(unreadBodyPaths: readonly string[] = [], largeBodyPaths: readonly string[] = []): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  // The platform's own wiring: its parsers and checks on an Express app (all of the Nest application it uses).
  readRequestInput(app as unknown as INestApplication, largeBodyPaths, unreadBodyPaths);
  app.all('/{*rest}', (request: Request, response: Response) => {
    response.json({ body: request.body ?? null, query: request.query });
  });
  app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    if (error instanceof DomainError) response.status(400).json({ error: { code: error.code, message: error.message, details: error.details } });
    else response.status(500).json({ error: String(error) });
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe(refuseUnsupportedInput.name, () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    // One route of large bodies, matched with its parameter decoded, as publishing's corrections are.
    server = await serve([], ['/v1/articles/:id/corrections']);
  });
  afterAll(() => server.close());

  const postJson = (path: string, text: string) => fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });

  it.each([
    ['U+001D in a headline', '{"headline":"Crane ban\\u001d"}', 'headline', 'U+001D'],
    ['U+000B in a standfirst', '{"standfirst":"Summary\\u000b"}', 'standfirst', 'U+000B'],
    ['U+0008 in a paragraph', '{"body":[{"type":"paragraph","text":"a\\u0008"}]}', 'body.0.text', 'U+0008'],
    ['U+FFFE in a paragraph', '{"body":[{"type":"paragraph","text":"a\\ufffe"}]}', 'body.0.text', 'U+FFFE'],
    ['NUL in a headline', '{"headline":"a\\u0000b"}', 'headline', 'U+0000'],
    ['a lone surrogate in a correction note', '{"note":"broken \\ud83d emoji"}', 'note', 'U+D83D'],
    ['a raw C1 control in an e-mail address', '{"email":"reader\u0085@example.com"}', 'email', 'U+0085'],
    ['NUL in a push endpoint', '{"endpoint":"https://push.example.org/\\u0000"}', 'endpoint', 'U+0000'],
  ])('refuses %s with 400 INPUT.UNSUPPORTED_CHARACTER naming the field', async (_, body, path, codePoint) => {
    const response = await postJson('/v1/anything', body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: 'INPUT.UNSUPPORTED_CHARACTER', message: expect.stringContaining(`${path} contains ${codePoint}`), details: { in: 'body', path, codePoint } },
    });
  });

  it.each([
    ['a JSON string of 200 characters', JSON.stringify('x'.repeat(200))],
    ['a number', '42'],
    ['null', 'null'],
  ])('answers a body that is %s with REQUEST.BODY_NOT_OBJECT, from the raw body (a long one is quoted cut short in the parser\'s message)', async (_, text) => {
    const response = await postJson('/v1/anything', text);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'REQUEST.BODY_NOT_OBJECT' } });
  });

  it('passes JSON that does not parse on to the error filter as the parser raised it', async () => {
    const response = await postJson('/v1/anything', '"x'.padEnd(200, 'x'));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: expect.stringContaining('SyntaxError') });
  });

  it.each([
    ['a headline with the bytes FF FE', Buffer.concat([Buffer.from('{"headline":"Bad '), Buffer.from([0xff, 0xfe]), Buffer.from(' utf"}')]), 'application/json'],
    ['a truncated three-byte sequence', Buffer.concat([Buffer.from('{"headline":"Caf'), Buffer.from([0xe2, 0x82]), Buffer.from('"}')]), 'application/json'],
    ['an encoded surrogate (CESU-8)', Buffer.concat([Buffer.from('{"headline":"'), Buffer.from([0xed, 0xa0, 0xbd]), Buffer.from('"}')]), 'application/json'],
    ['a form with a Latin-1 e-mail address', Buffer.concat([Buffer.from('email=j'), Buffer.from([0xe9]), Buffer.from('@example.com')]), 'application/x-www-form-urlencoded'],
  ])('refuses %s with 400 REQUEST.INVALID_UTF8 instead of storing U+FFFD', async (_, body, type) => {
    const response = await fetch(`${server.url}/v1/anything`, { method: 'POST', headers: { 'content-type': type }, body });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'REQUEST.INVALID_UTF8', message: 'The request body is not valid UTF-8', details: { in: 'body' } } });
  });

  it.each([['tags=%ED%A0%80'], ['tags=%ff'], ['email=a%40example.com&tags=caf%E9'], ['sections=politics&tags=%C3%28']])(
    'refuses the form %s, whose escapes are not UTF-8, with 400 REQUEST.INVALID_UTF8 instead of storing the escape as text',
    async (body) => {
      const response = await fetch(`${server.url}/v1/anything`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: { code: 'REQUEST.INVALID_UTF8', message: 'The form has a percent-escape that is not UTF-8 (such as %ff)', details: { in: 'body' } } });
    },
  );

  it('reads a form with well-formed escapes, plus signs and a lone percent sign as before', async () => {
    const response = await fetch(`${server.url}/v1/anything`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40example.com&tags=caf%C3%A9+au+lait&share=100%',
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { body: unknown }).body).toEqual({ email: 'a@example.com', tags: 'café au lait', share: '100%' });
  });

  it.each([['%ff'], ['%C3%28'], ['caf%E9'], ['%ed%a0%bd']])('refuses the query q=%s with 400 REQUEST.INVALID_UTF8', async (q) => {
    const response = await fetch(`${server.url}/search?q=${q}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'REQUEST.INVALID_UTF8', details: { in: 'query' } } });
  });

  it.each([['/tags/%ZZ'], ['/articles/%FF'], ['/sections/%C0%AF'], ['/authors/%E0%A4'], ['/100%'], ['/v1/anything/caf%E9?q=ok'], ['/v1/articles/%ZZ/corrections']])(
    'refuses the path %s, with an escape that is none or not UTF-8, with 400 REQUEST.INVALID_UTF8',
    async (path) => {
      const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'REQUEST.INVALID_UTF8', details: { in: 'path' } } });
    },
  );

  it('reads well-formed escapes in the path as before', async () => {
    const response = await fetch(`${server.url}/v1/anything/caf%C3%A9%20au%20lait%2F%F0%9F%90%B3`);
    expect(response.status).toBe(200);
  });

  it('reads well-formed escapes, plus signs and a lone percent sign in the query as before', async () => {
    const response = await fetch(`${server.url}/search?q=caf%C3%A9+au+lait&share=100%&tag=%F0%9F%90%B3`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { query: unknown }).query).toEqual({ q: 'café au lait', share: '100%', tag: '🐳' });
  });

  it('reads UTF-8 bodies of every script as they are', async () => {
    const response = await postJson('/v1/anything', JSON.stringify({ headline: 'Київ · القدس · 東京 · 🐳' }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { body: unknown }).body).toEqual({ headline: 'Київ · القدس · 東京 · 🐳' });
  });

  it('refuses a control character in the query', async () => {
    const response = await fetch(`${server.url}/search?q=crane%00ban`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'INPUT.UNSUPPORTED_CHARACTER', details: { in: 'query', path: 'q', codePoint: 'U+0000' } } });
  });

  it('refuses a control character in the path', async () => {
    const response = await fetch(`${server.url}/tags/ports%1D`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'INPUT.UNSUPPORTED_CHARACTER', details: { in: 'path', codePoint: 'U+001D' } } });
  });

  it('refuses a control character in a url-encoded form', async () => {
    const response = await fetch(`${server.url}/v1/subscribers/preferences`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'sections=politics%0B',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { details: { in: 'body', path: 'sections' } } });
  });

  it('refuses JSON nested 10,000 deep with 400 REQUEST.TOO_DEEP', async () => {
    const response = await postJson('/v1/drafts', `${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'REQUEST.TOO_DEEP' } });
  });

  it('lets ordinary text through unchanged, tabs, line breaks, emoji and all', async () => {
    const body = { headline: 'Київ:\tcrane ban 👩‍👩‍👧', body: [{ type: 'paragraph', text: 'Line one\r\nLine two' }] };
    const response = await postJson('/v1/drafts?limit=5', JSON.stringify(body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ body, query: { limit: '5' } });
  });
});

describe('a path whose body is never read', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve(['/unsubscribe']);
  });
  afterAll(() => server.close());

  const notUtf8 = Buffer.from([...Buffer.from('List-Unsubscribe=caf'), 0xe9]);
  const post = (path: string) => fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: notUtf8 });

  // Express routes every one of these spellings to the same handler (case-insensitive, one trailing slash).
  it.each(['/unsubscribe', '/unsubscribe/', '/Unsubscribe', '/UNSUBSCRIBE/'])('drains the body of POST %s unread, as its route would be reached', async (path) => {
    const response = await post(`${path}?token=v1.x.y`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ body: {}, query: { token: 'v1.x.y' } });
  });

  it.each(['/unsubscribe/x', '/unsubscribe//', '/preferences'])('reads and checks the body of POST %s as on any other path', async (path) => {
    const response = await post(path);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'REQUEST.INVALID_UTF8' } });
  });
});
