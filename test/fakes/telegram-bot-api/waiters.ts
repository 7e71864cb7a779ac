/**
 * Event-driven waiting for records: a waiter is a predicate checked once per new record (no
 * polling), resolved with the first match or rejected after its timeout.
 */

interface Waiter<T> {
  predicate: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export class WaitTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WaitTimeoutError";
  }
}

export class Waiters<T> {
  private readonly waiters = new Set<Waiter<T>>();

  /**
   * Resolves with the first item passed to `notify` that matches. `describe` is called on timeout
   * to explain what was seen instead.
   */
  wait(predicate: (item: T) => boolean, timeoutMs: number, what: string, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new WaitTimeoutError(`fake Telegram: timed out after ${timeoutMs} ms waiting for ${what}. ${describe()}`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  get size(): number {
    return this.waiters.size;
  }

  notify(item: T): void {
    if (this.waiters.size === 0) return;
    for (const w of this.waiters) {
      let hit = false;
      try {
        hit = w.predicate(item);
      } catch (err) {
        this.waiters.delete(w);
        clearTimeout(w.timer);
        w.reject(err instanceof Error ? err : new Error(String(err)));
        continue;
      }
      if (hit) {
        this.waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve(item);
      }
    }
  }

  rejectAll(reason: string): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(new Error(reason));
    }
    this.waiters.clear();
  }
}
