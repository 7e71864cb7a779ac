import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ThreadType, ZaloApiError } from "zca-js";
import { ZaloAdapter, type SessionLossKind, type ZaloAdapterOptions } from "../../src/platforms/zalo/adapter.js";
import { writeCredentials, type ZaloCredentials } from "../../src/platforms/zalo/credentials.js";
import { memoryMenuStore } from "../../src/platforms/zalo/menus.js";
import { createLogger } from "../../src/logging/logger.js";
import type { Dispatcher, HandleResult } from "../../src/bot/dispatcher.js";
import type { InboundEvent } from "../../src/messaging/events.js";
import { FakeZaloApi, groupMessage, OWN_ID, ownEcho, quoteOf, reactionTo, userMessage } from "./fake-zalo.js";

const creds: ZaloCredentials = {
  imei: "imei-1",
  userAgent: "UA/1.0",
  cookie: [{ key: "zpw_sek", value: "old-secret", domain: "chat.zalo.me" }],
};
const ha = { id: "1110002", name: "Lê Thị Hà" };
const GROUP = "5550001";

interface Rig {
  adapter: ZaloAdapter;
  apis: FakeZaloApi[];
  connect: ReturnType<typeof vi.fn>;
  events: InboundEvent[];
  sleeps: number[];
  losses: { reason: string; kind: SessionLossKind }[];
  restored: number;
  logs: string[];
  intervals: { ms: number; fn: () => void; cancelled: boolean }[];
  clock: { now: number };
  file: string;
  dispatcher: Dispatcher;
  menus: ReturnType<typeof memoryMenuStore>;
}

