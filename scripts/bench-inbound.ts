/**
 * Inbound benchmark (issue 15): how many updates a second the real service answers, against a bare
 * telegraf echo bot on the same fake Bot API, on the same machine, in the same run.
 *
 *   npm run bench:inbound -- [--updates 2000] [--people 60]            capacity: every update queued at once
 *   npm run bench:inbound -- --rate 100 [--updates 2000]               paced: updates arrive at 100/s; p50/p99
 *   npm run bench:inbound -- --link 1000                               linking: 1,000 people type /start CODE at once
 *   options: --seed S, --cpu-prof (a .cpuprofile of the service), --count-sql (SQL statements per update),
 *            --service-env NAME=value (repeatable), --no-echo (skip the echo bot), --keep, --out DIR
 *
 * Processes: the fake Bot API (test/fakes/telegram-bot-api/serve.ts, every rate limit off) in its own process;
 * the echo bot (scripts/bench/echo-bot.ts) and then the service (`node bin/service.mjs` with the flags and env
 * of `npm start`, its send limits raised to the highest the config accepts and its per-person flood budget
 * lifted) each as a child process, one after the other, so neither takes CPU from the other.
 *
 * The people are linked vice-chairs (scripts/bench/inbound-setup.ts) in private chats, sending a seeded mix of
 * real commands (/hanbaocao, /trogiup, /start); each command gets one answer, matched to its update per chat
 * in update order. Capacity: updates/s between the first and the last answer. Paced: update (the inject
 * call) to answer (the fake's record of the sendMessage), p50/p99. CPU per update from /proc between the
 * moment the bot reported it was receiving and the last answer (start-up excluded).
 * Raw outputs go to bench-results/ (gitignored).
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, createWriteStream, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { ServiceProcess, serviceEnv, PROJECT_ROOT, SERVICE_NODE_FLAGS, readProcStat } from "../test/helpers/service-process.js";
import type { SentMessageRecord } from "../test/fakes/telegram-bot-api/types.js";
import { startFakeProcess, type FakeProcess } from "./bench/fake-process.js";
import { prepareInboundCouncil, linkerId } from "./bench/inbound-setup.js";
import { percentile } from "./bench/verify.js";
import { common } from "../src/i18n/vi/common.js";

const { values: args } = parseArgs({
  options: {
    updates: { type: "string", default: "2000" },
    people: { type: "string", default: "60" },
    rate: { type: "string" },
    link: { type: "string" },
    seed: { type: "string" },
    "cpu-prof": { type: "boolean", default: false },
    "count-sql": { type: "boolean", default: false },
    "service-env": { type: "string", multiple: true, default: [] },
    "no-echo": { type: "boolean", default: false },
    out: { type: "string", default: path.join(PROJECT_ROOT, "bench-results") },
    "timeout-s": { type: "string", default: "600" },
    keep: { type: "boolean", default: false },
  },
  strict: true,
});

const N = Number(args.updates);
const U = Number(args.people);
const RATE = args.rate !== undefined ? Number(args.rate) : null;
const LINK = args.link !== undefined ? Number(args.link) : null;
if (!Number.isInteger(N) || N < 1 || !Number.isInteger(U) || U < 1)
  throw new Error("--updates and --people must be positive whole numbers");
if (RATE !== null && !(RATE > 0)) throw new Error("--rate must be a positive number of updates per second");
if (LINK !== null && !(Number.isInteger(LINK) && LINK > 0)) throw new Error("--link must be a positive whole number");
const mode = LINK !== null ? "linking" : RATE !== null ? "paced" : "capacity";
const seed = args.seed !== undefined ? Number(args.seed) : Math.floor(Math.random() * 1e9);
const random = mulberry32(seed);
const COMMANDS = ["/hanbaocao", "/trogiup", "/hanbaocao", "/start", "/trogiup"];
const outDir = path.resolve(args.out);
mkdirSync(outDir, { recursive: true });
const runName = `inbound-${mode}-${mode === "linking" ? LINK : N}-${new Date().toISOString().replace(/[:.]/g, "-")}`;
const log = (s: string) => process.stdout.write(`${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One simulated update: who sends what. */
interface Planned {
  user: number;
  text: string;
}
/** An update as injected: when (driver clock) and the fake's update id (per-chat order). */
interface Injected extends Planned {
  at: number;
  updateId: number;
}

