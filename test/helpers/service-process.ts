/**
 * The real service (`node bin/service.mjs`) as a child process, for tests and the broadcast benchmark
 * that must kill it with SIGKILL in the middle of a broadcast and start it again on the same database.
 *
 * The child gets a minimal environment (PATH, HOME, TMPDIR, LANG plus what the caller passes) and runs
 * in a folder the caller chooses, so a developer's `.env` or shell variables never leak into it.
 * Its stderr carries pino's JSON lines; they are parsed and kept, so a caller can wait for a line
 * ("service started") or read what the restarted sender reported ("resending messages whose outcome
 * was unknown after a restart", count N).
 *
 * Linux only for the /proc readings (CPU time, RSS); elsewhere they return null.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { testDatabaseUrl } from "./db.js";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/**
 * The node flags `npm start` runs the service with (package.json "start": a small young generation and a
 * capped old generation keep RSS under 200 MB during a broadcast), so tests and the benchmark measure what
 * runs in production.
 */
export const SERVICE_NODE_FLAGS: string[] = (() => {
  const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
  const m = /^node\s+(.*?)\s*bin\/service\.mjs/.exec(pkg.scripts.start);
  return m ? m[1]!.split(/\s+/).filter(Boolean) : [];
})();

export const SERVICE_BIN = path.join(PROJECT_ROOT, "bin", "service.mjs");

/** The message the sender logs at start-up when it found entries left "sending" by a dead process. */
export const RESENT_AFTER_CRASH_MSG = "resending messages whose outcome was unknown after a restart";
export const SERVICE_STARTED_MSG = "service started";

export interface ServiceLogLine {
  level: number;
  msg: string;
  time?: string;
  [key: string]: unknown;
}

export interface ServiceOptions {
  /** variables on top of the minimal base environment (DATABASE_URL, DATA_DIR, TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT ...) */
  env: Record<string, string>;
  /** working directory of the child; use a folder without a .env file */
  cwd: string;
  /** extra node flags, e.g. ["--cpu-prof", "--cpu-prof-dir=..."] */
  nodeArgs?: string[];
  /** how long to wait for "service started" */
  startTimeoutMs?: number;
  /** called for every stderr line (parsed JSON when it is JSON) */
  onLine?: (line: ServiceLogLine | string) => void;
  /** keep parsed log lines in memory (default true) */
  keepLogs?: boolean;
}

export interface ProcStat {
  /** user + system CPU time of the process, ms */
  cpuMs: number;
  userMs: number;
  sysMs: number;
}

export interface ProcMemory {
  rssKb: number;
  /** anonymous memory (heaps, JIT code, native allocations) and file-backed pages (binary, libraries) */
  rssAnonKb: number;
  rssFileKb: number;
  /** the kernel's high-water mark of RSS over the process's life */
  hwmKb: number;
}

let clockTicks: number | undefined;
/** USER_HZ of /proc/<pid>/stat (100 on every common Linux). */
export function clockTicksPerSecond(): number {
  if (clockTicks === undefined) {
    const r = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
    const n = Number(r.stdout?.trim());
    clockTicks = Number.isFinite(n) && n > 0 ? n : 100;
  }
  return clockTicks;
}

/** utime + stime of a live process from /proc/<pid>/stat, or null when it is gone. */
export function readProcStat(pid: number): ProcStat | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may contain spaces: split after the last ")".
    const fields = raw.slice(raw.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state); utime is field 14, stime field 15.
    const hz = clockTicksPerSecond();
    const userMs = (Number(fields[11]) * 1000) / hz;
    const sysMs = (Number(fields[12]) * 1000) / hz;
    return { cpuMs: userMs + sysMs, userMs, sysMs };
  } catch {
    return null;
  }
}

/** VmRSS and VmHWM of a live process from /proc/<pid>/status, or null when it is gone. */
export function readProcMemory(pid: number): ProcMemory | null {
  try {
    const raw = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(raw)?.[1] ?? NaN);
    const rssKb = kb("VmRSS");
    const hwmKb = kb("VmHWM");
    if (!Number.isFinite(rssKb)) return null;
    return { rssKb, hwmKb, rssAnonKb: kb("RssAnon"), rssFileKb: kb("RssFile") };
  } catch {
    return null;
  }
}

function baseEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of ["PATH", "HOME", "TMPDIR", "LANG", "TZ"]) {
    const v = process.env[k];
    if (v !== undefined) env[k] = v;
  }
  return env;
}

