import type { Message } from 'kafkajs';
import { requestsWithin } from './kafka-client';

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
