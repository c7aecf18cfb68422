import { TestIdentityProvider } from '@newsroom/testing';
import { OIDC_CALLBACK_PATH } from '../src/shared/identity-provider';
import { testDeskConfig } from './desk-testbed';

/** Where the test provider sends the browser back to: the callback under the test desk's public URL. */
const CALLBACK_URL = `${testDeskConfig().publicUrl}${OIDC_CALLBACK_PATH}`;

/** A real OpenID provider on loopback with the desk registered as its client, and the desk settings that point at it. */
export async function startDeskIdentityProvider(): Promise<{ provider: TestIdentityProvider; env: Record<string, string> }> {
  const provider = await TestIdentityProvider.start({ clientId: 'newsroom-desk', clientSecret: 'the desk client secret at the provider', redirectUri: CALLBACK_URL });
  return { provider, env: provider.deskSettings('Newsroom ID') };
}

/**
 * What a browser sent to `providerUrl` brings back to the desk: it follows the provider's
 * redirects (keeping the provider's cookies, as its login interaction needs) until the provider
 * sends it to the desk's callback, and answers that callback's query string (`code` and `state`,
 * or `error` and `state`) — the `answer` of a SignInWithOidcCommand.
 */
export async function answerFromProvider(providerUrl: string): Promise<string> {
  const cookies = new Map<string, string>();
  let url = providerUrl;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') } });
    for (const line of response.headers.getSetCookie()) {
      const [name, ...value] = line.split(';')[0].split('=');
      cookies.set(name.trim(), value.join('='));
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`the provider answered ${response.status} at ${url} instead of sending the browser back to the desk`);
    url = new URL(location, url).href;
    if (url.startsWith(`${CALLBACK_URL}?`)) return new URL(url).search.slice(1);
  }
  throw new Error(`the provider did not send the browser back to ${CALLBACK_URL}`);
}
