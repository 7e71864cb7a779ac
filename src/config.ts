/**
 * The only reader of process.env. Every variable is documented in .env.example.
 * A bad value stops start-up with one line naming the variable and what is expected; secrets are never echoed.
 */
import { z } from "zod";
import path from "node:path";
import { IANAZone } from "luxon";

const DEFAULT_DATABASE_URL = "file:./data/council.db";

/** Used by prisma.config.ts so the Prisma CLI sees the same database as the service. */
export function databaseUrlFromEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.DATABASE_URL?.trim();
  return value ? value : DEFAULT_DATABASE_URL;
}

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const boolean = (fallback: boolean) =>
  z.preprocess(
    (v) => (emptyToUndefined(v) === undefined ? fallback : v),
    z.union([z.boolean(), z.enum(["true", "false", "1", "0", "yes", "no"]).transform((s) => ["true", "1", "yes"].includes(s))]),
  );
const integer = (fallback: number, min: number, max: number) =>
  z.preprocess((v) => (emptyToUndefined(v) === undefined ? fallback : Number(v)), z.number().int().min(min).max(max));
const hhmm = (fallback: string) =>
  z.preprocess((v) => emptyToUndefined(v) ?? fallback, z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day as HH:mm, e.g. 21:00"));

const schema = z.object({
  DATABASE_URL: z.preprocess(
    (v) => emptyToUndefined(v) ?? DEFAULT_DATABASE_URL,
    z
      .string()
      .regex(
        /^(file:.+|postgres(ql)?:\/\/.+)$/,
        'a SQLite file URL such as "file:./data/council.db", or a PostgreSQL URL such as "postgresql://user@host:5432/council"',
      ),
  ),
  DATA_DIR: z.preprocess((v) => emptyToUndefined(v) ?? "./data", z.string()),
  COUNCIL_CODE: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, "1-40 letters, digits, - or _")
      .optional(),
  ),
  COUNCIL_TIMEZONE: z.preprocess(
    (v) => emptyToUndefined(v) ?? "Asia/Ho_Chi_Minh",
    z.string().refine((tz) => IANAZone.isValidZone(tz), "an IANA time zone such as Asia/Ho_Chi_Minh"),
  ),
  LOG_LEVEL: z.preprocess((v) => emptyToUndefined(v) ?? "info", z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])),

  TELEGRAM_BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, "a bot token from BotFather, like 123456789:AA...")
      .optional(),
  ),
  TELEGRAM_API_ROOT: z.preprocess(
    (v) => emptyToUndefined(v) ?? "https://api.telegram.org",
    z.string().url("an http(s) URL of a Bot API server"),
  ),
  TELEGRAM_WEBHOOK_URL: z.preprocess(emptyToUndefined, z.string().url("an https URL Telegram can reach").optional()),
  TELEGRAM_WEBHOOK_SECRET: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, "16-256 characters of A-Z, a-z, 0-9, _ or -")
      .optional(),
  ),
  TELEGRAM_WEBHOOK_PORT: integer(8443, 1, 65535),
  TELEGRAM_WEBHOOK_HOST: z.preprocess((v) => emptyToUndefined(v) ?? "0.0.0.0", z.string()),
  TELEGRAM_RATE_GLOBAL_PER_SECOND: integer(30, 1, 1000),
  TELEGRAM_RATE_GROUP_PER_MINUTE: integer(20, 1, 1000),
  TELEGRAM_RATE_PRIVATE_PER_SECOND: integer(1, 1, 100),

  ZALO_ENABLED: boolean(false),
  ZALO_CREDENTIALS_FILE: z.preprocess((v) => emptyToUndefined(v) ?? "./data/zalo-credentials.json", z.string()),
  ZALO_SEND_GAP_MS: integer(1000, 0, 60_000),
  ZALO_GROUP_GAP_MS: integer(3000, 0, 600_000),
  // At most a week: well inside the 14 days processed events are kept, which is what recognises a message already handled.
  ZALO_CATCH_UP_HOURS: integer(24, 0, 24 * 7),

  ZALO_BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d+:[A-Za-z0-9_-]{8,}$/, "a bot token from Zalo Bot Creator, like 1234567890:AbCd...")
      .optional(),
  ),
  ZALO_BOT_API_ROOT: z.preprocess(
    (v) => emptyToUndefined(v) ?? "https://bot-api.zaloplatforms.com",
    z.string().url("an http(s) URL of the Zalo Bot API"),
  ),
  ZALO_BOT_WEBHOOK_URL: z.preprocess(emptyToUndefined, z.string().url("an https URL Zalo can reach").optional()),
  ZALO_BOT_WEBHOOK_SECRET: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,256}$/, "8-256 characters of A-Z, a-z, 0-9, _ or -")
      .optional(),
  ),
  ZALO_BOT_WEBHOOK_PORT: integer(8444, 0, 65535),
  ZALO_BOT_WEBHOOK_HOST: z.preprocess((v) => emptyToUndefined(v) ?? "0.0.0.0", z.string()),
  ZALO_BOT_POLL_TIMEOUT_SECONDS: integer(30, 1, 60),
  ZALO_BOT_RATE_GLOBAL_PER_SECOND: integer(10, 1, 1000),
  ZALO_BOT_RATE_GROUP_PER_MINUTE: integer(20, 1, 1000),
  ZALO_BOT_RATE_PRIVATE_PER_SECOND: integer(1, 1, 100),

  OUTBOX_MAX_ATTEMPTS: integer(8, 1, 100),
  OUTBOX_RETRY_WINDOW_MINUTES: integer(30, 0, 7 * 24 * 60),
  QUIET_HOURS_START: hhmm("21:00"),
  QUIET_HOURS_END: hhmm("07:00"),
  QUIET_WEEKENDS: z.preprocess((v) => emptyToUndefined(v) ?? "sunday", z.enum(["none", "sunday", "weekend"])),
  QUIET_HOLIDAYS: boolean(true),
  REMINDER_TICK_CRON: z.preprocess((v) => emptyToUndefined(v) ?? "*/5 * * * *", z.string()),
  DIGEST_DAILY_CRON: z.preprocess((v) => emptyToUndefined(v) ?? "0 17 * * *", z.string()),
  DIGEST_WEEKLY_CRON: z.preprocess((v) => emptyToUndefined(v) ?? "30 7 * * 1", z.string()),
  NOTICE_ACK_REMINDER_HOURS: integer(24, 1, 24 * 30),
  DIGEST_MAX_UNITS: integer(100, 1, 1_000_000),
  INVITE_TTL_DAYS: integer(7, 1, 365),
  INVITE_MAX_FAILURES: integer(5, 1, 1000),
  SERVER_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, "at least 32 characters of random text").optional()),
  INBOUND_PER_PERSON_PER_MINUTE: integer(20, 1, 100_000),
  INBOUND_PER_GROUP_PER_MINUTE: integer(60, 1, 100_000),
  STRANGER_ANSWERS_PER_HOUR: integer(3, 0, 100_000),
  REPEAT_REFUSAL_MINUTES: integer(10, 0, 24 * 60),
  WEB_ENABLED: boolean(true),
  WEB_PORT: integer(8080, 0, 65535),
  WEB_HOST: z.preprocess((v) => emptyToUndefined(v) ?? "127.0.0.1", z.string()),
  WEB_PUBLIC_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .url("the console's address as people open it, e.g. https://hdnd.example.gov.vn")
      .refine((u) => /^https?:\/\//i.test(u), "an http(s) URL, e.g. https://hdnd.example.gov.vn")
      .optional(),
  ),
  WEB_SESSION_HOURS: integer(8, 1, 24 * 7),
  SANDBOX: z.preprocess(
    emptyToUndefined,
    z
      .enum(["true", "false", "1", "0", "yes", "no"])
      .transform((s) => ["true", "1", "yes"].includes(s))
      .optional(),
  ),
  SANDBOX_CONSOLE_PORT: z.preprocess(
    (v) => (emptyToUndefined(v) === undefined ? undefined : Number(v)),
    z.number().int().min(0).max(65535).optional(),
  ),
  NODE_ENV: optionalString,
  ATTACHMENT_MAX_MB: integer(20, 1, 2000),
  DOCUMENT_READ_TIMEOUT_SECONDS: integer(20, 1, 600),
  DOCUMENT_READ_MEMORY_MB: integer(160, 32, 4096),
  OUTBOX_KEEP_DAYS: integer(90, 1, 3650),
  ISSUE_CATEGORIES: optionalString,
  ADMIN_TELEGRAM_CHAT_ID: optionalString,
});

