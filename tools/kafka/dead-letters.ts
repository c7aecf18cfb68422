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
import { LOCAL_DEFAULTS, loadKafkaConnection } from '@newsroom/config';
import { allTopicSpecs } from '@newsroom/contracts';
import { readDeadLetters, replayDeadLetter } from '@newsroom/messaging';

const USAGE = 'usage: npm run -s dlq -- list <topic> | replay <topic> <partition>:<offset>';

async function main(): Promise<void> {
  const [command, topic, position] = process.argv.slice(2);
  const known = allTopicSpecs().map((spec) => spec.name);
  if (!['list', 'replay'].includes(command ?? '') || !topic) throw new UsageError(USAGE);
  if (!known.includes(topic)) throw new UsageError(`unknown topic "${topic}"; one of:\n  ${known.join('\n  ')}`);
  const { brokers, security } = loadKafkaConnection(process.env, { KAFKA_BROKERS: LOCAL_DEFAULTS.KAFKA_BROKERS });
  const letters = await readDeadLetters(brokers, topic, security);
  if (command === 'list') {
    for (const letter of letters) console.log(JSON.stringify(letter));
    console.error(`${letters.length} dead letter(s)`);
    return;
  }
  const match = /^(\d+):(\d+)$/.exec(position ?? '');
  if (!match) throw new UsageError(USAGE);
  const letter = letters.find((l) => l.partition === Number(match[1]) && l.offset === match[2]);
  if (!letter) throw new UsageError(`no dead letter at partition ${match[1]}, offset ${match[2]} of ${topic}`);
  await replayDeadLetter(brokers, letter, security);
  console.error(`replayed ${position} to ${letter.sourceTopic} (key ${letter.key})`);
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(error instanceof UsageError ? 2 : 1);
});
