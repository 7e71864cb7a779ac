/**
 * An end-to-end harness: the real app (real SQLite file, real migrations, real telegraf over HTTP) against
 * the fake Bot API on 127.0.0.1. Tests play people: they type, press buttons and send files; then they
 * read what the bot sent. The app's clock is a FixedClock the test moves; the outbox sender paces with
 * real time, as it must.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startFakeBotApi, type FakeBotApi, type SentMessageRecord } from "../fakes/telegram-bot-api/index.js";
import type { FakeBotApiOptions } from "../fakes/telegram-bot-api/types.js";
import { loadConfig, type Config } from "../../src/config.js";
import { testDatabaseUrl } from "./db.js";
import { createApp, type App } from "../../src/app.js";
import { silentLogger, createLogger } from "../../src/logging/logger.js";
import { FixedClock } from "../../src/domain/time/clock.js";
import { seedDemo } from "../../src/core/directory/demo-seed.js";
import { createInvite } from "../../src/core/invites.js";
import { serverSecret } from "../../src/files/server-secret.js";
import { addGroup } from "../../src/core/directory/groups.js";
import type { ZcaSession } from "../../src/platforms/zalo/index.js";
import { writeCredentials } from "../../src/platforms/zalo/credentials.js";
import type { ZaloBotAdapter } from "../../src/platforms/zalo-bot/adapter.js";
import { startFakeZaloBotApi, type FakeZaloBotApi, type FakeZaloBotOptions } from "../fakes/zalo-bot-api/index.js";

export interface Person {
  id: number;
  first_name: string;
  last_name?: string;
}

export interface E2EOptions {
  /** run the Zalo adapter too, connected to this fake zca-js API */
  zalo?: ZcaSession;
  fake?: Partial<FakeBotApiOptions>;
  /** run the official Zalo Bot Platform adapter too, against a fake of its API (test/fakes/zalo-bot-api) */
  zaloBot?: boolean | Partial<FakeZaloBotOptions>;
  env?: Record<string, string>;
  /** the app's clock starts here (the outbox paces with real time regardless) */
  now?: string;
  seed?: boolean;
}

export class E2E {
  app!: App;
  councilId = 0;
  /** the fake Zalo Bot Platform, when started with `zaloBot` */
  zaloBot: FakeZaloBotApi | undefined;
  /** the app's Zalo Bot adapter (its webhook port) */
  zaloBotAdapter: ZaloBotAdapter | undefined;
  private constructor(
    readonly fake: FakeBotApi,
    readonly config: Config,
    readonly dir: string,
    readonly clock: FixedClock,
    readonly zaloApi: ZcaSession | undefined,
  ) {}

  static async start(options: E2EOptions = {}): Promise<E2E> {
    const fake = await startFakeBotApi({ rateLimits: false, ...options.fake });
    const dir = mkdtempSync(path.join(tmpdir(), "council-e2e-"));
    const zaloBot = options.zaloBot ? await startFakeZaloBotApi(options.zaloBot === true ? {} : options.zaloBot) : undefined;
    const config = loadConfig(
      {
        DATABASE_URL: testDatabaseUrl(path.join(dir, "council.db")),
        DATA_DIR: dir,
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        LOG_LEVEL: process.env.E2E_LOG ?? "silent",
        // Pacing is tested on its own; elsewhere it would only make tests wait.
        TELEGRAM_RATE_PRIVATE_PER_SECOND: "100",
        TELEGRAM_RATE_GROUP_PER_MINUTE: "1000",
        TELEGRAM_RATE_GLOBAL_PER_SECOND: "1000",
        // The app's clock stands still while a test types dozens of messages: flood protection has its own tests.
        INBOUND_PER_PERSON_PER_MINUTE: "100000",
        INBOUND_PER_GROUP_PER_MINUTE: "100000",
        STRANGER_ANSWERS_PER_HOUR: "100000",
        // Every test picks a free port for the console (never a fixed one another test might hold).
        WEB_PORT: "0",
        ...(options.zalo
          ? {
              ZALO_ENABLED: "true",
              ZALO_CREDENTIALS_FILE: path.join(dir, "zalo-credentials.json"),
              ZALO_SEND_GAP_MS: "2",
              ZALO_GROUP_GAP_MS: "5",
            }
          : {}),
        ...(zaloBot
          ? {
              ZALO_BOT_TOKEN: zaloBot.token,
              ZALO_BOT_API_ROOT: zaloBot.apiRoot,
              ZALO_BOT_POLL_TIMEOUT_SECONDS: "2",
              ZALO_BOT_RATE_PRIVATE_PER_SECOND: "100",
              ZALO_BOT_RATE_GROUP_PER_MINUTE: "1000",
              ZALO_BOT_RATE_GLOBAL_PER_SECOND: "1000",
            }
          : {}),
        ...options.env,
      },
      dir,
    );
    if (options.zalo)
      await writeCredentials(config.zalo.credentialsFile, {
        imei: "test-imei",
        userAgent: "test-agent",
        cookie: [{ key: "zpw_sek", value: "test" }],
      });
    const e = new E2E(fake, config, dir, new FixedClock(options.now ?? "2022-05-23T02:00:00Z"), options.zalo);
    e.zaloBot = zaloBot;
    await e.boot();
    if (options.seed !== false) e.councilId = (await seedDemo(e.app.db, config.timezone, "test")).councilId;
    return e;
  }