export type Env = z.infer<typeof schema>;

export interface Config {
  databaseUrl: string;
  /** where the data live: a SQLite file (the default) or a PostgreSQL database and schema */
  database: DatabaseTarget;
  dataDir: string;
  /** which council this instance serves; unset means "the only council in the database" */
  councilCode: string | undefined;
  timezone: string;
  logLevel: Env["LOG_LEVEL"];
  telegram: {
    token: string | undefined;
    apiRoot: string;
    webhook: { url: string; secret: string | undefined; port: number; host: string } | undefined;
    rate: { globalPerSecond: number; groupPerMinute: number; privatePerSecond: number };
    adminChatId: string | undefined;
  };
  /** catchUpHours: after a (re)connection, messages missed this long ago at most are read and handled */
  zalo: { enabled: boolean; credentialsFile: string; sendGapMs: number; groupGapMs: number; catchUpHours: number };
  /** the official Zalo Bot Platform (a bot token; long polling, or a webhook with its secret header checked) */
  zaloBot: {
    token: string | undefined;
    apiRoot: string;
    webhook: { url: string; secret: string; port: number; host: string } | undefined;
    pollTimeoutSeconds: number;
    rate: { globalPerSecond: number; groupPerMinute: number; privatePerSecond: number };
  };
  outbox: {
    maxAttempts: number;
    /** sent and failed entries older than this are deleted by the maintenance job (the audit log keeps what matters) */
    keepDays: number;
    /** a transient failure is retried until both maxAttempts and retryWindowMs (since its first failure) are used up */
    retryWindowMs: number;
  };
  /** where operator alerts go besides the admins' own chats: ADMIN_TELEGRAM_CHAT_ID, a Telegram chat */
  operatorChat: { platform: string; id: string; kind: "private" | "group" } | undefined;
  schedule: {
    quietStart: string;
    quietEnd: string;
    quietWeekends: "none" | "sunday" | "weekend";
    /** no reminders or digests on public holidays and the office's days off */
    quietHolidays: boolean;
    reminderTickCron: string;
    digestDailyCron: string;
    digestWeeklyCron: string;
    noticeAckReminderHours: number;
    /** above this many units a digest gives counts and the worst units, with the full table as .xlsx */
    digestMaxUnits: number;
  };
  inviteTtlDays: number;
  /** wrong codes one chat account may try before the bot stops answering it and tells the admins */
  inviteMaxFailures: number;
  /**
   * the key of the invite codes' HMAC; unset: a random one kept in DATA_DIR/server-secret (see
   * src/secrets/server-secret.ts). Never logged.
   */
  serverSecret: string | undefined;
  /** flood protection in front of the dispatcher (src/bot/inbound-throttle.ts) */
  inbound: { perPersonPerMinute: number; perGroupPerMinute: number; strangerAnswersPerHour: number; repeatIntervalMs: number };
  issueCategories: string[] | undefined;
  web: {
    enabled: boolean;
    port: number;
    host: string;
    /**
     * the address people open (links in /web answers); without a trailing slash. Without WEB_PUBLIC_URL it
     * is where the console listens, filled in at start when the port was 0 (any free port).
     */
    publicUrl: string;
    /** WEB_PUBLIC_URL was given */
    publicUrlSet: boolean;
    /** cookies get the Secure flag (the public address is https) */
    secureCookies: boolean;
    sessionHours: number;
    /** the session cookie's name when not the default one (the sandbox's console has its own) */
    cookieName?: string;
  };
  /**
   * The sandbox (src/platforms/sandbox): the whole bot in a browser at WEB_PUBLIC_URL/sandbox, on its own
   * database and clock in `dir`, with its own console on `consolePort`. SANDBOX empty: on when no chat platform
   * is configured, the console is on and NODE_ENV is neither production nor test.
   */
  sandbox: { enabled: boolean; dir: string; consolePort: number };
  /** largest report or issue file kept on the server */
  attachmentMaxBytes: number;
  /** limits of the worker thread that reads uploaded documents (src/documents/read-document.ts) */
  documents: { readTimeoutMs: number; readMemoryMb: number };
}

