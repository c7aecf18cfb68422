import type { ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@newsroom/contracts';
import type { ServiceRuntimeConfig } from '@newsroom/config';
import { AuthGuard, CurrentUser, Public, Roles } from './auth.guard';
import type { AuthenticatedUser } from './roles';
import { TEST_NEXT_SIGNING_JWK, TEST_SIGNING_JWK, testJwksFile } from '@newsroom/testing';
import { issueToken, type SigningJwk } from './tokens';

const CONFIG: ServiceRuntimeConfig = {
  serviceName: 'test',
  port: 3000,
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/test',
  databaseSchema: 'test',
  kafkaBrokers: ['127.0.0.1:9092'],
  jwtJwksFile: testJwksFile(),
  logLevel: 'silent',
};

class ArticlesController {
  @Public()
  list(): void {}

  open(): void {}

  @Roles('editor')
  approve(): void {}

  @Roles('reporter', 'editor')
  comment(): void {}
}

@Public()
class HealthController {
  check(): void {}
}

@Roles('admin')
class AdminController {
  purge(): void {}

  @Roles('editor')
  reindex(): void {}
}

type FakeRequest = { headers: Record<string, string | undefined>; user?: AuthenticatedUser };
type Handler = (...args: never[]) => unknown;

function httpContext(controller: new () => object, handler: Handler, request: FakeRequest): ExecutionContext {
  return {
    getType: () => 'http',
    getClass: () => controller,
    getHandler: () => handler,
    getArgs: () => [request],
    getArgByIndex: (index: number) => [request][index],
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}), getNext: () => () => undefined }),
    switchToRpc: () => {
      throw new Error('not an rpc context');
    },
    switchToWs: () => {
      throw new Error('not a ws context');
    },
  } as unknown as ExecutionContext;
}

function bearer(user: AuthenticatedUser, key: SigningJwk = TEST_SIGNING_JWK): Record<string, string> {
  return { authorization: `Bearer ${issueToken(user, key)}` };
}

