/**
 * Sliding-window limits: at most `limit` sends in any `windowMs`. Telegram publishes its limits as
 * "about 30 messages per second" and "20 messages per minute per group"; a sliding window never exceeds
 * them over any interval, which is what keeps 429s away.
 */
export class SlidingWindow {
  private readonly stamps: number[] = [];
  private head = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  private prune(now: number): void {
    while (this.head < this.stamps.length && this.stamps[this.head]! <= now - this.windowMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.stamps.length) {
      this.stamps.splice(0, this.head);
      this.head = 0;
    }
  }

  /** The earliest moment a send is allowed (now if allowed now). */
  readyAt(now: number): number {
    this.prune(now);
    const used = this.stamps.length - this.head;
    if (used < this.limit) return now;
    return this.stamps[this.stamps.length - this.limit]! + this.windowMs;
  }

  take(now: number): void {
    this.stamps.push(now);
  }

  get idle(): boolean {
    return this.head >= this.stamps.length;
  }
}

export interface RateLimits {
  /** sends per second across all chats */
  globalPerSecond: number;
  /** sends per minute into one group */
  groupPerMinute: number;
  /** sends per second into one private chat */
  privatePerSecond: number;
  /** minimum gap between two sends of the account, ms (Zalo pacing); 0 for none */
  accountGapMs?: number;
  /** minimum gap between two sends into one group, ms (Zalo pacing); 0 for none */
  groupGapMs?: number;
}

/**
 * Our windows are slightly longer than the platform's: we book a slot right before the call, the platform
 * counts on arrival, and a few milliseconds of network jitter could otherwise squeeze 31 arrivals into one
 * second (a 429 costs that chat a whole retry_after). 2% of throughput buys that margin.
 */
const SECOND_WINDOW_MS = 1020;
const MINUTE_WINDOW_MS = 60_500;

/** The limits of one platform account: a global window plus one window per chat, and a per-chat pause after a 429. */
export class ChatRateLimiter {
  private readonly global: SlidingWindow;
  private readonly perChat = new Map<number, SlidingWindow>();
  private readonly pausedUntil = new Map<number, number>();
  private lastSendAt = -Infinity;
  private readonly lastGroupSend = new Map<number, number>();

  constructor(private readonly limits: RateLimits) {
    this.global = new SlidingWindow(limits.globalPerSecond, SECOND_WINDOW_MS);
  }

  private windowFor(chatId: number, kind: string): SlidingWindow {
    let w = this.perChat.get(chatId);
    if (!w) {
      w =
        kind === "group"
          ? new SlidingWindow(this.limits.groupPerMinute, MINUTE_WINDOW_MS)
          : new SlidingWindow(this.limits.privatePerSecond, SECOND_WINDOW_MS);
      this.perChat.set(chatId, w);
    }
    return w;
  }

  /** When this chat may receive its next message, ignoring the global limit. */
  chatReadyAt(chatId: number, kind: string, now: number): number {
    let t = Math.max(now, this.windowFor(chatId, kind).readyAt(now), this.pausedUntil.get(chatId) ?? 0);
    if (kind === "group" && this.limits.groupGapMs) t = Math.max(t, (this.lastGroupSend.get(chatId) ?? -Infinity) + this.limits.groupGapMs);
    return t;
  }

  globalReadyAt(now: number): number {
    return Math.max(this.global.readyAt(now), this.lastSendAt + (this.limits.accountGapMs ?? 0));
  }

  take(chatId: number, kind: string, now: number): void {
    this.takeGlobal(now);
    this.takeChat(chatId, kind, now);
  }

  /** Books the chat's window (when a message of this chat is launched). */
  takeChat(chatId: number, kind: string, now: number): void {
    this.windowFor(chatId, kind).take(now);
    if (kind === "group") this.lastGroupSend.set(chatId, now);
  }

  /**
   * The call into a group starts now: its gap counts from here. Booking it only at launch let the time a
   * launch spent before its call (claiming the entry, waiting for the account-wide slot) eat into the
   * gap, so two answers in one group could reach Zalo closer than ZALO_GROUP_GAP_MS.
   */
  groupCallStarts(chatId: number, kind: string, now: number): void {
    if (kind === "group") this.lastGroupSend.set(chatId, Math.max(now, this.lastGroupSend.get(chatId) ?? -Infinity));
  }

  /** Books the account-wide window: right before the platform call, so preparation time does not bunch calls up. */
  takeGlobal(now: number): void {
    this.global.take(now);
    this.lastSendAt = now;
  }

  /** The platform asked us to wait (429 retry_after): only this chat waits. */
  pause(chatId: number, until: number): void {
    this.pausedUntil.set(chatId, Math.max(until, this.pausedUntil.get(chatId) ?? 0));
  }

  /** Drops state of chats that are idle, so a country-wide broadcast does not keep 3,400 windows forever. */
  forgetIdle(now: number): void {
    for (const [chatId, w] of this.perChat) {
      w.readyAt(now);
      if (w.idle && (this.pausedUntil.get(chatId) ?? 0) <= now) {
        this.perChat.delete(chatId);
        this.pausedUntil.delete(chatId);
        this.lastGroupSend.delete(chatId);
      }
    }
  }
}
