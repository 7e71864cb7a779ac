/**
 * Diagnostic: how long publishing one notice to N groups takes, and how long it keeps the event loop
 * blocked (the longest gap between ticks of a 10 ms interval while publishNotice's transaction runs).
 *
 *   npx tsx scripts/bench/publish-blocking.ts 3400
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareCouncil, publishSeedNotice } from "./setup.js";

const n = Number(process.argv[2] ?? 1000);
const dir = mkdtempSync(path.join(os.tmpdir(), "bench-publish-"));
try {
  const dataDir = path.join(dir, "data");
  mkdirSync(dataDir);
  const { db, councilId } = await prepareCouncil(path.join(dir, "council.db"), n);
  let last = performance.now();
  let maxGap = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    ticks++;
  }, 10);
  await new Promise((r) => setTimeout(r, 50));
  const cpu0 = process.cpuUsage();
  const ticks0 = ticks;
  last = performance.now();
  maxGap = 0;
  const published = await publishSeedNotice(db, councilId, dataDir);
  const cpu = process.cpuUsage(cpu0);
  // The gap that ends now (the interval has not had a chance to run since).
  maxGap = Math.max(maxGap, performance.now() - last);
  const blockedTicks = ticks - ticks0;
  clearInterval(timer);
  const rows = await db.prisma.outboxMessage.count();
  console.log(
    JSON.stringify({
      groups: n,
      outboxRows: rows,
      publishMs: published.publishedAt - published.startedAt,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      longestEventLoopGapMs: Math.round(maxGap),
      intervalTicksDuringPublish: blockedTicks,
      intervalTicksExpected: Math.floor((published.publishedAt - published.startedAt) / 10),
    }),
  );
  await db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