/** A configuration problem, worded for the one line an operator reads. Never contains a secret value. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
  ) {
    super(`Invalid configuration: ${variable} must be ${expected}.`);
    this.name = "ConfigError";
  }
}

/** Turns a SQLite URL ("file:./x.db", "file:/abs/x.db") into an absolute file path. */
/** The two engines the service runs on; everything else about them stays behind src/db. */
export type DatabaseTarget =
  | { engine: "sqlite"; file: string }
  /** `url` without the `schema` parameter, which pg does not understand; `schema` defaults to public */
  | { engine: "postgresql"; url: string; schema: string };

/** Reads DATABASE_URL: `file:` is SQLite (relative to cwd), `postgres://` or `postgresql://` is PostgreSQL (`?schema=` optional). */
export function databaseTargetFromUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  if (!/^postgres(ql)?:\/\//i.test(url)) return { engine: "sqlite", file: sqliteFileFromUrl(url, cwd) };
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") || "public";
  parsed.searchParams.delete("schema");
  return { engine: "postgresql", url: parsed.toString(), schema };
}

export function sqliteFileFromUrl(url: string, cwd = process.cwd()): string {
  const raw = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return path.resolve(cwd, raw);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? "configuration");
    throw new ConfigError(variable, expectedFor(issue));
  }
  const e = parsed.data;
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError("TELEGRAM_WEBHOOK_SECRET", "set when TELEGRAM_WEBHOOK_URL is set (16-256 characters of A-Z, a-z, 0-9, _ or -)");
  }
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_BOT_TOKEN) {
    throw new ConfigError("TELEGRAM_BOT_TOKEN", "set when TELEGRAM_WEBHOOK_URL is set");
  }
  if (e.ZALO_BOT_WEBHOOK_URL && !e.ZALO_BOT_WEBHOOK_SECRET) {
    throw new ConfigError("ZALO_BOT_WEBHOOK_SECRET", "set when ZALO_BOT_WEBHOOK_URL is set (8-256 characters of A-Z, a-z, 0-9, _ or -)");
  }
  if (e.ZALO_BOT_WEBHOOK_URL && !e.ZALO_BOT_TOKEN) {
    throw new ConfigError("ZALO_BOT_TOKEN", "set when ZALO_BOT_WEBHOOK_URL is set");
  }
  const anyPlatform = e.TELEGRAM_BOT_TOKEN !== undefined || e.ZALO_ENABLED || e.ZALO_BOT_TOKEN !== undefined;
  const sandboxEnabled = e.SANDBOX ?? (!anyPlatform && e.WEB_ENABLED && e.NODE_ENV !== "production" && e.NODE_ENV !== "test");
  if (sandboxEnabled && !e.WEB_ENABLED)
    throw new ConfigError("SANDBOX", "false when WEB_ENABLED is false (the sandbox is a page of the web console)");
  const categories = e.ISSUE_CATEGORIES?.split(";")
    .map((s) => s.trim())
    .filter(Boolean);
  if (e.ISSUE_CATEGORIES !== undefined && (!categories || categories.length === 0)) {
    throw new ConfigError("ISSUE_CATEGORIES", "a list of categories separated by ';'");
  }
  // Without a public address the console is reached where it listens (0.0.0.0 is not an address to open).
  const shownHost = e.WEB_HOST === "0.0.0.0" || e.WEB_HOST === "::" ? "127.0.0.1" : e.WEB_HOST;
  const publicUrl = e.WEB_PUBLIC_URL ?? `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${e.WEB_PORT}`;
  return {
    databaseUrl: e.DATABASE_URL,
    database: databaseTargetFromUrl(e.DATABASE_URL, cwd),
    dataDir: path.resolve(cwd, e.DATA_DIR),
    councilCode: e.COUNCIL_CODE,
    timezone: e.COUNCIL_TIMEZONE,
    logLevel: e.LOG_LEVEL,
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT,
      webhook: e.TELEGRAM_WEBHOOK_URL
        ? { url: e.TELEGRAM_WEBHOOK_URL, secret: e.TELEGRAM_WEBHOOK_SECRET, port: e.TELEGRAM_WEBHOOK_PORT, host: e.TELEGRAM_WEBHOOK_HOST }
        : undefined,
      rate: {
        globalPerSecond: e.TELEGRAM_RATE_GLOBAL_PER_SECOND,
        groupPerMinute: e.TELEGRAM_RATE_GROUP_PER_MINUTE,
        privatePerSecond: e.TELEGRAM_RATE_PRIVATE_PER_SECOND,
      },
      adminChatId: e.ADMIN_TELEGRAM_CHAT_ID,
    },
    zalo: {
      enabled: e.ZALO_ENABLED,
      credentialsFile: path.resolve(cwd, e.ZALO_CREDENTIALS_FILE),
      sendGapMs: e.ZALO_SEND_GAP_MS,
      groupGapMs: e.ZALO_GROUP_GAP_MS,
      catchUpHours: e.ZALO_CATCH_UP_HOURS,
    },
    zaloBot: {
      token: e.ZALO_BOT_TOKEN,
      apiRoot: e.ZALO_BOT_API_ROOT.replace(/\/+$/, ""),
      webhook:
        e.ZALO_BOT_WEBHOOK_URL && e.ZALO_BOT_WEBHOOK_SECRET
          ? { url: e.ZALO_BOT_WEBHOOK_URL, secret: e.ZALO_BOT_WEBHOOK_SECRET, port: e.ZALO_BOT_WEBHOOK_PORT, host: e.ZALO_BOT_WEBHOOK_HOST }
          : undefined,
      pollTimeoutSeconds: e.ZALO_BOT_POLL_TIMEOUT_SECONDS,
      rate: {
        globalPerSecond: e.ZALO_BOT_RATE_GLOBAL_PER_SECOND,
        groupPerMinute: e.ZALO_BOT_RATE_GROUP_PER_MINUTE,
        privatePerSecond: e.ZALO_BOT_RATE_PRIVATE_PER_SECOND,
      },
    },
    outbox: { maxAttempts: e.OUTBOX_MAX_ATTEMPTS, keepDays: e.OUTBOX_KEEP_DAYS, retryWindowMs: e.OUTBOX_RETRY_WINDOW_MINUTES * 60_000 },
    operatorChat: e.ADMIN_TELEGRAM_CHAT_ID
      ? { platform: "telegram", id: e.ADMIN_TELEGRAM_CHAT_ID, kind: e.ADMIN_TELEGRAM_CHAT_ID.startsWith("-") ? "group" : "private" }
      : undefined,
    schedule: {
      quietStart: e.QUIET_HOURS_START,
      quietEnd: e.QUIET_HOURS_END,
      quietWeekends: e.QUIET_WEEKENDS,
      quietHolidays: e.QUIET_HOLIDAYS,
      reminderTickCron: e.REMINDER_TICK_CRON,
      digestDailyCron: e.DIGEST_DAILY_CRON,
      digestWeeklyCron: e.DIGEST_WEEKLY_CRON,
      noticeAckReminderHours: e.NOTICE_ACK_REMINDER_HOURS,
      digestMaxUnits: e.DIGEST_MAX_UNITS,
    },
    inviteTtlDays: e.INVITE_TTL_DAYS,
    inviteMaxFailures: e.INVITE_MAX_FAILURES,
    serverSecret: e.SERVER_SECRET,
    inbound: {
      perPersonPerMinute: e.INBOUND_PER_PERSON_PER_MINUTE,
      perGroupPerMinute: e.INBOUND_PER_GROUP_PER_MINUTE,
      strangerAnswersPerHour: e.STRANGER_ANSWERS_PER_HOUR,
      repeatIntervalMs: e.REPEAT_REFUSAL_MINUTES * 60_000,
    },
    issueCategories: categories,
    web: {
      enabled: e.WEB_ENABLED,
      port: e.WEB_PORT,
      host: e.WEB_HOST,
      publicUrl: publicUrl.replace(/\/+$/, ""),
      publicUrlSet: e.WEB_PUBLIC_URL !== undefined,
      secureCookies: publicUrl.toLowerCase().startsWith("https://"),
      sessionHours: e.WEB_SESSION_HOURS,
    },
    sandbox: {
      enabled: sandboxEnabled,
      dir: path.resolve(cwd, e.DATA_DIR, "sandbox"),
      consolePort: e.SANDBOX_CONSOLE_PORT ?? (e.WEB_PORT === 0 ? 0 : Math.min(e.WEB_PORT + 1, 65535)),
    },
    attachmentMaxBytes: e.ATTACHMENT_MAX_MB * 1024 * 1024,
    documents: { readTimeoutMs: e.DOCUMENT_READ_TIMEOUT_SECONDS * 1000, readMemoryMb: e.DOCUMENT_READ_MEMORY_MB },
  };
}

function expectedFor(issue: z.core.$ZodIssue): string {
  // Custom messages from the schema already say what is expected; generic ones are rephrased.
  switch (issue.code) {
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return `at least ${String(issue.minimum)}`;
    case "too_big":
      return `at most ${String(issue.maximum)}`;
    case "invalid_type":
      return issue.expected === "number" ? "a whole number" : `a ${issue.expected}`;
    case "invalid_union":
      return "true or false";
    default:
      return issue.message;
  }
}
