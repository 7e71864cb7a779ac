/**
 * getUpdates as real long polling: idle costs no CPU, injected updates are answered at once,
 * offsets confirm, conflicts and close() behave like Telegram.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeBotApi } from "./fake-bot-api.js";
import { startFakeBotApi } from "./server.js";
import { startPollingBot, type RunningBot } from "./testing.js";
import type { TgUpdate } from "./types.js";

let fake: FakeBotApi;
let running: RunningBot | null = null;

beforeEach(async () => {
  fake = await startFakeBotApi();
});
afterEach(async () => {
  await running?.stop();
  running = null;
  await fake.close();
});

async function getUpdates(
  params: Record<string, unknown>,
): Promise<{ status: number; body: { ok: boolean; result?: TgUpdate[]; description?: string } }> {
  const res = await fetch(`${fake.apiRoot}/bot${fake.token}/getUpdates`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; result?: TgUpdate[] } };
}

describe("long polling", () => {
  it("a telegraf bot polling an idle fake uses almost no CPU", async () => {
    running = await startPollingBot(fake, () => undefined);
    await expect.poll(() => fake.isPolling).toBe(true);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 1500));
    const cpu = process.cpuUsage(cpu0);
    const wallMs = performance.now() - t0;
    const share = (cpu.user + cpu.system) / 1000 / wallMs;
    expect(share).toBeLessThan(0.05);
    expect(fake.stats().byMethod.getUpdates).toBe(1); // one request waiting, no spinning
  });

  it("answers a waiting getUpdates as soon as an update is injected", async () => {
    const t0 = performance.now();
    const pending = getUpdates({ timeout: 30 });
    await expect.poll(() => fake.isPolling).toBe(true);
    const injectedAt = performance.now();
    const { updateId } = fake.injectMessage({ chat: 1, text: "now" });
    const { body } = await pending;
    const latency = performance.now() - injectedAt;
    expect(body.result!.map((u) => u.update_id)).toEqual([updateId]);
    expect(latency).toBeLessThan(500); // typically 1-5 ms; generous for loaded CI machines
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it("times out with an empty result after `timeout` seconds", async () => {
    const t0 = performance.now();
    const { body } = await getUpdates({ timeout: 1 });
    const elapsed = performance.now() - t0;
    expect(body).toEqual({ ok: true, result: [] });
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(2500);
  });

  it("keeps updates until confirmed by a higher offset; limit and negative offsets work", async () => {
    const ids = [1, 2, 3, 4].map((i) => fake.injectMessage({ chat: 10 + i, text: `u${i}` }).updateId);
    expect((await getUpdates({})).body.result!.map((u) => u.update_id)).toEqual(ids);
    expect((await getUpdates({ limit: 2 })).body.result!.map((u) => u.update_id)).toEqual(ids.slice(0, 2));
    expect((await getUpdates({ offset: ids[1]! + 1 })).body.result!.map((u) => u.update_id)).toEqual(ids.slice(2));
    expect(fake.pendingUpdates()).toHaveLength(2);
    expect((await getUpdates({ offset: -1 })).body.result!.map((u) => u.update_id)).toEqual([ids[3]]);
    await getUpdates({ offset: ids[3]! + 1 });
    expect(fake.pendingUpdates()).toEqual([]);
  });

  it("filters by allowed_updates (chat_member is off by default)", async () => {
    fake.injectMessage({ chat: 1, text: "a" });
    fake.injectUpdate({ chat_member: { chat: { id: -1, type: "group" } } });
    fake.injectMyChatMember({ chat: -5, from: { id: 1 }, oldStatus: "left", newStatus: "member" });
    expect((await getUpdates({})).body.result!.map((u) => Object.keys(u)[1])).toEqual(["message", "my_chat_member"]);
    const only = await getUpdates({ allowed_updates: ["my_chat_member"] });
    expect(only.body.result!.map((u) => Object.keys(u)[1])).toEqual(["my_chat_member"]);
  });

  it("a second getUpdates ends the waiting one with 409 Conflict", async () => {
    const first = getUpdates({ timeout: 30 });
    await expect.poll(() => fake.isPolling).toBe(true);
    const second = getUpdates({ timeout: 0 });
    expect((await first).body).toEqual({
      ok: false,
      error_code: 409,
      description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    });
    expect((await second).status).toBe(200);
  });

  it("forgets a long poll whose client went away", async () => {
    const ac = new AbortController();
    const req = fetch(`${fake.apiRoot}/bot${fake.token}/getUpdates?timeout=30`, { signal: ac.signal }).catch(() => "aborted");
    await expect.poll(() => fake.isPolling).toBe(true);
    ac.abort();
    expect(await req).toBe("aborted");
    await expect.poll(() => fake.isPolling).toBe(false);
    // the update stays queued for the next poller
    const { updateId } = fake.injectMessage({ chat: 1, text: "later" });
    expect((await getUpdates({})).body.result!.map((u) => u.update_id)).toEqual([updateId]);
  });

  it("close() answers waiting long polls and resolves quickly", async () => {
    const pending = getUpdates({ timeout: 30 });
    await expect.poll(() => fake.isPolling).toBe(true);
    const t0 = performance.now();
    await fake.close();
    expect(performance.now() - t0).toBeLessThan(500);
    expect((await pending).body).toEqual({ ok: true, result: [] });
  });
});
