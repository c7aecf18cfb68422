/**
 * Look at and replay dead-lettered events.
 *
 *   npm run -s dlq -- list <topic>                 every dead letter of a topic, as JSON lines
 *   npm run -s dlq -- replay <topic> <partition>:<offset>   send one back to its source topic
 *
 * <topic> is a topic of the contracts' list (e.g. newsroom.drafting.article.v1) or its .dlq.
 * Reads KAFKA_BROKERS (default: the local broker of npm start) and, for a
 * secured cluster, the same KAFKA_SECURITY_PROTOCOL / KAFKA_SASL_* /
 * KAFKA_SSL_* variables as the services (docs/deployment.md), as an operator's
 * login: replaying writes a service's topic, which only an operator may do
 * besides its producer.
 */
import { runDeadLetterCommand } from './dead-letter-command';

void runDeadLetterCommand(process.argv.slice(2), process.env, { out: (line) => console.log(line), err: (line) => console.error(line) }).then((code) => {
  // On failure, without waiting for the Kafka client's timers to run out.
  if (code !== 0) process.exit(code);
});
