import { Injectable } from '@nestjs/common';
import { IdentityProvider } from '../../../shared/identity-provider';
import { randomToken, tokenHash } from '../../domain/secrets';
import { OidcFlowsRepository } from '../../persistence/oidc-flows.repository';
import { StartOidcSignInCommand } from './start-oidc-sign-in.command';

/** How long the person has to sign in at the provider and come back, in seconds. */
export const OIDC_FLOW_SECONDS = 10 * 60;

/** Where to send the browser, and the value of the flow cookie that must come back with the answer. */
export interface StartedOidcSignIn {
  providerUrl: string;
  flowToken: string;
}

/**
 * Starts a sign-in through the identity provider: fresh state, nonce and PKCE verifier, kept in
 * oidc_flows under the SHA-256 of a random flow token that only this browser gets (as a cookie),
 * for OIDC_FLOW_SECONDS. 404 OIDC.NOT_CONFIGURED when the desk has no provider; 503
 * OIDC.PROVIDER_UNAVAILABLE when its discovery document cannot be read.
 */
@Injectable()
export class StartOidcSignInUseCase {
  constructor(
    private readonly provider: IdentityProvider,
    private readonly flows: OidcFlowsRepository,
  ) {}

  async execute(command: StartOidcSignInCommand): Promise<StartedOidcSignIn> {
    const { url, checks } = await this.provider.authorizationRequest();
    const flowToken = randomToken();
    await this.flows.create(tokenHash(flowToken), { ...checks, returnTo: command.returnTo }, OIDC_FLOW_SECONDS);
    return { providerUrl: url, flowToken };
  }
}