interface BotUnderTest {
  name: string;
  pid: number;
  /** CPU (ms) of the process now */
  cpuMs(): number;
  stop(): Promise<void>;
}

interface PhaseResult {
  bot: string;
  updates: number;
  answered: number;
  missing: number;
  missingBy: Record<string, number>;
  extraMessages: number;
  perSecond: number;
  wallS: number;
  cpuMsPerUpdate: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number } | null;
  errors: number;
}

function plan(): Planned[] {
  if (LINK !== null) return Array.from({ length: LINK }, (_, i) => ({ user: linkerId(i), text: "" }));
  // Each person's updates in a seeded order; people interleave at random.
  return Array.from({ length: N }, () => ({
    user: 710_000_000 + Math.floor(random() * U),
    text: COMMANDS[Math.floor(random() * COMMANDS.length)]!,
  }));
}

/** Injects the updates: all at once (a pool of concurrent calls) or at `rate` per second. */
async function inject(fake: FakeProcess, updates: Planned[], rate: number | null): Promise<Injected[]> {
  const out: Injected[] = new Array(updates.length);
  const one = async (i: number) => {
    const u = updates[i]!;
    const at = Date.now();
    const r = await fake.client.injectMessage({
      chat: { id: u.user, type: "private" },
      from: { id: u.user, first_name: `Người ${u.user % 100_000}` },
      text: u.text,
    });
    out[i] = { ...u, at, updateId: r.updateId };
  };
  if (rate === null) {
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < updates.length) await one(next++);
      }),
    );
    return out;
  }
  const t0 = Date.now();
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < updates.length; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 1) await sleep(wait);
    const p = one(i).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return out;
}

/** Waits until `expected` messages were sent, or nothing new came for `idleS` seconds. */
async function waitForAnswers(fake: FakeProcess, expected: number, idleS = 20): Promise<void> {
  let last = -1;
  let lastChange = Date.now();
  const deadline = Date.now() + Number(args["timeout-s"]) * 1000;
  for (;;) {
    const s = await fake.client.stats();
    const sent = s.byMethod.sendMessage ?? 0;
    if (sent >= expected) return;
    if (sent !== last) {
      last = sent;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > idleS * 1000 || Date.now() > deadline) {
      log(`  (stopped waiting: ${sent}/${expected} answers)`);
      return;
    }
    await sleep(100);
  }
}

/** Matches answers to updates: per chat, the k-th answer is the k-th update (each command gets one answer). */
function measure(
  botName: string,
  injected: Injected[],
  messages: SentMessageRecord[],
  cpuMs: number,
  errorText: string | null,
): PhaseResult {
  const answers = new Map<number, SentMessageRecord[]>();
  for (const m of [...messages].sort((a, b) => a.seq - b.seq)) {
    if (m.method !== "sendMessage") continue;
    const list = answers.get(Number(m.chatId)) ?? [];
    list.push(m);
    answers.set(Number(m.chatId), list);
  }
  const byChat = new Map<number, Injected[]>();
  for (const u of injected) byChat.set(u.user, [...(byChat.get(u.user) ?? []), u]);
  const latencies: number[] = [];
  let answered = 0;
  const missingBy: Record<string, number> = {};
  let extra = 0;
  let errors = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const [chat, list] of byChat) {
    list.sort((a, b) => a.updateId - b.updateId);
    const got = answers.get(chat) ?? [];
    extra += Math.max(0, got.length - list.length);
    list.forEach((u, k) => {
      const a = got[k];
      if (!a) {
        const command = u.text.split(" ")[0]!;
        missingBy[command] = (missingBy[command] ?? 0) + 1;
        return;
      }
      answered++;
      latencies.push(a.at - u.at);
      if (errorText && (a.plainText ?? "").includes(errorText)) errors++;
    });
    for (const a of got) {
      first = Math.min(first, a.at);
      last = Math.max(last, a.at);
    }
  }
  latencies.sort((a, b) => a - b);
  const firstInjected = Math.min(...injected.map((u) => u.at));
  const span = mode === "paced" ? (last - firstInjected) / 1000 : (last - first) / 1000;
  const perSecond = mode === "paced" ? answered / span : (answered - 1) / span;
  return {
    bot: botName,
    updates: injected.length,
    answered,
    missing: injected.length - answered,
    missingBy,
    extraMessages: extra,
    perSecond: round(perSecond, 1),
    wallS: round(span, 2),
    cpuMsPerUpdate: round(cpuMs / Math.max(1, answered), 2),
    latencyMs:
      mode === "capacity"
        ? null
        : {
            p50: percentile(latencies, 50),
            p90: percentile(latencies, 90),
            p99: percentile(latencies, 99),
            max: latencies[latencies.length - 1] ?? NaN,
          },
    errors,
  };
}

