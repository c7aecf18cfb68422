import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, type AuthenticatedUser } from '@newsroom/auth';
import { clientAddressOf } from '@newsroom/platform';
import type { DeskConfig } from '../../config/desk.config';
import { DESK_CONFIG } from '../../shared/desk-config.token';
import { OIDC_START_PATH } from '../../shared/identity-provider';
import { AccessTokens } from '../../tokens/access-tokens';
import { AcceptInvitationCommand } from '../use-cases/accept-invitation/accept-invitation.command';
import { AcceptInvitationUseCase } from '../use-cases/accept-invitation/accept-invitation.use-case';
import type { ActiveSession } from '../use-cases/resolve-session/resolve-session.use-case';
import type { NewSession } from '../use-cases/session-result';
import { SignInCommand } from '../use-cases/sign-in/sign-in.command';
import { SignInUseCase } from '../use-cases/sign-in/sign-in.use-case';
import { SignOutCommand } from '../use-cases/sign-out/sign-out.command';
import { SignOutUseCase } from '../use-cases/sign-out/sign-out.use-case';
import { AcceptInvitationRequest, SignInRequest } from './desk.requests';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { CurrentSession, SessionGuard, WithoutSession } from './session.guard';

/** The session body of the desk contract: who is signed in and the CSRF token for changes. */
export interface SessionBody {
  user: AuthenticatedUser & { email: string };
  csrfToken: string;
}

/** The answer of GET /api/session/options. */
export interface SignInOptions {
  oidc: { displayName: string; startUrl: string } | null;
}

/** Sessions of the desk's web app: a cookie (newsroom_session) plus a CSRF token (docs/desk.md). */
@ApiTags('session')
@Public()
@UseGuards(SessionGuard)
@Controller('api')
export class SessionController {
  constructor(
    private readonly signIn: SignInUseCase,
    private readonly signOut: SignOutUseCase,
    private readonly acceptInvitation: AcceptInvitationUseCase,
    private readonly tokens: AccessTokens,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
  ) {}

  /**
   * Signs in with e-mail and password: 200 {user, csrfToken} and the session cookie; 401
   * AUTH.BAD_CREDENTIALS (the same for every reason); 429 REQUEST.RATE_LIMITED with Retry-After
   * (per client and per e-mail address). Needs no CSRF token.
   */
  @Post('session')
  @HttpCode(200)
  @WithoutSession()
  @ApiOperation({ summary: 'Sign in' })
  async create(@Body() body: SignInRequest, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionBody> {
    const session = await this.signIn.execute(
      SignInCommand.create({ email: body.email, password: body.password, clientAddress: clientAddressOf(request, this.config.rateLimits.trustedProxies) }),
    );
    return this.started(session, response);
  }

  /**
   * How one can sign in to this desk, for the sign-in screen: 200 {oidc: {displayName, startUrl}
   * | null}. `oidc` is null when the desk has no identity provider (passwords only); otherwise a
   * link to `startUrl` (`?next=<desk path>` optional) signs in through it.
   */
  @Get('session/options')
  @WithoutSession()
  @ApiOperation({ summary: 'The ways to sign in' })
  options(): SignInOptions {
    const oidc = this.config.oidc;
    return { oidc: oidc ? { displayName: oidc.displayName, startUrl: OIDC_START_PATH } : null };
  }

  /** The signed-in person and the CSRF token: 200, or 401 AUTH.NO_SESSION. */
  @Get('session')
  @ApiOperation({ summary: 'The current session' })
  current(@CurrentSession() session: ActiveSession): SessionBody {
    return { user: session.user, csrfToken: session.csrfToken };
  }

  /** Signs out: the session is revoked server-side and the cookie cleared. 204. */
  @Delete('session')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out' })
  async remove(@CurrentSession() session: ActiveSession, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.signOut.execute(SignOutCommand.create({ sessionId: session.sessionId, accountId: session.user.id }));
    this.tokens.forget(session.sessionId);
    clearSessionCookie(response, this.config.secureCookies);
  }

  /**
   * Accepts an invitation (the token of the e-mailed link /invitations/<token>): sets the password
   * (at least 12 characters) and signs in, 200 {user, csrfToken}. 410 INVITATION.GONE for a link
   * that is unknown, used or expired. No CSRF token (there is no session yet).
   */
  @Post('invitations/:token')
  @HttpCode(200)
  @WithoutSession()
  @ApiOperation({ summary: 'Accept an invitation and sign in' })
  async accept(
    @Param('token') token: string,
    @Body() body: AcceptInvitationRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionBody> {
    const session = await this.acceptInvitation.execute(
      AcceptInvitationCommand.create({ token, password: body.password, name: body.name, clientAddress: clientAddressOf(request, this.config.rateLimits.trustedProxies) }),
    );
    return this.started(session, response);
  }

  private started(session: NewSession, response: Response): SessionBody {
    setSessionCookie(response, session.sessionToken, this.config.secureCookies);
    return { user: session.user, csrfToken: session.csrfToken };
  }
}
