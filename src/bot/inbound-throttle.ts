/**
 * Flood protection in front of the dispatcher. Every answer the bot gives costs a sending slot of that chat
 * (20 a minute in a Telegram group, one a second for a whole Zalo account), and replies go out in order with
 * the commune's notices: a person typing the same command sixty times would hold back the notice behind
 * sixty answers. So, before anything touches the database:
 *
 * - a budget of updates per person per minute, and per group per minute; beyond it, updates are dropped
 *   silently (answering "slow down" would spend the very slots we are protecting);
 * - a person nobody linked (a stranger) is answered a few times an hour, then not at all;
 * - the same refusal into the same group is said once per interval.
 *
 * All of it is in memory and keyed by time from the caller's clock: a restart forgets it, which costs at most
 * one more budget's worth of answers.
 */

export interface ThrottleLimits {
  /** updates one person may send in a minute before the rest are ignored */
  perPersonPerMinute: number;
  /** updates one group may bring in a minute (all its people together) */
  perGroupPerMinute: number;
  /** answers a stranger (an account linked to nobody) gets per hour; then the bot stays silent */
  strangerAnswersPerHour: number;
  /** an identical refusal is said once per this many ms in one group */
  repeatIntervalMs: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = {
  perPersonPerMinute: 20,
  perGroupPerMinute: 60,
  strangerAnswersPerHour: 3,
  repeatIntervalMs: 10 * 60_000,
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Timestamps per key within a window; counts what happened in the last `windowMs`. */
class WindowCounter {
  private readonly stamps = new Map<string, number[]>();

  constructor(private readonly windowMs: number) {}

  /** Whether fewer than `limit` happened in the window. */
  has(key: string, limit: number, now: number): boolean {
    const list = this.live(key, now);
    this.stamps.set(key, list);
    return list.length < limit;
  }

  take(key: string, now: number): void {
    const list = this.stamps.get(key) ?? [];
    list.push(now);
    this.stamps.set(key, list);
  }

  /** Records one occurrence if fewer than `limit` happened in the window; says whether it was recorded. */
  tryTake(key: string, limit: number, now: number): boolean {
    if (!this.has(key, limit, now)) return false;
    this.take(key, now);
    return true;
  }

  private live(key: string, now: number): number[] {
    const list = this.stamps.get(key) ?? [];
    let drop = 0;
    while (drop < list.length && list[drop]! <= now - this.windowMs) drop++;
    return drop > 0 ? list.slice(drop) : list;
  }

  /** Forgets keys with nothing in the window (called now and then, so memory stays bounded). */
  sweep(now: number): void {
    for (const [key, list] of this.stamps) if ((list[list.length - 1] ?? -Infinity) <= now - this.windowMs) this.stamps.delete(key);
  }

  get size(): number {
    return this.stamps.size;
  }
}

export class InboundThrottle {
  private readonly persons = new WindowCounter(MINUTE);
  private readonly groups = new WindowCounter(MINUTE);
  private readonly strangers = new WindowCounter(HOUR);
  private readonly said = new Map<string, number>();
  private lastSweep = 0;

  constructor(readonly limits: ThrottleLimits = DEFAULT_THROTTLE) {}

  /**
   * Whether an update of this person in this chat may be handled at all. Both budgets are checked before
   * either is spent, so a person dropped by the group's budget does not also lose their own.
   */
  admit(person: string, group: string | null, now: number): boolean {
    this.maybeSweep(now);
    if (!this.persons.has(person, this.limits.perPersonPerMinute, now)) return false;
    if (group !== null && !this.groups.has(group, this.limits.perGroupPerMinute, now)) return false;
    this.persons.take(person, now);
    if (group !== null) this.groups.take(group, now);
    return true;
  }

  /** A stranger wrote: whether they are still answered (counted per hour). */
  answerStranger(person: string, now: number): boolean {
    return this.strangers.tryTake(person, this.limits.strangerAnswersPerHour, now);
  }

  /** Whether this text may be said in this chat now (false: the same was said within the interval). */
  sayOnce(chat: string, text: string, now: number): boolean {
    const key = `${chat}\u0000${text}`;
    const last = this.said.get(key);
    if (last !== undefined && now - last < this.limits.repeatIntervalMs) return false;
    this.said.set(key, now);
    return true;
  }

  private maybeSweep(now: number): void {
    if (now - this.lastSweep < MINUTE) return;
    this.lastSweep = now;
    this.persons.sweep(now);
    this.groups.sweep(now);
    this.strangers.sweep(now);
    for (const [key, at] of this.said) if (now - at >= this.limits.repeatIntervalMs) this.said.delete(key);
  }

  /** Keys held in memory (for tests of the sweep). */
  get trackedKeys(): number {
    return this.persons.size + this.groups.size + this.strangers.size + this.said.size;
  }
}
