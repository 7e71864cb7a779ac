/**
 * `npm run bench:national`: reminder and digest planning for a national council (34 provinces, 3,321 units,
 * 20 open tasks, every third unit reported on the first task), on the seed of test/scale/national.test.ts.
 * Prints the wall and CPU time of each step (the median of RUNS=5) and the process's peak RSS.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { nationalCouncil, submitInBulk, TZ } from "../test/helpers/national.js";
import { atLocal } from "../src/domain/time/vietnam-time.js";
import { planCouncilReminders } from "../src/jobs/reminders.js";
import { planCouncilDigests } from "../src/jobs/digests.js";
import { buildDigest } from "../src/core/tasks/digest.js";
import { renderDigest } from "../src/domain/digests/compose-digest.js";
import { previewAt } from "../src/jobs/preview.js";

const runs = Number(process.env.RUNS ?? 5);
const c = await nationalCouncil({ tasks: 20 });
await submitInBulk(c, c.taskIds[0]!, (n) => n % 3 === 0, atLocal("2026-03-02", "10:00", TZ));
const council = (await c.t.db.prisma.council.findFirst())!;
const now = atLocal("2026-03-12", "10:00", TZ);

async function measure(label: string, fn: () => Promise<unknown>) {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall.push(performance.now() - t0);
    const d = process.cpuUsage(c0);
    cpu.push((d.user + d.system) / 1000);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`${label.padEnd(44)} wall ${med(wall).toFixed(0).padStart(6)} ms   CPU ${med(cpu).toFixed(0).padStart(6)} ms`);
}

console.log(
  `3,321 units x 20 open tasks; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}; median of ${runs}`,
);
await measure("reminder planning (load + plan)", () => planCouncilReminders(c.deps, council, now));
await measure("digest planning (which digests are due)", () => planCouncilDigests(c.deps, council, now));
await measure("digest content + rendering (summary)", async () =>
  renderDigest(
    await buildDigest(c.t.db.prisma, council.id, { now, timezone: TZ, kind: "daily", period: { from: now, to: now }, maxUnits: 100 }),
  ),
);
await measure("reminders preview (everything at a moment)", () => previewAt(c.deps, now));
const peak = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
console.log(`peak RSS ${peak ? (Number(peak) / 1024).toFixed(0) : "?"} MB (this process: the seed included)`);
await c.cleanup();
