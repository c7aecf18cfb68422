import { connectUntilReachable } from './broker-connection';

const quiet = { log: jest.fn(), warn: jest.fn() } as never;

describe('connectUntilReachable', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('settles the first attempt as failed, then tries again after 1 s and 2 s until the broker answers', async () => {
    const connect = jest.fn().mockRejectedValueOnce(new Error('ECONNREFUSED')).mockRejectedValueOnce(new Error('ECONNREFUSED')).mockResolvedValue(undefined);
    const connection = connectUntilReachable({ connect }, 'the relay', quiet);
    await expect(connection.first).resolves.toBe(false);
    expect(connect).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(999);
    expect(connect).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(connect).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(2000);
    await expect(connection.connected).resolves.toBeUndefined();
    expect(connect).toHaveBeenCalledTimes(3);
  });

  it('says at once when the first attempt connects', async () => {
    const connection = connectUntilReachable({ connect: () => Promise.resolve() }, 'the relay', quiet);
    await expect(connection.first).resolves.toBe(true);
    await expect(connection.connected).resolves.toBeUndefined();
  });

  it('tries no more once stopped, and waits at most 30 s between attempts', async () => {
    const connect = jest.fn().mockRejectedValue(new Error('ECONNREFUSED'));
    const connection = connectUntilReachable({ connect }, 'the relay', quiet);
    await connection.first;
    await jest.advanceTimersByTimeAsync(1000 + 2000 + 4000 + 8000 + 16000 + 30000);
    expect(connect).toHaveBeenCalledTimes(7);
    await jest.advanceTimersByTimeAsync(29_999);
    expect(connect).toHaveBeenCalledTimes(7);
    connection.stop();
    await jest.advanceTimersByTimeAsync(120_000);
    expect(connect).toHaveBeenCalledTimes(7);
  });

  it('tries at once when hurried, rather than at the end of the wait', async () => {
    const connect = jest.fn().mockRejectedValueOnce(new Error('ECONNREFUSED')).mockResolvedValue(undefined);
    const connection = connectUntilReachable({ connect }, 'the dead-letter producer', quiet);
    await connection.first;
    connection.hurry();
    await jest.advanceTimersByTimeAsync(0);
    await expect(connection.connected).resolves.toBeUndefined();
    expect(connect).toHaveBeenCalledTimes(2);
  });

  it('leaves no wait and says nothing when stopped while an attempt is on its way', async () => {
    let fail!: (error: Error) => void;
    const connect = jest.fn(() => new Promise<void>((_, reject) => (fail = reject)));
    const logger = { log: jest.fn(), warn: jest.fn() };
    const connection = connectUntilReachable({ connect }, 'the relay', logger as never);
    connection.stop();
    fail(new Error('the client was closed'));
    await expect(connection.first).resolves.toBe(false);
    await jest.advanceTimersByTimeAsync(120_000);
    expect(connect).toHaveBeenCalledTimes(1);
    expect(logger.warn).not.toHaveBeenCalled();
    expect(jest.getTimerCount()).toBe(0);
  });
});
