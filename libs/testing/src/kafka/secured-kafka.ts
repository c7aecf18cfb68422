// No workspace aliases here: jest's global setup may load this file without them.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { freePort } from '../free-port';
import { prepareApacheKafka } from './apache-kafka';
import { KafkaNode } from './kafka-node';
import { throwawayCertificates } from './throwaway-ca';

/** A login on the secured broker. Every user can log in with PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512. */
export interface KafkaUser {
  name: string;
  password: string;
}

export interface SecuredKafkaOptions {
  /** Users besides the admin, e.g. one per service; each gets a random password. */
  users: string[];
  /** JVM heap in MiB (default 256). */
  heapMb?: number;
  log?: (line: string) => void;
  startTimeoutMs?: number;
}

/**
 * One Apache Kafka node that trusts nobody: its only client listener is
 * SASL_SSL (a certificate from a throwaway CA; PLAIN, SCRAM-SHA-256 and
 * SCRAM-SHA-512 logins), the StandardAuthorizer refuses whatever no ACL
 * allows, and only `admin` is a super user. The controller and inter-broker
 * listeners are PLAINTEXT on 127.0.0.1 and act as super users (the broker's
 * own requests arrive there as User:ANONYMOUS): a secured test cluster on
 * one machine, not a production layout.
 */
export interface SecuredKafka {
  /** The SASL_SSL address, e.g. ['127.0.0.1:40001']. */
  readonly brokers: string[];
  readonly version: string;
  /** The CA that signed the broker's certificate, as PEM and as a file (KAFKA_SSL_CA_FILE). */
  readonly caCert: string;
  readonly caFile: string;
  /** The super user, for provisioning topics and ACLs. */
  readonly admin: KafkaUser;
  /** The user of this name (one of `users`); throws for an unknown one. */
  user(name: string): KafkaUser;
  readonly node: KafkaNode;
  stop(): Promise<void>;
}

export const SECURED_KAFKA_ADMIN = 'newsroom-admin';

export async function startSecuredKafka(options: SecuredKafkaOptions): Promise<SecuredKafka> {
  const log = options.log ?? (() => undefined);
  const distribution = await prepareApacheKafka(log);
  const dir = mkdtempSync(path.join(tmpdir(), 'newsroom-kafka-secured-'));
  const nodeDir = path.join(dir, 'node-1');
  mkdirSync(nodeDir, { recursive: true });
  try {
    const certificates = await throwawayCertificates();
    const files = {
      ca: path.join(dir, 'ca.pem'),
      keystore: path.join(nodeDir, 'broker-keystore.pem'),
    };
    writeFileSync(files.ca, certificates.caCert);
    // A PEM keystore file holds the (unencrypted PKCS#8) key and the certificate chain.
    writeFileSync(files.keystore, `${certificates.brokerKey.trim()}\n${certificates.brokerCert.trim()}\n${certificates.caCert.trim()}\n`, { mode: 0o600 });

    const users = [SECURED_KAFKA_ADMIN, ...options.users].map((name) => ({ name, password: randomBytes(18).toString('base64url') }));
    const [port, internalPort, controllerPort] = [await freePort(), await freePort(), await freePort()];
    const node = new KafkaNode(distribution, {
      nodeId: 1,
      port,
      controllerPort,
      dir: nodeDir,
      heapMb: options.heapMb ?? 256,
      properties: securedBrokerSettings({ port, internalPort, controllerPort, logDir: path.join(nodeDir, 'data'), files, users }),
    });
    // SCRAM credentials live in the cluster metadata; format writes them before the first start.
    const scram = users.flatMap((user) =>
      ['SCRAM-SHA-256', 'SCRAM-SHA-512'].flatMap((mechanism) => ['--add-scram', `${mechanism}=[name=${user.name},password=${user.password}]`]),
    );
    await node.format(kafkaClusterId(), ['--standalone', ...scram]);
    const startedAt = Date.now();
    await node.start(options.startTimeoutMs);
    const version = node.reportedVersion() ?? 'unknown';
    log(`Apache Kafka ${version} (SASL_SSL, ACLs) on ${node.address}, started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    let stopped: Promise<void> | undefined;
    return {
      brokers: [node.address],
      version,
      caCert: certificates.caCert,
      caFile: files.ca,
      admin: users[0],
      user(name: string) {
        const user = users.find((u) => u.name === name && name !== SECURED_KAFKA_ADMIN);
        if (!user) throw new Error(`no Kafka user "${name}" (users: ${options.users.join(', ')})`);
        return user;
      },
      node,
      stop() {
        stopped ??= node.stop({ graceful: false }).finally(() => rmSync(dir, { recursive: true, force: true }));
        return stopped;
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function securedBrokerSettings(options: {
  port: number;
  internalPort: number;
  controllerPort: number;
  logDir: string;
  files: { keystore: string; ca: string };
  users: KafkaUser[];
}): Record<string, string | number | boolean> {
  const { port, internalPort, controllerPort } = options;
  const plainUsers = options.users.map((user) => `user_${user.name}="${user.password}"`).join(' ');
  const listeners = `SASL_SSL://127.0.0.1:${port},INTERNAL://127.0.0.1:${internalPort},CONTROLLER://127.0.0.1:${controllerPort}`;
  return {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.bootstrap.servers': `127.0.0.1:${controllerPort}`,
    listeners,
    'advertised.listeners': listeners,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'INTERNAL',
    'listener.security.protocol.map': 'SASL_SSL:SASL_SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': options.logDir,
    'auto.create.topics.enable': false,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    'num.network.threads': 2,
    'num.io.threads': 2,
    'background.threads': 2,
    'log.cleaner.threads': 1,
    // TLS with PEM files: no keystore passwords or Java key tools needed.
    'ssl.keystore.type': 'PEM',
    'ssl.keystore.location': options.files.keystore,
    'ssl.truststore.type': 'PEM',
    'ssl.truststore.location': options.files.ca,
    'ssl.client.auth': 'none',
    // Logins.
    'sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
    'listener.name.sasl_ssl.plain.sasl.jaas.config': `org.apache.kafka.common.security.plain.PlainLoginModule required ${plainUsers};`,
    'listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required;',
    'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required;',
    // Rights: nothing without an ACL, except for the admin and the broker's own loopback listeners.
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'allow.everyone.if.no.acl.found': false,
    'super.users': `User:${SECURED_KAFKA_ADMIN};User:ANONYMOUS`,
  };
}

/** A random cluster id in Kafka's text form, never starting with '-' (the storage tool would take it for an option). */
function kafkaClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
