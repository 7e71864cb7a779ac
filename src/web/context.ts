/** What the console's routes are given: the same parts the chat side uses, and the types of Hono's context. */
import type { Context } from "hono";
import type { Database } from "../db/client.js";
import type { Config } from "../config.js";
import type { Logger } from "../logging/logger.js";
import type { Clock } from "../domain/time/clock.js";
import type { PlatformInfo } from "../messaging/platform.js";
import type { ConsoleSession } from "../core/access/console-access.js";

export interface WebDeps {
  db: Database;
  config: Config;
  logger: Logger;
  clock: Clock;
  platforms: Record<string, PlatformInfo>;
  /** wakes the outbox senders after something was queued */
  notifyOutbox(): void;
}

export interface WebEnv {
  Variables: {
    session: ConsoleSession | null;
    /** the session's CSRF token, put in every form */
    csrf: string;
    /** a random id per request, used in outbox keys of what the request queues */
    requestId: string;
  };
}

export type WebContext = Context<WebEnv>;
