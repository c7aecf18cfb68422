import type { ServiceName } from './service-process';
import { testSigningKeyFile } from './test-signing-keys';

export const SERVICE_SCHEMAS: Record<ServiceName, string> = {
  drafting: 'drafting',
  'editorial-review': 'editorial_review',
  publishing: 'publishing',
  notifications: 'notifications',
};

export interface NewsroomEnvironment {
  databaseUrl: string;
  brokers: string[];
  /** The public JWKS file the services verify bearer tokens with (JWT_JWKS_FILE). */
  jwksFile: string;
  /** Host in the public URLs the services print and link to (e.g. localhost). */
  publicHost: string;
  ports: Record<ServiceName, number>;
  smtpUrl: string;
  /** CA certificate file of the push service the notifications process must trust. */
  pushCaFile: string;
  /** https://host:port of the local push service: the one push service notifications may send to. */
  pushOrigin: string;
  vapid: { publicKey: string; privateKey: string };
  subscriberLinkSecret: string;
  mailDomain: string;
  logLevel?: string;
  nodeEnv?: string;
  /** The desk, when it runs too: its port, its private signing key (whose public half is in `jwksFile`) and the first admin. */
  desk?: { port: number; signingKeyFile: string; initialAdmin: { email: string; password: string } };
}

export type NewsroomEnvironments = Record<ServiceName, Record<string, string>> & { desk?: Record<string, string> };

/**
 * Every service's environment for running the newsroom on one machine, as
 * `npm start` and the end-to-end tests do: exactly the variables each
 * service's config class reads.
 */
export function newsroomServiceEnvironment(input: NewsroomEnvironment): NewsroomEnvironments {
  // What every process reads, the desk included.
  const basics = (port: number, schema: string) => ({
    PORT: String(port),
    DATABASE_URL: input.databaseUrl,
    DATABASE_SCHEMA: schema,
    KAFKA_BROKERS: input.brokers.join(','),
    LOG_LEVEL: input.logLevel ?? 'info',
    NODE_ENV: input.nodeEnv ?? 'development',
  });
  // The four services verify the desk's tokens; the desk signs them and reads no JWKS.
  const common = (name: ServiceName) => ({ ...basics(input.ports[name], SERVICE_SCHEMAS[name]), JWT_JWKS_FILE: input.jwksFile });
  const publicUrl = (name: ServiceName) => `http://${input.publicHost}:${input.ports[name]}`;
  const desk = input.desk && {
    ...basics(input.desk.port, 'desk'),
    DESK_PUBLIC_URL: `http://${input.publicHost}:${input.desk.port}`,
    DESK_SIGNING_KEY_FILE: input.desk.signingKeyFile,
    DRAFTING_URL: `http://127.0.0.1:${input.ports.drafting}`,
    EDITORIAL_REVIEW_URL: `http://127.0.0.1:${input.ports['editorial-review']}`,
    PUBLISHING_URL: `http://127.0.0.1:${input.ports.publishing}`,
    NOTIFICATIONS_URL: `http://127.0.0.1:${input.ports.notifications}`,
    SMTP_URL: input.smtpUrl,
    MAIL_FROM: `Newsroom Desk <desk@${input.mailDomain}>`,
    DESK_INITIAL_ADMIN_EMAIL: input.desk.initialAdmin.email,
    DESK_INITIAL_ADMIN_PASSWORD: input.desk.initialAdmin.password,
  };
  return {
    ...(desk ? { desk } : {}),
    // Uploaded images are served by drafting at its own address here, and the site may load them.
    drafting: { ...common('drafting'), IMAGES_PUBLIC_BASE_URL: publicUrl('drafting') },
    'editorial-review': common('editorial-review'),
    publishing: {
      ...common('publishing'),
      PUBLIC_BASE_URL: publicUrl('publishing'),
      IMAGE_ORIGINS: publicUrl('drafting'),
      // The signup box posts to notifications' /subscribe; the push button calls its API.
      NOTIFICATIONS_PUBLIC_URL: publicUrl('notifications'),
      // Every reader here is 127.0.0.1, and the suites and the benchmark poll pages every 50 ms.
      RATE_LIMITS: 'pages:client=6000/1m',
    },
    notifications: {
      ...common('notifications'),
      PUBLIC_BASE_URL: publicUrl('notifications'),
      // Alerts link only to the site's own pages: publishing's public URL.
      PUBLIC_SITE_URL: publicUrl('publishing'),
      SMTP_URL: input.smtpUrl,
      MAIL_FROM: `Newsroom Alerts <alerts@${input.mailDomain}>`,
      VAPID_PUBLIC_KEY: input.vapid.publicKey,
      VAPID_PRIVATE_KEY: input.vapid.privateKey,
      VAPID_SUBJECT: `mailto:alerts@${input.mailDomain}`,
      SUBSCRIBER_LINK_SECRET: input.subscriberLinkSecret,
      // web-push speaks HTTPS only; the local push inbox has a self-signed certificate.
      NODE_EXTRA_CA_CERTS: input.pushCaFile,
      // The push inbox listens on loopback, which notifications refuses unless it is listed by address and port.
      PUSH_SERVICE_HOSTS: new URL(input.pushOrigin).host,
    },
  };
}

/**
 * The desk on its own, as its sign-in suites run it: the test signing key, the first admin, and
 * the four services and the SMTP server at a closed port (a proxied call answers 503, an
 * invitation `mailed: false` with its link).
 */
export function standaloneDeskEnvironment(publicUrl: string, admin: { email: string; password: string }): Record<string, string> {
  const closed = 'http://127.0.0.1:9';
  return {
    DESK_PUBLIC_URL: publicUrl,
    DESK_SIGNING_KEY_FILE: testSigningKeyFile(),
    DRAFTING_URL: closed,
    EDITORIAL_REVIEW_URL: closed,
    PUBLISHING_URL: closed,
    NOTIFICATIONS_URL: closed,
    SMTP_URL: 'smtp://127.0.0.1:9',
    DESK_INITIAL_ADMIN_EMAIL: admin.email,
    DESK_INITIAL_ADMIN_PASSWORD: admin.password,
  };
}
