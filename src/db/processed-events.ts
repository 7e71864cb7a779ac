import type { Db, Tx } from "./client.js";

export async function wasProcessed(db: Db | Tx, key: string): Promise<boolean> {
  return (await db.processedEvent.findUnique({ where: { key } })) !== null;
}

export async function markProcessed(tx: Tx, key: string, now: Date): Promise<void> {
  await tx.processedEvent.upsert({ where: { key }, create: { key, createdAt: now }, update: {} });
}

export async function pruneProcessed(db: Db, olderThan: Date): Promise<number> {
  const { count } = await db.processedEvent.deleteMany({ where: { createdAt: { lt: olderThan } } });
  return count;
}