let dir: string;
const rigs: Rig[] = [];
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "zalo-adapter-"));
});
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.adapter.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function rig(
  options: Partial<ZaloAdapterOptions> & { handle?: (e: InboundEvent) => HandleResult; writeFile?: boolean } = {},
): Promise<Rig> {
  const file = path.join(dir, "zalo-credentials.json");
  if (options.writeFile !== false) await writeCredentials(file, creds);
  const r: Partial<Rig> = {
    apis: [],
    events: [],
    sleeps: [],
    losses: [],
    restored: 0,
    logs: [],
    intervals: [],
    clock: { now: 1_000_000 },
    file,
  };
  r.connect = vi.fn(async () => {
    const api = new FakeZaloApi();
    r.apis!.push(api);
    return api;
  });
  r.dispatcher = {
    handle: async (e: InboundEvent) => {
      r.events!.push(e);
      return options.handle?.(e) ?? {};
    },
  } as unknown as Dispatcher;
  r.menus = memoryMenuStore();
  r.adapter = new ZaloAdapter({
    credentialsFile: file,
    sendGapMs: 0,
    groupGapMs: 0,
    logger: createLogger({ level: "info", destination: { write: (s: string) => void r.logs!.push(s) } }),
    menus: r.menus,
    connect: r.connect as never,
    onSessionLost: (reason, kind) => void r.losses!.push({ reason, kind }),
    onSessionRestored: () => void r.restored!++,
    reconnect: { baseMs: 100, maxMs: 1000, maxAttempts: 4, stableAfterMs: 60_000 },
    sleep: async (ms) => void r.sleeps!.push(ms),
    now: () => r.clock!.now,
    random: () => 1,
    every: (ms, fn) => {
      const entry = { ms, fn, cancelled: false };
      r.intervals!.push(entry);
      return () => void (entry.cancelled = true);
    },
    ...options,
  });
  rigs.push(r as Rig);
  return r as Rig;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("ZaloAdapter", () => {
  it("logs in from the credentials file, listens, saves the refreshed cookie jar (0600) and dispatches events", async () => {
    const r = await rig();
    await r.adapter.start(r.dispatcher);
    await settle();
    expect(r.adapter.state).toBe("connected");
    expect(r.connect).toHaveBeenCalledWith(expect.objectContaining({ imei: "imei-1", userAgent: "UA/1.0" }));
    expect(r.apis[0]!.listener.starts).toBe(1);
    expect(r.adapter.info).toMatchObject({ displayName: "Zalo", buttons: false });
    expect(r.adapter.info.deepLink("x")).toBeNull();
    const saved = JSON.parse(readFileSync(r.file, "utf8"));
    expect(saved.cookie[0].value).toBe("fresh-secret");
    expect(statSync(r.file).mode & 0o777).toBe(0o600);
    expect(r.logs.join("")).not.toMatch(/secret|imei-1/);

    r.apis[0]!.emitMessage(ownEcho(GROUP, "tin của bot"));
    r.apis[0]!.emitMessage(groupMessage(GROUP, ha, "/dangky"));
    await r.adapter.idle();
    expect(r.events).toEqual([
      expect.objectContaining({ type: "command", command: "dangky", chat: expect.objectContaining({ id: GROUP, kind: "group" }) }),
    ]);
  });

  it("hands a chat's messages to the dispatcher in the order they arrived, even when reading one takes longer", async () => {
    const r = await rig();
    await r.adapter.start(r.dispatcher);
    const api = r.apis[0]!;
    let calls = 0;
    api.groups = { [GROUP]: { groupId: GROUP, name: "HĐND xã Phổ An", totalMember: 9 } };
    const lookUp = api.getGroupInfo.bind(api);
    vi.spyOn(api, "getGroupInfo").mockImplementation(async (ids) => {
      if (++calls === 1) await new Promise((res) => setTimeout(res, 40)); // the first lookup of the group's name is slow
      return lookUp(ids);
    });
    api.emitMessage(groupMessage(GROUP, ha, "/dangky"));
    api.emitMessage(groupMessage(GROUP, ha, "1"));
    await r.adapter.idle();
    expect(r.events.map((e) => e.type)).toEqual(["command", "text"]);
  });

  it("re-saves the cookie jar on its interval, after a keep-alive", async () => {
    const r = await rig();
    await r.adapter.start(r.dispatcher);
    const timer = r.intervals.find((i) => i.ms === 30 * 60_000)!;
    expect(timer).toBeDefined();
    r.apis[0]!.cookies = [{ key: "zpw_sek", value: "rotated", domain: "chat.zalo.me" }];
    timer.fn();
    await vi.waitFor(() => expect(JSON.parse(readFileSync(r.file, "utf8")).cookie[0].value).toBe("rotated"));
    expect(r.apis[0]!.keepAlives).toBe(1);
    expect(statSync(r.file).mode & 0o777).toBe(0o600);
  });

  it("reconnects after close code 1006 with exponential back-off, logging in again from the third attempt", async () => {
    const r = await rig();
    await r.adapter.start(r.dispatcher);
    await settle();
    const first = r.apis[0]!;
    first.listener.autoConnect = false; // the restarted socket dies again
    first.listener.close(1006);
    await vi.waitFor(() => expect(first.listener.starts).toBe(2));
    expect(r.adapter.state).toBe("reconnecting");
    first.listener.close(1006);
    await vi.waitFor(() => expect(first.listener.starts).toBe(3));
    first.listener.close(1006);
    await vi.waitFor(() => expect(r.connect).toHaveBeenCalledTimes(2));
    await settle();
    expect(r.sleeps).toEqual([100, 200, 400]);
    expect(r.apis[1]!.listener.starts).toBe(1);
    expect(r.adapter.state).toBe("connected");
    expect(first.listener.listenerCount("message")).toBe(0); // the old session is detached
    expect(r.losses).toEqual([]);

    // A connection that stayed up resets the back-off.
    r.clock.now += 5 * 60_000;
    r.apis[1]!.listener.close(1006);
    await vi.waitFor(() => expect(r.apis[1]!.listener.starts).toBe(2));
    expect(r.sleeps.at(-1)).toBe(100);
  });

  it("after each connection asks Zalo once for what was missed, and hands over others' messages within the window, oldest first", async () => {
    const now = Date.parse("2026-12-05T08:00:00Z");
    const r = await rig({ catchUpMs: 60 * 60_000 });
    r.clock.now = now;
    const zca = new FakeZaloApi();
    r.connect.mockImplementationOnce(async () => {
      r.apis.push(zca);
      return zca;
    });
    const at = (minutesAgo: number) => ({ ts: String(now - minutesAgo * 60_000) });
    // Said while the bot was not connected: Zalo keeps it, nobody delivers it.
    zca.emitMessage(groupMessage(GROUP, ha, "quá cũ", at(120)));
    zca.emitMessage(groupMessage(GROUP, ha, "hai", at(10)));
    zca.emitMessage(groupMessage(GROUP, ha, "một", at(20)));
    zca.emitMessage(userMessage(ha, "riêng", at(5)));
    zca.history.push(ownEcho(GROUP, "tin của bot"));
    zca.emitReaction(reactionTo("7000000000123", ha, "/-strong", GROUP, true, OWN_ID, now - 3 * 60_000));
    await r.adapter.start(r.dispatcher);
    await vi.waitFor(() => expect(r.events).toHaveLength(4));
    expect(r.events.filter((e) => e.type === "text").map((e) => (e.type === "text" ? e.text : ""))).toEqual(["riêng", "một", "hai"]);
    expect(r.events.filter((e) => e.type === "reaction")).toEqual([
      expect.objectContaining({ messageId: "7000000000123", reaction: "👍", chat: expect.objectContaining({ id: GROUP }) }),
    ]);
    expect(zca.listener.oldMessageRequests.map((q) => q.type)).toEqual([ThreadType.User, ThreadType.Group]);

    // A reconnection asks again, once; the dispatcher recognises what it already handled (by message id).
    zca.listener.close(1006);
    await vi.waitFor(() => expect(zca.listener.oldMessageRequests).toHaveLength(4));
    await vi.waitFor(() => expect(r.events).toHaveLength(8));
    expect(new Set(r.events.map((e) => e.eventKey)).size).toBe(4);
  });

  it("stops Zalo cleanly when another connection takes the account over (3000), and tells the app once", async () => {
    const r = await rig();
    await r.adapter.start(r.dispatcher);
    await settle();
    r.apis[0]!.listener.close(3000, "duplicate");
    await vi.waitFor(() => expect(r.adapter.state).toBe("session_lost"));
    expect(r.losses).toEqual([{ reason: expect.stringMatching(/another connection/), kind: "taken_over" }]);
    expect(r.apis[0]!.listener.listenerCount("closed")).toBe(0);
    expect(r.logs.filter((l) => /council zalo login/.test(l))).toHaveLength(1);
    // The outbox keeps Zalo messages waiting instead of failing them.
    const chat = {
      id: 1,
      platform: "zalo",
      externalId: GROUP,
      kind: "group",
      title: null,
      councilId: 1,
      purpose: "unit",
      unitId: null,
      active: true,
      inactiveReason: null,
      canPin: null,
    };
    expect(
      await r.adapter.sender.send(chat, { kind: "text", text: "x" }, { resolveTarget: async () => null, resolveStoredFile: (p) => p }),
    ).toMatchObject({ ok: false, kind: "rate_limited" });
    r.apis[0]!.listener.close(1006); // late events change nothing
    await settle();
    expect(r.sleeps).toEqual([]);
    expect(r.losses).toHaveLength(1);
  });

  it("treats an expired session at start-up as lost: no throw, onSessionLost, operator told to run council zalo login", async () => {
    const r = await rig();
    r.connect.mockRejectedValueOnce(new ZaloApiError("Đăng nhập thất bại"));
    await expect(r.adapter.start(r.dispatcher)).resolves.toBeUndefined();
    expect(r.adapter.state).toBe("session_lost");
    expect(r.losses).toEqual([{ reason: expect.stringMatching(/refused the saved session/), kind: "rejected" }]);
    const line = r.logs.find((l) => /Zalo stopped/.test(l))!;
    expect(JSON.parse(line)).toMatchObject({ level: 50, msg: expect.stringMatching(/Run `council zalo login`.*Telegram keeps running/) });
  });

  it("treats a missing credentials file as lost, with the reason", async () => {
    const r = await rig({ writeFile: false });
    await r.adapter.start(r.dispatcher);
    expect(r.connect).not.toHaveBeenCalled();
    expect(r.losses).toEqual([{ reason: expect.stringMatching(/does not exist.*council zalo login/), kind: "credentials" }]);
  });

  it("retries a login that failed on the network, and gives up after too many attempts", async () => {
    const r = await rig();
    r.connect.mockRejectedValueOnce(Object.assign(new TypeError("fetch failed"), { cause: { code: "ENOTFOUND" } }));
    await r.adapter.start(r.dispatcher);
    await vi.waitFor(() => expect(r.adapter.state).toBe("connected"));
    expect(r.sleeps).toEqual([100]);
    expect(r.losses).toEqual([]);

    const down = await rig();
    down.connect.mockRejectedValue(new TypeError("fetch failed"));
    await down.adapter.start(down.dispatcher);
    await vi.waitFor(() => expect(down.adapter.state).toBe("session_lost"));
    expect(down.sleeps).toEqual([100, 200, 400, 800]);
    expect(down.losses).toEqual([{ reason: expect.stringMatching(/failed 4 times in a row/), kind: "unreachable" }]);
  });

  it("connects again by itself when `council zalo login` has written new credentials", async () => {
    const r = await rig();
    r.connect.mockRejectedValueOnce(new ZaloApiError("Đăng nhập thất bại"));
    await r.adapter.start(r.dispatcher);
    expect(r.adapter.state).toBe("session_lost");
    const watcher = r.intervals.find((i) => i.ms === 60_000)!;
    await settle();
    watcher.fn(); // nothing changed yet
    await settle();
    expect(r.connect).toHaveBeenCalledTimes(1);
    await writeCredentials(r.file, { ...creds, imei: "imei-2" });
    const later = new Date(Date.now() + 10_000);
    utimesSync(r.file, later, later);
    await vi.waitFor(() => {
      watcher.fn(); // the next tick (a tick still running is skipped)
      expect(r.adapter.state).toBe("connected");
    });
    expect(r.connect).toHaveBeenLastCalledWith(expect.objectContaining({ imei: "imei-2" }));
    expect(r.restored).toBe(1);
  });

  it("hands a quoted menu choice to the dispatcher and sends nothing around the outbox (the core writes the answer there)", async () => {
    const r = await rig({ handle: (e) => (e.type === "choice" ? { toast: { text: "Đã ghi nhận: đã tiếp nhận", alert: false } } : {}) });
    await r.adapter.start(r.dispatcher);
    await settle();
    const api = r.apis[0]!;
    const sentMenu = { threadId: GROUP, type: 1 as const, content: { msg: "1. Đã tiếp nhận" }, msgIds: ["7000000009999"], at: Date.now() };
    await r.menus.save(GROUP, "7000000009999", [{ label: "Đã tiếp nhận", data: "is:ack:3" }]);
    api.emitMessage(groupMessage(GROUP, ha, "1", { quote: quoteOf(sentMenu) }));
    await r.adapter.idle();
    expect(r.events).toEqual([expect.objectContaining({ type: "choice", data: "is:ack:3" })]);
    expect(api.sent).toEqual([]);
  });
});
