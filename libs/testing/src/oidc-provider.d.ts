// The few parts of oidc-provider (which ships no types) that TestIdentityProvider uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface OidcAccount {
    accountId: string;
    claims(): Record<string, unknown> | Promise<Record<string, unknown>>;
  }

  interface Grant {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  interface ProviderContext {
    oidc: {
      provider: { Grant: new (properties: { clientId: string; accountId: string }) => Grant };
      client?: { clientId: string };
      session?: { accountId?: string };
    };
  }

  export interface InteractionResult {
    login?: { accountId: string };
    error?: string;
    error_description?: string;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown> & {
      findAccount?: (context: ProviderContext, id: string) => Promise<OidcAccount | undefined> | OidcAccount | undefined;
      loadExistingGrant?: (context: ProviderContext) => Promise<Grant | undefined>;
      interactions?: { url: (context: ProviderContext, interaction: { uid: string }) => string };
    });
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    interactionFinished(request: IncomingMessage, response: ServerResponse, result: InteractionResult, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
  }
}
