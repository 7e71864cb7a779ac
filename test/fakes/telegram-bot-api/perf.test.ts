/**
 * Throughput: the fake runs in its own process (serve.ts) so its CPU time can be measured apart
 * from the client's. It must serve at least 2,000 sendMessage requests per CPU second, and the
 * cost per request must not grow with the size of the message log.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import http from "node:http";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { FakeBotApiClient } from "./control-client.js";

const SERVE = fileURLToPath(new URL("./serve.ts", import.meta.url));
const REPO = fileURLToPath(new URL("../../..", import.meta.url));
const TICKS = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

let child: ChildProcess | null = null;
afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill("SIGKILL");
    await once(child, "exit");
  }
});

/** CPU milliseconds (user + system) used so far by a process. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
}

describe("throughput", () => {
  it("serves >= 2,000 requests per CPU second, and does not slow down as the log grows", async () => {
    child = spawn(process.execPath, ["--import", "tsx", SERVE, JSON.stringify({ rateLimits: false, exitWithParent: true })], {
      cwd: REPO,
      stdio: ["pipe", "pipe", "inherit"],
    });
    const line = await new Promise<string>((resolve) => createInterface({ input: child!.stdout! }).once("line", resolve));
    const { apiRoot, token, pid } = JSON.parse(line) as { apiRoot: string; token: string; pid: number };
    const url = `${apiRoot}/bot${token}/sendMessage`;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

    const post = (body: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(
          url,
          { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
          (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          },
        );
        req.on("error", reject);
        req.end(body);
      });

    async function batch(n: number, offset: number): Promise<{ cpu: number; wall: number }> {
      const cpu0 = cpuMs(pid);
      const t0 = performance.now();
      let next = 0;
      let failures = 0;
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          while (next < n) {
            const k = offset + next++;
            const status = await post(
              JSON.stringify({
                chat_id: k % 2 === 0 ? 100_000 + (k % 700) : -200_000 - (k % 300),
                text: `<b>Thông báo số ${k}</b>\nKỳ họp thứ 5 HĐND xã &amp; phường, hạn nộp báo cáo 30/5.`,
                parse_mode: "HTML",
                reply_markup: { inline_keyboard: [[{ text: "Đã đọc", callback_data: `read:${k}` }]] },
              }),
            );
            if (status !== 200) failures++;
          }
        }),
      );
      expect(failures).toBe(0);
      return { cpu: cpuMs(pid) - cpu0, wall: performance.now() - t0 };
    }

    await batch(1500, 100_000); // warm-up (JIT)
    const first = await batch(3000, 500);
    await batch(3000, 3500);
    const last = await batch(3000, 6500);
    agent.destroy();

    const perCpuSecond = (3000 / last.cpu) * 1000; // warm, with 9,000 messages already in the log
    console.log(
      `fake: ${Math.round(perCpuSecond)} req per CPU second; first batch ${Math.round(first.cpu)} ms CPU / ${Math.round(first.wall)} ms wall, ` +
        `last batch ${Math.round(last.cpu)} ms CPU / ${Math.round(last.wall)} ms wall`,
    );
    expect(perCpuSecond).toBeGreaterThan(2000);
    expect(last.cpu).toBeLessThan(first.cpu * 2 + 100);
    expect((3000 / last.wall) * 1000).toBeGreaterThan(500); // lenient: the client shares the machine

    const stats = await new FakeBotApiClient(apiRoot).stats();
    expect(stats.delivered).toBe(10_500);
  });
});
