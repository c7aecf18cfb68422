import { logLevel, type Message } from 'kafkajs';
import { kafkaLogLine, requestsWithin } from './kafka-client';

const message = (bytes: number, key = 'k'): Message => ({ key, value: 'x'.repeat(bytes - key.length) });

describe(requestsWithin.name, () => {
  it('keeps small messages in one request', () => {
    const messages = [message(100), message(100), message(100)];
    expect(requestsWithin(messages, 1000)).toEqual([messages]);
  });

  it('splits in order so that no request is over the budget', () => {
    const messages = Array.from({ length: 7 }, (_, i) => message(400, `k${i}`));
    const requests = requestsWithin(messages, 1000);
    expect(requests.map((r) => r.length)).toEqual([2, 2, 2, 1]);
    expect(requests.flat()).toEqual(messages);
  });

  it('sends a message larger than the budget alone', () => {
    const messages = [message(10), message(5000), message(10)];
    expect(requestsWithin(messages, 1000).map((r) => r.length)).toEqual([1, 1, 1]);
  });

  it('counts headers and buffers', () => {
    const withHeaders: Message = { key: Buffer.from('k'), value: Buffer.alloc(500), headers: { traceparent: 'x'.repeat(400), list: ['a'.repeat(50)] } };
    expect(requestsWithin([withHeaders, withHeaders], 1000)).toHaveLength(2);
  });
});

describe(kafkaLogLine.name, () => {
  const capture = () => {
    const lines: [string, unknown][] = [];
    const logger = { error: (entry: unknown) => lines.push(['error', entry]), warn: (entry: unknown) => lines.push(['warn', entry]), debug: (entry: unknown) => lines.push(['debug', entry]) };
    return { lines, log: kafkaLogLine(logger as never) };
  };
  const entry = (level: logLevel, log: Record<string, unknown>) => ({ namespace: 'Consumer', level, label: 'ERROR', log: { timestamp: '2026-12-02T12:00:00.000Z', logger: 'kafkajs', ...log } }) as never;

  it('keeps kafkajs fields queryable under kafka, and the message as msg', () => {
    const { lines, log } = capture();
    log(entry(logLevel.ERROR, { message: 'Connection error: connect ECONNREFUSED', broker: '127.0.0.1:9092', clientId: 'drafting-relay' }));
    expect(lines).toEqual([['error', { msg: 'Connection error: connect ECONNREFUSED', kafka: { broker: '127.0.0.1:9092', clientId: 'drafting-relay' } }]]);
  });

  it('says an error kafkajs retries by itself as a warning', () => {
    const { lines, log } = capture();
    log(entry(logLevel.ERROR, { message: 'The coordinator is loading and hence can\u2019t process requests', groupId: 'editorial-review', retryCount: 0, retryTime: 300 }));
    log(entry(logLevel.ERROR, { message: 'Restarting the consumer in 300ms', retryTime: 300 }));
    log(entry(logLevel.ERROR, { message: 'Response GroupCoordinator(key: 10, version: 2)', error: 'The group coordinator is not available', broker: '127.0.0.1:9092' }));
    log(entry(logLevel.ERROR, { message: 'Crash: KafkaJSProtocolError: The coordinator is loading and hence can\u2019t process requests for this group', groupId: 'editorial-review' }));
    expect(lines.map(([level]) => level)).toEqual(['warn', 'warn', 'warn', 'warn']);
  });

  it('keeps a crash kafkajs gives up on, or a send it bails out of, an error, whatever retryCount it carries', () => {
    const { lines, log } = capture();
    log(entry(logLevel.ERROR, { message: 'Crash: KafkaJSProtocolError: Not authorized to access group: editorial-review', groupId: 'editorial-review', retryCount: undefined }));
    log(entry(logLevel.ERROR, { message: 'Failed to send messages: The request included a message larger than the max message size the server will accept', retryCount: 5, retryTime: 3000 }));
    log(entry(logLevel.ERROR, { message: new Error('Failed to connect: ECONNREFUSED') as never, retryCount: 8 }));
    expect(lines).toEqual([
      ['error', expect.objectContaining({ msg: expect.stringMatching(/^Crash: .*Not authorized/) })],
      ['error', expect.objectContaining({ msg: expect.stringMatching(/^Failed to send messages/) })],
      ['error', expect.objectContaining({ msg: 'Failed to connect: ECONNREFUSED' })],
    ]);
  });
});
