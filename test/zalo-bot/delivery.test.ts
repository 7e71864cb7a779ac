/**
 * The Zalo Bot Platform's answers, through the real outbox: server errors and dropped connections are
 * retried and delivered once, a 429 pauses the chat, a 403 marks the chat gone and the notice undelivered
 * with the reason, long texts are split at 2,000 characters, a group gets no more than its per-minute
 * limit; the webhook checks its secret; a refused token stops start-up with one line.
 */
import { afterEach, describe, expect, it } from "vitest";
import { E2E } from "../helpers/e2e.js";
import type { FakeUser } from "../fakes/zalo-bot-api/index.js";
import { enqueue } from "../../src/delivery/outbox.js";
import { ensureChat } from "../../src/db/chats.js";
import { draftFromText } from "../../src/core/notices/draft.js";
import { publishNotice } from "../../src/core/notices/publish.js";
import { ZaloBotTokenRefused } from "../../src/platforms/zalo-bot/adapter.js";
import { startFakeZaloBotApi } from "../fakes/zalo-bot-api/index.js";
import { loadConfig } from "../../src/config.js";
import { createApp } from "../../src/app.js";
import { silentLogger } from "../../src/logging/logger.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { html } from "../../src/text/html.js";

let e: E2E | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

const an: FakeUser = { id: "a1b2c3d4e5f60001", name: "Nguyễn Văn An" };
const GROUP = "g0f1e2d3c4b5a6978";

async function queue(chatExternalId: string, kind: "private" | "group", texts: string[]) {
  const chat = await ensureChat(e!.db.prisma, "zalo_bot", chatExternalId, kind);
  await e!.db.transaction(async (tx) => {
    for (const [i, text] of texts.entries())
      await enqueue(tx, { key: `t:${chatExternalId}:${i}`, chatId: chat.id, message: { kind: "text", text: html`${text}` } });
  });
  e!.app.services.notifyOutbox();
  return chat;
}

const zaloSender = () => e!.app.senders.find((s) => s.platform === "zalo_bot")!;

describe("Zalo Bot Platform delivery", () => {
  it("retries server errors and a dropped connection, then delivers each message once, in order", async () => {
    e = await E2E.start({ zaloBot: true });
    e.zaloBot!.injectText(an, "xin chào");
    e.zaloBot!.failNext("sendMessage", { code: 502, description: "Bad Gateway" }, 2);
    e.zaloBot!.failNext("sendMessage", { code: "drop" });
    await queue(an.id, "private", ["một", "hai"]);
    await e.zaloBot!.until(() => e!.zaloBot!.sentTo(an.id).filter((s) => /^(một|hai)$/.test(s.text ?? "")).length === 2);
    await e.drain();
    expect(
      e
        .zaloBot!.sentTo(an.id)
        .map((s) => s.text)
        .filter((t) => t === "một" || t === "hai"),
    ).toEqual(["một", "hai"]);
    expect(zaloSender().stats.retries).toBe(3);
    const rows = await e.db.prisma.outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: `t:${an.id}` } },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ["sent", 4],
      ["sent", 1],
    ]);
  });

  it("waits retry_after on a 429 without counting the attempt", async () => {
    e = await E2E.start({ zaloBot: true });
    e.zaloBot!.injectText(an, "xin chào");
    e.zaloBot!.failNext("sendMessage", { code: 429, description: "Too Many Requests", retryAfter: 1 });
    await queue(an.id, "private", ["sau khi chờ"]);
    const sent = await e.zaloBot!.waitForSent(an.id, (s) => s.text === "sau khi chờ");
    const refused = e.zaloBot!.calls.find((c) => c.method === "sendMessage" && c.chatId === an.id)!;
    expect(sent.at - refused.at).toBeGreaterThanOrEqual(990);
    await e.drain();
    expect(zaloSender().stats.rateLimited).toBe(1);
    const row = await e.db.prisma.outboxMessage.findFirst({ where: { idempotencyKey: `t:${an.id}:0` } });
    expect([row?.status, row?.attempts]).toEqual(["sent", 1]);
  });

  it("marks a group the bot was removed from as gone, and the notice as undelivered with the reason", async () => {
    e = await E2E.start({ zaloBot: true });
    await e.registerGroup(GROUP, "unit", "PHO_AN", "HĐND xã Phổ An", "zalo_bot");
    e.zaloBot!.joinGroup(GROUP);
    e.zaloBot!.block(GROUP);
    const draft = draftFromText("THÔNG BÁO\nHọp\nNội dung.", e.config.timezone, null);
    const r = await e.db.transaction((tx) =>
      publishNotice(tx, {
        councilId: e!.councilId,
        draft,
        title: "Họp",
        audience: { kind: "all" },
        pin: false,
        authorMemberId: null,
        authorLabel: "test",
        reportChatId: null,
        now: e!.clock.now(),
      }),
    );
    if (!r.ok) throw new Error("no targets");
    e.app.services.notifyOutbox();
    await e.drain();
    const chat = await e.db.prisma.chat.findFirst({ where: { platform: "zalo_bot", externalId: GROUP } });
    expect(chat?.active).toBe(false);
    const delivery = await e.db.prisma.noticeDelivery.findFirst({ where: { noticeId: r.noticeId } });
    expect(delivery?.status).toBe("failed");
    expect(delivery?.failReason).toMatch(/^chat_gone: 403 Forbidden/);
  });

  it("splits a long text at 2,000 characters and keeps a group to its per-minute limit", async () => {
    e = await E2E.start({ zaloBot: true, env: { ZALO_BOT_RATE_GROUP_PER_MINUTE: "2" } });
    e.zaloBot!.joinGroup(GROUP);
    const paragraph = "Nội dung thông báo dài. ".repeat(40).trim();
    await queue(GROUP, "group", [`${paragraph}\n\n${paragraph}\n\n${paragraph}`, "ba", "bốn"]);
    await e.zaloBot!.until(() => e!.zaloBot!.sentTo(GROUP).length === 2);
    const parts = e.zaloBot!.sentTo(GROUP).map((s) => s.text!);
    expect(parts.every((t) => t.length <= 2000)).toBe(true);
    expect(parts.join("\n\n")).toBe(`${paragraph}\n\n${paragraph}\n\n${paragraph}`);
    // The third message (the last part, then "ba", "bốn") waits for the minute: nothing more was sent.
    const pending = await e.db.prisma.outboxMessage.count({ where: { status: "pending", chat: { externalId: GROUP } } });
    expect(pending).toBeGreaterThanOrEqual(2);
    expect(e.zaloBot!.sentTo(GROUP)).toHaveLength(2);
  });
});

