/**
 * Two processes: the fake in a child (serve.ts) driven through the control API, and a bot in a
 * child killed with SIGKILL while the fake stays in the test process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { message } from "telegraf/filters";
import { afterEach, describe, expect, it } from "vitest";
import { FakeBotApiClient } from "./control-client.js";
import type { FakeBotApi } from "./fake-bot-api.js";
import { startFakeBotApi } from "./server.js";
import { startPollingBot, type RunningBot } from "./testing.js";

const SERVE = fileURLToPath(new URL("./serve.ts", import.meta.url));
const REPO = fileURLToPath(new URL("../../..", import.meta.url));
const children: ChildProcess[] = [];
let running: RunningBot | null = null;
let fake: FakeBotApi | null = null;

afterEach(async () => {
  await running?.stop();
  running = null;
  for (const c of children.splice(0)) {
    if (c.exitCode === null && c.signalCode === null) {
      c.kill("SIGKILL");
      await once(c, "exit");
    }
  }
  await fake?.close();
  fake = null;
});

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once("line", (line) => {
      rl.close();
      resolve(line);
    });
    child.once("exit", (code) => reject(new Error(`child exited early with ${code}`)));
  });
}

describe("a fake in another process (serve.ts + control API)", () => {
  it("prints its apiRoot, is driven through the control API and stops on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", SERVE, JSON.stringify({ rateLimits: false, privacyMode: false, exitWithParent: true })],
      {
        cwd: REPO,
        stdio: ["pipe", "pipe", "inherit"],
      },
    );
    children.push(child);
    const info = JSON.parse(await firstLine(child)) as { apiRoot: string; controlUrl: string; token: string };
    expect(info.apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new FakeBotApiClient(info.apiRoot);
    expect((await client.health()).token).toBe(info.token);

    // a telegraf bot in this process, polling the fake in the child
    const remote = { apiRoot: info.apiRoot, token: info.token } as FakeBotApi;
    running = await startPollingBot(remote, (bot) => {
      bot.on(message("text"), (ctx) => ctx.replyWithHTML(`<b>Đã nhận:</b> ${ctx.message.text}`));
      bot.on(message("document"), (ctx) => ctx.reply(`tệp ${ctx.message.document.file_name}`));
    });

    const injected = await client.injectMessage({
      chat: { id: -55, title: "Tổ 1" },
      from: { id: 8, first_name: "Bình" },
      text: "báo cáo quý",
    });
    expect(injected.message.chat).toMatchObject({ id: -55, type: "group", title: "Tổ 1" });
    const reply = await client.waitFor({ chatId: -55, textIncludes: "báo cáo quý" });
    expect(reply.plainText).toBe("Đã nhận: báo cáo quý");

    await client.injectDocument({ chat: 8, from: { id: 8, first_name: "Bình" }, fileName: "bc.xlsx", bytes: Buffer.from([1, 2, 3]) });
    expect((await client.waitFor({ chatId: 8 })).text).toBe("tệp bc.xlsx");

    await client.failNext("sendMessage", 1, { error_code: 400, description: "Bad Request: scripted" });
    await client.injectMessage({ chat: 9, text: "lost" });
    await expect.poll(async () => (await client.stats()).badRequests).toBe(1);
    await expect(client.waitFor({ chatId: 9 }, 200)).rejects.toThrow(/timed out after 200 ms/);

    await client.configure({ rateLimits: { private: { limit: 1, windowMs: 60_000 } } });
    await client.injectMessage({ chat: 10, text: "a" });
    await client.injectMessage({ chat: 10, text: "b" });
    await expect.poll(async () => (await client.stats()).rateLimitedByChat).toEqual({ "10": 1 });

    const stats = await client.stats();
    expect(stats.delivered).toBe(3);
    await client.reset();
    expect(await client.messages()).toEqual([]);

    // stop the bot first: a telegraf poll that fails with a FetchError sleeps 5 s before it notices stop()
    await running.stop();
    const t0 = Date.now();
    child.kill("SIGTERM");
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});

const BOT_CHILD = `
const { Telegraf } = require("telegraf");
const bot = new Telegraf(process.env.BOT_TOKEN, { telegram: { apiRoot: process.env.API_ROOT, webhookReply: false } });
bot.on("text", async (ctx) => {
  if (process.env.HANG === "1" && ctx.message.text === "slow") return new Promise(() => {});
  await ctx.reply("pong " + ctx.message.text + " from " + process.env.NAME);
});
bot.launch(() => console.log("launched"));
`;

function startBotChild(fakeApi: FakeBotApi, name: string, hang: boolean): ChildProcess {
  const child = spawn(process.execPath, ["-e", BOT_CHILD], {
    cwd: REPO,
    env: { ...process.env, API_ROOT: fakeApi.apiRoot, BOT_TOKEN: fakeApi.token, NAME: name, HANG: hang ? "1" : "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return child;
}

describe("a bot in another process, killed with SIGKILL", () => {
  it("redelivers an update the killed bot received but never confirmed", async () => {
    fake = await startFakeBotApi({ rateLimits: false });
    const a = startBotChild(fake, "A", true);
    expect(await firstLine(a)).toBe("launched");
    fake.injectMessage({ chat: 3, text: "1" });
    expect((await fake.waitFor((m) => m.chatId === 3, { timeoutMs: 10_000 })).text).toBe("pong 1 from A");

    const slow = fake.injectMessage({ chat: 3, text: "slow" });
    // A fetched it (its poll came back) and is stuck in the handler: the update is not confirmed
    await expect.poll(() => fake!.stats().updatesFetched).toBe(2);
    expect(fake.pendingUpdates().map((u) => u.update_id)).toEqual([slow.updateId]);
    a.kill("SIGKILL");
    await once(a, "exit");

    const b = startBotChild(fake, "B", false);
    expect(await firstLine(b)).toBe("launched");
    const redelivered = await fake.waitFor((m) => m.text === "pong slow from B", { timeoutMs: 10_000 });
    expect(redelivered.chatId).toBe(3);
    await expect.poll(() => fake!.pendingUpdates()).toEqual([]);
  });
});
