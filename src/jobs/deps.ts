/** What the scheduled jobs need. Everything time-dependent takes `now`; the clock is only read by the scheduler. */
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import type { Logger } from "../logging/logger.js";
import type { Clock } from "../domain/time/clock.js";
import type { PlatformInfo } from "../messaging/platform.js";

export interface JobDeps {
  db: Database;
  config: Config;
  logger: Logger;
  clock: Clock;
  /** wakes the outbox senders after messages were queued */
  notifyOutbox(): void;
  /** the connected platforms (for the /baocao deep-link button); none connected: reminders wait in the outbox */
  platforms?: Record<string, Pick<PlatformInfo, "deepLink">>;
  /** the flows, for their Vietnamese titles in "your step expired" messages */
  flows?: { get(name: string): { title: string } | undefined };
}

/** The command units use to submit a report, and the deep-link payload that starts it in private. */
export const SUBMIT_COMMAND_NAME = "baocao";
