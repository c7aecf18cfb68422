import type { AddressInfo } from 'node:net';
import { Controller, Get, Module, Patch, Post, RequestMethod, type INestApplication, type MiddlewareConsumer, type NestMiddleware, type NestModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HttpErrorFilter } from './http-errors';

@Controller('v1/drafts')
class DraftsController {
  @Post() create() {
    return { id: 'new' };
  }
  @Get(':id') read() {
    return { id: 'one' };
  }
  @Patch(':id') edit() {
    return { id: 'one' };
  }
}

/** Middleware on every method, as the HTTP metrics and CORS are bound: not a route that serves anything. */
class EveryPathMiddleware implements NestMiddleware {
  use(_request: unknown, _response: unknown, next: () => void): void {
    next();
  }
}

@Module({ controllers: [DraftsController] })
class DraftsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(EveryPathMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
    // Middleware on one exact path (as notifications' CORS is bound): Express binds it to every method there.
    consumer.apply(EveryPathMiddleware).forRoutes({ path: 'v1/drafts', method: RequestMethod.ALL });
  }
}

describe('a method the path does not serve: 405 with Allow, not 404', () => {
  let app: INestApplication;
  let base: string;
  beforeAll(async () => {
    app = await NestFactory.create(DraftsModule, { logger: false });
    app.useGlobalFilters(new HttpErrorFilter());
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it.each([
    ['DELETE', '/v1/drafts/abc', 'GET, HEAD, OPTIONS, PATCH'],
    ['PUT', '/v1/drafts', 'OPTIONS, POST'],
    ['POST', '/v1/drafts/abc', 'GET, HEAD, OPTIONS, PATCH'],
  ])('%s %s answers 405 ROUTE.METHOD_NOT_ALLOWED with Allow: %s', async (method, path, allow) => {
    const response = await fetch(`${base}${path}`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    expect(await response.json()).toEqual({ error: { code: 'ROUTE.METHOD_NOT_ALLOWED', message: `${method} is not served at ${path}; it answers ${allow}` } });
  });

  it.each([
    ['/v1/drafts/abc', 'GET, HEAD, OPTIONS, PATCH'],
    ['/v1/drafts', 'OPTIONS, POST'],
  ])('answers OPTIONS %s with 204 and Allow: %s (RFC 9110 §9.3.7)', async (path, allow) => {
    const response = await fetch(`${base}${path}`, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe(allow);
    expect(await response.text()).toBe('');
  });

  it.each([['DELETE'], ['GET'], ['OPTIONS']])('still answers %s of a path no route serves with 404 ROUTE.NOT_FOUND, middleware on every path notwithstanding', async (method) => {
    const response = await fetch(`${base}/v1/nothing-here`, { method });
    expect(response.status).toBe(404);
    expect(response.headers.get('allow')).toBeNull();
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('ROUTE.NOT_FOUND');
  });

  it('serves the methods it has as before', async () => {
    expect((await fetch(`${base}/v1/drafts/abc`)).status).toBe(200);
    expect((await fetch(`${base}/v1/drafts/abc`, { method: 'PATCH' })).status).toBe(200);
  });
});
