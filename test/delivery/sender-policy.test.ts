/**
 * The outbox sender's retry policy, with a scripted platform instead of Telegram: a 429 pauses only its
 * chat, transient errors back off exponentially up to the attempt limit, a gone chat stops, a migrated
 * chat moves, permanent errors fail at once, concurrency and per-chat order hold, and entries left
 * "sending" by a dead process are sent again and counted.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { ensureChat, findChatById, type ChatRow } from "../../src/db/chats.js";
import { enqueue, PRIORITY } from "../../src/delivery/outbox.js";
import { backoffDelayMs, OutboxSender, type OutboxSenderOptions } from "../../src/delivery/sender.js";
import { OutcomeHooks } from "../../src/delivery/outcome-hooks.js";
import type { PlatformSender, SendOutcome } from "../../src/delivery/platform-sender.js";
import type { RateLimits } from "../../src/delivery/rate-limiter.js";
import type { StoredMessage } from "../../src/messaging/outbound.js";
import { silentLogger } from "../../src/logging/logger.js";
import { systemClock } from "../../src/domain/time/clock.js";
import { trustedHtml } from "../../src/text/html.js";

interface Call {
  chat: string;
  text: string;
  at: number;
  outcome: SendOutcome;
}

/** A platform whose answers are scripted per chat (consumed in order; then every call succeeds). */
class ScriptedPlatform implements PlatformSender {
  readonly platform = "telegram";
  readonly calls: Call[] = [];
  readonly script = new Map<string, SendOutcome[]>();
  inFlight = 0;
  maxInFlight = 0;
  private nextId = 1;

  constructor(
    readonly limits: RateLimits = { globalPerSecond: 1000, groupPerMinute: 1000, privatePerSecond: 100 },
    private readonly callMs = 2,
  ) {}

  answer(chat: string, ...outcomes: SendOutcome[]): void {
    this.script.set(chat, [...(this.script.get(chat) ?? []), ...outcomes]);
  }

  async send(chat: ChatRow, message: StoredMessage): Promise<SendOutcome> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const at = Date.now();
    await new Promise((r) => setTimeout(r, this.callMs));
    const outcome = this.script.get(chat.externalId)?.shift() ?? { ok: true, messageIds: [String(this.nextId++)] };
    this.calls.push({ chat: chat.externalId, text: message.kind === "text" ? String(message.text) : message.kind, at, outcome });
    this.inFlight--;
    return outcome;
  }

  callsTo(chat: string): Call[] {
    return this.calls.filter((c) => c.chat === chat);
  }
}

const transient = (reason = "502 Bad Gateway"): SendOutcome => ({ ok: false, kind: "transient", reason });

let t: TestDatabase;
let sender: OutboxSender | undefined;
const failedHook: { id: number; reason: string }[] = [];

beforeEach(async () => {
  t = await createTestDatabase();
  failedHook.length = 0;
});
afterEach(async () => {
  await sender?.stop();
  sender = undefined;
  await t.cleanup();
});

async function chat(externalId: string, kind: "group" | "private" = "group"): Promise<number> {
  return (await ensureChat(t.db.prisma, "telegram", externalId, kind)).id;
}

async function put(chatId: number, key: string, text = key): Promise<void> {
  await t.db.transaction((tx) =>
    enqueue(tx, {
      key,
      chatId,
      message: { kind: "text", text: trustedHtml(text) },
      priority: PRIORITY.bulk,
      ref: { type: "test", id: chatId },
    }),
  );
}

async function run(platform: ScriptedPlatform, options: Partial<OutboxSenderOptions> = {}): Promise<OutboxSender> {
  const hooks = new OutcomeHooks().register("test", {
    async onFailed(_tx, row, reason) {
      failedHook.push({ id: row.id, reason });
    },
  });
  sender = new OutboxSender({
    db: t.db,
    sender: platform,
    hooks,
    logger: silentLogger(),
    clock: systemClock,
    dataDir: t.dir,
    maxAttempts: 8,
    pollIntervalMs: 20,
    backoff: { baseMs: 40, maxMs: 2000 },
    random: () => 1,
    ...options,
  });
  await sender.start();
  await sender.whenDrained();
  return sender;
}

const row = (key: string) => t.db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: key } });

