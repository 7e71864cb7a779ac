/** Console sign-in links and sessions. Tokens never reach the database: only their SHA-256. */
import type { Db, Tx } from "./client.js";

export const insertLoginLink = (
  tx: Db | Tx,
  data: { tokenHash: string; memberId: number; createdVia: string; createdAt: Date; expiresAt: Date },
) => tx.webLoginLink.create({ data });

export const findLoginLink = (db: Db | Tx, tokenHash: string) => db.webLoginLink.findUnique({ where: { tokenHash } });

/** Marks a link used; false when another request used it first (the update is guarded by usedAt). */
export async function useLoginLink(tx: Tx, id: number, now: Date): Promise<boolean> {
  const { count } = await tx.webLoginLink.updateMany({ where: { id, usedAt: null }, data: { usedAt: now } });
  return count === 1;
}

export const setLinkSession = (tx: Tx, id: number, sessionId: number) => tx.webLoginLink.update({ where: { id }, data: { sessionId } });

export const insertSession = (
  tx: Tx,
  data: { tokenHash: string; memberId: number; createdAt: Date; expiresAt: Date; userAgent: string | null },
) => tx.webSession.create({ data: { ...data, lastSeenAt: data.createdAt } });

/** A session with its member, the member's unit and accounts (for the console's header). */
export const findSession = (db: Db | Tx, tokenHash: string) =>
  db.webSession.findUnique({ where: { tokenHash }, include: { member: { include: { unit: true } } } });

export const touchSession = (db: Db | Tx, id: number, now: Date) => db.webSession.update({ where: { id }, data: { lastSeenAt: now } });

export const endSession = (db: Db | Tx, id: number, now: Date) =>
  db.webSession.updateMany({ where: { id, endedAt: null }, data: { endedAt: now } });

/** Removes links and sessions that ended or expired before `before` (maintenance). */
export async function pruneWebAccess(db: Db | Tx, before: Date): Promise<number> {
  const links = await db.webLoginLink.deleteMany({ where: { expiresAt: { lt: before } } });
  const sessions = await db.webSession.deleteMany({ where: { OR: [{ expiresAt: { lt: before } }, { endedAt: { lt: before } }] } });
  return links.count + sessions.count;
}
