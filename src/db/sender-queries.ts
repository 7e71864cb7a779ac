/**
 * The outbox sender's per-message statements, written as SQL: taking a row for sending, the chat it goes to,
 * recording it sent, and the shared payloads of a fan-out (read and parsed once, not once per message).
 *
 * Why SQL: each model call of Prisma's client compiles its query, and the sender made five to seven per
 * message (12-15 ms of CPU, most of a core's work at Telegram's 30 messages a second). On SQLite these run on
 * the raw connection with prepared statements (raw-sqlite.ts); on PostgreSQL as raw statements through the
 * client, which skip the compiler. The columns and their meaning are the model's (prisma/schema.prisma).
 */
import { Prisma } from "../generated/prisma/client.js";
import type { ChatRow } from "./chats.js";
import type { Database, Tx } from "./client.js";
import type { OutboxRow } from "./outbox.js";
import { fromSqliteTime, fromSqliteTimeOrNull, sqliteTime } from "./raw-sqlite.js";

/** A timestamp from either engine's raw result (PostgreSQL gives Dates, SQLite text). */
const time = (v: unknown): Date => (v instanceof Date ? v : fromSqliteTime(v));
const timeOrNull = (v: unknown): Date | null => (v instanceof Date ? v : fromSqliteTimeOrNull(v));
const bool = (v: unknown): boolean => v === true || v === 1 || v === 1n;

const OUTBOX_COLUMNS = `"id", "idempotencyKey", "chatId", "kind", "payloadJson", "payloadId", "status", "priority", "attempts", "firstFailedAt", "notBefore", "lastError", "resultJson", "refType", "refId", "createdAt"`;

interface RawOutbox {
  id: number;
  idempotencyKey: string;
  chatId: number;
  kind: string;
  payloadJson: string;
  payloadId: number | null;
  status: string;
  priority: number;
  attempts: number;
  firstFailedAt: unknown;
  notBefore: unknown;
  lastError: string | null;
  resultJson: string | null;
  refType: string | null;
  refId: number | null;
  createdAt: unknown;
}

/** A claimed row, with the id of its shared payload (payloadJson is "" then) for the sender's cache. */
export type ClaimedRow = OutboxRow & { payloadId: number | null };

function outboxRow(r: RawOutbox): ClaimedRow {
  return {
    id: Number(r.id),
    idempotencyKey: r.idempotencyKey,
    chatId: Number(r.chatId),
    kind: r.kind,
    payloadJson: r.payloadJson,
    payloadId: r.payloadId === null ? null : Number(r.payloadId),
    status: r.status,
    priority: Number(r.priority),
    attempts: Number(r.attempts),
    firstFailedAt: timeOrNull(r.firstFailedAt),
    notBefore: time(r.notBefore),
    lastError: r.lastError,
    resultJson: r.resultJson,
    refType: r.refType,
    refId: r.refId === null ? null : Number(r.refId),
    createdAt: time(r.createdAt),
  };
}

/**
 * Takes a pending row for sending ("sending", one more attempt) in one UPDATE ... RETURNING; null when another
 * process or a cancellation got there first. A shared payload is not read here (see PayloadCache).
 */
export async function claimForSending(db: Database, id: number, now: Date): Promise<ClaimedRow | null> {
  if (db.raw) {
    const t = sqliteTime(now);
    const { rows } = await db.raw.write<RawOutbox>(
      `UPDATE "OutboxMessage" SET "status" = 'sending', "claimedAt" = ?, "attempts" = "attempts" + 1, "updatedAt" = ? WHERE "id" = ? AND "status" = 'pending' RETURNING ${OUTBOX_COLUMNS}`,
      [t, t, id],
    );
    return rows[0] ? outboxRow(rows[0]) : null;
  }
  const rows = await db.prisma.$queryRaw<RawOutbox[]>(
    Prisma.sql`UPDATE "OutboxMessage" SET "status" = 'sending', "claimedAt" = ${now}, "attempts" = "attempts" + 1, "updatedAt" = ${now} WHERE "id" = ${id} AND "status" = 'pending' RETURNING ${Prisma.raw(OUTBOX_COLUMNS)}`,
  );
  return rows[0] ? outboxRow(rows[0]) : null;
}