async function codeOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe(AuthGuard.name, () => {
  const guard = new AuthGuard(new Reflector(), CONFIG);
  const proto = ArticlesController.prototype;

  it('lets a @Public() route through without a token', async () => {
    expect(await guard.canActivate(httpContext(ArticlesController, proto.list, { headers: {} }))).toBe(true);
  });

  it('lets every route of a @Public() controller through without a token', async () => {
    expect(await guard.canActivate(httpContext(HealthController, HealthController.prototype.check, { headers: {} }))).toBe(true);
  });

  it('asks for a token when the header is missing', async () => {
    expect(await codeOf(() => guard.canActivate(httpContext(ArticlesController, proto.open, { headers: {} })))).toBe('AUTH.REQUIRED');
  });

  it.each([['Basic dXNlcjpwYXNz'], ['Bearer'], ['Bearer '], ['Bearer a b'], ['Token abc']])('asks for a token when the header is %p', async (header) => {
    const request = { headers: { authorization: header } };
    expect(await codeOf(() => guard.canActivate(httpContext(ArticlesController, proto.open, request)))).toBe('AUTH.REQUIRED');
  });

  it('refuses a token that does not verify', async () => {
    const request = { headers: bearer({ id: 'alice', roles: ['editor'] }, TEST_NEXT_SIGNING_JWK) };
    expect(await codeOf(() => guard.canActivate(httpContext(ArticlesController, proto.open, request)))).toBe('AUTH.INVALID_TOKEN');
  });

  it('refuses a token that is not a JWT', async () => {
    const request = { headers: { authorization: 'Bearer garbage' } };
    expect(await codeOf(() => guard.canActivate(httpContext(ArticlesController, proto.open, request)))).toBe('AUTH.INVALID_TOKEN');
  });

  it('lets any signed-in user through a route without @Roles() and sets request.user', async () => {
    const request: FakeRequest = { headers: bearer({ id: 'alice', roles: ['reporter'], name: 'Alice' }) };
    expect(await guard.canActivate(httpContext(ArticlesController, proto.open, request))).toBe(true);
    expect(request.user).toEqual({ id: 'alice', roles: ['reporter'], name: 'Alice' });
  });

  it('accepts the scheme in any case', async () => {
    const token = issueToken({ id: 'alice', roles: ['reporter'] }, TEST_SIGNING_JWK);
    const request = { headers: { authorization: `bearer ${token}` } };
    expect(await guard.canActivate(httpContext(ArticlesController, proto.open, request))).toBe(true);
  });

  it('lets a user with the required role through', async () => {
    const request = { headers: bearer({ id: 'erin', roles: ['editor'] }) };
    expect(await guard.canActivate(httpContext(ArticlesController, proto.approve, request))).toBe(true);
  });

  it('lets a user with any one of the required roles through', async () => {
    const request = { headers: bearer({ id: 'alice', roles: ['reporter'] }) };
    expect(await guard.canActivate(httpContext(ArticlesController, proto.comment, request))).toBe(true);
  });

  it('forbids a user without the required role', async () => {
    const request = { headers: bearer({ id: 'alice', roles: ['reporter'] }) };
    expect(await codeOf(() => guard.canActivate(httpContext(ArticlesController, proto.approve, request)))).toBe('AUTH.FORBIDDEN');
  });

  it('names the missing role in the error', async () => {
    const request = { headers: bearer({ id: 'alice', roles: ['reporter'] }) };
    await expect(guard.canActivate(httpContext(ArticlesController, proto.approve, request))).rejects.toThrow(
      expect.objectContaining({ kind: 'forbidden', message: 'This action needs the role editor' }),
    );
  });

  it('lets an admin through every role check', async () => {
    const request = { headers: bearer({ id: 'root', roles: ['admin'] }) };
    expect(await guard.canActivate(httpContext(ArticlesController, proto.approve, request))).toBe(true);
  });

  it('applies a controller-level @Roles() to its routes', async () => {
    const request = { headers: bearer({ id: 'erin', roles: ['editor'] }) };
    expect(await codeOf(() => guard.canActivate(httpContext(AdminController, AdminController.prototype.purge, request)))).toBe('AUTH.FORBIDDEN');
  });

  it('lets a route-level @Roles() override the controller-level one', async () => {
    const request = { headers: bearer({ id: 'erin', roles: ['editor'] }) };
    expect(await guard.canActivate(httpContext(AdminController, AdminController.prototype.reindex, request))).toBe(true);
  });

  it('checks tokens against the issuer and audience of its configuration', async () => {
    const deskGuard = new AuthGuard(new Reflector(), { ...CONFIG, jwtIssuer: 'https://desk.example.org', jwtAudience: 'example-newsroom' });
    const open = (token: string) => httpContext(ArticlesController, proto.open, { headers: { authorization: `Bearer ${token}` } });
    const user = { id: 'alice', roles: ['reporter' as const] };
    expect(await deskGuard.canActivate(open(issueToken(user, TEST_SIGNING_JWK, 60, { issuer: 'https://desk.example.org', audience: 'example-newsroom' })))).toBe(true);
    expect(await codeOf(() => deskGuard.canActivate(open(issueToken(user, TEST_SIGNING_JWK))))).toBe('AUTH.INVALID_TOKEN');
    expect(await codeOf(() => deskGuard.canActivate(open(issueToken(user, TEST_SIGNING_JWK, 60, { issuer: 'https://desk.example.org', audience: 'other' }))))).toBe(
      'AUTH.INVALID_TOKEN',
    );
  });

  it('does not guard non-HTTP contexts such as Kafka consumers', async () => {
    const rpc = { getType: () => 'rpc' } as unknown as ExecutionContext;
    expect(await guard.canActivate(rpc)).toBe(true);
  });
});

describe('CurrentUser', () => {
  function factoryOf(decorator: () => ParameterDecorator): (data: unknown, context: ExecutionContext) => unknown {
    class Probe {
      handle(@decorator() _user: unknown): void {}
    }
    const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, Probe, 'handle') as Record<string, { factory: (data: unknown, context: ExecutionContext) => unknown }>;
    return Object.values(args)[0].factory;
  }

  it('gives the user the guard put on the request', async () => {
    const user = { id: 'alice', roles: ['reporter' as const] };
    const context = httpContext(ArticlesController, ArticlesController.prototype.open, { headers: {}, user });
    expect(factoryOf(CurrentUser)(undefined, context)).toBe(user);
  });

  it('asks for a token when there is no user (a @Public() route)', async () => {
    const context = httpContext(ArticlesController, ArticlesController.prototype.list, { headers: {} });
    expect(await codeOf(() => factoryOf(CurrentUser)(undefined, context))).toBe('AUTH.REQUIRED');
  });
});
