/**
 * `npm run bench:tick`: the reminder tick of a national council (3,321 units x 20 open tasks, every third unit
 * reported on the first task) inside the real service process, started as `npm start` starts it (its node
 * flags, --max-old-space-size=192), measuring the service's RSS before and during the tick and its CPU.
 * Quiet hours are turned off so the tick plans at whatever hour the benchmark runs; the reminder cron runs
 * every minute; no platform is connected, so the reminders wait in the outbox (the sending is bench:broadcast's).
 */
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { nationalCouncil, submitInBulk, TZ } from "../../test/helpers/national.js";
import { PROJECT_ROOT, readProcMemory, readProcStat, SERVICE_BIN, SERVICE_NODE_FLAGS } from "../../test/helpers/service-process.js";
import { addLocalDays, atLocal, localDateOf } from "../../src/domain/time/vietnam-time.js";

delete process.env.TEST_DATABASE_URL; // the service's own engine: SQLite
const now = new Date();
const today = localDateOf(now, TZ);
// Task 1's "7 days before" point was yesterday: due now for the units that have not reported.
const c = await nationalCouncil({ tasks: 20, firstDue: addLocalDays(today, 6), start: atLocal(addLocalDays(today, -3), "09:00", TZ) });
await submitInBulk(c, c.taskIds[0]!, (n) => n % 3 === 0, atLocal(addLocalDays(today, -2), "10:00", TZ));
await c.t.db.close();

const env = {
  PATH: process.env.PATH ?? "",
  DATABASE_URL: `file:${c.t.file}`,
  DATA_DIR: c.t.dir,
  LOG_LEVEL: "warn",
  WEB_PORT: "0",
  QUIET_HOURS_START: "00:00",
  QUIET_HOURS_END: "00:00",
  QUIET_WEEKENDS: "none",
  QUIET_HOLIDAYS: "false",
  REMINDER_TICK_CRON: "* * * * *",
};
const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, SERVICE_BIN], {
  cwd: PROJECT_ROOT,
  env,
  stdio: ["ignore", "ignore", "pipe"],
});
let stderr = "";
child.stderr.on("data", (d) => {
  stderr += String(d);
});
const pid = child.pid!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Started: the web console listens (its log line), or give it a few seconds.
const { openDatabase } = await import("../../src/db/client.js");
const db = await openDatabase(c.t.file);
const count = () => db.prisma.dispatchLog.count();
let started = 0;
for (let i = 0; i < 600 && started === 0; i++) {
  await sleep(100);
  if (/web console at|service started/.test(stderr) || i > 100) started = Date.now();
}
await sleep(2000);
const before = readProcMemory(pid);
const cpuBefore = readProcStat(pid);
let peakRss = before?.rssKb ?? 0;
// The tick starts at the next minute; done when the dispatch log stops growing after it grew.
let last = -1;
let stable = 0;
for (let i = 0; i < 1800; i++) {
  await sleep(100);
  const m = readProcMemory(pid);
  if (m) peakRss = Math.max(peakRss, m.rssKb);
  if (i % 10 !== 0) continue;
  const n = await count();
  stable = n > 0 && n === last ? stable + 1 : 0;
  last = n;
  if (stable >= 3) break;
}
const after = readProcMemory(pid);
const cpuAfter = readProcStat(pid);
const outbox = await db.prisma.outboxMessage.count();
const reminders = await db.prisma.dispatchLog.count({ where: { kind: "reminder", outcome: "sent" } });
await db.close();
child.kill("SIGTERM");
await new Promise((r) => child.once("exit", r));
await c.cleanup();

const mb = (kb: number | undefined) => ((kb ?? Number.NaN) / 1024).toFixed(0);
console.log(
  `national reminder tick in the service (node ${SERVICE_NODE_FLAGS.join(" ")}); load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`,
);
console.log(`dispatches recorded: ${last} (${reminders} reminders sent), outbox rows: ${outbox}`);
console.log(`service RSS before the tick ${mb(before?.rssKb)} MB, peak during it ${mb(peakRss)} MB (VmHWM ${mb(after?.hwmKb)} MB)`);
console.log(`service CPU from before the tick to its end: ${((cpuAfter?.cpuMs ?? 0) - (cpuBefore?.cpuMs ?? 0)).toFixed(0)} ms`);
if (last <= 0) {
  console.error(`no tick recorded anything; service log tail:\n${stderr.slice(-2000)}`);
  process.exitCode = 1;
}
