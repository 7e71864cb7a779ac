/**
 * Issue 12: `npm start` on an empty database says how to create a council, and its logs are readable in a
 * terminal (one pretty line per entry when stderr is a TTY) and JSON otherwise. The real service process;
 * the terminal is a real pseudo-terminal (util-linux `script`).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, prettyDestination } from "../../src/logging/logger.js";
import { PROJECT_ROOT, SERVICE_BIN, SERVICE_NODE_FLAGS, ServiceProcess } from "../helpers/service-process.js";

const HOW =
  /the database has no council yet: create one with `npx council init --code CODE --name "HĐND tỉnh \.\.\."`, or try the demo with `npx council seed demo`/;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "council-start-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm start on an empty database", () => {
  it("says how to create a council, in JSON when stderr is not a terminal", async () => {
    const service = await ServiceProcess.start({
      cwd: dir,
      env: { DATABASE_URL: `file:${path.join(dir, "json.db")}`, DATA_DIR: dir, WEB_PORT: "0" },
      startTimeoutMs: 60_000,
    });
    try {
      const warning = service.logs.find((l) => HOW.test(l.msg));
      expect(warning).toMatchObject({ level: 40 });
      expect(service.logs.every((l) => typeof l === "object" && typeof l.level === "number")).toBe(true);
    } finally {
      await service.stop();
    }
  }, 90_000);

  it("writes one readable line per entry when stderr is a terminal", async () => {
    const command = ["node", ...SERVICE_NODE_FLAGS, SERVICE_BIN].map((a) => `'${a}'`).join(" ");
    const child = spawn("script", ["-qefc", command, "/dev/null"], {
      cwd: dir,
      detached: true,
      env: {
        PATH: process.env.PATH!,
        HOME: process.env.HOME ?? dir,
        DATABASE_URL: `file:${path.join(dir, "tty.db")}`,
        DATA_DIR: dir,
        WEB_PORT: "0",
        NODE_PATH: path.join(PROJECT_ROOT, "node_modules"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.on("data", (b: Buffer) => {
      out += b.toString("utf8");
    });
    try {
      const deadline = Date.now() + 60_000;
      while (!/service started/.test(out) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      const plain = out.replace(/\u001b\[[0-9;]*m/g, "").replace(/\r/g, "");
      const line = plain.split("\n").find((l) => HOW.test(l));
      expect(line).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] WARN: the database has no council yet/);
      expect(plain).toMatch(/\] INFO: service started/);
      expect(plain).not.toMatch(/^\{"level"/m);
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, "SIGTERM");
      await new Promise((r) => child.once("close", r));
    }
  }, 90_000);

  it("redacts secrets in the pretty form too", () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: "info", destination: prettyDestination(destination, false) });
    logger.info({ token: "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0", units: 15 }, "settings");
    expect(lines.join("")).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] INFO: settings \{"token":"<redacted>","units":15\}\n$/);
  });
});
