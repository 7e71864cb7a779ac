/** Start-up against Telegram: a refused token is one clear error; Telegram out of reach is retried, not fatal. */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeBotApi, type FakeBotApi } from "../fakes/telegram-bot-api/index.js";
import { loadConfig } from "../../src/config.js";
import { createApp, type App } from "../../src/app.js";
import { silentLogger } from "../../src/logging/logger.js";
import { TelegramTokenRefused } from "../../src/platforms/telegram/adapter.js";
import { testDatabaseUrl } from "../helpers/db.js";

const dirs: string[] = [];
let app: App | undefined;
let fake: FakeBotApi | undefined;
afterEach(async () => {
  await app?.stop().catch(() => undefined);
  await fake?.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function config(apiRoot: string, token: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "council-start-"));
  dirs.push(dir);
  return loadConfig(
    {
      DATABASE_URL: testDatabaseUrl(path.join(dir, "c.db")),
      DATA_DIR: dir,
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_API_ROOT: apiRoot,
      LOG_LEVEL: "silent",
      WEB_PORT: "0",
    },
    dir,
  );
}

describe("starting with Telegram", () => {
  it("stops with a clear error when Telegram refuses the token", async () => {
    fake = await startFakeBotApi();
    app = await createApp(config(fake.apiRoot, "999999:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), { logger: silentLogger(), cron: false });
    await expect(app.start()).rejects.toBeInstanceOf(TelegramTokenRefused);
  });

  it("keeps running when Telegram is out of reach, and connects when it comes back", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    fake = undefined;
    const token = "123456789:AAFake0000000000000000000000000000000";
    app = await createApp(config(`http://127.0.0.1:${port}`, token), { logger: silentLogger(), cron: false });
    await app.start(); // resolves: the scheduler and the outbox run without Telegram
    fake = await startFakeBotApi({ port, token });
    await expect.poll(() => fake!.isPolling, { timeout: 15_000, interval: 100 }).toBe(true);
  });
});
