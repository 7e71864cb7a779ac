import type { Db, Tx } from "./client.js";

export async function wasProcessed(db: Db | Tx, key: string): Promise<boolean> {
  return (await db.processedEvent.findUnique({ where: { key } })) !== null;
}

export async function markProcessed(tx: Tx, key: string, now: Date): Promise<void> {
  await tx.processedEvent.upsert({ where: { key }, create: { key, createdAt: now }, update: {} });
}

/**
 * Records that handling of an event begins, committed before the handler runs. "again" means an earlier
 * attempt began and never finished: the process died in it (or was killed), so the platform redelivered it.
 */
export async function markStarted(db: Db, key: string, now: Date): Promise<"first" | "again"> {
  try {
    await db.startedEvent.create({ data: { key, startedAt: now } });
    return "first";
  } catch (err) {
    if ((await db.startedEvent.findUnique({ where: { key } })) !== null) return "again";
    throw err;
  }
}

export async function pruneProcessed(db: Db, olderThan: Date): Promise<number> {
  const { count } = await db.processedEvent.deleteMany({ where: { createdAt: { lt: olderThan } } });
  await db.startedEvent.deleteMany({ where: { startedAt: { lt: olderThan } } });
  return count;
}
