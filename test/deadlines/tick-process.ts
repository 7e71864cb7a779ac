/**
 * A second "process" for the exactly-once test: opens the database file, waits for the agreed moment, runs
 * one reminder tick at the given time and prints its result as JSON.
 * Usage: node --import tsx tick-process.ts <db file> <now ISO> <go epoch ms>
 */
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logging/logger.js";
import { FixedClock } from "../../src/domain/time/clock.js";
import { runReminderTick } from "../../src/jobs/reminders.js";
import { openTestDatabase, testDatabaseUrl } from "../helpers/db.js";

const [file, nowIso, goText] = process.argv.slice(2) as [string, string, string];
const db = await openTestDatabase(file);
const config = loadConfig({ DATABASE_URL: testDatabaseUrl(file), LOG_LEVEL: "silent", QUIET_WEEKENDS: "none" });
const now = new Date(nowIso);
await new Promise((r) => setTimeout(r, Math.max(0, Number(goText) - Date.now())));
const result = await runReminderTick(
  { db, config, logger: silentLogger(), clock: new FixedClock(now), notifyOutbox: () => undefined },
  now,
);
await db.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
