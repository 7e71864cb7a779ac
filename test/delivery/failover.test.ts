/**
 * Two instances on one PostgreSQL database (runs when the suite runs on PostgreSQL, TEST_DATABASE_URL): the
 * real service twice, a notice broadcast to 300 groups at Telegram's pace through the fake Bot API, and the
 * instance holding the Telegram lease killed with SIGKILL halfway. The other takes the lease over and
 * finishes: every chat gets every part, in order; a part arrives twice only if it was in flight at the kill;
 * the 429s stay few (one sender at a time keeps the account's rate).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { expectedParts, outboxStatusCounts, prepareCouncil, publishSeedNotice } from "../../scripts/bench/setup.js";
import { compactRecord, verifyDeliveries } from "../../scripts/bench/verify.js";
import { type FakeBotApi, startFakeBotApi } from "../fakes/telegram-bot-api/index.js";
import { onPostgres, testDatabaseTarget } from "../helpers/db.js";
import { ServiceProcess, serviceEnv } from "../helpers/service-process.js";
import { waitUntil } from "../helpers/wait-until.js";

const GROUPS = 300;
const SENDER_CONCURRENCY = 4;

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
});

describe.runIf(onPostgres())("two instances on PostgreSQL", () => {
  it("the lease holder killed halfway through a broadcast: the other instance takes over and finishes it", async () => {
    fake = await startFakeBotApi({
      rateLimits: { global: { limit: 30, windowMs: 1000 }, group: { limit: 20, windowMs: 60_000 }, private: false },
      keepUploadedBytes: false,
    });
    dir = mkdtempSync(path.join(tmpdir(), "council-failover-"));
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
    for (let i = 0; i < 2; i++) services.push(await ServiceProcess.start({ cwd: dir, env, startTimeoutMs: 60_000 }));

    const { noticeId } = await publishSeedNotice(db, prepared.councilId, dataDir);
    const total = GROUPS * 3;
    await fake.waitForCount(Math.floor(total / 2), { timeoutMs: 90_000 });
    const lease = await db.prisma.lease.findFirstOrThrow({ where: { name: { startsWith: "telegram:" } } });
    const holder = services.find((s) => lease.holder.includes(`:${s.pid}:`));
    expect(holder, `lease holder ${lease.holder}`).toBeDefined();
    await holder!.kill("SIGKILL");
    const killedAt = fake.deliveredCount;
    expect(killedAt).toBeLessThan(total);
    const inFlight = (await db.prisma.outboxMessage.findMany({ where: { status: "sending" }, select: { id: true } })).map((r) => r.id);
    expect(inFlight.length).toBeLessThanOrEqual(SENDER_CONCURRENCY);

    const survivor = services.find((s) => s !== holder)!;
    await waitUntil(
      async () => {
        const c = await outboxStatusCounts(db!);
        return (c.pending ?? 0) + (c.sending ?? 0) === 0;
      },
      90_000,
      "the other instance to finish the broadcast",
    );
    const taken = await db.prisma.lease.findFirstOrThrow({ where: { name: lease.name } });
    expect(taken.holder).toContain(`:${survivor.pid}:`);
    // Taken over within the lease's time to live plus a retry (10 + 2 s), well under 15 s.
    expect(taken.acquiredAt.getTime() - lease.acquiredAt.getTime()).toBeGreaterThan(0);

    const parts = await expectedParts(db, noticeId);
    expect(parts).toHaveLength(total);
    const v = verifyDeliveries(parts, fake.allMessages().map(compactRecord));
    const context = JSON.stringify({ killedAt, inFlight, duplicates: v.duplicates });
    expect(
      v.lost.map((p) => `${p.chatId}#${p.index}`),
      context,
    ).toEqual([]);
    expect(v.unexpected, context).toEqual([]);
    expect(v.inOrder, context).toBe(true);
    for (const d of v.duplicates) expect(new Set(inFlight).has(d.outboxId), context).toBe(true);
    expect(v.duplicatedCount).toBeLessThanOrEqual(SENDER_CONCURRENCY);
    // One sender at a time: the account's rate held (a handful of 429s at most, as with one instance).
    expect(fake.stats().rateLimited429).toBeLessThanOrEqual(10);
  }, 240_000);
});
