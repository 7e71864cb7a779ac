/**
 * Sliding-window rate limits (a "sliding log" per key, capped at the window's limit).
 *
 * Each key (the global window, one per chat) keeps the timestamps of its last `limit` accepted
 * messages in a ring buffer. A message is accepted when, after forgetting timestamps older than the
 * window, fewer than `limit` remain. Otherwise the answer is 429 with retry_after = whole seconds
 * until the oldest remembered timestamp leaves the window (at least 1). Checking and recording are
 * O(1) amortised and do not depend on how many messages were sent before; refused messages are not
 * recorded, so a client that keeps hammering is not punished further (Telegram is similar enough).
 */
import type { RateLimitOptions, WindowLimit } from "./types.js";

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  enabled: true,
  global: { limit: 30, windowMs: 1000 },
  group: { limit: 20, windowMs: 60_000 },
  private: { limit: 1, windowMs: 1000 },
  editsShareChatLimit: false,
};

/** Timestamps of the last `capacity` accepted events. */
class Ring {
  private readonly times: Float64Array;
  private head = 0; // index of the oldest
  private count = 0;

  constructor(readonly capacity: number) {
    this.times = new Float64Array(Math.max(1, capacity));
  }

  /** Drops timestamps <= now - windowMs; returns how many remain. */
  prune(now: number, windowMs: number): number {
    const edge = now - windowMs;
    while (this.count > 0 && this.times[this.head]! <= edge) {
      this.head = (this.head + 1) % this.capacity;
      this.count--;
    }
    return this.count;
  }

  oldest(): number {
    return this.times[this.head]!;
  }

  push(t: number): void {
    const tail = (this.head + this.count) % this.capacity;
    this.times[tail] = t;
    if (this.count < this.capacity) this.count++;
    else this.head = (this.head + 1) % this.capacity;
  }
}

/** One named window with its own ring per key. */
class Window {
  private readonly rings = new Map<string, Ring>();
  constructor(readonly spec: WindowLimit) {}

  /** 0 when there is room, else ms until there is room. */
  waitMs(key: string, now: number): number {
    const ring = this.rings.get(key);
    if (!ring) return this.spec.limit > 0 ? 0 : this.spec.windowMs;
    if (ring.prune(now, this.spec.windowMs) < this.spec.limit) return 0;
    return ring.oldest() + this.spec.windowMs - now;
  }

  record(key: string, now: number): void {
    let ring = this.rings.get(key);
    if (!ring) {
      ring = new Ring(Math.max(1, this.spec.limit));
      this.rings.set(key, ring);
    }
    ring.push(now);
  }
}

export type RateDecision = { ok: true } | { ok: false; retryAfter: number; scope: "global" | "group" | "private" };

export class RateLimiter {
  private options: RateLimitOptions = { ...DEFAULT_RATE_LIMITS };
  private global: Window | null = null;
  private group: Window | null = null;
  private priv: Window | null = null;

  constructor(options?: Partial<RateLimitOptions> | false) {
    this.configure(options);
  }

  get settings(): RateLimitOptions {
    return this.options;
  }

  /** Replaces the settings (merged over the defaults) and forgets all history. */
  configure(options: Partial<RateLimitOptions> | false | undefined): void {
    this.options = options === false ? { ...DEFAULT_RATE_LIMITS, enabled: false } : { ...DEFAULT_RATE_LIMITS, ...(options ?? {}) };
    this.reset();
  }

  reset(): void {
    const o = this.options;
    this.global = o.global ? new Window(o.global) : null;
    this.group = o.group ? new Window(o.group) : null;
    this.priv = o.private ? new Window(o.private) : null;
  }

  /**
   * Checks every window that applies to a message into `chatId` and, when all have room, records
   * it in all of them. `countGlobal` is false for edits/pins sharing only the chat window.
   */
  tryAcquire(chatId: number, now: number, countGlobal = true): RateDecision {
    if (!this.options.enabled) return { ok: true };
    const key = String(chatId);
    const chatWindow = chatId < 0 ? this.group : this.priv;
    const scope = chatId < 0 ? "group" : "private";
    let worst = 0;
    let worstScope: "global" | "group" | "private" = "global";
    if (countGlobal && this.global) {
      const w = this.global.waitMs("", now);
      if (w > worst) worst = w;
    }
    if (chatWindow) {
      const w = chatWindow.waitMs(key, now);
      if (w > worst) {
        worst = w;
        worstScope = scope;
      }
    }
    if (worst > 0) {
      return { ok: false, retryAfter: Math.max(1, Math.ceil(worst / 1000)), scope: worstScope };
    }
    if (countGlobal && this.global) this.global.record("", now);
    if (chatWindow) chatWindow.record(key, now);
    return { ok: true };
  }
}