describe("the outbox sender's retry policy", () => {
  it("waits retry_after for a chat that got 429, while other chats go on; the attempt is not counted", async () => {
    const a = await chat("-1001");
    const b = await chat("-1002");
    await put(a, "a1");
    await put(a, "a2");
    for (let i = 1; i <= 4; i++) await put(b, `b${i}`);
    const platform = new ScriptedPlatform();
    platform.answer("-1001", { ok: false, kind: "rate_limited", retryAfterMs: 400, reason: "429 Too Many Requests: retry after 1" });
    const s = await run(platform);

    const toA = platform.callsTo("-1001");
    const toB = platform.callsTo("-1002");
    expect(toA.map((c) => c.text)).toEqual(["a1", "a1", "a2"]);
    expect(toB.map((c) => c.text)).toEqual(["b1", "b2", "b3", "b4"]);
    // Only chat A waited: B finished before A's pause was over.
    expect(toA[1]!.at - toA[0]!.at).toBeGreaterThanOrEqual(395);
    expect(toB[3]!.at).toBeLessThan(toA[0]!.at + 400);
    expect(s.stats.rateLimited).toBe(1);
    expect((await row("a1")).attempts).toBe(1);
    expect((await row("a1")).status).toBe("sent");
  });

  it("backs off exponentially on transient errors, then sends", async () => {
    const a = await chat("-1001");
    await put(a, "a1");
    await put(a, "a2");
    const platform = new ScriptedPlatform();
    platform.answer("-1001", transient(), transient("network: ECONNRESET"), transient("500 Internal Server Error"));
    const s = await run(platform, { backoff: { baseMs: 40, maxMs: 2000 }, random: () => 1 });

    const toA = platform.callsTo("-1001");
    expect(toA.map((c) => c.text)).toEqual(["a1", "a1", "a1", "a1", "a2"]);
    const gaps = [1, 2, 3].map((i) => toA[i]!.at - toA[i - 1]!.at);
    // random() = 1 gives the full exponential delay: 40, 80, 160 ms.
    expect(gaps[0]).toBeGreaterThanOrEqual(38);
    expect(gaps[1]).toBeGreaterThanOrEqual(78);
    expect(gaps[2]).toBeGreaterThanOrEqual(158);
    // The delays themselves, exactly (the gaps above only bound them from below: a loaded machine adds time).
    expect([1, 2, 3].map((n) => backoffDelayMs(n, { baseMs: 40, maxMs: 2000 }, 1))).toEqual([40, 80, 160]);
    expect([1, 2, 3, 9].map((n) => backoffDelayMs(n, { baseMs: 40, maxMs: 2000 }, 0))).toEqual([20, 40, 80, 1000]);
    expect(s.stats.retries).toBe(3);
    expect(await row("a1")).toMatchObject({ status: "sent", attempts: 4 });
  });

  it("adds jitter: with random() = 0 the delay is half the exponential step", async () => {
    const a = await chat("-1001");
    await put(a, "a1");
    const platform = new ScriptedPlatform();
    platform.answer("-1001", transient(), transient());
    await run(platform, { backoff: { baseMs: 200, maxMs: 2000 }, random: () => 0 });
    const toA = platform.callsTo("-1001");
    expect(toA).toHaveLength(3);
    const first = toA[1]!.at - toA[0]!.at;
    const second = toA[2]!.at - toA[1]!.at;
    expect(first).toBeGreaterThanOrEqual(98);
    expect(second).toBeGreaterThanOrEqual(198);
    expect([1, 2].map((n) => backoffDelayMs(n, { baseMs: 200, maxMs: 2000 }, 0))).toEqual([100, 200]);
  });

  it("fails a message with the reason after maxAttempts, reports it, and goes on with the chat's next message", async () => {
    const a = await chat("-1001");
    await put(a, "a1");
    await put(a, "a2");
    const platform = new ScriptedPlatform();
    platform.answer("-1001", transient(), transient(), transient());
    const s = await run(platform, { maxAttempts: 3, backoff: { baseMs: 10, maxMs: 100 } });

    expect(platform.callsTo("-1001").map((c) => c.text)).toEqual(["a1", "a1", "a1", "a2"]);
    const failed = await row("a1");
    expect(failed.status).toBe("failed");
    expect(failed.lastError).toBe("gave up after 3 attempts: 502 Bad Gateway");
    expect(failedHook).toEqual([{ id: failed.id, reason: "gave up after 3 attempts: 502 Bad Gateway" }]);
    expect(s.stats.failed).toBe(1);
    expect((await row("a2")).status).toBe("sent");
  });

  it("stops sending to a chat that is gone (403): the chat becomes inactive, its pending messages fail with the reason", async () => {
    const a = await chat("-1001");
    const b = await chat("-1002");
    for (const k of ["a1", "a2", "a3"]) await put(a, k);
    for (const k of ["b1", "b2"]) await put(b, k);
    const platform = new ScriptedPlatform();
    platform.answer("-1001", { ok: false, kind: "chat_gone", reason: "403 Forbidden: bot was kicked from the supergroup chat" });
    const s = await run(platform);

    expect(platform.callsTo("-1001")).toHaveLength(1);
    expect(platform.callsTo("-1002").map((c) => c.text)).toEqual(["b1", "b2"]);
    const gone = await findChatById(t.db.prisma, a);
    expect(gone).toMatchObject({ active: false, inactiveReason: "403 Forbidden: bot was kicked from the supergroup chat" });
    for (const k of ["a1", "a2", "a3"])
      expect(await row(k)).toMatchObject({
        status: "failed",
        lastError: "chat_gone: 403 Forbidden: bot was kicked from the supergroup chat",
      });
    expect(failedHook).toHaveLength(3);
    expect(s.stats.chatsGone).toBe(1);
  });

  it("moves a migrated group to its new id and resends there at once", async () => {
    const a = await chat("-4001");
    await put(a, "a1");
    await put(a, "a2");
    const platform = new ScriptedPlatform();
    platform.answer("-4001", {
      ok: false,
      kind: "migrated",
      newChatId: "-1004001",
      reason: "400 Bad Request: group chat was upgraded to a supergroup chat",
    });
    const s = await run(platform);

    expect(platform.calls.map((c) => `${c.chat}:${c.text}`)).toEqual(["-4001:a1", "-1004001:a1", "-1004001:a2"]);
    expect(await t.db.prisma.chat.findUniqueOrThrow({ where: { id: a } })).toMatchObject({
      externalId: "-1004001",
      previousExternalId: "-4001",
      active: true,
    });
    expect(s.stats.migrated).toBe(1);
    expect((await row("a1")).attempts).toBe(1);
  });

  it("fails a permanently refused message at once, without retrying", async () => {
    const a = await chat("-1001");
    await put(a, "a1");
    const platform = new ScriptedPlatform();
    platform.answer("-1001", { ok: false, kind: "permanent", reason: "400 Bad Request: message is too long" });
    const s = await run(platform);
    expect(platform.callsTo("-1001")).toHaveLength(1);
    expect(await row("a1")).toMatchObject({ status: "failed", lastError: "refused: 400 Bad Request: message is too long" });
    expect(s.stats.retries).toBe(0);
  });

  it("keeps at most `concurrency` calls in flight and every chat strictly in order", async () => {
    const chats: number[] = [];
    for (let i = 0; i < 12; i++) chats.push(await chat(String(-2000 - i)));
    for (let part = 1; part <= 3; part++) for (const c of chats) await put(c, `c${c}-p${part}`);
    const platform = new ScriptedPlatform(undefined, 10);
    // A transient failure in the middle of one chat must not let its later parts overtake it.
    platform.answer("-2003", { ok: true, messageIds: ["1"] }, transient());
    await run(platform, { concurrency: 3, backoff: { baseMs: 30, maxMs: 100 } });

    expect(platform.maxInFlight).toBeLessThanOrEqual(3);
    expect(platform.maxInFlight).toBeGreaterThan(1);
    for (const c of chats) {
      const sent = platform.calls.filter((x) => x.text.startsWith(`c${c}-`) && x.outcome.ok).map((x) => x.text);
      expect(sent).toEqual([`c${c}-p1`, `c${c}-p2`, `c${c}-p3`]);
    }
  });

  it("never exceeds the global limit in any one-second window", async () => {
    const chats: number[] = [];
    for (let i = 0; i < 25; i++) chats.push(await chat(String(-3000 - i)));
    for (const c of chats) await put(c, `m${c}`);
    const platform = new ScriptedPlatform({ globalPerSecond: 10, groupPerMinute: 20, privatePerSecond: 1 });
    const started = Date.now();
    await run(platform);
    const times = platform.calls.map((c) => c.at).sort((x, y) => x - y);
    expect(times).toHaveLength(25);
    // The account-wide slot is booked right before the platform call, so the calls themselves respect the
    // limit; a few ms of timer slack remain. A limiter that did not hold would send all 25 within milliseconds.
    const SLACK_MS = 5;
    for (let i = 10; i < times.length; i++) expect(times[i]! - times[i - 10]!, `call ${i}`).toBeGreaterThanOrEqual(1000 - SLACK_MS);
    expect(times[20]! - times[0]!).toBeGreaterThanOrEqual(2000 - SLACK_MS);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000 - SLACK_MS);
  });

  it("sends again what a dead process left 'sending' (outcome unknown), and counts it", async () => {
    const a = await chat("-1001");
    await put(a, "a1");
    await put(a, "a2");
    await t.db.prisma.outboxMessage.update({
      where: { idempotencyKey: "a1" },
      data: { status: "sending", attempts: 1, claimedAt: new Date() },
    });
    const platform = new ScriptedPlatform();
    const s = await run(platform);
    expect(platform.calls.map((c) => c.text)).toEqual(["a1", "a2"]);
    expect(s.stats.resentAfterCrash).toBe(1);
    expect(await row("a1")).toMatchObject({ status: "sent", attempts: 2 });
  });
});
