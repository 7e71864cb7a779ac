/** The outbox against Telegram pushing back: 429 per chat, migration, 5xx and network errors, giving up. */
import { afterEach, describe, expect, it } from "vitest";
import { E2E } from "../helpers/e2e.js";
import { enqueue } from "../../src/delivery/outbox.js";
import { ensureChat } from "../../src/db/chats.js";
import { trustedHtml } from "../../src/text/html.js";

let e: E2E | undefined;
afterEach(() => e?.close());

async function send(chatExternalId: number, texts: string[], prefix: string) {
  const chat = await ensureChat(e!.db.prisma, "telegram", String(chatExternalId), chatExternalId > 0 ? "private" : "group", "test");
  await e!.db.transaction(async (tx) => {
    for (const [i, text] of texts.entries())
      await enqueue(tx, { key: `${prefix}:${i}`, chatId: chat.id, message: { kind: "text", text: trustedHtml(text) } });
  });
  e!.app.services.notifyOutbox();
  return chat;
}

describe("delivery when Telegram pushes back", () => {
  it("waits retry_after for the chat that got a 429 while other chats go on, and loses nothing", async () => {
    e = await E2E.start({ seed: false, fake: { rateLimits: { global: false, private: false, group: { limit: 3, windowMs: 2000 } } } });
    await send(-3001, ["1", "2", "3", "4", "5", "6"], "busy");
    await e.fake.waitForCount(3, { timeoutMs: 3000 });
    await send(-3002, ["other"], "calm");
    const other = await e.next(-3002, /other/);
    await e.drain();
    // The calm chat is not held behind the busy chat's pause: it arrives before the busy chat resumes.
    const fourth = e.fake.messagesTo(-3001).find((m) => m.plainText === "4")!;
    expect(other.seq).toBeLessThan(fourth.seq);
    expect(e.fake.messagesTo(-3001).map((m) => m.plainText)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(e.fake.stats().rateLimited429).toBeGreaterThan(0);
    expect(e.app.senders[0]!.stats.rateLimited).toBeGreaterThan(0);
    expect(await e.db.prisma.outboxMessage.count({ where: { status: "sent" } })).toBe(7);
  });

  it("moves a group that became a supergroup to its new id and resends", async () => {
    e = await E2E.start({ seed: false });
    e.fake.migrateChat(-4001, -1004004001);
    const chat = await send(-4001, ["trước khi chuyển", "sau khi chuyển"], "mig");
    await e.drain();
    expect(e.fake.messagesTo(-1004004001).map((m) => m.plainText)).toEqual(["trước khi chuyển", "sau khi chuyển"]);
    expect(e.fake.messagesTo(-4001)).toHaveLength(0);
    const row = await e.db.prisma.chat.findUnique({ where: { id: chat.id } });
    expect(row).toMatchObject({ externalId: "-1004004001", previousExternalId: "-4001", active: true });
  });

  it("retries 5xx and network resets with back-off, and delivers once", async () => {
    e = await E2E.start({ seed: false });
    e.fake.failNext("sendMessage", 2, 502);
    e.fake.failNext("sendMessage", 1, "reset");
    await send(-5001, ["một", "hai"], "flaky");
    await e.drain();
    expect(e.fake.messagesTo(-5001).map((m) => m.plainText)).toEqual(["một", "hai"]);
    expect(e.app.senders[0]!.stats.retries).toBe(3);
  });

  it("gives up after OUTBOX_MAX_ATTEMPTS with the reason, and goes on with the next message", async () => {
    // By count alone: no retry window (its own test is in test/delivery/retry-window.test.ts).
    e = await E2E.start({ seed: false, env: { OUTBOX_MAX_ATTEMPTS: "3", OUTBOX_RETRY_WINDOW_MINUTES: "0" } });
    e.fake.failNext("sendMessage", 3, 500);
    await send(-6001, ["không tới", "tới"], "down");
    await e.drain();
    const failed = await e.db.prisma.outboxMessage.findUnique({ where: { idempotencyKey: "down:0" } });
    expect(failed).toMatchObject({ status: "failed", attempts: 3 });
    expect(failed!.lastError).toMatch(/gave up after 3 attempts: 500/);
    expect(e.fake.messagesTo(-6001).map((m) => m.plainText)).toEqual(["tới"]);
  });

  it("marks a chat that answers 403 inactive and fails its pending messages with the reason", async () => {
    e = await E2E.start({ seed: false });
    e.fake.setForbidden(7001, true);
    const chat = await send(7001, ["a", "b", "c"], "blocked");
    await e.drain();
    const rows = await e.db.prisma.outboxMessage.findMany({ where: { chatId: chat.id } });
    expect(rows.every((r) => r.status === "failed" && /403/.test(r.lastError ?? ""))).toBe(true);
    expect(await e.db.prisma.chat.findUnique({ where: { id: chat.id } })).toMatchObject({ active: false });
    expect(e.fake.stats().forbidden403).toBe(1);
  });

  it("stores the same idempotency key once, so a retried handler never sends twice", async () => {
    e = await E2E.start({ seed: false });
    await send(-8001, ["một lần"], "same");
    await send(-8001, ["một lần"], "same");
    await e.drain();
    expect(e.fake.messagesTo(-8001)).toHaveLength(1);
  });
});
