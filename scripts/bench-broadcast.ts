/**
 * Broadcast benchmark (issue 9): how fast, how exactly and how cheaply the real service delivers one
 * notice to N Telegram groups, against the project's fake Bot API with Telegram's limits.
 *
 *   npm run bench:broadcast -- --chats 1000 [--naive] [--crash] [--faults] [--seed 7] [--cpu-prof]
 *
 * Processes: the fake Bot API runs in its own process (its memory and CPU are not counted); the real
 * service runs as `node bin/service.mjs` (the production entry point: config from env, migrations,
 * telegraf polling, outbox sender), pointed at the fake with TELEGRAM_API_ROOT; this driver creates a
 * fresh SQLite database, registers N groups with the CSV importers, publishes the seed notice with
 * draftFromFile + publishNotice into the same database (as the CLI or another process would), and
 * watches: the outbox in the database, the fake's log (per chat, with `seq` and `at`), the service's
 * /proc/<pid>/stat (CPU) and /proc/<pid>/status (RSS every 200 ms), and its JSON log lines on stderr.
 *
 * --naive   also runs the same messages as a plain telegraf loop (Promise.all batches, no limiter, no
 *           retries) against a fresh fake, and counts 429s and losses.
 * --crash   SIGKILLs the service at a random point of the broadcast (a random delivered count between
 *           10% and 90%), restarts it, and verifies every chat got every part, in order; duplicates
 *           are compared with what the restarted sender reports as resent after the crash.
 * --faults  the fake answers 5xx to 10% of sends (before delivery), resets 2% of connections, three
 *           groups answer 403 and one group has migrated to a supergroup.
 *
 * --cpu-prof   writes a V8 CPU profile of the service to bench-results/ (measurement).
 * --count-sql  counts the SQL statements the service runs, by text, into bench-results/*.sql.json.
 * --probe-memory  the service's process.memoryUsage() every second into bench-results/*.memory.jsonl.
 * --db postgres [--pg-server URL] [--instances N]: the same on PostgreSQL (a database of its own, dropped at the end),
 *   with N service processes sharing it (the sender lease picks one; the others stand by).
 * --service-node-args "--max-semi-space-size=2" (default: the flags of `npm start`; "none" for plain node) and  --service-env NAME=value (repeatable): run a
 *              variant of the service's deployment (node flags, settings) to test a hypothesis.
 *
 * Raw outputs (result JSON, the service's log) go to bench-results/ (gitignored).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, createWriteStream } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { spawnSync } from "node:child_process";
import { noticeStatus } from "../src/core/notices/status.js";
import {
  ServiceProcess,
  serviceEnv,
  PROJECT_ROOT,
  RESENT_AFTER_CRASH_MSG,
  SERVICE_NODE_FLAGS,
  type ServiceLogLine,
} from "../test/helpers/service-process.js";
import { startFakeProcess, TELEGRAM_LIMITS, type FakeProcess } from "./bench/fake-process.js";
import { runNaive } from "./bench/naive.js";
import { benchGroupId, expectedParts, migratedGroupId, outboxStatusCounts, prepareCouncil, publishSeedNotice } from "./bench/setup.js";
import { compactRecord, percentile, verifyDeliveries, type DeliveredRecord } from "./bench/verify.js";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { POSTGRES_RUN_URL_VARIABLE, testDatabaseTarget } from "../test/helpers/db.js";

const LIMIT_PER_SECOND = 30;
const SAMPLE_MS = 200;

const { values: args } = parseArgs({
  options: {
    chats: { type: "string", default: "100" },
    naive: { type: "boolean", default: false },
    crash: { type: "boolean", default: false },
    faults: { type: "boolean", default: false },
    seed: { type: "string" },
    "naive-batch": { type: "string", default: "100" },
    "cpu-prof": { type: "boolean", default: false },
    "count-sql": { type: "boolean", default: false },
    "probe-memory": { type: "boolean", default: false },
    "service-node-args": { type: "string", default: "" },
    "service-env": { type: "string", multiple: true, default: [] },
    out: { type: "string", default: path.join(PROJECT_ROOT, "bench-results") },
    "timeout-s": { type: "string" },
    keep: { type: "boolean", default: false },
    // sqlite (a file) or postgres: a database of its own on --pg-server, dropped at the end
    db: { type: "string", default: "sqlite" },
    "pg-server": { type: "string", default: "postgresql://postgres@127.0.0.1:5432/test" },
    // service processes sharing the database (PostgreSQL): a lease elects the sender, the others stand by
    instances: { type: "string", default: "1" },
  },
  strict: true,
});

const N = Number(args.chats);
if (!Number.isInteger(N) || N < 1) throw new Error("--chats must be a positive whole number");
const seed = args.seed !== undefined ? Number(args.seed) : Math.floor(Math.random() * 1e9);
const random = mulberry32(seed);
const INSTANCES = Number(args.instances);
if (!Number.isInteger(INSTANCES) || INSTANCES < 1) throw new Error("--instances must be a positive whole number");
if (args.db !== "sqlite" && args.db !== "postgres") throw new Error("--db is sqlite or postgres");
if (INSTANCES > 1 && args.db !== "postgres") throw new Error("--instances above 1 needs --db postgres (SQLite serves one process)");
if (INSTANCES > 1 && args.crash) throw new Error("--crash runs one instance (the failover test kills one of two)");
const mode =
  [args.crash ? "crash" : "", args.faults ? "faults" : "", args.db === "postgres" ? `pg${INSTANCES}` : ""].filter(Boolean).join("+") ||
  "clean";
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const outDir = path.resolve(args.out);
mkdirSync(outDir, { recursive: true });
const runName = `broadcast-${N}-${mode}-${stamp}`;

function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const log = (s: string) => process.stdout.write(`${s}\n`);

interface Incarnation {
  service: ServiceProcess;
  cpuAtPublishMs: number | null;
}

async function main(): Promise<void> {
  const machine = {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "?",
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    memGb: round(os.totalmem() / 2 ** 30, 1),
  };
  log(`# broadcast benchmark: ${N} chats, mode ${mode}, seed ${seed}`);
  // The checkout changes under a long run: record what was measured.
  const git = (...a: string[]) => spawnSync("git", a, { cwd: PROJECT_ROOT, encoding: "utf8" }).stdout?.trim() ?? "";
  const code = {
    commit: git("rev-parse", "--short", "HEAD"),
    uncommittedSrcFiles: git("status", "--porcelain", "--", "src", "bin").split("\n").filter(Boolean).length,
  };
  log(
    `code: commit ${code.commit}${code.uncommittedSrcFiles ? `, ${code.uncommittedSrcFiles} uncommitted file(s) under src/ and bin/` : ""}`,
  );
  log(
    `machine: ${machine.cores} cores (${machine.cpu}), ${machine.memGb} GB, ${machine.platform}, Node ${machine.node}, ${new Date().toISOString()}`,
  );

  // PostgreSQL: the run's own database (the test helpers map the database "file" to a schema of it).
  let dropRunDatabase: (() => Promise<void>) | undefined;
  if (args.db === "postgres") {
    const name = `council_bench_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: args["pg-server"] });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(args["pg-server"]!);
    url.pathname = `/${name}`;
    process.env[POSTGRES_RUN_URL_VARIABLE] = url.toString();
    dropRunDatabase = async () => {
      const c = new pg.Client({ connectionString: args["pg-server"] });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  log(
    `database: ${args.db === "postgres" ? `PostgreSQL (${args["pg-server"]?.replace(/\/\/[^@]*@/, "//")})` : "SQLite"}, ${INSTANCES} service instance(s)`,
  );

  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-broadcast-"));
  const databaseFile = path.join(dir, "council.db");
  const dataDir = path.join(dir, "data");
  mkdirSync(dataDir, { recursive: true });

  // Fault plan: three 403 groups and one migrated group, spread over the list.
  const forbiddenIdx = args.faults
    ? [...new Set([Math.floor(N * 0.1), Math.floor(N * 0.5), Math.floor(N * 0.9)])].filter((i) => i < N)
    : [];
  const migratedIdx = args.faults ? Math.min(N - 1, Math.floor(N * 0.3) + 1) : -1;
  const faults = args.faults
    ? {
        seed,
        serverErrorRate: 0.1,
        serverErrorCodes: [500, 502, 503],
        serverErrorAfterDeliveryRate: 0,
        resetRate: 0.02,
        forbiddenChats: forbiddenIdx.map((i) => Number(benchGroupId(i))),
        migratedChats: { [benchGroupId(migratedIdx)]: Number(migratedGroupId(migratedIdx)) },
      }
    : undefined;

  const fake = await startFakeProcess({ rateLimits: TELEGRAM_LIMITS, keepUploadedBytes: false, ...(faults ? { faults } : {}) });
  const serviceLog = createWriteStream(path.join(outDir, `${runName}.service.log`));
  let service: ServiceProcess | undefined;
  const standby: ServiceProcess[] = [];
  try {
    const t0 = Date.now();
    const { db, councilId } = await prepareCouncil(testDatabaseTarget(databaseFile), N);
    log(`setup: database, ${N} units and ${N} groups registered in ${Date.now() - t0} ms`);

    const sqlCountsFile = path.join(outDir, `${runName}.sql.json`);
    const probeEnv: Record<string, string> = {
      ...(args["count-sql"] ? { BENCH_SQL_COUNTS_FILE: sqlCountsFile } : {}),
      ...(args["probe-memory"] ? { BENCH_MEMORY_FILE: path.join(outDir, `${runName}.memory.jsonl`) } : {}),
    };
    const probe = Object.keys(probeEnv).length > 0;
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
      extra: { ...probeEnv, ...extraEnv },
    });
    if (Object.keys(extraEnv).length > 0 || args["service-node-args"])
      log(`service variant: env ${JSON.stringify(extraEnv)} node args "${args["service-node-args"]}"`);
    const nodeArgs = [
      // Default: the flags `npm start` uses; "none" runs plain node.
      ...(args["service-node-args"] === "none"
        ? []
        : args["service-node-args"]
          ? args["service-node-args"].split(/\s+/).filter(Boolean)
          : SERVICE_NODE_FLAGS),
      ...(args["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.join(outDir, `${runName}.cpuprofile`)}`] : []),
      // Measurement only: SQL statement counts, memory breakdown (see scripts/bench/probe.mjs).
      ...(probe ? ["--import", path.join(PROJECT_ROOT, "scripts", "bench", "probe.mjs")] : []),
    ];
    const incarnations: Incarnation[] = [];
    const startService = async (): Promise<ServiceProcess> => {
      const s = await ServiceProcess.start({
        cwd: dir,
        env,
        nodeArgs,
        onLine: (l) => serviceLog.write(`${typeof l === "string" ? l : JSON.stringify(l)}\n`),
      });
      // A restarted service's start-up (compiling, migrating) is not broadcast work: count from when it is ready.
      incarnations.push({ service: s, cpuAtPublishMs: s.stat()?.cpuMs ?? null });
      return s;
    };
    const tStart = Date.now();
    service = await startService();
    log(`service: pid ${service.pid} started in ${Date.now() - tStart} ms`);
    // The other instances on the same database: whichever holds the sender lease sends (the first, started first).
    for (let i = 1; i < INSTANCES; i++) {
      const s = await ServiceProcess.start({
        cwd: dir,
        env,
        nodeArgs,
        onLine: (l) => serviceLog.write(`${typeof l === "string" ? l : JSON.stringify(l)}\n`),
      });
      standby.push(s);
      log(`service ${i + 1}: pid ${s.pid} started (same database); CPU and memory below are the first instance's`);
    }

    // RSS sampling every 200 ms (VmRSS), and the kernel's high-water mark (VmHWM).
    let peakRssKb = 0;
    let peakHwmKb = 0;
    let peakAnonKb = 0;
    let fileAtPeakKb = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const m = service?.memory();
        if (m) {
          if (m.rssKb > peakRssKb) fileAtPeakKb = m.rssFileKb;
          peakAnonKb = Math.max(peakAnonKb, m.rssAnonKb);
          peakRssKb = Math.max(peakRssKb, m.rssKb);
          peakHwmKb = Math.max(peakHwmKb, m.hwmKb);
        }
        service?.stat();
        await sleep(SAMPLE_MS);
      }
    })();
    const rssAtStartKb = service.memory()?.rssKb ?? 0;

    // The fake's log, fetched incrementally and kept compact.
    const records: DeliveredRecord[] = [];
    let lastSeq = 0;
    const fetchNew = async () => {
      const batch = await fake.client.messages({ since: lastSeq });
      for (const m of batch) {
        records.push(compactRecord(m));
        lastSeq = Math.max(lastSeq, m.seq);
      }
    };

    incarnations[0]!.cpuAtPublishMs = service.stat()?.cpuMs ?? null;
    const published = await publishSeedNotice(db, councilId, dataDir);
    const total = (await db.prisma.outboxMessage.count({ where: { status: { in: ["pending", "sending", "sent", "failed"] } } })) || 0;
    log(
      `published notice ${published.noticeId}: ${total} outbox entries (${round(total / N, 2)} per group) in ${published.publishedAt - published.startedAt} ms`,
    );

    // Crash plan: SIGKILL once the fake has delivered a random 10-90% of the messages.
    const crashAt = args.crash ? Math.max(1, Math.floor(total * (0.1 + 0.8 * random()))) : Infinity;
    const crash: {
      atDelivered: number;
      killedAt: number;
      pendingAtKill: Record<string, number>;
      restartedInMs: number;
      resentAfterCrash: number;
    } | null = args.crash ? { atDelivered: 0, killedAt: 0, pendingAtKill: {}, restartedInMs: 0, resentAfterCrash: 0 } : null;
    let crashed = false;
    const crashWatcher = (async () => {
      if (!args.crash) return;
      for (;;) {
        const delivered = (await fake.client.stats()).delivered;
        if (delivered >= crashAt) {
          await service!.kill("SIGKILL");
          crash!.killedAt = Date.now();
          crash!.atDelivered = (await fake.client.stats()).delivered;
          crash!.pendingAtKill = await outboxStatusCounts(db);
          log(`crash: SIGKILL at ${crash!.atDelivered}/${total} delivered; outbox then: ${JSON.stringify(crash!.pendingAtKill)}`);
          service = await startService();
          crash!.restartedInMs = Date.now() - crash!.killedAt;
          crash!.resentAfterCrash = service.resentAfterCrash;
          log(
            `crash: restarted as pid ${service.pid} in ${crash!.restartedInMs} ms; it reports ${crash!.resentAfterCrash} message(s) resent after the crash`,
          );
          crashed = true;
          return;
        }
        await sleep(20);
      }
    })();

    const timeoutMs = (args["timeout-s"] ? Number(args["timeout-s"]) : Math.ceil(total / LIMIT_PER_SECOND) * 3 + 180) * 1000;
    let lastReport = Date.now();
    let lastFetch = 0;
    let doneAt = 0;
    for (;;) {
      await sleep(250);
      const counts = await outboxStatusCounts(db);
      const open = (counts.pending ?? 0) + (counts.sending ?? 0);
      if (Date.now() - lastFetch > 1000) {
        await fetchNew();
        lastFetch = Date.now();
      }
      if (Date.now() - lastReport > 10_000) {
        log(`  ... ${records.length} delivered, outbox ${JSON.stringify(counts)}, ${round((Date.now() - published.publishedAt) / 1000)} s`);
        lastReport = Date.now();
      }
      if (open === 0 && (!args.crash || crashed)) {
        doneAt = Date.now();
        break;
      }
      if (Date.now() - published.publishedAt > timeoutMs) {
        log(`TIMEOUT after ${timeoutMs / 1000} s with ${open} messages still open: ${JSON.stringify(counts)}`);
        doneAt = Date.now();
        break;
      }
    }
    await crashWatcher;
    const last = incarnations[incarnations.length - 1]!;
    const finalStat = service.stat();
    const finalMem = service.memory();
    sampling = false;
    await sampler;
    if (finalMem) peakHwmKb = Math.max(peakHwmKb, finalMem.hwmKb);
    await fetchNew();
    const fakeStats = await fake.client.stats();
    await service.stop();
    for (const s of standby) await s.stop();

    // CPU: per incarnation, from the publish (or its start, for a restarted one) to the end (or the kill).
    let cpuBroadcastMs = 0;
    let cpuTotalMs = 0;
    for (const inc of incarnations) {
      const end = inc === last ? finalStat : inc.service.lastStat;
      if (!end) continue;
      cpuTotalMs += end.cpuMs;
      cpuBroadcastMs += end.cpuMs - (inc.cpuAtPublishMs ?? 0);
    }

    // What arrived, against what the outbox says should have.
    const parts = await expectedParts(db, published.noticeId);
    const v = verifyDeliveries(parts, records);
    const ours = new Set(parts.map((p) => p.chatId));
    const ourRecords = records.filter((r) => ours.has(r.chatId)).sort((a, b) => a.seq - b.seq);
    const firstAt = ourRecords[0]?.at ?? NaN;
    const lastAt = ourRecords[ourRecords.length - 1]?.at ?? NaN;
    const latencies = v.firstDeliveryAt.map((at) => at - published.publishedAt).sort((a, b) => a - b);
    const sustained = ourRecords.length > 1 ? (ourRecords.length - 1) / ((lastAt - firstAt) / 1000) : NaN;
    const overall = ourRecords.length / ((lastAt - published.publishedAt) / 1000);
    const maxInAnySecond = maxInWindow(
      ourRecords.map((r) => r.at),
      1000,
    );
    const allLogs: ServiceLogLine[] = incarnations.flatMap((i) => i.service.logs);
    const count = (msg: string) => allLogs.filter((l) => l.msg === msg).length;
    const rateLimitedSeen = count("rate limited by the platform; this chat waits");
    const retries = count("send failed; will retry");
    const failedRows = parts.filter((p) => p.status === "failed");
    const failReasons: Record<string, number> = {};
    for (const p of failedRows) {
      const k = (p.lastError ?? "").replace(/-?\d{6,}/g, "<id>");
      failReasons[k] = (failReasons[k] ?? 0) + 1;
    }
    const unhandled429 = failedRows.filter((p) => /429/.test(p.lastError ?? "")).length + v.lost.length;
    const resentAfterCrash = allLogs.filter((l) => l.msg === RESENT_AFTER_CRASH_MSG).reduce((n, l) => n + Number(l.count ?? 0), 0);

    log("");
    log(`## result: ${N} chats, ${mode}`);
    log(`messages expected:        ${v.expected} (${round(v.expected / N, 2)} per chat: 2 text parts + 1 document)`);
    log(`messages sent (in log):   ${ourRecords.length}`);
    log(
      `wall time:                ${round((doneAt - published.publishedAt) / 1000, 2)} s from publish to all settled; first→last delivery ${round((lastAt - firstAt) / 1000, 2)} s`,
    );
    log(
      `throughput sustained:     ${round(sustained, 2)} msg/s = ${round((100 * sustained) / LIMIT_PER_SECOND)}% of 30/s (first to last delivery)`,
    );
    log(
      `throughput overall:       ${round(overall, 2)} msg/s = ${round((100 * overall) / LIMIT_PER_SECOND)}% of 30/s (publish to last delivery); most in any 1 s: ${maxInAnySecond}`,
    );
    log(
      `publish→delivery latency: p50 ${ms(percentile(latencies, 50))}  p95 ${ms(percentile(latencies, 95))}  p99 ${ms(percentile(latencies, 99))}  max ${ms(latencies[latencies.length - 1] ?? NaN)}`,
    );
    log(`429s received:            ${fakeStats.rateLimited429} (fake) / ${rateLimitedSeen} (service log); unhandled: ${unhandled429}`);
    log(
      `retries (5xx/network):    ${retries}  [fake injected: 5xx ${fakeStats.injected5xx}, resets ${fakeStats.resets}, 403 ${fakeStats.forbidden403}, migrate ${fakeStats.migrated400}, other 4xx ${fakeStats.badRequests}]`,
    );
    log(
      `lost:                     ${v.lost.length}${v.lost.length ? ` e.g. ${JSON.stringify(v.lost.slice(0, 3).map((p) => ({ chat: p.chatId, part: p.index, status: p.status, err: p.lastError })))}` : ""}`,
    );
    log(`duplicated:               ${v.duplicatedCount}${v.duplicates.length ? ` ${JSON.stringify(v.duplicates.slice(0, 5))}` : ""}`);
    log(`unexpected messages:      ${v.unexpected.length}`);
    log(
      `in order per chat:        ${v.inOrder ? "yes" : `NO (${v.outOfOrderChats.length} chats, e.g. ${v.outOfOrderChats.slice(0, 3).join(", ")})`}`,
    );
    log(`undeliverable:            ${v.undeliverable.length}`);
    log(`failed outbox entries:    ${failedRows.length} ${JSON.stringify(failReasons)}`);
    log(
      `service CPU (user+sys):   ${round(cpuBroadcastMs / 1000, 2)} s during the broadcast = ${round((100 * cpuBroadcastMs) / (doneAt - published.publishedAt))}% of one core, ${round((1000 * cpuBroadcastMs) / Math.max(1, ourRecords.length), 0)} µs per message; ${round(cpuTotalMs / 1000, 2)} s including start-up${incarnations.length > 1 ? ` (${incarnations.length} processes)` : ""}`,
    );
    log(
      `service RSS:              peak ${round(peakRssKb / 1024)} MB sampled every ${SAMPLE_MS} ms during the run (start ${round(rssAtStartKb / 1024)} MB); VmHWM ${round(peakHwmKb / 1024)} MB; peak RssAnon ${round(peakAnonKb / 1024)} MB, RssFile ${round(fileAtPeakKb / 1024)} MB at the peak`,
    );

    let crashReport: Record<string, unknown> | undefined;
    if (crash) {
      const dupOk = v.duplicatedCount <= resentAfterCrash;
      log(
        `crash:                    killed at ${crash.atDelivered}/${total}; restarted in ${crash.restartedInMs} ms; resentAfterCrash ${resentAfterCrash}; duplicates ${v.duplicatedCount} (${dupOk ? "≤" : "> !!"} resent)`,
      );
      crashReport = { ...crash, resentAfterCrash, duplicatesWithinResent: dupOk };
    }
    let faultReport: Record<string, unknown> | undefined;
    if (args.faults) {
      const status = (await noticeStatus(db.prisma, published.noticeId))!;
      const failedUnits = status.units
        .filter((u) => u.state === "failed")
        .map((u) => ({
          unit: u.unitCode,
          chats: u.chats.map((c) => ({ chatId: c.chatId, status: c.status, reason: c.reason, reasonText: c.reasonText })),
        }));
      const migratedRow = await db.prisma.chat.findFirst({ where: { previousExternalId: benchGroupId(migratedIdx) } });
      const atNewId = ourRecords.filter((r) => r.chatId === migratedGroupId(migratedIdx)).length;
      const atOldId = records.filter((r) => r.chatId === benchGroupId(migratedIdx)).length;
      const deliverable = v.expected - v.undeliverable.length;
      const exactlyOnce = v.delivered - v.duplicates.length;
      log(
        `faults: deliverable ${deliverable}, delivered exactly once ${exactlyOnce}, lost ${v.lost.length}, duplicated ${v.duplicatedCount}`,
      );
      log(
        `faults: migrated group ${benchGroupId(migratedIdx)} → ${migratedRow?.externalId ?? "NOT MOVED"} in the database; ${atNewId} messages at the new id, ${atOldId} at the old`,
      );
      log(
        `faults: notice status: delivered units ${status.totals.delivered}, failed chats ${status.totals.failedChats}, pending ${status.totals.pendingChats}; undeliverable:`,
      );
      for (const f of failedUnits)
        log(`  - ${f.unit}: ${f.chats.map((c) => `${c.chatId} ${c.status}: ${c.reason} (${c.reasonText})`).join("; ")}`);
      faultReport = {
        deliverable,
        exactlyOnce,
        undeliverable: failedUnits,
        migrated: { from: benchGroupId(migratedIdx), to: migratedRow?.externalId ?? null, atNewId, atOldId },
        injected: {
          fivexx: fakeStats.injected5xx,
          resets: fakeStats.resets,
          forbidden403: fakeStats.forbidden403,
          migrated400: fakeStats.migrated400,
        },
      };
    }

    const result: Record<string, unknown> = {
      bench: "broadcast",
      date: new Date().toISOString(),
      machine,
      code,
      chats: N,
      mode,
      seed,
      serviceNodeArgs: nodeArgs.join(" "),
      ...(Object.keys(extraEnv).length > 0 ? { variant: { env: extraEnv } } : {}),
      expected: v.expected,
      sent: ourRecords.length,
      wallS: round((doneAt - published.publishedAt) / 1000, 2),
      firstToLastS: round((lastAt - firstAt) / 1000, 2),
      msgPerSecSustained: round(sustained, 2),
      fractionOf30Sustained: round(sustained / LIMIT_PER_SECOND, 3),
      msgPerSecOverall: round(overall, 2),
      fractionOf30Overall: round(overall / LIMIT_PER_SECOND, 3),
      maxInAnySecond,
      latencyMs: {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        max: latencies[latencies.length - 1] ?? null,
      },
      publishMs: published.publishedAt - published.startedAt,
      http429: fakeStats.rateLimited429,
      unhandled429,
      retries,
      lost: v.lost.length,
      duplicated: v.duplicatedCount,
      unexpected: v.unexpected.length,
      inOrder: v.inOrder,
      undeliverable: v.undeliverable.length,
      failed: failedRows.length,
      failReasons,
      serviceCpuS: round(cpuBroadcastMs / 1000, 2),
      serviceCpuTotalS: round(cpuTotalMs / 1000, 2),
      serviceCpuCoreFraction: round(cpuBroadcastMs / (doneAt - published.publishedAt), 3),
      serviceCpuUsPerMsg: round((1000 * cpuBroadcastMs) / Math.max(1, ourRecords.length), 0),
      servicePeakRssMB: round(peakRssKb / 1024),
      serviceVmHwmMB: round(peakHwmKb / 1024),
      serviceRssStartMB: round(rssAtStartKb / 1024),
      servicePeakRssAnonMB: round(peakAnonKb / 1024),
      ...(crashReport ? { crash: crashReport } : {}),
      ...(faultReport ? { faults: faultReport } : {}),
    };

    await db.close();

    if (args.naive) {
      log("");
      log(
        `## naive baseline: the same ${parts.length} messages, telegraf calls in Promise.all batches of ${args["naive-batch"]}, no limiter, no retries (fresh fake, same limits)`,
      );
      const naiveFake = await startFakeProcess({ rateLimits: TELEGRAM_LIMITS, keepUploadedBytes: false });
      try {
        const outcome = await runNaive({
          apiRoot: naiveFake.apiRoot,
          token: naiveFake.token,
          parts,
          dataDir,
          batchSize: Number(args["naive-batch"]),
        });
        const naiveRecords = await allRecords(naiveFake);
        const nv = verifyDeliveries(parts, naiveRecords, false);
        const nStats = await naiveFake.client.stats();
        const wall = (outcome.finishedAt - outcome.startedAt) / 1000;
        log(
          `attempted ${outcome.attempted}, delivered ${nv.delivered}, 429s ${nStats.rateLimited429} (client saw ${outcome.rejected429}), other errors ${outcome.otherErrors}${outcome.errorSamples.length ? ` ${JSON.stringify(outcome.errorSamples)}` : ""}`,
        );
        log(
          `lost ${nv.lost.length} (${round((100 * nv.lost.length) / parts.length)}%), duplicated ${nv.duplicatedCount}, in order per chat: ${nv.inOrder ? "yes" : `NO (${nv.outOfOrderChats.length} chats)`}, wall ${round(wall, 2)} s`,
        );
        result.naive = {
          batch: Number(args["naive-batch"]),
          attempted: outcome.attempted,
          delivered: nv.delivered,
          http429: nStats.rateLimited429,
          otherErrors: outcome.otherErrors,
          lost: nv.lost.length,
          lostFraction: round(nv.lost.length / parts.length, 3),
          duplicated: nv.duplicatedCount,
          inOrder: nv.inOrder,
          outOfOrderChats: nv.outOfOrderChats.length,
          wallS: round(wall, 2),
        };
      } finally {
        await naiveFake.close();
      }
    }

    const json = JSON.stringify(result);
    writeFileSync(path.join(outDir, `${runName}.json`), `${json}\n`);
    log("");
    log(json);
  } finally {
    await service?.kill("SIGKILL").catch(() => undefined);
    for (const s of standby) await s.kill("SIGKILL").catch(() => undefined);
    await fake.close();
    await dropRunDatabase?.();
    serviceLog.end();
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    else log(`kept ${dir}`);
  }
}

function ms(x: number): string {
  return Number.isFinite(x) ? `${round(x / 1000, 2)} s` : "n/a";
}

/** The most messages in any window of `windowMs` (the fake refuses above 30 per 1000 ms). */
function maxInWindow(times: number[], windowMs: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  let j = 0;
  for (let i = 0; i < t.length; i++) {
    while (t[i]! - t[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

async function allRecords(fake: FakeProcess): Promise<DeliveredRecord[]> {
  return (await fake.client.messages()).map(compactRecord);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
