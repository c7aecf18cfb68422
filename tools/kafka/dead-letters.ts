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
import { Logger } from '@nestjs/common';
import { LOCAL_DEFAULTS, loadKafkaConnection } from '@newsroom/config';
import { allTopicSpecs } from '@newsroom/contracts';
import { readDeadLetters, replayDeadLetter } from '@newsroom/messaging';

const USAGE = 'usage: npm run -s dlq -- list <topic> | replay <topic> <partition>:<offset>';

/** The topics, one a line and indented, as the help and the unknown-topic refusal list them. */
const topicLines = (known: readonly string[]): string => known.map((name) => `  ${name}`).join('\n');

/** The answer to --help or -h, on stdout with exit 0: the usage, what each verb does, the topics. */
function help(known: readonly string[]): string {
  return [
    USAGE,
    '',
    '  list <topic>                            every dead letter of a topic, one JSON object a line',
    '  replay <topic> <partition>:<offset>     send one back to the topic it came from',
    '',
    'Brokers: KAFKA_BROKERS (default: npm start\'s local broker); a secured cluster takes the',
    'services\' KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_* and KAFKA_SSL_* (docs/deployment.md).',
    '<topic> is one of these:',
    topicLines(known),
  ].join('\n');
}

async function main(): Promise<void> {
  const [command, topic, position] = process.argv.slice(2);
  const known = allTopicSpecs().map((spec) => spec.name);
  if (['--help', '-h', 'help'].includes(command ?? '')) {
    console.log(help(known));
    return;
  }
  if (!['list', 'replay'].includes(command ?? '') || !topic) throw new UsageError(USAGE);
  if (!known.includes(topic)) throw new UsageError(`unknown topic "${topic}"; one of:\n${topicLines(known)}`);
  // Checked before the broker is asked anything: a mistyped position is a usage error at once.
  const match = /^(\d+):(\d+)$/.exec(position ?? '');
  if (command === 'replay' && !match) throw new UsageError(`${USAGE}\n<partition>:<offset> is two whole numbers, as \`list\` prints them (e.g. 0:12); got ${position === undefined ? 'nothing' : `"${position}"`}`);
  const { brokers, security } = loadKafkaConnection(process.env, { KAFKA_BROKERS: LOCAL_DEFAULTS.KAFKA_BROKERS });
  // The Kafka client's own log lines (every retry, with its stack) are for services; this
  // command says in one line what went wrong (brokerError).
  Logger.overrideLogger(false);
  const letters = await readDeadLetters(brokers, topic, security).catch((error: unknown) => {
    throw brokerError(error, brokers);
  });
  if (command === 'list') {
    for (const letter of letters) console.log(JSON.stringify(letter));
    console.error(`${letters.length} dead letter(s)`);
    return;
  }
  const [, partition, offset] = match!;
  const letter = letters.find((l) => l.partition === Number(partition) && l.offset === offset);
  if (!letter) throw new UsageError(`no dead letter at partition ${partition}, offset ${offset} of ${topic}`);
  await replayDeadLetter(brokers, letter, security).catch((error: unknown) => {
    throw brokerError(error, brokers);
  });
  console.error(`replayed ${position} to ${letter.sourceTopic} (key ${letter.key})`);
}

class UsageError extends Error {}

/** A failure talking to the broker, in one line that names the brokers tried and where they are set. */
function brokerError(error: unknown, brokers: string[]): Error {
  const reason = error instanceof Error ? error.message : String(error);
  const unreachable = error instanceof Error && /Connection|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|retries/i.test(`${error.name} ${reason}`);
  return new Error(unreachable ? `cannot reach the broker at ${brokers.join(', ')} (KAFKA_BROKERS): ${reason}` : reason);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(error instanceof UsageError ? 2 : 1);
});
