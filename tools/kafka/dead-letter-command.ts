/** The dead-letter command's work, apart from its process (tools/kafka/dead-letters.ts), so tests run it in-process. */
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

/** Where the command writes: stdout for what was asked (help, dead letters), stderr for the rest. */
export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Runs `npm run dlq` with its arguments (after `--`) and environment; resolves to the exit code:
 * 0 done, 2 a usage error (nothing asked of the broker), 1 the broker failed (one line naming it).
 */
export async function runDeadLetterCommand(args: readonly string[], env: NodeJS.ProcessEnv, io: CommandOutput): Promise<number> {
  try {
    await deadLetterCommand(args, env, io);
    return 0;
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return error instanceof UsageError ? 2 : 1;
  }
}

async function deadLetterCommand(args: readonly string[], env: NodeJS.ProcessEnv, io: CommandOutput): Promise<void> {
  const [command, topic, position] = args;
  const known = allTopicSpecs().map((spec) => spec.name);
  if (['--help', '-h', 'help'].includes(command ?? '')) {
    io.out(help(known));
    return;
  }
  if (!['list', 'replay'].includes(command ?? '') || !topic) throw new UsageError(USAGE);
  if (!known.includes(topic)) throw new UsageError(`unknown topic "${topic}"; one of:\n${topicLines(known)}`);
  // Checked before the broker is asked anything: a mistyped position is a usage error at once.
  const match = /^(\d+):(\d+)$/.exec(position ?? '');
  if (command === 'replay' && !match) throw new UsageError(`${USAGE}\n<partition>:<offset> is two whole numbers, as \`list\` prints them (e.g. 0:12); got ${position === undefined ? 'nothing' : `"${position}"`}`);
  const { brokers, security } = loadKafkaConnection(env, { KAFKA_BROKERS: LOCAL_DEFAULTS.KAFKA_BROKERS });
  // The Kafka client's own log lines (every retry, with its stack) are for services; this
  // command says in one line what went wrong (brokerError).
  Logger.overrideLogger(false);
  const letters = await readDeadLetters(brokers, topic, security).catch((error: unknown) => {
    throw brokerError(error, brokers);
  });
  if (command === 'list') {
    for (const letter of letters) io.out(JSON.stringify(letter));
    io.err(`${letters.length} dead letter(s)`);
    return;
  }
  const [, partition, offset] = match!;
  const letter = letters.find((l) => l.partition === Number(partition) && l.offset === offset);
  if (!letter) throw new UsageError(`no dead letter at partition ${partition}, offset ${offset} of ${topic}`);
  await replayDeadLetter(brokers, letter, security).catch((error: unknown) => {
    throw brokerError(error, brokers);
  });
  io.err(`replayed ${position} to ${letter.sourceTopic} (key ${letter.key})`);
}

class UsageError extends Error {}

/** A failure talking to the broker, in one line that names the brokers tried and where they are set. */
function brokerError(error: unknown, brokers: string[]): Error {
  const reason = error instanceof Error ? error.message : String(error);
  const unreachable = error instanceof Error && /Connection|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|retries/i.test(`${error.name} ${reason}`);
  return new Error(unreachable ? `cannot reach the broker at ${brokers.join(', ')} (KAFKA_BROKERS): ${reason}` : reason);
}
