/**
 * The project's fake Bot API in its own process (test/fakes/telegram-bot-api/serve.ts), so that its
 * memory and CPU are not counted against the service or the benchmark driver. Driven through its
 * control API (FakeBotApiClient).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { FakeBotApiClient } from "../../test/fakes/telegram-bot-api/control-client.js";
import type { FakeBotApiOptions } from "../../test/fakes/telegram-bot-api/types.js";
import { PROJECT_ROOT } from "../../test/helpers/service-process.js";

export const FAKE_SERVE = path.join(PROJECT_ROOT, "test", "fakes", "telegram-bot-api", "serve.ts");

export interface FakeProcess {
  apiRoot: string;
  controlUrl: string;
  token: string;
  pid: number;
  client: FakeBotApiClient;
  close(): Promise<void>;
}

/** Telegram's published limits, as the issue asks: 30/s overall, 20/min per group, 1/s per private chat. */
export const TELEGRAM_LIMITS: FakeBotApiOptions["rateLimits"] = {
  enabled: true,
  global: { limit: 30, windowMs: 1000 },
  group: { limit: 20, windowMs: 60_000 },
  private: { limit: 1, windowMs: 1000 },
  editsShareChatLimit: false,
};

export async function startFakeProcess(options: Partial<Omit<FakeBotApiOptions, "now">> = {}): Promise<FakeProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", FAKE_SERVE, JSON.stringify({ ...options, exitWithParent: true })],
    {
      cwd: PROJECT_ROOT,
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (c: string) => {
    stderr = (stderr + c).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const first = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once("line", (line) => {
      rl.close();
      resolve(line);
    });
    child.once("exit", (code) => reject(new Error(`the fake Bot API exited (code ${code}): ${stderr}`)));
  });
  child.stdout!.resume();
  const info = JSON.parse(first) as { apiRoot: string; controlUrl: string; token: string; pid: number };
  return {
    ...info,
    client: new FakeBotApiClient(info.apiRoot),
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
