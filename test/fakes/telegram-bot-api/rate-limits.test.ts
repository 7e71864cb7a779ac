/**
 * Sliding-window rate limits: the windows, retry_after, what counts, and a naive flood.
 */
import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { FakeBotApi } from "./fake-bot-api.js";
import { RateLimiter } from "./rate-limits.js";
import { startFakeBotApi } from "./server.js";

describe("RateLimiter (sliding windows)", () => {
  it("allows 1 message per second into a private chat, with retry_after in whole seconds", () => {
    const l = new RateLimiter({});
    expect(l.tryAcquire(5, 10_000)).toEqual({ ok: true });
    expect(l.tryAcquire(5, 10_400)).toEqual({ ok: false, retryAfter: 1, scope: "private" });
    expect(l.tryAcquire(6, 10_400)).toEqual({ ok: true }); // another chat is independent
    expect(l.tryAcquire(5, 11_000)).toEqual({ ok: true }); // the window slid past the first message
  });

  it("allows 20 per minute into a group; the window slides, it does not reset", () => {
    const l = new RateLimiter({ global: false });
    for (let i = 0; i < 20; i++) expect(l.tryAcquire(-100, i * 1000).ok).toBe(true);
    expect(l.tryAcquire(-100, 20_000)).toEqual({ ok: false, retryAfter: 40, scope: "group" });
    expect(l.tryAcquire(-100, 59_500)).toEqual({ ok: false, retryAfter: 1, scope: "group" });
    expect(l.tryAcquire(-100, 60_000).ok).toBe(true); // the message from t=0 left the window
    expect(l.tryAcquire(-100, 60_500)).toEqual({ ok: false, retryAfter: 1, scope: "group" }); // t=1000 still in it
    expect(l.tryAcquire(-100, 61_000).ok).toBe(true);
  });

  it("allows 30 per second overall, across chats", () => {
    const l = new RateLimiter({});
    for (let i = 0; i < 30; i++) expect(l.tryAcquire(1000 + i, 5000 + i).ok).toBe(true);
    expect(l.tryAcquire(2000, 5100)).toEqual({ ok: false, retryAfter: 1, scope: "global" });
    expect(l.tryAcquire(2000, 6000).ok).toBe(true);
  });

  it("does not count refused messages, and can be configured or disabled", () => {
    const l = new RateLimiter({ private: { limit: 2, windowMs: 10_000 } });
    expect(l.tryAcquire(1, 0).ok).toBe(true);
    expect(l.tryAcquire(1, 1).ok).toBe(true);
    for (let t = 2; t < 100; t++) expect(l.tryAcquire(1, t).ok).toBe(false);
    expect(l.tryAcquire(1, 10_000).ok).toBe(true);
    expect(new RateLimiter(false).tryAcquire(1, 0).ok).toBe(true);
    const off = new RateLimiter({ enabled: false });
    for (let i = 0; i < 100; i++) expect(off.tryAcquire(1, 0).ok).toBe(true);
  });
});

describe("rate limits over HTTP", () => {
  let fake: FakeBotApi;
  afterEach(async () => {
    await fake.close();
  });

  const post = (method: string, body: unknown) =>
    fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("exempts edits and pins by default and counts them when asked", async () => {
    fake = await startFakeBotApi();
    const sent = (await (await post("sendMessage", { chat_id: 7, text: "a" })).json()) as { result: { message_id: number } };
    for (let i = 0; i < 3; i++) {
      expect((await post("editMessageText", { chat_id: 7, message_id: sent.result.message_id, text: `e${i}` })).status).toBe(200);
    }
    fake.configure({ rateLimits: { editsShareChatLimit: true } }); // also forgets the history
    expect((await post("editMessageText", { chat_id: 7, message_id: sent.result.message_id, text: "x1" })).status).toBe(200);
    expect((await post("editMessageText", { chat_id: 7, message_id: sent.result.message_id, text: "x2" })).status).toBe(429);
    expect(fake.sentMessage(7, sent.result.message_id)!.text).toBe("x1");
  });

  it("survives a naive flood of concurrent requests: exactly the window's worth is delivered", async () => {
    fake = await startFakeBotApi({ rateLimits: { global: { limit: 30, windowMs: 60_000 } } });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    const statuses = await Promise.all(
      Array.from(
        { length: 1500 },
        (_, i) =>
          new Promise<number>((resolve, reject) => {
            const body = JSON.stringify({ chat_id: 10_000 + i, text: `flood ${i}` });
            const req = http.request(
              `${fake.apiRoot}/bot${fake.token}/sendMessage`,
              { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
              (res) => {
                res.resume();
                res.on("end", () => resolve(res.statusCode ?? 0));
              },
            );
            req.on("error", reject);
            req.end(body);
          }),
      ),
    );
    agent.destroy();
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1470);
    expect(fake.stats()).toMatchObject({ delivered: 30, rateLimited429: 1470, requests: 1500 });
    expect(fake.allMessages()).toHaveLength(30);
  });
});
