/**
 * Runs the fake in its own process:
 *
 *   npx tsx test/fakes/telegram-bot-api/serve.ts '{"port":0,"rateLimits":false}'
 *   FAKE_TELEGRAM_OPTIONS='{"faults":{"seed":7}}' npx tsx test/fakes/telegram-bot-api/serve.ts
 *
 * Prints one line of JSON on stdout: {"apiRoot":"http://127.0.0.1:PORT","controlUrl":...,"token":...,"pid":...}
 * and serves until SIGTERM/SIGINT. With "exitWithParent": true in the options it also exits when
 * its stdin closes (spawn it with stdio "pipe" so it dies with the test process).
 */
import { startFakeBotApi } from "./server.js";
import type { FakeBotApiOptions } from "./types.js";

type CliOptions = Partial<Omit<FakeBotApiOptions, "now">> & { exitWithParent?: boolean };

function readOptions(): CliOptions {
  const source = process.argv[2] ?? process.env.FAKE_TELEGRAM_OPTIONS ?? "{}";
  try {
    const parsed = JSON.parse(source) as unknown;
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
    return parsed as CliOptions;
  } catch (err) {
    process.stderr.write(`serve.ts: options must be a JSON object (${String(err)})\n`);
    process.exit(2);
  }
}

const { exitWithParent, ...options } = readOptions();
const fake = await startFakeBotApi(options);
process.stdout.write(`${JSON.stringify({ apiRoot: fake.apiRoot, controlUrl: fake.controlUrl, token: fake.token, pid: process.pid })}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void fake.close().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
if (exitWithParent) {
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
}
