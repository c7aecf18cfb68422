import { WakeSignal } from './wake-signal';

describe(WakeSignal.name, () => {
  it('sleeps for the given time when nobody wakes it', async () => {
    const signal = new WakeSignal();
    const started = Date.now();
    await signal.sleep(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('returns early when woken during the sleep', async () => {
    const signal = new WakeSignal();
    const started = Date.now();
    setTimeout(() => signal.wake(), 10);
    await signal.sleep(5_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('remembers a wake that came while the loop was busy, until cleared', async () => {
    const signal = new WakeSignal();
    signal.wake();
    const started = Date.now();
    await signal.sleep(5_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    signal.clear();
    const sleeping = signal.sleep(30).then(() => 'slept');
    await expect(sleeping).resolves.toBe('slept');
  });
});