async function startEchoBot(fake: FakeProcess): Promise<BotUnderTest> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(PROJECT_ROOT, "scripts", "bench", "echo-bot.ts"), fake.apiRoot, fake.token],
    {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once("line", () => resolve());
    child.once("exit", (code) => reject(new Error(`the echo bot exited (code ${code})`)));
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return {
    name: "telegraf echo bot",
    pid: child.pid!,
    cpuMs: () => readProcStat(child.pid!)?.cpuMs ?? NaN,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

async function runPhase(
  fake: FakeProcess,
  start: () => Promise<BotUnderTest>,
  updates: Planned[],
  errorText: string | null,
): Promise<PhaseResult> {
  await fake.client.reset();
  const bot = await start();
  try {
    const cpu0 = bot.cpuMs();
    const injected = await inject(fake, updates, RATE);
    const tInjected = Date.now();
    await waitForAnswers(fake, updates.length);
    const cpuMs = bot.cpuMs() - cpu0;
    const messages = await fake.client.messages();
    const r = measure(bot.name, injected, messages, cpuMs, errorText);
    log(
      `${r.bot}: ${r.answered}/${r.updates} answered (${r.missing} missing${r.missing ? ` ${JSON.stringify(r.missingBy)}` : ""}, ${r.extraMessages} extra), ${r.perSecond} updates/s over ${r.wallS} s, ${r.cpuMsPerUpdate} ms CPU per update` +
        (r.latencyMs
          ? `, update→answer p50 ${r.latencyMs.p50} ms, p90 ${r.latencyMs.p90} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms`
          : "") +
        (mode === "paced" ? ` (injected in ${round((tInjected - injected[0]!.at) / 1000, 2)} s)` : "") +
        (errorText ? `, error answers ${r.errors}` : ""),
    );
    return r;
  } finally {
    await bot.stop();
  }
}

async function main(): Promise<void> {
  log(
    `# inbound benchmark: mode ${mode}, ${mode === "linking" ? `${LINK} people linking` : `${N} updates from ${U} people${RATE ? ` at ${RATE}/s` : ""}`}, seed ${seed}`,
  );
  log(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), load ${os
      .loadavg()
      .map((x) => round(x, 1))
      .join(" ")}, Node ${process.version}, ${new Date().toISOString()}`,
  );
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-inbound-"));
  const databaseFile = path.join(dir, "council.db");
  const dataDir = path.join(dir, "data");
  mkdirSync(dataDir, { recursive: true });
  const fake = await startFakeProcess({ rateLimits: false, keepUploadedBytes: false });
  const serviceLog = createWriteStream(path.join(outDir, `${runName}.service.log`));
  const result: Record<string, unknown> = {
    bench: "inbound",
    mode,
    date: new Date().toISOString(),
    seed,
    updates: N,
    people: U,
    rate: RATE,
    link: LINK,
  };
  try {
    const t0 = Date.now();
    const council = await prepareInboundCouncil({ file: databaseFile, dataDir, people: U, linkers: LINK ?? 0 });
    log(`setup: ${U} linked people, ${LINK ?? 0} invites in ${Date.now() - t0} ms`);
    const updates = plan();
    if (LINK !== null) for (const [i, u] of updates.entries()) u.text = `/start ${council.codes[i]}`;

    if (!args["no-echo"] && mode !== "linking") {
      const echoUpdates = updates.map((u) => ({ ...u }));
      result.echo = await runPhase(fake, () => startEchoBot(fake), echoUpdates, null);
    }

    const sqlFile = path.join(outDir, `${runName}.sql.json`);
    const extraEnv = Object.fromEntries(
      (args["service-env"] ?? []).map((kv) => {
        const i = kv.indexOf("=");
        if (i <= 0) throw new Error(`--service-env expects NAME=value, got "${kv}"`);
        return [kv.slice(0, i), kv.slice(i + 1)];
      }),
    );
    const env = serviceEnv({
      databaseFile,
      dataDir,
      token: fake.token,
      apiRoot: fake.apiRoot,
      logLevel: "info",
      // Every send limit lifted (the highest the config accepts), and the per-person flood budget too.
      rate: { globalPerSecond: 1000, groupPerMinute: 1000, privatePerSecond: 100 },
      extra: {
        INBOUND_PER_PERSON_PER_MINUTE: "100000",
        INBOUND_PER_GROUP_PER_MINUTE: "100000",
        ...(args["count-sql"] ? { BENCH_SQL_COUNTS_FILE: sqlFile } : {}),
        ...extraEnv,
      },
    });
    const nodeArgs = [
      ...SERVICE_NODE_FLAGS,
      ...(args["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.join(outDir, `${runName}.cpuprofile`)}`] : []),
      ...(args["count-sql"] ? ["--import", path.join(PROJECT_ROOT, "scripts", "bench", "probe.mjs")] : []),
    ];
    const startService = async (): Promise<BotUnderTest> => {
      const s = await ServiceProcess.start({
        cwd: dir,
        env,
        nodeArgs,
        keepLogs: false,
        onLine: (l) => serviceLog.write(`${typeof l === "string" ? l : JSON.stringify(l)}\n`),
      });
      return {
        name: "service",
        pid: s.pid,
        cpuMs: () => s.stat()?.cpuMs ?? NaN,
        async stop() {
          await s.stop();
        },
      };
    };
    // An answer that is the internal-error apology counts as an error (in linking, so does an account left unlinked).
    const service = await runPhase(fake, startService, updates, plainOf(common.internalError().value));
    result.service = service;
    if (LINK !== null) {
      const linked = await council.db.prisma.chatIdentity.count({ where: { platformUserId: { startsWith: "72" } } });
      const refused = service.answered - linked;
      log(
        `linking: ${linked}/${LINK} accounts linked; ${LINK - linked} not linked (errors), ${Math.max(0, refused)} answers that were not a welcome`,
      );
      result.linked = linked;
      result.linkErrors = LINK - linked;
    }
    const echo = result.echo as PhaseResult | undefined;
    if (echo) {
      result.ratio = round(service.perSecond / echo.perSecond, 3);
      log(`ratio service/echo: ${result.ratio} (${service.perSecond}/s vs ${echo.perSecond}/s)`);
    }
    if (args["count-sql"] && existsSync(sqlFile)) {
      const sql = JSON.parse(readFileSync(sqlFile, "utf8")) as {
        prepares: number;
        executions: number;
        statements: { n: number; sql: string }[];
      };
      log(
        `SQL statements run in the service's life (start-up included): ${sql.executions} = ${round(sql.executions / service.updates, 1)} per update (${sql.prepares} prepared: Prisma prepares each one it runs, the raw read connection once); most often prepared:`,
      );
      for (const s of sql.statements.slice(0, 12)) log(`  ${String(s.n).padStart(6)}  ${s.sql.slice(0, 150)}`);
      result.sqlPerUpdate = round(sql.executions / service.updates, 1);
    }
    await council.db.close();
    const json = JSON.stringify(result);
    writeFileSync(path.join(outDir, `${runName}.json`), `${json}\n`);
    log("");
    log(json);
  } finally {
    await fake.close();
    serviceLog.end();
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    else log(`kept ${dir}`);
  }
}

/** The text a person sees of a sentence in markup. */
function plainOf(htmlText: string): string {
  return htmlText
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .slice(0, 40);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
