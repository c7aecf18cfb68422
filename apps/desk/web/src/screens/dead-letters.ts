import type { DeadLetterDetail, DeadLetterList, DeadLetterReplay, DeadLetterSummary } from '@newsroom/contracts';
import { ApiError, describeError, service, SERVICES, type Service } from '../api';
import type { ScreenContext } from '../app';
import { button, h, labelColumns, notice, show, when } from '../dom';
import { peopleNames, personName, type PeopleNames } from '../names';

/**
 * Dead letters for editors and admins: the events a service's consumers could not apply, as
 * each service's `/v1/dead-letters` lists them (libs/observability; the runbook is
 * docs/runbooks/replay-dead-letters.md). A replay sends the original message back to its topic
 * unchanged; the service records who replayed it and when (`dead_letter_audit`), shown here as
 * each letter's replays.
 */

const letterPath = (topic: string, partition: number, offset: string): string => `/v1/dead-letters/${encodeURIComponent(topic)}/${partition}/${offset}`;
const deskPath = (name: Service, letter: DeadLetterSummary): string => `/dead-letters/${name}/${encodeURIComponent(letter.sourceTopic)}/${letter.partition}/${letter.offset}`;

function replaysText(replays: readonly DeadLetterReplay[], names: PeopleNames): string {
  return replays.length === 0 ? 'never' : `${replays.length}× (last ${when(replays[replays.length - 1].at)} by ${personName(names, replays[replays.length - 1].actor)})`;
}

/** Every service's dead letters, by consumed topic, with a replay for each and for all of a topic. */
export async function deadLettersScreen(): Promise<HTMLElement> {
  const message = h('div', {});
  const region = h('div', {});

  const load = async (): Promise<void> => {
    // Each service behind the desk that consumes events has dead letters of its own.
    const lists = await Promise.all(
      SERVICES.map(async (name) => {
        try {
          return { name, list: (await service<DeadLetterList>(name, 'GET', '/v1/dead-letters')).body };
        } catch (error) {
          // A service that consumes nothing may have no dead-letter desk at all.
          if (error instanceof ApiError && error.status === 404) return { name, list: undefined };
          return { name, error };
        }
      }),
    );
    const names = await peopleNames(lists.flatMap((entry) => entry.list?.topics.flatMap((t) => t.letters.flatMap((letter) => letter.replays.map((r) => r.actor))) ?? []));
    show(region, lists.map((entry) => serviceSection(entry.name, names, entry.list, entry.error)));
  };

  const replay = async (name: Service, path: string, payload: unknown, what: string): Promise<void> => {
    try {
      const answer = (await service<{ replayed: DeadLetterSummary[]; skipped?: number }>(name, 'POST', path, { body: payload })).body;
      const skipped = answer.skipped ? `; ${answer.skipped} replayed before, skipped` : '';
      show(message, notice('success', `${what}: ${answer.replayed.length} sent back to the topic they came from${skipped}.`));
    } catch (error) {
      show(message, notice('error', describeError(error)));
    }
    await load();
  };

  function serviceSection(name: Service, names: PeopleNames, list: DeadLetterList | undefined, error?: unknown): HTMLElement {
    const titleId = `dl-${name}`;
    const heading = h('h2', { id: titleId }, name);
    if (error) return h('section', { 'aria-labelledby': titleId }, heading, notice('error', describeError(error)));
    const topics = list?.topics ?? [];
    if (topics.every((t) => t.letters.length === 0)) return h('section', { 'aria-labelledby': titleId }, heading, h('p', {}, list ? 'No dead letters.' : 'Consumes no events.'));
    return h(
      'section',
      { 'aria-labelledby': titleId },
      heading,
      topics
        .filter((t) => t.letters.length > 0)
        .map((t) =>
          h(
            'div',
            { class: 'card' },
            h('h3', {}, t.topic),
            labelColumns(h(
              'table',
              { class: 'list' },
              h('caption', { class: 'visually-hidden' }, `Dead letters of ${name} from ${t.topic}`),
              h('thead', {}, h('tr', {}, ['Letter', 'Event', 'Why it failed', 'Failed', 'Replayed', ''].map((c) => h('th', { scope: 'col' }, c)))),
              h(
                'tbody',
                {},
                t.letters.map((letter) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, h('a', { href: deskPath(name, letter), 'aria-label': `Inspect dead letter ${letter.id} of ${name}` }, letter.id)),
                    h('td', {}, letter.eventType ?? '(unreadable)', letter.subject ? h('div', { class: 'meta' }, letter.subject) : null),
                    h('td', { class: 'wrap' }, letter.error),
                    h('td', {}, when(letter.failedAt)),
                    h('td', {}, replaysText(letter.replays, names)),
                    h(
                      'td',
                      {},
                      button('Replay', () => void replay(name, `${letterPath(t.topic, letter.partition, letter.offset)}/replay`, {}, `Dead letter ${letter.id}`), {
                        'aria-label': `Replay dead letter ${letter.id} of ${name}`,
                      }),
                    ),
                  ),
                ),
              ),
            )),
            button('Replay all not replayed before', () => void replay(name, `/v1/dead-letters/${encodeURIComponent(t.topic)}/replay`, {}, `${name}, ${t.topic}`), {
              // The visible words first: speech input users say what they see.
              'aria-label': `Replay all not replayed before: ${name}, ${t.topic}`,
            }),
          ),
        ),
    );
  }

  await load();
  return h(
    'div',
    { class: 'screen' },
    h('h1', {}, 'Dead letters'),
    h(
      'p',
      {},
      'Events a service could not apply. Replay one only once its cause is fixed: an event refused by a newsroom rule (self-approval, a stale revision) is refused again. A replay is safe to repeat; services apply each event once.',
    ),
    message,
    region,
  );
}

