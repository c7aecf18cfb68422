interface Waiter<T> {
  predicate: (item: T) => boolean;
  resolve: (item: T) => void;
}

/**
 * Lets tests await an item that may already have arrived or may arrive later,
 * without polling.
 */
export class Waiters<T> {
  private readonly pending = new Set<Waiter<T>>();

  wait(current: () => readonly T[], predicate: (item: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    const found = current().find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        predicate,
        resolve: (item) => {
          clearTimeout(timer);
          this.pending.delete(waiter);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        this.pending.delete(waiter);
        reject(new Error(`no matching ${what} arrived within ${timeoutMs} ms (${current().length} held)`));
      }, timeoutMs);
      this.pending.add(waiter);
    });
  }

  notify(item: T): void {
    for (const waiter of [...this.pending]) {
      if (waiter.predicate(item)) waiter.resolve(item);
    }
  }
}

/** Appends and drops the oldest entries beyond `max`, so a long `npm start` session stays small. */
export function appendBounded<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}