interface RawChat {
  id: number;
  platform: string;
  externalId: string;
  kind: string;
  title: string | null;
  councilId: number | null;
  purpose: string | null;
  unitId: number | null;
  active: unknown;
  inactiveReason: string | null;
  canPin: unknown;
}

/** The chat a message goes to, read fresh for each message (it may have gone inactive or migrated meanwhile). */
export async function chatForSending(db: Database, id: number): Promise<ChatRow | null> {
  const sql = `SELECT "id", "platform", "externalId", "kind", "title", "councilId", "purpose", "unitId", "active", "inactiveReason", "canPin" FROM "Chat" WHERE "id" = `;
  const rows = db.raw ? db.raw.all<RawChat>(`${sql}?`, [id]) : await db.prisma.$queryRaw<RawChat[]>(Prisma.sql`${Prisma.raw(sql)}${id}`);
  const r = rows[0];
  if (!r) return null;
  return {
    id: Number(r.id),
    platform: r.platform,
    externalId: r.externalId,
    kind: r.kind,
    title: r.title,
    councilId: r.councilId === null ? null : Number(r.councilId),
    purpose: r.purpose,
    unitId: r.unitId === null ? null : Number(r.unitId),
    active: bool(r.active),
    inactiveReason: r.inactiveReason,
    canPin: r.canPin === null ? null : bool(r.canPin),
  };
}

const MARK_SENT = `UPDATE "OutboxMessage" SET "status" = 'sent', "sentAt" = ?, "resultJson" = ?, "lastError" = NULL, "updatedAt" = ? WHERE "id" = ?`;

/** Records a row sent, on its own (a message nothing else waits for). */
export async function markSentAlone(db: Database, id: number, now: Date, result: unknown): Promise<void> {
  if (db.raw) {
    const t = sqliteTime(now);
    await db.raw.write(MARK_SENT, [t, JSON.stringify(result), t, id]);
    return;
  }
  await markSentIn(db.prisma, id, now, result);
}

/** Records a row sent inside a transaction (with the outcome hooks of its owner). */
export async function markSentIn(tx: Tx, id: number, now: Date, result: unknown): Promise<void> {
  await tx.$executeRaw(
    Prisma.sql`UPDATE "OutboxMessage" SET "status" = 'sent', "sentAt" = ${now}, "resultJson" = ${JSON.stringify(result)}, "lastError" = NULL, "updatedAt" = ${now} WHERE "id" = ${id}`,
  );
}

/** The text of a shared payload (OutboxPayload rows are written once and never changed). */
export async function payloadJsonById(db: Database, id: number): Promise<string | null> {
  const rows = db.raw
    ? db.raw.all<{ json: string }>(`SELECT "json" FROM "OutboxPayload" WHERE "id" = ?`, [id])
    : await db.prisma.$queryRaw<{ json: string }[]>(Prisma.sql`SELECT "json" FROM "OutboxPayload" WHERE "id" = ${id}`);
  return rows[0]?.json ?? null;
}

export interface PendingEntry {
  id: number;
  chatId: number;
  priority: number;
  notBefore: Date;
  chatKind: string;
}

/** Pending rows of one platform with an id above `afterId`, lightweight, for the sender's in-memory queue. */
export async function pendingEntriesAfter(db: Database, platform: string, afterId: number, take: number): Promise<PendingEntry[]> {
  const sql = `SELECT o."id" AS "id", o."chatId" AS "chatId", o."priority" AS "priority", o."notBefore" AS "notBefore", c."kind" AS "chatKind" FROM "OutboxMessage" o JOIN "Chat" c ON c."id" = o."chatId" WHERE o."id" > `;
  type Raw = { id: number; chatId: number; priority: number; notBefore: unknown; chatKind: string };
  const rows = db.raw
    ? db.raw.all<Raw>(`${sql}? AND o."status" = 'pending' AND c."platform" = ? ORDER BY o."id" LIMIT ?`, [afterId, platform, take])
    : await db.prisma.$queryRaw<Raw[]>(
        Prisma.sql`${Prisma.raw(sql)}${afterId} AND o."status" = 'pending' AND c."platform" = ${platform} ORDER BY o."id" LIMIT ${take}`,
      );
  return rows.map((r) => ({
    id: Number(r.id),
    chatId: Number(r.chatId),
    priority: Number(r.priority),
    notBefore: time(r.notBefore),
    chatKind: r.chatKind,
  }));
}
