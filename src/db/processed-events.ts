/**
 * Which inbound events were handled (ProcessedEvent, written in the same transaction as the handler's change
 * and answers) and which were begun (StartedEvent, committed before the handler runs). Every update writes
 * both, so they are plain INSERT ... ON CONFLICT DO NOTHING statements, not Prisma's model calls (an upsert
 * was a read and a write, each compiled per call). They go through Prisma's connection, never the raw
 * read connection (raw-reads.ts): a write there between a Prisma transaction's read and its write would
 * make SQLite refuse that transaction (its snapshot is stale) and retry it.
 */
import { Prisma } from "../generated/prisma/client.js";
import type { Db, Tx } from "./client.js";

export async function wasProcessed(db: Db | Tx, key: string): Promise<boolean> {
  return (await db.processedEvent.findUnique({ where: { key } })) !== null;
}

/** Inside the handler's transaction: the event is handled once it commits (a second write changes nothing). */
export async function markProcessed(tx: Tx, key: string, now: Date): Promise<void> {
  await tx.$executeRaw(Prisma.sql`INSERT INTO "ProcessedEvent" ("key", "createdAt") VALUES (${key}, ${now}) ON CONFLICT DO NOTHING`);
}

/** Several events handled in one transaction (answers written together, see bot/answer-writer.ts). */
export async function markProcessedMany(tx: Tx, events: readonly { key: string; at: Date }[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    const values = events.slice(i, i + 500).map((e) => Prisma.sql`(${e.key}, ${e.at})`);
    await tx.$executeRaw`INSERT INTO "ProcessedEvent" ("key", "createdAt") VALUES ${Prisma.join(values)} ON CONFLICT DO NOTHING`;
  }
}

/**
 * Records that handling of an event begins, committed before the handler runs. "again" means an earlier
 * attempt began and never finished: the process died in it (or was killed), so the platform redelivered it.
 */
export async function markStarted(db: Db, key: string, now: Date): Promise<"first" | "again"> {
  const inserted = await db.$executeRaw(
    Prisma.sql`INSERT INTO "StartedEvent" ("key", "startedAt") VALUES (${key}, ${now}) ON CONFLICT DO NOTHING`,
  );
  return inserted === 1 ? "first" : "again";
}

/**
 * markStarted for several events in one statement (the updates of a polling batch beginning together). Each
 * answer says whether this call recorded the event ("first") or found it recorded by an earlier attempt.
 */
export async function markStartedMany(db: Db, events: readonly { key: string; at: Date }[]): Promise<("first" | "again")[]> {
  const inserted = new Set<string>();
  for (let i = 0; i < events.length; i += 500) {
    const values = events.slice(i, i + 500).map((e) => Prisma.sql`(${e.key}, ${e.at})`);
    const rows = await db.$queryRaw<
      { key: string }[]
    >`INSERT INTO "StartedEvent" ("key", "startedAt") VALUES ${Prisma.join(values)} ON CONFLICT DO NOTHING RETURNING "key"`;
    for (const r of rows) inserted.add(r.key);
  }
  // The same event twice in one batch (cannot happen: one person's updates are handled one at a time) is "again" the second time.
  const seen = new Set<string>();
  return events.map((e) => {
    const first = inserted.has(e.key) && !seen.has(e.key);
    seen.add(e.key);
    return first ? "first" : "again";
  });
}

export async function pruneProcessed(db: Db, olderThan: Date): Promise<number> {
  const { count } = await db.processedEvent.deleteMany({ where: { createdAt: { lt: olderThan } } });
  await db.startedEvent.deleteMany({ where: { startedAt: { lt: olderThan } } });
  return count;
}
