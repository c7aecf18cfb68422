/**
 * Writes the development-only TLS files of docker-compose.yml's Kafka:
 *
 *   deploy/kafka/dev-tls/ca.pem               the CA the services trust (KAFKA_SSL_CA_FILE)
 *   deploy/kafka/dev-tls/broker-keystore.pem  the broker's key and certificate chain (PEM keystore)
 *
 * The broker certificate is valid for the hosts `kafka` (the containers) and
 * `localhost` (tools on the host) for two years. Its key is in the repository,
 * so it protects nothing: it lets `docker compose up` run the same SASL_SSL
 * set-up as production. Run again to replace them:
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register tools/kafka/dev-certificates.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { throwawayCertificates } from '@newsroom/testing';

async function main(): Promise<void> {
  const dir = path.resolve(__dirname, '../../deploy/kafka/dev-tls');
  mkdirSync(dir, { recursive: true });
  const certificates = await throwawayCertificates({ hosts: ['kafka', 'localhost'], days: 730 });
  writeFileSync(path.join(dir, 'ca.pem'), certificates.caCert);
  writeFileSync(
    path.join(dir, 'broker-keystore.pem'),
    `${certificates.brokerKey.trim()}\n${certificates.brokerCert.trim()}\n${certificates.caCert.trim()}\n`,
  );
  console.log(`wrote ${dir}/ca.pem and broker-keystore.pem (development only)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
