/**
 * Crash in the middle of a broadcast: the real service (`node bin/service.mjs`) sends a notice to 30
 * groups at Telegram's pace (the fake allows 30/s), is killed with SIGKILL at a random point (after at
 * least one message, before the end), restarted on the same database, killed again, restarted again.
 * Against the fake's log: every chat got every part, in order; a part arrives twice only if it was in
 * flight at a kill (left "sending" in the database), and the restarted sender reports exactly those
 * as resent after the crash; never more than the sender's concurrency per kill.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeBotApi, type FakeBotApi } from "../fakes/telegram-bot-api/index.js";
import { ServiceProcess, serviceEnv } from "../helpers/service-process.js";
import type { Database } from "../../src/db/client.js";
import { noticeStatus } from "../../src/core/notices/status.js";
import { expectedParts, outboxStatusCounts, prepareCouncil, publishSeedNotice } from "../../scripts/bench/setup.js";
import { compactRecord, verifyDeliveries } from "../../scripts/bench/verify.js";
import { testDatabaseTarget } from "../helpers/db.js";
import { waitUntil } from "../helpers/wait-until.js";

const GROUPS = 30;
const SENDER_CONCURRENCY = 4; // OutboxSender's default, which the service uses
const KILLS = 2;

let fake: FakeBotApi | undefined;
let db: Database | undefined;
let dir: string | undefined;
const services: ServiceProcess[] = [];

afterEach(async () => {
  for (const s of services) await s.kill().catch(() => undefined);
  services.length = 0;
  await db?.close();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  fake = undefined;
  db = undefined;
  dir = undefined;
});

describe("a crash in the middle of a broadcast", () => {
  it("SIGKILL and restart, twice: every chat gets every part in order; duplicates only of calls in flight at a kill", async () => {
    fake = await startFakeBotApi({
      rateLimits: { global: { limit: 30, windowMs: 1000 }, group: { limit: 20, windowMs: 60_000 }, private: false },
      keepUploadedBytes: false,
    });
    dir = mkdtempSync(path.join(tmpdir(), "council-crash-"));
    const dataDir = path.join(dir, "data");
    mkdirSync(dataDir);
    const databaseFile = path.join(dir, "council.db");
    const prepared = await prepareCouncil(testDatabaseTarget(databaseFile), GROUPS);
    db = prepared.db;
    const env = serviceEnv({
      databaseFile,
      dataDir,
      token: fake.token,
      apiRoot: fake.apiRoot,
      logLevel: "info",
      rate: { globalPerSecond: 30 },
    });
    const start = async () => {
      const s = await ServiceProcess.start({ cwd: dir!, env, startTimeoutMs: 30_000 });
      services.push(s);
      return s;
    };

    let service = await start();
    const { noticeId } = await publishSeedNotice(db, prepared.councilId, dataDir);
    const total = GROUPS * 3;

    const kills: { at: number; inFlight: number[]; successor: ServiceProcess }[] = [];
    let from = 0;
    for (let k = 0; k < KILLS; k++) {
      // A random point after at least one more message, leaving at least half a second of work.
      const target = from + 1 + Math.floor(Math.random() * ((total - 15 - from) / (KILLS - k)));
      await fake.waitForCount(target, { timeoutMs: 20_000 });
      await service.kill("SIGKILL");
      const at = fake.deliveredCount;
      expect(at, `kill ${k + 1} came after the end of the broadcast`).toBeLessThan(total);
      // What the dead process left in flight: its outcome is unknown, the next sender must resend it.
      const inFlight = (await db.prisma.outboxMessage.findMany({ where: { status: "sending" }, select: { id: true } })).map((r) => r.id);
      expect(inFlight.length).toBeLessThanOrEqual(SENDER_CONCURRENCY);
      service = await start();
      // Its report is read at the end: on PostgreSQL the new sender first waits for the dead one's lease to expire.
      kills.push({ at, inFlight, successor: service });
      from = at;
    }

    await waitUntil(
      async () => {
        const c = await outboxStatusCounts(db!);
        return (c.pending ?? 0) + (c.sending ?? 0) === 0;
      },
      30_000,
      "the broadcast to finish after the restarts",
    );
    await service.stop();

    const parts = await expectedParts(db, noticeId);
    expect(parts).toHaveLength(total);
    const v = verifyDeliveries(parts, fake.allMessages().map(compactRecord));
    const reported = kills.map((k) => ({ at: k.at, inFlight: k.inFlight, reportedResent: k.successor.resentAfterCrash }));
    const context = JSON.stringify({ kills: reported, duplicates: v.duplicates });
    expect(
      v.lost.map((p) => `${p.chatId}#${p.index}`),
      context,
    ).toEqual([]);
    expect(v.unexpected, context).toEqual([]);
    expect(v.inOrder, context).toBe(true);
    expect(v.delivered).toBe(total);
    // Each restarted sender reported exactly what its predecessor left in flight.
    for (const k of reported) expect(k.reportedResent, context).toBe(k.inFlight.length);
    // A duplicate is always a message that was in flight at a kill, and there are no more than those.
    const resent = new Set(kills.flatMap((k) => k.inFlight));
    for (const d of v.duplicates) {
      expect(resent.has(d.outboxId), `duplicate of outbox entry ${d.outboxId} that was not in flight at a kill: ${context}`).toBe(true);
      expect(d.copies, context).toBe(2);
    }
    expect(v.duplicatedCount).toBeLessThanOrEqual(reported.reduce((n, k) => n + k.reportedResent, 0));
    expect(v.duplicatedCount).toBeLessThanOrEqual(KILLS * SENDER_CONCURRENCY);

    // Every entry ended "sent"; the office sees every group delivered.
    expect(parts.every((p) => p.status === "sent")).toBe(true);
    const status = (await noticeStatus(db.prisma, noticeId))!;
    expect(status.totals.pendingChats).toBe(0);
    expect(status.totals.failedChats).toBe(0);
  }, 60_000);
});
