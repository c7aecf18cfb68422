import { Controller, Get, Inject, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@newsroom/auth';
import { clientAddressOf } from '@newsroom/platform';
import type { DeskConfig } from '../../config/desk.config';
import { DESK_CONFIG } from '../../shared/desk-config.token';
import { OIDC_ROUTES } from '../../shared/identity-provider';
import { SignInWithOidcCommand } from '../use-cases/sign-in-with-oidc/sign-in-with-oidc.command';
import { SignInWithOidcUseCase } from '../use-cases/sign-in-with-oidc/sign-in-with-oidc.use-case';
import { StartOidcSignInCommand } from '../use-cases/start-oidc-sign-in/start-oidc-sign-in.command';
import { OIDC_FLOW_SECONDS, StartOidcSignInUseCase } from '../use-cases/start-oidc-sign-in/start-oidc-sign-in.use-case';
import { clearOidcFlowCookie, cookieOf, OIDC_FLOW_COOKIE, setOidcFlowCookie, setSessionCookie } from './session-cookie';
import { SignInPageFilter } from './sign-in-page.filter';

/**
 * Sign-in through the newsroom's identity provider (OpenID Connect, docs/desk.md). Both routes
 * are pages a browser follows, not API calls: success is a redirect, a refusal an HTML page
 * (SignInPageFilter) with a link back to /sign-in. No session or CSRF token is needed; the
 * flow cookie and the `state` it guards stand in for them (RFC 6749 §10.12).
 */
@ApiExcludeController()
@Public()
@UseFilters(SignInPageFilter)
@Controller(OIDC_ROUTES)
export class OidcSignInController {
  constructor(
    private readonly start: StartOidcSignInUseCase,
    private readonly signIn: SignInWithOidcUseCase,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
  ) {}

  /**
   * `GET /auth/oidc/start?next=/stories`: 303 to the provider's authorization endpoint, with the
   * flow cookie (10 minutes). 404 OIDC.NOT_CONFIGURED without a provider; 503
   * OIDC.PROVIDER_UNAVAILABLE when its discovery fails; 429 REQUEST.RATE_LIMITED (`sign-in:client`).
   */
  @Get('start')
  async begin(@Query('next') next: unknown, @Res() response: Response): Promise<void> {
    const started = await this.start.execute(StartOidcSignInCommand.create({ returnTo: typeof next === 'string' && next !== '' ? next : undefined }));
    setOidcFlowCookie(response, started.flowToken, OIDC_FLOW_SECONDS, this.config.secureCookies);
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(303, started.providerUrl);
  }

  /**
   * `GET /auth/oidc/callback?code=…&state=…` (or `?error=…&state=…`), where the provider sends the
   * browser back: 303 to the page asked for (or `/`) with the session cookie, as password sign-in
   * sets it. The flow cookie is cleared whatever the outcome; refusals are SignInWithOidcUseCase's.
   */
  @Get('callback')
  async finish(@Req() request: Request, @Res() response: Response): Promise<void> {
    clearOidcFlowCookie(response, this.config.secureCookies);
    response.setHeader('Cache-Control', 'no-store');
    const query = request.originalUrl.includes('?') ? request.originalUrl.slice(request.originalUrl.indexOf('?') + 1) : '';
    const session = await this.signIn.execute(
      SignInWithOidcCommand.create({
        flowToken: cookieOf(request, OIDC_FLOW_COOKIE),
        answer: query,
        clientAddress: clientAddressOf(request, this.config.rateLimits.trustedProxies),
      }),
    );
    setSessionCookie(response, session.sessionToken, this.config.secureCookies);
    response.redirect(303, session.returnTo ?? '/');
  }
}