describe("Zalo Bot Platform connection", () => {
  it("in webhook mode registers the webhook with its secret and refuses a request without it", async () => {
    e = await E2E.start({
      zaloBot: true,
      env: {
        ZALO_BOT_WEBHOOK_URL: "https://bot.example.gov.vn/zalo-hook",
        ZALO_BOT_WEBHOOK_SECRET: "s3cret-webhook-token",
        ZALO_BOT_WEBHOOK_PORT: "0",
        ZALO_BOT_WEBHOOK_HOST: "127.0.0.1",
      },
    });
    const fake = e.zaloBot!;
    expect(fake.webhook).toEqual({ url: "https://bot.example.gov.vn/zalo-hook", secret: "s3cret-webhook-token" });
    expect(fake.calls.some((c) => c.method === "getUpdates")).toBe(false);
    // The fake delivers to where the app listens (the public URL points at a reverse proxy in real life).
    fake.webhookTarget = `http://127.0.0.1:${e.zaloBotAdapter!.webhookPort}/zalo-hook`;
    expect(await fake.deliver(fake.textUpdate(an, "/trogiup"), "wrong-secret-0000")).toBe(401);
    expect(await fake.deliver(fake.textUpdate(an, "/trogiup"), "")).toBe(401);
    expect(fake.sentTo(an.id)).toHaveLength(0);
    expect(await fake.deliver(fake.textUpdate(an, "/trogiup"))).toBe(200);
    const help = await fake.waitForSent(an.id);
    expect(help.text).toMatch(/\/start/);
    // An update delivered twice (Zalo retrying) is answered once.
    const again = fake.textUpdate(an, "/trogiup");
    expect(await fake.deliver(again)).toBe(200);
    expect(await fake.deliver(again)).toBe(200);
    await fake.until(() => fake.sentTo(an.id).length >= 2);
    await e.drain();
    expect(fake.sentTo(an.id)).toHaveLength(2);
  });

  it("stops start-up with one line when Zalo refuses the token", async () => {
    const fake = await startFakeZaloBotApi();
    const dir = mkdtempSync(path.join(tmpdir(), "council-zb-"));
    const config = loadConfig(
      {
        DATABASE_URL: `file:${path.join(dir, "council.db")}`,
        DATA_DIR: dir,
        ZALO_BOT_TOKEN: "7301234567:WrongTokenWrongToken",
        ZALO_BOT_API_ROOT: fake.apiRoot,
        WEB_ENABLED: "false",
        LOG_LEVEL: "silent",
      },
      dir,
    );
    const app = await createApp(config, { logger: silentLogger(), cron: false });
    await expect(app.start()).rejects.toBeInstanceOf(ZaloBotTokenRefused);
    await expect(app.start()).rejects.toThrow("Zalo refused ZALO_BOT_TOKEN (401)");
    await app.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