/** One dead letter in full: where it came from, why it failed, its key, headers and value, and every replay. */
export async function deadLetterScreen(context: ScreenContext): Promise<HTMLElement> {
  const name = context.params.service as Service;
  if (!SERVICES.includes(name)) throw new ApiError(404, 'PROXY.NOT_FOUND', `No service ${name} behind the desk`);
  const path = letterPath(context.params.topic, Number(context.params.partition), context.params.offset);
  const message = h('div', {});
  const region = h('div', {});

  const render = async (letter: DeadLetterDetail): Promise<void> => {
    const names = await peopleNames(letter.replays.map((r) => r.actor));
    const facts: [string, string][] = [
      ['Service', `${name} (consumer group ${letter.consumer})`],
      ['Consumed from', `${letter.sourceTopic}${letter.sourcePartition === null ? '' : `, partition ${letter.sourcePartition}, offset ${letter.sourceOffset ?? '?'}`}`],
      ['Dead-letter topic', `${letter.deadLetterTopic}, ${letter.id}`],
      ['Why it failed', letter.error],
      ['Attempts', letter.attempts === null ? '—' : String(letter.attempts)],
      ['Failed', when(letter.failedAt)],
      ['Event', `${letter.eventType ?? '(unreadable)'}${letter.eventId ? ` ${letter.eventId}` : ''}`],
      ['About', letter.subject ?? '—'],
      ['Key', letter.key ?? '—'],
    ];
    show(
      region,
      h('dl', { class: 'facts' }, facts.map(([term, value]) => [h('dt', {}, term), h('dd', { class: 'wrap' }, value)])),
      h(
        'section',
        { 'aria-labelledby': 'replays-title' },
        h('h2', { id: 'replays-title' }, 'Replays (audit)'),
        letter.replays.length === 0 ? h('p', {}, 'Never replayed.') : h('ul', {}, letter.replays.map((r) => h('li', {}, `${when(r.at)} by ${personName(names, r.actor)}`))),
        button('Replay this letter', () => void replayOne(), { class: 'primary' }),
      ),
      h('section', { 'aria-labelledby': 'headers-title' }, h('h2', { id: 'headers-title' }, 'Headers'), h('pre', { class: 'dead-letter-payload', tabindex: '0' }, JSON.stringify(letter.headers, null, 2))),
      h('section', { 'aria-labelledby': 'value-title' }, h('h2', { id: 'value-title' }, 'Value as received'), h('pre', { class: 'dead-letter-payload', tabindex: '0' }, letter.value)),
    );
  };

  const replayOne = async (): Promise<void> => {
    try {
      await service(name, 'POST', `${path}/replay`, { body: {} });
      show(message, notice('success', 'Replayed: the event went back to its topic unchanged.'));
    } catch (error) {
      show(message, notice('error', describeError(error)));
    }
    await render((await service<DeadLetterDetail>(name, 'GET', path)).body);
  };

  await render((await service<DeadLetterDetail>(name, 'GET', path)).body);
  return h('div', { class: 'screen' }, h('p', {}, h('a', { href: '/dead-letters' }, 'All dead letters')), h('h1', {}, `Dead letter ${context.params.partition}:${context.params.offset}`), message, region);
}
