/**
 * Leases: which instance runs a part that must run once (see the Lease model). Taking one is a single
 * conditional UPDATE (free, expired, or already ours), so two instances racing for it cannot both win on
 * either engine; the first ever taker creates the row, and a unique-key refusal means someone else did.
 */
import type { Db } from "./client.js";
import { isUniqueViolation } from "./errors.js";

/** Takes or renews the lease; true when `holder` holds it until now + ttlMs. */
export async function acquireLease(db: Db, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const renewed = await db.lease.updateMany({ where: { name, holder }, data: { expiresAt } });
  if (renewed.count === 1) return true;
  const taken = await db.lease.updateMany({ where: { name, expiresAt: { lt: now } }, data: { holder, expiresAt, acquiredAt: now } });
  if (taken.count === 1) return true;
  if ((await db.lease.findUnique({ where: { name } })) !== null) return false;
  try {
    await db.lease.create({ data: { name, holder, acquiredAt: now, expiresAt } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Gives the lease up at once (a clean stop), so another instance need not wait for it to expire. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.lease.deleteMany({ where: { name, holder } });
}

export const findLease = (db: Db, name: string) => db.lease.findUnique({ where: { name } });
