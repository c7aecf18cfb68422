/**
 * Lets a polling loop sleep until its next poll or until someone wakes it
 * (e.g. a commit notification). A wake that arrives while the loop is busy is
 * remembered, so the next sleep returns at once instead of losing it.
 */
export class WakeSignal {
  private requested = false;
  private wakeSleeper?: () => void;

  /** Wakes the current sleep, or the next one if the loop is not sleeping. */
  wake(): void {
    this.requested = true;
    this.wakeSleeper?.();
  }

  /** Call before looking for work: a wake from here on counts for the next sleep. */
  clear(): void {
    this.requested = false;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.requested) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        this.wakeSleeper = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleeper = done;
    });
  }
}
