import type { INestApplication } from '@nestjs/common';
import { ARTICLE_BODY_ROUTES } from '@newsroom/contracts';
import { bootstrapService, type ContentSecurityPolicy, type ServiceDescription } from '@newsroom/platform';
import { AppModule } from './app.module';
import { loadDeskConfig, type DeskConfig } from './config/desk.config';
import { serveWebApp } from './web/web-app';

/**
 * The web app's policy: scripts, styles and API calls from the desk's own origin only, nothing
 * inline (the app injects no <style> or <script>). The story preview shows publishing's page in
 * an iframe `srcdoc`, which inherits this policy, so its stylesheet, images and <base> may come
 * from any http(s) origin (the public site's, wherever it is deployed); scripts never do.
 */
export const DESK_CONTENT_SECURITY_POLICY: ContentSecurityPolicy = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", 'https:', 'http:'],
  'img-src': ["'self'", 'data:', 'https:', 'http:'],
  'connect-src': ["'self'"],
  'base-uri': ["'self'", 'https:', 'http:'],
  'form-action': ["'self'"],
  'object-src': ["'none'"],
};

export function deskService(config: DeskConfig): ServiceDescription {
  return {
    title: 'Newsroom desk',
    description: 'Accounts, sign-in and sessions of the newsroom desk, its web app, the API proxy to the four services, and the JWKS of their access tokens.',
    consumesEvents: false,
    // The proxy reads a whole article on the routes its services read one (a draft, a preview, a correction).
    largeBodyPaths: Object.entries(ARTICLE_BODY_ROUTES).flatMap(([service, paths]) => paths.map((path) => `/api/${service}${path}`)),
    contentSecurityPolicy: DESK_CONTENT_SECURITY_POLICY,
    configure: (app) => serveWebApp(app, config.webDir),
  };
}

/**
 * Starts the desk from environment variables (PORT or DESK_PORT, DATABASE_URL, KAFKA_BROKERS,
 * DESK_SIGNING_KEY_FILE, DESK_PUBLIC_URL, the four services' URLs, SMTP_URL, ...; see DeskEnv):
 * migrates, seeds the first admin if asked, serves the API and the web app. Rejects when the
 * configuration is invalid, the signing key unreadable or the database unreachable.
 */
export async function startDesk(env: NodeJS.ProcessEnv): Promise<INestApplication> {
  const config = loadDeskConfig(env);
  return bootstrapService(AppModule.register(config), deskService(config), config.runtime);
}
