import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";

describe("config", () => {
  it("has working defaults with an empty environment", () => {
    const c = loadConfig({}, "/srv/app");
    expect(c.database).toEqual({ engine: "sqlite", file: "/srv/app/data/council.db" });
    expect(c.timezone).toBe("Asia/Ho_Chi_Minh");
    expect(c.telegram.token).toBeUndefined();
    expect(c.telegram.apiRoot).toBe("https://api.telegram.org");
    expect(c.telegram.rate).toEqual({ globalPerSecond: 30, groupPerMinute: 20, privatePerSecond: 1 });
    expect(c.schedule.quietStart).toBe("21:00");
  });

  it("reads DATABASE_URL and the time zone", () => {
    const c = loadConfig({ DATABASE_URL: "file:/var/lib/council/x.db", COUNCIL_TIMEZONE: "Asia/Bangkok" }, "/srv");
    expect(c.database).toEqual({ engine: "sqlite", file: "/var/lib/council/x.db" });
    expect(c.timezone).toBe("Asia/Bangkok");
  });

  it("reads a PostgreSQL DATABASE_URL, its schema apart from what pg is given", () => {
    const c = loadConfig({ DATABASE_URL: "postgresql://council:pw@db.example:5432/hdnd?schema=quangngai" });
    expect(c.database).toEqual({ engine: "postgresql", url: "postgresql://council:pw@db.example:5432/hdnd", schema: "quangngai" });
    expect(loadConfig({ DATABASE_URL: "postgres://db/hdnd" }).database).toEqual({
      engine: "postgresql",
      url: "postgres://db/hdnd",
      schema: "public",
    });
  });

  it.each([
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ COUNCIL_TIMEZONE: "Hanoi" }, "COUNCIL_TIMEZONE"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ TELEGRAM_RATE_GLOBAL_PER_SECOND: "fast" }, "TELEGRAM_RATE_GLOBAL_PER_SECOND"],
    [{ TELEGRAM_API_ROOT: "not a url" }, "TELEGRAM_API_ROOT"],
    [{ QUIET_HOURS_START: "25:00" }, "QUIET_HOURS_START"],
    [{ TELEGRAM_WEBHOOK_URL: "https://bot.example.gov.vn/hook", TELEGRAM_BOT_TOKEN: TOKEN }, "TELEGRAM_WEBHOOK_SECRET"],
    [{ ZALO_BOT_TOKEN: "not-a-token" }, "ZALO_BOT_TOKEN"],
    [{ ZALO_BOT_WEBHOOK_URL: "https://bot.example.gov.vn/zalo", ZALO_BOT_TOKEN: "7301234567:abcdefghij" }, "ZALO_BOT_WEBHOOK_SECRET"],
    [{ ZALO_BOT_WEBHOOK_URL: "https://bot.example.gov.vn/zalo", ZALO_BOT_WEBHOOK_SECRET: "short" }, "ZALO_BOT_WEBHOOK_SECRET"],
    [{ ZALO_BOT_WEBHOOK_URL: "https://bot.example.gov.vn/zalo", ZALO_BOT_WEBHOOK_SECRET: "long-enough-secret" }, "ZALO_BOT_TOKEN"],
  ])("refuses %o naming %s", (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env as NodeJS.ProcessEnv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toMatch(new RegExp(`^Invalid configuration: ${variable} must be .+\\.$`));
    expect((error as Error).message.split("\n")).toHaveLength(1);
  });

  it("reads the Zalo Bot Platform's settings: polling by default, a webhook with its secret", () => {
    const polling = loadConfig({ ZALO_BOT_TOKEN: "7301234567:abcdefghij" });
    expect(polling.zaloBot).toMatchObject({
      token: "7301234567:abcdefghij",
      apiRoot: "https://bot-api.zaloplatforms.com",
      webhook: undefined,
    });
    const hook = loadConfig({
      ZALO_BOT_TOKEN: "7301234567:abcdefghij",
      ZALO_BOT_WEBHOOK_URL: "https://bot.example.gov.vn/zalo",
      ZALO_BOT_WEBHOOK_SECRET: "long-enough-secret",
    });
    expect(hook.zaloBot.webhook).toEqual({
      url: "https://bot.example.gov.vn/zalo",
      secret: "long-enough-secret",
      port: 8444,
      host: "0.0.0.0",
    });
  });

  it("never echoes a malformed token", () => {
    const secret = "123:shortbutsecret";
    try {
      loadConfig({ TELEGRAM_BOT_TOKEN: secret });
      throw new Error("should have failed");
    } catch (e) {
      expect((e as Error).message).toContain("TELEGRAM_BOT_TOKEN");
      expect((e as Error).message).not.toContain("shortbutsecret");
    }
  });
});
