import { describe, expect, it } from "vitest";
import { ChatRateLimiter, SlidingWindow } from "../../src/delivery/rate-limiter.js";

describe("SlidingWindow", () => {
  it("allows `limit` sends in any window and says when the next is allowed", () => {
    const w = new SlidingWindow(3, 1000);
    for (const t of [0, 100, 200]) {
      expect(w.readyAt(t)).toBe(t);
      w.take(t);
    }
    expect(w.readyAt(300)).toBe(1000);
    expect(w.readyAt(1000)).toBe(1000);
    w.take(1000);
    expect(w.readyAt(1050)).toBe(1100);
  });

  it("never exceeds the limit over any interval under a dense schedule", () => {
    const w = new SlidingWindow(30, 1000);
    const sends: number[] = [];
    for (let t = 0; t < 10_000; t += 7) {
      if (w.readyAt(t) <= t) {
        w.take(t);
        sends.push(t);
      }
    }
    for (let i = 30; i < sends.length; i++) expect(sends[i]! - sends[i - 30]!).toBeGreaterThanOrEqual(1000);
    expect(sends.length).toBeGreaterThan(290);
  });
});

describe("ChatRateLimiter", () => {
  const limits = { globalPerSecond: 30, groupPerMinute: 20, privatePerSecond: 1 };
  it("paces a group at 20 a minute and a private chat at 1 a second", () => {
    const l = new ChatRateLimiter(limits);
    for (let i = 0; i < 20; i++) l.take(1, "group", i);
    // A little longer than Telegram's own windows (network jitter): 60.5 s and 1.02 s.
    expect(l.chatReadyAt(1, "group", 100)).toBe(60_500);
    l.take(2, "private", 0);
    expect(l.chatReadyAt(2, "private", 10)).toBe(1020);
  });

  it("pauses only the chat that got a 429", () => {
    const l = new ChatRateLimiter(limits);
    l.pause(1, 5000);
    expect(l.chatReadyAt(1, "group", 0)).toBe(5000);
    expect(l.chatReadyAt(3, "group", 0)).toBe(0);
    expect(l.globalReadyAt(0)).toBe(0);
  });

  it("applies Zalo's gaps between sends of the account and into one group", () => {
    const l = new ChatRateLimiter({ ...limits, groupPerMinute: 1000, accountGapMs: 1000, groupGapMs: 3000 });
    l.take(1, "group", 0);
    expect(l.globalReadyAt(10)).toBe(1000);
    expect(l.chatReadyAt(1, "group", 10)).toBe(3000);
  });

  it("counts a group's gap from the moment its call starts, not from the launch", () => {
    const l = new ChatRateLimiter({ ...limits, groupPerMinute: 1000, groupGapMs: 3000 });
    l.takeChat(1, "group", 0);
    // Claiming the entry and waiting for the account-wide slot took 1.2 s: the next call waits 3 s from there.
    l.groupCallStarts(1, "group", 1200);
    expect(l.chatReadyAt(1, "group", 1300)).toBe(4200);
    l.groupCallStarts(2, "private", 1200);
    expect(l.chatReadyAt(2, "private", 1300)).toBe(1300);
  });
});
