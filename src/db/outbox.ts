/** Queries over the outbox table, for the enqueuer and the sender. */
import type { Db, Tx } from "./client.js";
import { countInChunks, findInChunks } from "./chunks.js";
import { Prisma } from "../generated/prisma/client.js";

export interface OutboxRow {
  id: number;
  idempotencyKey: string;
  chatId: number;
  kind: string;
  payloadJson: string;
  status: string;
  priority: number;
  attempts: number;
  /** the first counted (transient) failure; null while none */
  firstFailedAt: Date | null;
  notBefore: Date;
  lastError: string | null;
  resultJson: string | null;
  refType: string | null;
  refId: number | null;
  createdAt: Date;
}

export interface NewOutboxRow {
  idempotencyKey: string;
  chatId: number;
  kind: string;
  payloadJson: string;
  priority: number;
  notBefore: Date;
  refType: string | null;
  refId: number | null;
  coalesceKey: string | null;
}

/** A row read with its shared payload (when it has one) folded back into payloadJson. */
const withPayload = { payload: { select: { json: true } } } as const;
type StoredRow = OutboxRow & { payloadId: number | null; payload: { json: string } | null };
function resolved(row: StoredRow | null): OutboxRow | null {
  if (!row) return null;
  const { payload, payloadId: _id, ...rest } = row;
  return payload ? { ...rest, payloadJson: payload.json } : rest;
}

export const findOutboxByKey = async (db: Db | Tx, key: string): Promise<OutboxRow | null> =>
  resolved(await db.outboxMessage.findUnique({ where: { idempotencyKey: key }, include: withPayload }));

export const findOutboxById = async (db: Db | Tx, id: number): Promise<OutboxRow | null> =>
  resolved(await db.outboxMessage.findUnique({ where: { id }, include: withPayload }));

/** Rows of one fan-out that carry the same payload from which it is stored once (a council's broadcast, not a reply). */
export const SHARE_PAYLOAD_FROM = 50;

export async function insertOutboxRows(tx: Tx, rows: NewOutboxRow[]): Promise<void> {
  if (rows.length === 1) {
    await tx.outboxMessage.create({ data: rows[0]! });
    return;
  }
  // A fan-out (a notice to 3,400 groups is ~10,000 rows) as multi-row INSERTs with bound parameters: the
  // model API compiles every call on the main thread and made one publish take seconds. Prisma.sql keeps
  // the placeholders right for SQLite and PostgreSQL alike. A payload shared by several rows is stored
  // once (OutboxPayload) and referenced: the notice's text went into the table 3,400 times (60 MB).
  const now = new Date();
  const uses = new Map<string, number>();
  for (const r of rows) uses.set(r.payloadJson, (uses.get(r.payloadJson) ?? 0) + 1);
  const shared = new Map<string, number>();
  for (const [json, count] of uses)
    if (count >= SHARE_PAYLOAD_FROM)
      shared.set(json, (await tx.outboxPayload.create({ data: { json, createdAt: now }, select: { id: true } })).id);
  for (let i = 0; i < rows.length; i += 150) {
    const values = rows
      .slice(i, i + 150)
      .map(
        (r) =>
          Prisma.sql`(${r.idempotencyKey}, ${r.chatId}, ${r.kind}, ${shared.has(r.payloadJson) ? "" : r.payloadJson}, ${shared.get(r.payloadJson) ?? null}, ${"pending"}, ${r.priority}, ${r.coalesceKey}, ${0}, ${r.notBefore}, ${r.refType}, ${r.refId}, ${now}, ${now})`,
      );
    await tx.$executeRaw`INSERT INTO "OutboxMessage" ("idempotencyKey", "chatId", "kind", "payloadJson", "payloadId", "status", "priority", "coalesceKey", "attempts", "notBefore", "refType", "refId", "createdAt", "updatedAt") VALUES ${Prisma.join(values)}`;
  }
}

/** Which of these keys are already stored. */
export async function existingKeys(db: Db | Tx, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  // SQL rather than a model query: a fan-out's key list is not compiled at every batch.
  const rows = await findInChunks(
    keys,
    (slice) =>
      db.$queryRaw<
        { idempotencyKey: string }[]
      >`SELECT "idempotencyKey" FROM "OutboxMessage" WHERE "idempotencyKey" IN (${Prisma.join(slice)})`,
  );
  for (const r of rows) found.add(r.idempotencyKey);
  return found;
}

export async function cancelPendingByCoalesceKey(tx: Tx, coalesceKey: string): Promise<void> {
  await tx.outboxMessage.updateMany({ where: { coalesceKey, status: "pending" }, data: { status: "cancelled", lastError: "superseded" } });
}

