/**
 * `npm run bench:console`: how fast the console's home page is with the largest province after 2025
 * (168 units) and 20 open tasks: server time per request (p50/p95 over 30 requests), the page's size, and
 * headless Chromium's time to load and lay it out (with /usr/bin/chromium). Prints numbers; asserts nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config.js";
import { createApp } from "../src/app.js";
import { silentLogger } from "../src/logging/logger.js";
import { FixedClock } from "../src/domain/time/clock.js";
import { createTask } from "../src/db/tasks.js";
import { createLoginLink } from "../src/core/access/console-access.js";
import { launchBrowser } from "../test/helpers/browser.js";

const UNITS = Number(process.env.UNITS ?? 168);
const TASKS = Number(process.env.TASKS ?? 20);
const dir = mkdtempSync(path.join(tmpdir(), "council-bench-console-"));
const config = loadConfig({ DATABASE_URL: `file:${path.join(dir, "c.db")}`, DATA_DIR: dir, LOG_LEVEL: "silent", WEB_PORT: "0" }, dir);
const clock = new FixedClock("2026-06-10T03:00:00Z");
const app = await createApp(config, { logger: silentLogger(), clock, cron: false });
await app.start();
const db = app.db.prisma;
const council = await db.council.create({ data: { code: "BENCH", name: "HĐND tỉnh Thử nghiệm" } });
for (let i = 1; i <= UNITS; i++)
  await db.unit.create({
    data: {
      councilId: council.id,
      code: `X${String(i).padStart(3, "0")}`,
      name: `${i % 5 === 0 ? "Phường" : "Xã"} Số ${i}`,
      kind: i % 5 === 0 ? "ward" : "commune",
    },
  });
const units = await db.unit.findMany({ where: { councilId: council.id } });
const office = await db.member.create({ data: { councilId: council.id, fullName: "Chuyên viên", role: "office" } });
const reporter = await db.member.create({
  data: { councilId: council.id, fullName: "Phó Chủ tịch", role: "vice_chair", unitId: units[0]!.id },
});
for (let t = 0; t < TASKS; t++) {
  const task = await app.db.transaction((tx) =>
    createTask(tx, {
      councilId: council.id,
      title: `Báo cáo chuyên đề số ${t + 1} về tình hình kinh tế - xã hội`,
      description: null,
      dueAt: new Date(Date.UTC(2026, 5, 1 + t, 10)),
      dueRule: null,
      noticeId: null,
      scheduleJson: null,
      createdById: null,
      createdByLabel: "bench",
      createdAt: new Date("2026-05-01T00:00:00Z"),
      unitIds: units.map((u) => u.id),
    }),
  );
  // About two thirds of the units have reported, some late.
  const rows = units
    .filter((_, i) => (i + t) % 3 !== 0)
    .map((u, i) => ({
      councilId: council.id,
      taskId: task.id,
      unitId: u.id,
      memberId: reporter.id,
      receiptNo: `BC-${t}-${i}`,
      body: "Nội dung báo cáo",
      late: i % 7 === 0,
      submittedAt: new Date(Date.UTC(2026, 5, 1 + t, 8)),
    }));
  await db.submission.createMany({ data: rows });
}
const link = await createLoginLink(app.db, { memberId: office.id, via: "cli", now: clock.now() });
if (!link.ok) throw new Error("no link");
const base = app.webUrl!;
const signIn = await fetch(`${base}/dang-nhap`, {
  method: "POST",
  body: new URLSearchParams({ t: link.token }),
  headers: { origin: base },
  redirect: "manual",
});
const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
const times: number[] = [];
let size = 0;
for (let i = 0; i < 30; i++) {
  const started = performance.now();
  const res = await fetch(`${base}/`, { headers: { cookie } });
  size = (await res.text()).length;
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(0);
console.log(`units ${UNITS}, open tasks ${TASKS}, cells ${UNITS * TASKS}`);
console.log(`server: GET / p50 ${pct(50)} ms, p95 ${pct(95)} ms (30 requests after sign-in), HTML ${(size / 1024).toFixed(0)} KB`);
const browser = await launchBrowser();
const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, extraHTTPHeaders: { cookie } });
const page = await ctx.newPage();
const loads: number[] = [];
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  await page.goto(`${base}/`, { waitUntil: "load" });
  await page
    .locator("table.grid tbody tr")
    .nth(UNITS - 1)
    .waitFor();
  loads.push(performance.now() - started);
}
loads.sort((a, b) => a - b);
console.log(
  `chromium: navigation to a laid-out grid, median of 5: ${loads[2]!.toFixed(0)} ms (min ${loads[0]!.toFixed(0)}, max ${loads[4]!.toFixed(0)})`,
);
await browser.close();
await app.stop();
rmSync(dir, { recursive: true, force: true });
