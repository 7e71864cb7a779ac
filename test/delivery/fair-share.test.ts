/**
 * Replies and notices share the sending slots. On Zalo the whole account sends one message a second and
 * replies outrank notices: a stranger writing privately every second took every slot, so no notice or
 * reminder left. The account's gap is played here with a fixed clock that moves one second per call, so
 * the order of the calls is the whole story (no wall-clock timing).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { ensureChat, type ChatRow } from "../../src/db/chats.js";
import { enqueue, PRIORITY } from "../../src/delivery/outbox.js";
import { OutboxSender } from "../../src/delivery/sender.js";
import { FairShare } from "../../src/delivery/fair-share.js";
import { OutcomeHooks } from "../../src/delivery/outcome-hooks.js";
import type { PlatformSender, SendOutcome } from "../../src/delivery/platform-sender.js";
import type { RateLimits } from "../../src/delivery/rate-limiter.js";
import type { StoredMessage } from "../../src/messaging/outbound.js";
import { silentLogger } from "../../src/logging/logger.js";
import { FixedClock } from "../../src/domain/time/clock.js";
import { html } from "../../src/text/html.js";

/** A Zalo-like account: one message a second overall (the gap), each call takes one second of the clock. */
class OneASecond implements PlatformSender {
  readonly platform = "zalo";
  readonly limits: RateLimits = {
    globalPerSecond: 1000,
    groupPerMinute: 1000,
    privatePerSecond: 1000,
    accountGapMs: 1000,
    groupGapMs: 3000,
  };
  readonly calls: string[] = [];
  constructor(private readonly clock: FixedClock) {}
  async send(_chat: ChatRow, message: StoredMessage): Promise<SendOutcome> {
    this.calls.push(message.kind === "text" ? String(message.text) : message.kind);
    this.clock.advance(1000);
    return { ok: true, messageIds: [String(this.calls.length)] };
  }
}

let t: TestDatabase;
let sender: OutboxSender | undefined;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(async () => {
  await sender?.stop();
  sender = undefined;
  await t.cleanup();
});

describe("replies and notices share the sending slots", () => {
  it("a stranger answered every second does not hold back the notices: they take every other slot", async () => {
    const clock = new FixedClock("2026-12-05T02:00:00Z");
    const stranger = (await ensureChat(t.db.prisma, "zalo", "900001", "private")).id;
    const groups: number[] = [];
    for (let i = 1; i <= 5; i++) groups.push((await ensureChat(t.db.prisma, "zalo", `70000${i}`, "group")).id);
    // Thirty answers to the stranger are waiting (written first), then the notice to five communes.
    for (let i = 1; i <= 30; i++)
      await t.db.transaction((tx) =>
        enqueue(tx, { key: `r${i}`, chatId: stranger, message: { kind: "text", text: html`reply ${i}` }, priority: PRIORITY.interactive }),
      );
    for (const [i, g] of groups.entries())
      await t.db.transaction((tx) =>
        enqueue(tx, { key: `n${i + 1}`, chatId: g, message: { kind: "text", text: html`notice ${i + 1}` }, priority: PRIORITY.bulk }),
      );
    const platform = new OneASecond(clock);
    sender = new OutboxSender({
      db: t.db,
      sender: platform,
      hooks: new OutcomeHooks(),
      logger: silentLogger(),
      clock,
      dataDir: t.dir,
      maxAttempts: 8,
      concurrency: 1,
      pollIntervalMs: 20,
    });
    await sender.start();
    await sender.whenDrained();

    expect(platform.calls).toHaveLength(35);
    // Before: all 30 replies, then the notices (each notice had 30 or more messages ahead of it).
    expect(platform.calls.slice(0, 10)).toEqual([
      "reply 1",
      "notice 1",
      "reply 2",
      "notice 2",
      "reply 3",
      "notice 3",
      "reply 4",
      "notice 4",
      "reply 5",
      "notice 5",
    ]);
    // Every reply still goes, in order.
    expect(platform.calls.filter((c) => c.startsWith("reply"))).toEqual(Array.from({ length: 30 }, (_, i) => `reply ${i + 1}`));
  });

  it("orders the ready chats: replies first, then a turn for the rest, oldest first within each class", () => {
    const fair = new FairShare(2);
    const ready = [
      { id: 5, priority: PRIORITY.bulk },
      { id: 1, priority: PRIORITY.interactive },
      { id: 3, priority: PRIORITY.normal },
      { id: 2, priority: PRIORITY.interactive },
      { id: 4, priority: PRIORITY.interactive },
    ];
    expect(fair.order(ready).map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    fair.launched(PRIORITY.interactive);
    fair.launched(PRIORITY.interactive);
    // Two replies in a row: the next turn is the rest's.
    expect(fair.order(ready).map((r) => r.id)).toEqual([3, 1, 2, 5, 4]);
    fair.launched(PRIORITY.normal);
    expect(fair.order(ready.filter((r) => r.priority !== PRIORITY.interactive)).map((r) => r.id)).toEqual([3, 5]);
  });
});