export class ServiceProcess {
  readonly logs: ServiceLogLine[] = [];
  /** last stderr lines, JSON or not, for error messages */
  private readonly tail: string[] = [];
  private readonly waiters: { match: (l: ServiceLogLine) => boolean; resolve: (l: ServiceLogLine) => void }[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** the last CPU reading taken while the process was alive (kept for after a SIGKILL) */
  lastStat: ProcStat | null = null;

  private constructor(
    readonly child: ChildProcess,
    private readonly options: ServiceOptions,
  ) {
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
    });
    let buffered = "";
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf("\n")) >= 0) {
        const text = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (text.trim()) this.line(text);
      }
    });
    // The service writes nothing useful on stdout; keep the pipe drained.
    child.stdout?.resume();
  }

  /** Starts the service and resolves once it logged "service started" (rejects if it exits first). */
  static async start(options: ServiceOptions): Promise<ServiceProcess> {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? SERVICE_NODE_FLAGS), SERVICE_BIN], {
      cwd: options.cwd,
      env: { ...baseEnvironment(), ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const service = new ServiceProcess(child, options);
    const timeoutMs = options.startTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        service.waitForLog((l) => l.msg === SERVICE_STARTED_MSG, timeoutMs),
        service.exited.then((e) => {
          throw new Error(`the service exited during start-up (code ${e.code}, signal ${e.signal}):\n${service.tail.join("\n")}`);
        }),
        new Promise((_r, reject) => {
          timer = setTimeout(
            () => reject(new Error(`the service did not start within ${timeoutMs} ms:\n${service.tail.join("\n")}`)),
            timeoutMs,
          );
        }),
      ]);
    } catch (err) {
      await service.kill().catch(() => undefined);
      throw err;
    } finally {
      clearTimeout(timer);
    }
    return service;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.exitInfo === undefined;
  }

  private line(text: string): void {
    this.tail.push(text);
    if (this.tail.length > 40) this.tail.shift();
    let parsed: ServiceLogLine | undefined;
    if (text.startsWith("{")) {
      try {
        parsed = JSON.parse(text) as ServiceLogLine;
      } catch {
        parsed = undefined;
      }
    }
    this.options.onLine?.(parsed ?? text);
    if (!parsed) return;
    if (this.options.keepLogs !== false) this.logs.push(parsed);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]!;
      if (w.match(parsed)) {
        this.waiters.splice(i, 1);
        w.resolve(parsed);
      }
    }
  }

  /** The first log line matching, already logged or to come. */
  waitForLog(match: (l: ServiceLogLine) => boolean, timeoutMs = 10_000): Promise<ServiceLogLine> {
    const seen = this.logs.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(entry);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`no matching service log line within ${timeoutMs} ms; last lines:\n${this.tail.join("\n")}`));
      }, timeoutMs);
      const entry = {
        match,
        resolve: (l: ServiceLogLine) => {
          clearTimeout(timer);
          resolve(l);
        },
      };
      this.waiters.push(entry);
    });
  }

  /** Log lines with this message. */
  linesWith(msg: string): ServiceLogLine[] {
    return this.logs.filter((l) => l.msg === msg);
  }

  /** What the sender reported at start-up as resent after a crash (0 when it found nothing). */
  get resentAfterCrash(): number {
    return this.linesWith(RESENT_AFTER_CRASH_MSG).reduce((n, l) => n + Number(l.count ?? 0), 0);
  }

  /** CPU time so far (and remembers it, so it is known after the process is gone). */
  stat(): ProcStat | null {
    const s = this.alive ? readProcStat(this.pid) : null;
    if (s) this.lastStat = s;
    return s ?? this.lastStat;
  }

  memory(): ProcMemory | null {
    return this.alive ? readProcMemory(this.pid) : null;
  }

  /** SIGKILL (or another signal) and wait for the exit. */
  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.alive) {
      this.stat();
      this.child.kill(signal);
    }
    return this.exited;
  }

  /** SIGTERM and wait for a clean stop; SIGKILL if it takes longer than `timeoutMs`. */
  async stop(timeoutMs = 20_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.alive) return this.exited;
    this.stat();
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The environment that points the service at a database, a data folder and a Bot API server. */
export function serviceEnv(input: {
  databaseFile: string;
  dataDir: string;
  token: string;
  apiRoot: string;
  logLevel?: string;
  rate?: { globalPerSecond?: number; groupPerMinute?: number; privatePerSecond?: number };
  maxAttempts?: number;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    DATABASE_URL: testDatabaseUrl(input.databaseFile),
    DATA_DIR: input.dataDir,
    TELEGRAM_BOT_TOKEN: input.token,
    TELEGRAM_API_ROOT: input.apiRoot,
    LOG_LEVEL: input.logLevel ?? "info",
    WEB_PORT: "0",
    ...(input.rate?.globalPerSecond ? { TELEGRAM_RATE_GLOBAL_PER_SECOND: String(input.rate.globalPerSecond) } : {}),
    ...(input.rate?.groupPerMinute ? { TELEGRAM_RATE_GROUP_PER_MINUTE: String(input.rate.groupPerMinute) } : {}),
    ...(input.rate?.privatePerSecond ? { TELEGRAM_RATE_PRIVATE_PER_SECOND: String(input.rate.privatePerSecond) } : {}),
    // A test that sets the attempts counts them alone, without the retry window.
    ...(input.maxAttempts ? { OUTBOX_MAX_ATTEMPTS: String(input.maxAttempts), OUTBOX_RETRY_WINDOW_MINUTES: "0" } : {}),
    ...(input.extra ?? {}),
  };
}