/** The stored parts of a message: the key itself and key#2, key#3 ... in sending order. */
export async function partKeysOf(db: Db | Tx, key: string): Promise<string[]> {
  const rows = await db.outboxMessage.findMany({
    where: { OR: [{ idempotencyKey: key }, { idempotencyKey: { startsWith: `${key}#` } }] },
    select: { idempotencyKey: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => r.idempotencyKey).filter((k) => k === key || /^#\d+$/.test(k.slice(key.length)));
}

export interface PendingIndexRow {
  id: number;
  chatId: number;
  priority: number;
  notBefore: Date;
  chat: { kind: string };
}

/** Pending rows of one platform with an id above `afterId`, lightweight, for the sender's in-memory queue. */
export const pendingAfter = (db: Db, platform: string, afterId: number, take: number): Promise<PendingIndexRow[]> =>
  db.outboxMessage.findMany({
    where: { id: { gt: afterId }, status: "pending", chat: { platform } },
    select: { id: true, chatId: true, priority: true, notBefore: true, chat: { select: { kind: true } } },
    orderBy: { id: "asc" },
    take,
  });

/** Highest id in the table (for the sender to notice rows written by other processes). */
export async function maxOutboxId(db: Db): Promise<number> {
  const row = await db.outboxMessage.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return row?.id ?? 0;
}

/** Rows left "sending" by a process that died: their outcome is unknown. */
export async function releaseInterruptedSends(db: Db, platform: string): Promise<number> {
  const { count } = await db.outboxMessage.updateMany({
    where: { status: "sending", chat: { platform } },
    data: { status: "pending", lastError: "interrupted: outcome unknown, resending" },
  });
  return count;
}

/** Takes a row for sending; false when another process or a cancellation got there first. */
export async function claimOutbox(db: Db, id: number, now: Date): Promise<OutboxRow | null> {
  // One call (UPDATE ... RETURNING with the payload) instead of an update and a read: the sender's CPU per
  // message is mostly Prisma compiling queries.
  try {
    return resolved(
      await db.outboxMessage.update({
        where: { id, status: "pending" },
        data: { status: "sending", claimedAt: now, attempts: { increment: 1 } },
        include: withPayload,
      }),
    );
  } catch (err) {
    if ((err as { code?: string }).code === "P2025") return null; // another process or a cancellation got there first
    throw err;
  }
}

export const markOutboxSent = (tx: Tx, id: number, now: Date, result: unknown) =>
  tx.outboxMessage.update({ where: { id }, data: { status: "sent", sentAt: now, resultJson: JSON.stringify(result), lastError: null } });

/**
 * Back to pending until `notBefore`. A counted attempt (a transient failure) also records when the failures
 * began (`firstFailedAt`, kept when already set); an uncounted one (a rate limit) gives its attempt back.
 */
export const markOutboxRetry = (db: Db | Tx, id: number, notBefore: Date, reason: string, countAttempt: boolean, firstFailedAt?: Date) =>
  db.outboxMessage.update({
    where: { id },
    data: {
      status: "pending",
      notBefore,
      lastError: reason,
      ...(countAttempt ? (firstFailedAt ? { firstFailedAt } : {}) : { attempts: { decrement: 1 } }),
    },
  });

export const markOutboxFailed = (tx: Tx, id: number, reason: string) =>
  tx.outboxMessage.update({ where: { id }, data: { status: "failed", lastError: reason } });

/** Fails every pending message of a chat (the chat is gone); returns the failed rows for their owners. */
export async function failPendingForChat(tx: Tx, chatId: number, reason: string): Promise<OutboxRow[]> {
  const rows = (await tx.outboxMessage.findMany({ where: { chatId, status: "pending" }, include: withPayload })).map((r) => resolved(r)!);
  if (rows.length > 0)
    await countInChunks(
      rows.map((r) => r.id),
      (ids) => tx.outboxMessage.updateMany({ where: { id: { in: ids } }, data: { status: "failed", lastError: reason } }),
    );
  return rows;
}

export async function outboxCounts(db: Db): Promise<Record<string, number>> {
  const groups = await db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
}

/** How the entries of one owner (e.g. a notice delivery) stand: still to send, failed, sent. */
export async function refProgress(db: Db | Tx, refType: string, refId: number): Promise<{ open: number; failed: number; sent: number }> {
  const groups = await db.outboxMessage.groupBy({ by: ["status"], where: { refType, refId }, _count: { _all: true } });
  const count = (statuses: string[]) => groups.filter((g) => statuses.includes(g.status)).reduce((n, g) => n + g._count._all, 0);
  return { open: count(["pending", "sending"]), failed: count(["failed"]), sent: count(["sent"]) };
}

/**
 * Deletes sent, failed and cancelled entries older than `before`, except the messages later edits and pins
 * still point at (a notice's message in each group, an issue's card): their keys start with these prefixes.
 */
export async function pruneOutbox(db: Db, before: Date, keepKeyPrefixes: readonly string[]): Promise<number> {
  const { count } = await db.outboxMessage.deleteMany({
    where: {
      status: { in: ["sent", "failed", "cancelled"] },
      updatedAt: { lt: before },
      NOT: keepKeyPrefixes.map((p) => ({ idempotencyKey: { startsWith: p } })),
    },
  });
  return count;
}

/** Stored paths ("files/<sha256>.<ext>") still named by a message waiting to be sent. */
export async function storedPathsOfUnsent(db: Db): Promise<string[]> {
  const rows = await db.outboxMessage.findMany({
    where: { status: { in: ["pending", "sending"] }, payloadJson: { contains: '"stored"' } },
    select: { payloadJson: true },
  });
  return rows.flatMap((r) => r.payloadJson.match(/(?:files|attachments)[/\\]{1,2}[0-9a-f]{64}\.[a-z0-9]{1,8}/g) ?? []);
}
