import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Controller, Module, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { serveWebApp } from './web-app';

@Controller('api')
class SessionStandIn {
  @Post('session') signIn() {
    return { signedIn: true };
  }
}

@Module({ controllers: [SessionStandIn] })
class WebAppModule {}

describe("the desk's web app: its pages are read with GET and refuse other methods", () => {
  let app: INestApplication;
  let base: string;
  let webDir: string;

  beforeAll(async () => {
    webDir = mkdtempSync(path.join(tmpdir(), 'desk-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Desk</title>');
    writeFileSync(path.join(webDir, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
    app = await NestFactory.create(WebAppModule, { logger: false });
    serveWebApp(app, webDir);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('answers a deep link that accepts HTML with index.html, revalidated on each load', async () => {
    const response = await fetch(`${base}/stories/0b8f2c1e-2f7a-4d2e-9d67-5b1e0c9a7f10`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<title>Desk</title>');
  });

  it('caches hashed assets for a year', async () => {
    const response = await fetch(`${base}/assets/app-1a2b3c.js`);
    expect([response.status, response.headers.get('cache-control')]).toEqual([200, 'public, max-age=31536000, immutable']);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('answers %s on a page with 405 ROUTE.METHOD_NOT_ALLOWED and Allow', async (method) => {
    const response = await fetch(`${base}/stories/anything`, { method, headers: { 'content-type': 'application/json', accept: 'text/html' }, body: '{"a":1}' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(await response.json()).toEqual({ error: { code: 'ROUTE.METHOD_NOT_ALLOWED', message: expect.stringContaining(`${method} is not served at /stories/anything`) } });
  });

  it('answers OPTIONS on a page with 204 and the same Allow', async () => {
    const response = await fetch(`${base}/`, { method: 'OPTIONS' });
    expect([response.status, response.headers.get('allow')]).toEqual([204, 'GET, HEAD, OPTIONS']);
  });

  it.each(['/api/session', '/API/Session', '/api/session/'])("leaves the server's own paths to their routes, however written: POST %s", async (path) => {
    const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/html' }, body: '{}' });
    expect([response.status, await response.json()]).toEqual([201, { signedIn: true }]);
  });

  it('serves the page on the next request of a kept-alive connection after a refused body', async () => {
    const refused = await fetch(`${base}/stories/x`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(100_000) });
    expect(refused.status).toBe(405);
    const page = await fetch(`${base}/stories/x`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
  });
});