  /** Starts the app (again, after `stopApp`) on the same database and fake. */
  async boot(): Promise<void> {
    const logger = process.env.E2E_LOG ? createLogger({ level: process.env.E2E_LOG }) : silentLogger();
    const api = this.zaloApi;
    this.app = await createApp(this.config, {
      logger,
      clock: this.clock,
      // Schedules are driven by the test (e.app.scheduler.tickNow) with its fixed clock, never by real time.
      cron: false,
      sender: { pollIntervalMs: 50, backoff: { baseMs: 50, maxMs: 400 } },
      platformOverrides: {
        ...(api ? { zalo: { connect: async () => api, every: () => () => undefined } } : {}),
        zalo_bot: { retryDelayMs: 50, onAdapter: (a: ZaloBotAdapter) => (this.zaloBotAdapter = a) },
      },
    });
    await this.app.start();
  }

  async stopApp(): Promise<void> {
    await this.app.stop();
  }

  async restart(): Promise<void> {
    await this.stopApp();
    await this.boot();
  }

  async close(): Promise<void> {
    await this.app.stop().catch(() => undefined);
    await this.fake.close();
    await this.zaloBot?.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  get db() {
    return this.app.db;
  }

  /** the key of the invite codes' hash, as the app uses it */
  get secret(): string {
    return serverSecret(this.config);
  }

  /** Waits until every message queued so far has been sent (or failed for good). */
  async drain(): Promise<void> {
    await Promise.all(this.app.senders.map((s) => s.whenDrained()));
  }

  /** A person types in a chat (private chat = their own id). */
  say(from: Person, text: string, chat: number | { id: number; type?: "private" | "group" | "supergroup"; title?: string } = from.id) {
    return this.fake.injectMessage({ chat, from, text });
  }

  /**
   * A person answers a message by replying to it (in a Telegram group, the only way plain text reaches the bot
   * under privacy mode); returns the bot's next message in that chat matching `match`.
   */
  async replyTo(from: Person, message: SentMessageRecord, text: string, match?: RegExp): Promise<SentMessageRecord> {
    const since = this.fake.deliveredCount;
    const sent = this.fake.injectMessage({ chat: message.chatId, from, text, replyToMessageId: message.messageId });
    if (!sent.delivered) throw new Error(`the bot does not receive a reply to message ${message.messageId}`);
    return this.next(message.chatId, match, since);
  }

  /** A person presses the button labelled `label` on a message the bot sent. */
  async press(from: Person, message: SentMessageRecord, label: string | RegExp) {
    const button = buttons(message).find((b) => (typeof label === "string" ? b.text === label : label.test(b.text)));
    if (!button?.callback_data)
      throw new Error(
        `no button ${label} on message ${message.messageId}: ${buttons(message)
          .map((b) => b.text)
          .join(" | ")}`,
      );
    const press = this.fake.injectCallback({ from, chat: message.chatId, messageId: message.messageId, data: button.callback_data });
    return press;
  }

  /** The next message to a chat after `since` (a delivered count), optionally matching text. */
  next(chatId: number, match?: RegExp, since = 0, timeoutMs = 8000): Promise<SentMessageRecord> {
    return this.fake.waitFor((m) => m.chatId === chatId && m.seq > since && (!match || match.test(m.plainText ?? m.plainCaption ?? "")), {
      timeoutMs,
    });
  }

  /** Says something and returns the bot's next message in that chat matching `match`. */
  async ask(from: Person, text: string, match?: RegExp, chat: number = from.id): Promise<SentMessageRecord> {
    const since = this.fake.deliveredCount;
    this.say(from, text, chat);
    return this.next(chat, match, since);
  }

  async pressAndWait(
    from: Person,
    message: SentMessageRecord,
    label: string | RegExp,
    match?: RegExp,
    chat: number = message.chatId,
  ): Promise<SentMessageRecord> {
    const since = this.fake.deliveredCount;
    await this.press(from, message, label);
    return this.next(chat, match, since);
  }

  /** Creates an invite and links the person with /start CODE; resolves with the greeting. */
  async link(person: Person, role: string, unitCode: string | null = null, name?: string): Promise<SentMessageRecord> {
    const invite = await createInvite(this.db, {
      councilId: this.councilId,
      role,
      unitCode,
      fullName: name ?? `${person.first_name} ${person.last_name ?? ""}`.trim(),
      ttlDays: 7,
      now: this.clock.now(),
      actorLabel: "test",
      secret: this.secret,
    });
    if (!invite.ok) throw new Error(`invite failed: ${invite.reason}`);
    return this.ask(person, `/start ${invite.code}`, /Kính chào/);
  }

  async registerGroup(
    chatId: number | string,
    purpose: "unit" | "announce" | "standing" | "committee" | "office",
    unitCode: string | null = null,
    title?: string,
    platform: "telegram" | "zalo" | "zalo_bot" = "telegram",
  ): Promise<void> {
    const r = await addGroup(
      this.db,
      this.councilId,
      { platform, chatId: String(chatId), purpose, unitCode, title: title ?? `Nhóm ${unitCode ?? purpose}` },
      "test",
      this.clock.now(),
    );
    if (!r.ok) throw new Error(r.problems.join("; "));
  }
}

export function buttons(m: SentMessageRecord): { text: string; callback_data?: string; url?: string }[] {
  const markup = m.replyMarkup as { inline_keyboard?: { text: string; callback_data?: string; url?: string }[][] } | undefined;
  return markup?.inline_keyboard?.flat() ?? [];
}

export const person = (id: number, first_name: string, last_name?: string): Person => ({
  id,
  first_name,
  ...(last_name ? { last_name } : {}),
});
