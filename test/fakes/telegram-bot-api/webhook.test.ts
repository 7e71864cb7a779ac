/**
 * Webhook mode: the fake POSTs injected updates to the registered URL with the secret header,
 * retries on non-2xx, executes methods found in the webhook answer (telegraf's webhookReply).
 */
import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { message } from "telegraf/filters";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeBotApi } from "./fake-bot-api.js";
import { startFakeBotApi } from "./server.js";
import { botFor } from "./testing.js";
import type { TgUpdate } from "./types.js";

let fake: FakeBotApi;
const servers: http.Server[] = [];

beforeEach(async () => {
  fake = await startFakeBotApi({ rateLimits: false, webhook: { retryDelaysMs: [20, 40] } });
});
afterEach(async () => {
  await fake.close();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function listen(handler: http.RequestListener): Promise<number> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

describe("webhook push", () => {
  it("drives a telegraf webhook bot with the secret header; webhookReply answers are executed", async () => {
    const bot = botFor(fake, { webhookReply: true }); // telegraf's default: answerCbQuery goes into the HTTP answer
    bot.on(message("text"), (ctx) => ctx.reply(`nhận: ${ctx.message.text}`));
    bot.on("callback_query", (ctx) => ctx.answerCbQuery("đã bấm"));
    const seen: IncomingHttpHeaders[] = [];
    let callback: http.RequestListener = (_req, res) => res.end();
    const port = await listen((req, res) => {
      seen.push(req.headers);
      callback(req, res);
    });
    // createWebhook registers "https://127.0.0.1:PORT/hook" (telegraf always uses https);
    // the fake downgrades loopback https to http by default
    callback = (await bot.createWebhook({
      domain: `127.0.0.1:${port}`,
      path: "/hook",
      secret_token: "s3cret-Token_1",
    })) as http.RequestListener;
    expect(fake.webhook()).toMatchObject({ url: `https://127.0.0.1:${port}/hook`, secretToken: "s3cret-Token_1" });

    fake.injectMessage({ chat: 42, text: "xin chào" });
    expect((await fake.waitFor((m) => m.chatId === 42)).text).toBe("nhận: xin chào");
    expect(seen[0]!["x-telegram-bot-api-secret-token"]).toBe("s3cret-Token_1");

    const sent = fake.lastMessageTo(42)!;
    const press = fake.injectCallback({ from: { id: 42 }, chat: 42, messageId: sent.messageId, data: "x" });
    expect((await fake.waitForCallbackAnswer(press.callbackQueryId)).text).toBe("đã bấm");
    expect(fake.pendingUpdates()).toEqual([]);
    expect(fake.stats().webhookDelivered).toBe(2);

    const conflict = await fetch(`${fake.apiRoot}/bot${fake.token}/getUpdates`);
    expect(conflict.status).toBe(409);
  });

  it("retries non-2xx answers in order and reports the error in getWebhookInfo", async () => {
    const received: number[] = [];
    let failuresLeft = 2;
    const port = await listen(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += String(chunk);
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(500).end();
        return;
      }
      received.push((JSON.parse(body) as TgUpdate).update_id);
      res.writeHead(200).end();
    });
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/setWebhook`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: `http://127.0.0.1:${port}/h` }),
    });
    expect(await res.json()).toEqual({ ok: true, result: true, description: "Webhook was set" });
    const ids = [1, 2, 3].map((i) => fake.injectMessage({ chat: i, text: String(i) }).updateId);
    await expect.poll(() => received, { timeout: 3000 }).toEqual(ids);
    expect(fake.stats().webhookFailedAttempts).toBe(2);
    const info = (await (await fetch(`${fake.apiRoot}/bot${fake.token}/getWebhookInfo`)).json()) as { result: Record<string, unknown> };
    expect(info.result).toMatchObject({
      url: `http://127.0.0.1:${port}/h`,
      pending_update_count: 0,
      last_error_message: "Wrong response from the webhook: 500 Internal Server Error",
    });
  });

  it("queues updates for getUpdates again after deleteWebhook", async () => {
    const port = await listen((_req, res) => res.writeHead(503).end());
    const bot = botFor(fake);
    await bot.telegram.setWebhook(`http://127.0.0.1:${port}/never`);
    const { updateId } = fake.injectMessage({ chat: 5, text: "stuck" });
    await expect.poll(() => fake.stats().webhookFailedAttempts).toBeGreaterThan(0);
    await bot.telegram.deleteWebhook();
    const updates = await bot.telegram.getUpdates(0, 100, 0, undefined as never);
    expect(updates.map((u) => u.update_id)).toEqual([updateId]);
  });
});
