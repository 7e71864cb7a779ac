/** The flood budgets, on a fixed clock: per person, per group, strangers, and repeated refusals. */
import { describe, expect, it } from "vitest";
import { InboundThrottle } from "../../src/bot/inbound-throttle.js";

const limits = { perPersonPerMinute: 3, perGroupPerMinute: 5, strangerAnswersPerHour: 2, repeatIntervalMs: 600_000 };

describe("the inbound throttle", () => {
  it("admits a person's updates up to the budget of the last minute, then again as the minute slides", () => {
    const t = new InboundThrottle(limits);
    expect([0, 10, 20, 30].map((ms) => t.admit("tg:u:1", null, ms))).toEqual([true, true, true, false]);
    expect(t.admit("tg:u:2", null, 30)).toBe(true);
    expect(t.admit("tg:u:1", null, 60_000)).toBe(true);
    expect(t.admit("tg:u:1", null, 60_001)).toBe(false);
  });

  it("shares a group's budget among its people; a person dropped by the group keeps their own budget", () => {
    const t = new InboundThrottle(limits);
    const admitted = [1, 2, 3, 4, 5, 6].map((p) => t.admit(`tg:u:${p}`, "tg:c:-1", 0));
    expect(admitted).toEqual([true, true, true, true, true, false]);
    // Person 6 was refused by the group, not charged: three updates elsewhere still pass.
    expect([1, 2, 3].map(() => t.admit("tg:u:6", null, 1))).toEqual([true, true, true]);
  });

  it("answers a stranger a few times an hour", () => {
    const t = new InboundThrottle(limits);
    expect([0, 1, 2].map((ms) => t.answerStranger("zl:u:9", ms))).toEqual([true, true, false]);
    expect(t.answerStranger("zl:u:9", 3_600_001)).toBe(true);
  });

  it("says an identical text once per interval in a chat, and forgets old keys", () => {
    const t = new InboundThrottle(limits);
    expect(t.sayOnce("c1", "Lệnh chỉ dùng ...", 0)).toBe(true);
    expect(t.sayOnce("c1", "Lệnh chỉ dùng ...", 599_999)).toBe(false);
    expect(t.sayOnce("c2", "Lệnh chỉ dùng ...", 1)).toBe(true);
    expect(t.sayOnce("c1", "Khác", 2)).toBe(true);
    expect(t.sayOnce("c1", "Lệnh chỉ dùng ...", 600_000)).toBe(true);
    expect(t.trackedKeys).toBe(3);
    t.admit("p", null, 3_600_000 * 3);
    expect(t.trackedKeys).toBe(1);
  });
});
