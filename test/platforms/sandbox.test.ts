/**
 * The sandbox platform without a browser: its store and clock on their own, then the real app (SANDBOX=true,
 * real SQLite files, real migrations) with its sandbox instance: a vice-chair links with the code the sandbox
 * shows, the answer travels through the dispatcher and the outbox into the sandbox's store; a reset brings
 * back the demo council with new codes and nothing of before. The real database never sees any of it.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { ConfigError, loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logging/logger.js";
import { SandboxClock } from "../../src/platforms/sandbox/clock.js";
import { SandboxStore } from "../../src/platforms/sandbox/store.js";
import { renderBotHtml } from "../../src/platforms/sandbox/sanitize.js";
import { findCouncil } from "../../src/db/councils.js";
import { waitUntil } from "../helpers/wait-until.js";
import { ServiceProcess } from "../helpers/service-process.js";

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(path.join(tmpdir(), "sandbox-test-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("SANDBOX", () => {
  const on = (env: Record<string, string>) => loadConfig({ WEB_PORT: "8080", ...env }, "/srv/council").sandbox;

  it("is on by itself only without a chat platform, with the console, outside production", () => {
    expect(on({})).toEqual({ enabled: true, dir: "/srv/council/data/sandbox", consolePort: 8081 });
    expect(on({ TELEGRAM_BOT_TOKEN: "123456789:AAbbccddeeffgghhiijjkkllmm" }).enabled).toBe(false);
    expect(on({ ZALO_ENABLED: "true" }).enabled).toBe(false);
    expect(on({ NODE_ENV: "production" }).enabled).toBe(false);
    expect(on({ WEB_ENABLED: "false" }).enabled).toBe(false);
    expect(on({ SANDBOX: "true", TELEGRAM_BOT_TOKEN: "123456789:AAbbccddeeffgghhiijjkkllmm", NODE_ENV: "production" }).enabled).toBe(true);
    expect(on({ SANDBOX: "false" }).enabled).toBe(false);
    expect(on({ WEB_PORT: "0" }).consolePort).toBe(0);
    expect(on({ SANDBOX_CONSOLE_PORT: "9090" }).consolePort).toBe(9090);
  });

  it("refuses to run without the console it lives in, and a word that is not true or false", () => {
    expect(() => on({ SANDBOX: "true", WEB_ENABLED: "false" })).toThrow(ConfigError);
    expect(() => on({ SANDBOX: "maybe" })).toThrow(/SANDBOX/);
  });
});

describe("the sandbox's store", () => {
  it("keeps chats, members and messages; edits, pins and deletes them; tells listeners", () => {
    const store = new SandboxStore(tempDir());
    const changes: unknown[] = [];
    store.on("change", (c) => changes.push(c));
    store.addPersona({
      id: "a",
      name: "Nguyễn Văn An",
      title: "Phó Chủ tịch",
      role: "vice_chair",
      unitCode: "PHO_AN",
      inviteCode: "ABCD2345",
      sort: 1,
    });
    store.addChat({ id: "g-PHO_AN", kind: "group", title: "HĐND xã Phổ An", sort: 0 }, ["a"]);
    expect(store.isMember("g-PHO_AN", "a")).toBe(true);
    expect(store.isMember("g-PHO_AN", "b")).toBe(false);
    const at = new Date("2022-05-05T01:00:00Z");
    const first = store.addMessage({
      chatId: "g-PHO_AN",
      sender: "bot",
      html: "<b>Thông báo</b>",
      at,
      choices: [[{ kind: "action", label: "Đã nhận", data: "ack:1" }]],
    });
    const second = store.addMessage({ chatId: "g-PHO_AN", sender: "a", html: "đã nhận", at, replyTo: first });
    expect(store.messages("g-PHO_AN").map((m) => m.id)).toEqual([first, second]);
    expect(store.editMessage(first, { html: "<b>Thông báo</b> (1 đã nhận)" })).toBe(true);
    expect(store.setPinned(first, true)).toBe(true);
    const edited = store.message(first)!;
    expect(edited).toMatchObject({ html: "<b>Thông báo</b> (1 đã nhận)", edited: true, pinned: true });
    expect(edited.choices?.[0]?.[0]).toMatchObject({ label: "Đã nhận" });
    expect(store.editMessage(first, { choices: null })).toBe(true);
    expect(store.message(first)!.choices).toBeNull();
    expect(store.deleteMessage(second)).toBe(true);
    expect(store.messages("g-PHO_AN").map((m) => m.id)).toEqual([first]);
    expect(store.latestIds()).toEqual({ "g-PHO_AN": first });
    expect(store.editMessage(9999, { html: "x" })).toBe(false);
    expect(changes.length).toBe(6);
    expect(changes[0]).toEqual({ chatId: "g-PHO_AN" });
    store.close();
  });
});

describe("the sandbox's clock", () => {
  it("runs on from where it was put, and a new clock on the same file resumes there", () => {
    const dir = tempDir();
    let real = Date.parse("2026-12-05T10:00:00Z");
    const clock = new SandboxClock(path.join(dir, "clock.json"), () => real);
    expect(clock.now().toISOString()).toBe("2026-12-05T10:00:00.000Z");
    clock.jumpTo(new Date("2022-05-30T01:00:00Z"));
    expect(clock.now().toISOString()).toBe("2022-05-30T01:00:00.000Z");
    real += 90_000;
    expect(clock.now().toISOString()).toBe("2022-05-30T01:01:30.000Z");
    const again = new SandboxClock(path.join(dir, "clock.json"), () => real);
    expect(again.now().toISOString()).toBe("2022-05-30T01:01:30.000Z");
    expect(new SandboxClock(path.join(dir, "none.json"), () => real).now().getTime()).toBe(real);
  });
});

describe("the bot's markup on the page", () => {
  it("keeps Telegram's tags, shows anything else as text and links plain addresses", () => {
    expect(renderBotHtml("<b>Đậm</b> <i>nghiêng</i> <script>alert(1)</script>")).toBe(
      "<b>Đậm</b> <i>nghiêng</i> &lt;script&gt;alert(1)&lt;/script&gt;",
    );
    expect(renderBotHtml('<a href="javascript:alert(1)">x</a>')).toBe("<a>x</a>");
    expect(renderBotHtml('<img src=x onerror="alert(1)">')).toBe("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(renderBotHtml("Mở http://127.0.0.1:8081/dang-nhap?t=abc để đăng nhập")).toBe(
      'Mở <a href="http://127.0.0.1:8081/dang-nhap?t=abc" target="_blank" rel="noopener noreferrer">http://127.0.0.1:8081/dang-nhap?t=abc</a> để đăng nhập',
    );
  });
});

describe("the sandbox inside the real app", () => {
  let app: App;
  let dir: string;

  beforeAll(async () => {
    dir = tempDir();
    const config = loadConfig(
      { DATABASE_URL: `file:${path.join(dir, "council.db")}`, DATA_DIR: dir, WEB_PORT: "0", SANDBOX: "true", LOG_LEVEL: "silent" },
      dir,
    );
    expect(config.sandbox.enabled).toBe(true);
    app = await createApp(config, { logger: silentLogger(), cron: false });
    await app.start();
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  it("seeds the demo council in its own database, on a clock set shortly after the seed notice", async () => {
    const sandbox = app.sandbox!;
    expect(sandbox.running).toBe(true);
    expect(existsSync(path.join(dir, "sandbox", "council.db"))).toBe(true);
    // The real database holds no council: the sandbox's never leaks into it.
    expect((await findCouncil(app.db.prisma, undefined)).ok).toBe(false);
    expect(sandbox.clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse("2022-05-05T01:00:00Z"));
    expect(sandbox.clock.now().getTime()).toBeLessThan(Date.parse("2022-05-05T02:00:00Z"));
    const personas = sandbox.store.personas();
    expect(personas.filter((p) => p.role === "vice_chair")).toHaveLength(15);
    expect(personas.filter((p) => p.role === "office")).toHaveLength(1);
    expect(sandbox.store.chatsOf("vanphong").filter((c) => c.kind === "group")).toHaveLength(17);
    expect(sandbox.consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("takes a typed /start through the dispatcher and the outbox into the store", async () => {
    const sandbox = app.sandbox!;
    const an = sandbox.store.personas().find((p) => p.unitCode === "PHO_AN")!;
    expect(an.inviteCode).toMatch(/^[A-Z0-9]{8}$/);
    const outcome = await sandbox.adapter.say(an.id, `u-${an.id}`, `/start ${an.inviteCode}`);
    expect(outcome.ok).toBe(true);
    await waitUntil(
      async () =>
        sandbox.store.messages(`u-${an.id}`).some((m) => m.sender === "bot" && m.html.includes("Kính chào đồng chí <b>Nguyễn Văn An</b>")),
      20_000,
      "the greeting in the sandbox",
    );
    // Someone not in a chat cannot write there.
    expect((await sandbox.adapter.say(an.id, "g-PHO_PHONG", "/trogiup")).ok).toBe(false);
  });

  it("resets to the demo council: new codes, nothing of before", async () => {
    const sandbox = app.sandbox!;
    const before = sandbox.store.personas().find((p) => p.unitCode === "PHO_AN")!.inviteCode;
    await sandbox.jumpTo(new Date("2022-05-30T02:00:00Z"));
    expect(sandbox.clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse("2022-05-30T02:00:00Z"));
    await sandbox.reset();
    const an = sandbox.store.personas().find((p) => p.unitCode === "PHO_AN")!;
    expect(an.inviteCode).not.toBe(before);
    expect(sandbox.store.messages(`u-${an.id}`).map((m) => m.sender)).toEqual(["system"]);
    expect(sandbox.clock.now().getTime()).toBeLessThan(Date.parse("2022-05-05T02:00:00Z"));
    // The old code belonged to the old sandbox.
    await sandbox.adapter.say(an.id, `u-${an.id}`, `/start ${before}`);
    await waitUntil(async () => sandbox.store.messages(`u-${an.id}`).some((m) => m.sender === "bot"), 20_000, "the answer to an old code");
    expect(sandbox.store.messages(`u-${an.id}`).some((m) => m.html.includes("Kính chào"))).toBe(false);
  }, 60_000);
});

describe("npm start with no chat platform", () => {
  it("says in its first lines where the sandbox is, and serves it there", async () => {
    const dir = tempDir();
    const service = await ServiceProcess.start({
      cwd: dir,
      env: { DATABASE_URL: `file:${path.join(dir, "council.db")}`, DATA_DIR: dir, WEB_PORT: "0" },
      startTimeoutMs: 60_000,
    });
    try {
      const messages = service.logs.map((l) => l.msg);
      const at = messages.findIndex((m) => /^sandbox at http:\/\/127\.0\.0\.1:\d+\/sandbox /.test(m));
      expect(at).toBeGreaterThanOrEqual(0);
      expect(at).toBeLessThan(10);
      expect(messages.some((m) => /try the bot in the sandbox at http:\/\/127\.0\.0\.1:\d+\/sandbox$/.test(m))).toBe(true);
      // The start-up says what is true: nothing claims the service runs "the scheduler only".
      expect(messages.some((m) => /scheduler only/.test(m))).toBe(false);
      const url = (service.logs[at] as { url?: string }).url!;
      const page = await fetch(`${url}?p=vanphong`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("Lê Thị Thu Hà");
    } finally {
      await service.stop();
    }
  }, 90_000);
});
