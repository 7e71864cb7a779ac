/**
 * Structured logs (pino). Secrets never reach the log: known secret fields are redacted by path, and
 * bot tokens are scrubbed from every message and error text (HTTP client errors embed the request URL,
 * and Telegram's URL contains the token).
 */
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

export type { Logger };

const TOKEN_IN_TEXT = /\b(bot)?\d{5,}:[A-Za-z0-9_-]{20,}/g;
const COOKIE_IN_TEXT = /(zpw_sek|zpsid|zpw_enk|cookie)=([^;\s"]+)/gi;

/** Removes bot tokens and cookie values from free text. */
export function redactSecrets(text: string): string {
  return text.replace(TOKEN_IN_TEXT, (_m, bot: string | undefined) => `${bot ?? ""}<redacted>`).replace(COOKIE_IN_TEXT, "$1=<redacted>");
}

const REDACT_PATHS = [
  "token",
  "*.token",
  "botToken",
  "cookie",
  "*.cookie",
  "cookies",
  "*.cookies",
  "imei",
  "*.imei",
  "secret",
  "*.secret",
  "headers.authorization",
  "headers.cookie",
  'headers["x-telegram-bot-api-secret-token"]',
  "config.telegram.token",
  "config.telegram.webhook.secret",
  'headers["x-bot-api-secret-token"]',
  "config.zaloBot.token",
  "config.zaloBot.webhook.secret",
];

function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: redactSecrets(String(err)) };
  const out: Record<string, unknown> = {
    type: err.name,
    message: redactSecrets(err.message),
    stack: err.stack ? redactSecrets(err.stack) : undefined,
  };
  const extra = err as unknown as Record<string, unknown>;
  for (const key of ["code", "description", "method", "status", "reason", "errorCode"]) {
    if (extra[key] !== undefined) out[key] = typeof extra[key] === "string" ? redactSecrets(extra[key] as string) : extra[key];
  }
  if (err.cause) out.cause = serializeError(err.cause);
  return out;
}

export interface LoggerOptions {
  level: string;
  /** where to write; defaults to stderr so CLI output on stdout stays machine-readable */
  destination?: pino.DestinationStream;
  /**
   * one readable line per entry (time, level, message, fields), for a person at a terminal; JSON otherwise
   * (a log collector, a file). Redaction happens before either.
   */
  pretty?: boolean;
}

/** pino-pretty in this thread (no worker), writing synchronously to stderr like the JSON destination. */
export function prettyDestination(destination: number | NodeJS.WritableStream = 2, colorize = true): pino.DestinationStream {
  return pretty({
    destination: destination as number,
    sync: true,
    colorize,
    translateTime: "SYS:yyyy-mm-dd HH:MM:ss",
    ignore: "pid,hostname",
    singleLine: true,
  });
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: "<redacted>" },
      serializers: { err: serializeError, error: serializeError },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === "string" ? redactSecrets(a) : a)) as typeof args;
          method.apply(this, scrubbed);
        },
      },
    },
    options.destination ?? (options.pretty ? prettyDestination() : pino.destination({ fd: 2, sync: true })),
  );
}

/** A logger that drops everything, for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
