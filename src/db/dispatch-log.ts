/**
 * DispatchLog: one row per reminder, escalation, digest and notice acknowledgement reminder that was planned,
 * sent or skipped. Its key is unique, so inserting the row in the same transaction as the outbox entries
 * makes each dispatch happen once across restarts, overlapping ticks and processes.
 */
import type { Db, Tx } from "./client.js";
import { chunked, countInChunks, findInChunks } from "./chunks.js";
import { Prisma } from "../generated/prisma/client.js";

export type DispatchKind = "reminder" | "escalation" | "digest" | "notice_ack_reminder" | "task_announce";

export interface NewDispatch {
  key: string;
  kind: DispatchKind;
  councilId: number;
  taskId?: number | null;
  unitId?: number | null;
  noticeId?: number | null;
  plannedFor: Date;
  outcome: "sent" | "skipped";
  detail?: string | null;
  createdAt: Date;
}

/** Inserts the row; a duplicate key throws a unique violation (the caller's transaction rolls back). */
export async function insertDispatch(tx: Tx, row: NewDispatch): Promise<void> {
  await tx.dispatchLog.create({
    data: {
      key: row.key,
      kind: row.kind,
      councilId: row.councilId,
      taskId: row.taskId ?? null,
      unitId: row.unitId ?? null,
      noticeId: row.noticeId ?? null,
      plannedFor: row.plannedFor,
      outcome: row.outcome,
      detail: row.detail ?? null,
      createdAt: row.createdAt,
    },
  });
}

/**
 * Many rows in one statement per slice (the batch writer checked the keys first, in the same transaction).
 * Written as SQL: the model's createMany compiled a query of 500 rows in WebAssembly at every call, whose
 * memory grew the service past 200 MB during a national reminder tick.
 */
export async function insertDispatches(tx: Tx, rows: readonly NewDispatch[]): Promise<void> {
  for (const slice of chunked(rows, 250))
    await tx.$executeRaw`INSERT INTO "DispatchLog" ("key", "kind", "councilId", "taskId", "unitId", "noticeId", "plannedFor", "outcome", "detail", "createdAt") VALUES ${Prisma.join(
      slice.map(
        (r) =>
          Prisma.sql`(${r.key}, ${r.kind}, ${r.councilId}, ${r.taskId ?? null}, ${r.unitId ?? null}, ${r.noticeId ?? null}, ${r.plannedFor}, ${r.outcome}, ${r.detail ?? null}, ${r.createdAt})`,
      ),
    )}`;
}

/** Which of these dispatch keys are already recorded. */
export async function recordedDispatchKeys(db: Db | Tx, keys: readonly string[]): Promise<Set<string>> {
  // SQL rather than a model query: no compilation of a 250-key list at every batch of a reminder tick.
  const rows = await findInChunks(
    keys,
    (slice) => db.$queryRaw<{ key: string }[]>`SELECT "key" FROM "DispatchLog" WHERE "key" IN (${Prisma.join(slice)})`,
  );
  return new Set(rows.map((r) => r.key));
}

export const dispatchExists = async (db: Db | Tx, key: string): Promise<boolean> =>
  (await db.dispatchLog.findUnique({ where: { key }, select: { id: true } })) !== null;

/** Keys recorded for reminders and escalations of these tasks. */
export async function dispatchedKeysForTasks(db: Db | Tx, taskIds: number[]): Promise<Set<string>> {
  if (taskIds.length === 0) return new Set();
  const rows = await findInChunks(taskIds, (ids) =>
    db.dispatchLog.findMany({ where: { taskId: { in: ids }, kind: { in: ["reminder", "escalation"] } }, select: { key: true } }),
  );
  return new Set(rows.map((r) => r.key));
}

/** Digest keys of a council planned for `since` or later. */
export async function dispatchedDigestKeys(db: Db | Tx, councilId: number, since: Date): Promise<Set<string>> {
  const rows = await db.dispatchLog.findMany({ where: { councilId, kind: "digest", plannedFor: { gte: since } }, select: { key: true } });
  return new Set(rows.map((r) => r.key));
}

/** Keys recorded for notice acknowledgement reminders of these notices. */
export async function dispatchedNoticeAckKeys(db: Db | Tx, noticeIds: number[]): Promise<Set<string>> {
  if (noticeIds.length === 0) return new Set();
  const rows = await findInChunks(noticeIds, (ids) =>
    db.dispatchLog.findMany({ where: { noticeId: { in: ids }, kind: "notice_ack_reminder" }, select: { key: true } }),
  );
  return new Set(rows.map((r) => r.key));
}

/** The moment the latest scheduled digest that was actually sent stands for (the end of its period). */
export async function lastSentDigestAt(db: Db | Tx, councilId: number, notAfter: Date): Promise<Date | null> {
  const row = await db.dispatchLog.findFirst({
    where: { councilId, kind: "digest", outcome: "sent", plannedFor: { lte: notAfter } },
    orderBy: { plannedFor: "desc" },
    select: { plannedFor: true },
  });
  return row?.plannedFor ?? null;
}

export const dispatchesOf = (db: Db | Tx, where: { councilId?: number; kind?: DispatchKind; taskId?: number } = {}) =>
  db.dispatchLog.findMany({ where, orderBy: { id: "asc" } });

/** Pending (not yet claimed by a sender) outbox entries whose key starts with one of the prefixes. */
export const pendingOutboxWithPrefix = (db: Db | Tx, prefix: string) =>
  db.outboxMessage.findMany({
    where: { status: "pending", idempotencyKey: { startsWith: prefix } },
    select: { id: true, idempotencyKey: true },
  });

/** Cancels outbox entries that have not been picked up by a sender yet. */
export async function cancelPendingOutbox(db: Db | Tx, ids: number[], reason: string): Promise<number> {
  if (ids.length === 0) return 0;
  return countInChunks(ids, (slice) =>
    db.outboxMessage.updateMany({ where: { id: { in: slice }, status: "pending" }, data: { status: "cancelled", lastError: reason } }),
  );
}
