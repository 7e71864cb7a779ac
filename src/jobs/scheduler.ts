/**
 * The scheduler: node-cron jobs in the council's time zone that only read the clock and call the job
 * functions with `now`. Expressions come from config and are validated before anything is scheduled: an
 * invalid one stops start-up with one line naming the variable.
 *
 * - REMINDER_TICK_CRON (default every 5 minutes): reminders and escalations, notice acknowledgement
 *   reminders, and any digest that is due but not out yet (so a digest missed while the service was down
 *   goes out at the next tick if still fresh, and is skipped with a log line if stale).
 * - DIGEST_DAILY_CRON, DIGEST_WEEKLY_CRON: the digests, on the minute.
 * - Hourly: maintenance (expired guided steps, pruning).
 *
 * Jobs of one process run one at a time (a queue); two processes are kept apart by DispatchLog's unique keys.
 */
import cron, { type ScheduledTask } from "node-cron";
import { ConfigError, type Config } from "../config.js";
import { validateCron } from "../domain/digests/cron.js";
import type { JobDeps } from "./deps.js";
import { runReminderTick, type ReminderTickResult } from "./reminders.js";
import { runDigest, type DigestRunResult } from "./digests.js";
import { runNoticeAckReminders } from "./notice-ack.js";
import { runMaintenance } from "./maintenance.js";

export const MAINTENANCE_CRON = "17 * * * *";

export interface TickResult {
  at: Date;
  reminders: ReminderTickResult;
  noticeAcks: { sent: number; skipped: number; duplicates: number };
  digests: DigestRunResult;
  maintenance: { expired: number; prunedEvents: number; prunedMenus: number } | null;
}

export interface Scheduler {
  /** validates the expressions (throws ConfigError) and schedules the jobs */
  start(): void;
  stop(): void;
  /** runs every job once, now (tests move a fixed clock and call this; never sleep) */
  tickNow(now?: Date): Promise<TickResult>;
}

const CRON_VARIABLES = [
  ["REMINDER_TICK_CRON", "reminderTickCron"],
  ["DIGEST_DAILY_CRON", "digestDailyCron"],
  ["DIGEST_WEEKLY_CRON", "digestWeeklyCron"],
] as const;

/** Throws a ConfigError (one line, naming the variable) for the first expression node-cron would refuse. */
export function validateScheduleConfig(config: Config): void {
  for (const [variable, field] of CRON_VARIABLES) {
    const check = validateCron(config.schedule[field]);
    if (!check.ok)
      throw new ConfigError(
        variable,
        `a cron expression node-cron accepts, e.g. "*/5 * * * *" (got "${config.schedule[field]}": ${check.message.replace(/^invalid cron expression "[^"]*": /, "")})`,
      );
  }
}

export function createScheduler(deps: JobDeps): Scheduler {
  const log = deps.logger.child({ component: "scheduler" });
  const jobs: ScheduledTask[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  /** One job at a time in this process; a failing job is logged and does not stop the next. */
  const serial = <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch((err) => log.error({ err, job: name }, "scheduled job failed"));
    return run;
  };

  const reminderTick = (now: Date) =>
    serial("reminders", async () => {
      const reminders = await runReminderTick(deps, now);
      const noticeAcks = await runNoticeAckReminders(deps, now);
      const digests = await runDigest(deps, now);
      return { reminders, noticeAcks, digests };
    });

  const cronLogger = {
    info: (m: string) => log.debug(m),
    warn: (m: string) => log.warn(m),
    error: (m: string | Error, err?: Error) =>
      log.error({ err: err ?? (m instanceof Error ? m : undefined) }, String(m instanceof Error ? m.message : m)),
    debug: () => undefined,
  };

  return {
    start() {
      validateScheduleConfig(deps.config);
      if (jobs.length > 0) return;
      const options = (name: string) => ({ timezone: deps.config.timezone, noOverlap: true, name, logger: cronLogger });
      // Failures are logged by `serial`; the callbacks never reject into node-cron.
      const quietly = (p: Promise<unknown>) =>
        p.then(
          () => undefined,
          () => undefined,
        );
      const s = deps.config.schedule;
      jobs.push(cron.schedule(s.reminderTickCron, () => quietly(reminderTick(deps.clock.now())), options("reminder-tick")));
      jobs.push(
        cron.schedule(
          s.digestDailyCron,
          () => quietly(serial("digest-daily", () => runDigest(deps, deps.clock.now()))),
          options("digest-daily"),
        ),
      );
      jobs.push(
        cron.schedule(
          s.digestWeeklyCron,
          () => quietly(serial("digest-weekly", () => runDigest(deps, deps.clock.now()))),
          options("digest-weekly"),
        ),
      );
      jobs.push(
        cron.schedule(
          MAINTENANCE_CRON,
          () => quietly(serial("maintenance", () => runMaintenance(deps, deps.clock.now()))),
          options("maintenance"),
        ),
      );
      log.info(
        { timezone: deps.config.timezone, reminderTick: s.reminderTickCron, daily: s.digestDailyCron, weekly: s.digestWeeklyCron },
        "scheduler started",
      );
    },
    stop() {
      for (const job of jobs.splice(0)) void job.destroy();
    },
    async tickNow(now = deps.clock.now()) {
      const { reminders, noticeAcks, digests } = await reminderTick(now);
      const maintenance = await serial("maintenance", () => runMaintenance(deps, now)).catch(() => null);
      return { at: now, reminders, noticeAcks, digests, maintenance };
    },
  };
}
