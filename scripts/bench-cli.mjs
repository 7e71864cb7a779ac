#!/usr/bin/env node
// `npm run bench:cli`: how long `council` takes to its first output, as an operator runs it (a new node
// process each time, on a scratch database with the demo council). Prints the median and the slowest of N
// runs per command, wall time to the first byte on stdout and the process's CPU time. Uses dist/ when it is
// current (npm run build), else the sources through tsx; `-- --sources` forces the sources.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "bin", "council.mjs");
const runs = Number(process.argv.find((a) => a.startsWith("--runs="))?.slice(7) ?? 7);
const dir = mkdtempSync(path.join(tmpdir(), "council-bench-cli-"));
const env = {
  PATH: process.env.PATH,
  DATABASE_URL: `file:${path.join(dir, "council.db")}`,
  DATA_DIR: dir,
  LOG_LEVEL: "silent",
  ...(process.argv.includes("--sources") ? { COUNCIL_SOURCES: "1" } : {}),
};
spawnSync(process.execPath, [bin, "seed", "demo"], { cwd: dir, env, stdio: "ignore" });

function once(args) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    let first = null;
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env, stdio: ["ignore", "pipe", "ignore"] });
    child.stdout.on("data", () => {
      first ??= Number(process.hrtime.bigint() - start) / 1e6;
    });
    child.on("exit", () => {
      const total = Number(process.hrtime.bigint() - start) / 1e6;
      resolve({ first: first ?? total, total });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const commands = [["--help"], ["status"], ["units", "list"], ["task", "list"], ["reminders", "preview"]];
console.log(`council: ${runs} runs each, ${process.argv.includes("--sources") ? "sources through tsx" : "dist/ when current"}`);
console.log("command                  first output p50 / max    exit p50");
for (const args of commands) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await once(args));
  const first = results.map((r) => r.first);
  console.log(
    `${args.join(" ").padEnd(24)} ${median(first).toFixed(0).padStart(6)} / ${Math.max(...first)
      .toFixed(0)
      .padStart(5)} ms   ${median(results.map((r) => r.total))
      .toFixed(0)
      .padStart(6)} ms`,
  );
}
rmSync(dir, { recursive: true, force: true });
