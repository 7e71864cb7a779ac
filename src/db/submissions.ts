/** Reports (submissions) and their attachments. */
import type { Database, Db, Tx } from "./client.js";
import { isDatabase, rawReads, readDate } from "./raw-reads.js";
import { findInChunks } from "./chunks.js";

export interface NewAttachment {
  platform: string;
  fileId: string;
  kind: string;
  fileName: string | null;
  mime: string | null;
  size: number | null;
}

export interface NewSubmission {
  councilId: number;
  taskId: number | null;
  unitId: number;
  memberId: number;
  receiptNo: string;
  /** report | nothing */
  kind?: string;
  body: string;
  late: boolean;
  submittedAt: Date;
  attachments: NewAttachment[];
}

export async function countSubmissions(db: Db | Tx, taskId: number | null, unitId: number): Promise<number> {
  return db.submission.count({ where: { taskId, unitId } });
}

export async function createSubmission(tx: Tx, input: NewSubmission & { version: number }) {
  const { attachments, ...data } = input;
  return tx.submission.create({ data: { ...data, attachments: { create: attachments } }, include: { attachments: true } });
}

export interface SubmissionRow {
  id: number;
  councilId: number;
  taskId: number | null;
  unitId: number;
  memberId: number;
  version: number;
  receiptNo: string;
  kind: string;
  body: string;
  late: boolean;
  submittedAt: Date;
}

/**
 * The latest submission of a unit for each of these tasks. Given the Database on SQLite (outside a
 * transaction), one prepared statement on the raw connection (it runs for every /hanbaocao).
 */
export async function latestSubmissionsForUnit(
  db: Database | Db | Tx,
  unitId: number,
  taskIds: number[],
): Promise<Map<number, SubmissionRow>> {
  const raw = isDatabase(db) ? rawReads(db) : null;
  const prisma = isDatabase(db) ? db.prisma : db;
  const rows: SubmissionRow[] = raw
    ? raw
        .all<Omit<SubmissionRow, "late" | "submittedAt"> & { late: unknown; submittedAt: unknown }>(LATEST_FOR_UNIT, [
          unitId,
          JSON.stringify(taskIds),
        ])
        .map((r) => ({ ...r, late: r.late === 1 || r.late === true, submittedAt: readDate(r.submittedAt) }))
    : await findInChunks(taskIds, (ids) =>
        prisma.submission.findMany({
          where: { unitId, taskId: { in: ids } },
          select: {
            id: true,
            councilId: true,
            taskId: true,
            unitId: true,
            memberId: true,
            version: true,
            receiptNo: true,
            kind: true,
            body: true,
            late: true,
            submittedAt: true,
          },
        }),
      );
  rows.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.id - b.id);
  const latest = new Map<number, SubmissionRow>();
  for (const r of rows) latest.set(r.taskId!, r);
  return latest;
}

// The task ids as one JSON array parameter: any number of them, one prepared statement.
const LATEST_FOR_UNIT = `SELECT s."id", s."councilId", s."taskId", s."unitId", s."memberId", s."version", s."receiptNo", s."kind", s."body", s."late", s."submittedAt"
FROM "Submission" s WHERE s."unitId" = ? AND s."taskId" IN (SELECT value FROM json_each(?))`;

export const submissionsSince = (db: Db | Tx, councilId: number, from: Date, to: Date) =>
  db.submission.findMany({
    where: { councilId, submittedAt: { gt: from, lte: to } },
    include: { unit: true, task: true },
    orderBy: { submittedAt: "asc" },
  });

export const listSubmissions = (db: Db | Tx, councilId: number, where: { taskId?: number; from?: Date; to?: Date }) =>
  db.submission.findMany({
    where: {
      councilId,
      ...(where.taskId !== undefined ? { taskId: where.taskId } : {}),
      ...(where.from || where.to
        ? { submittedAt: { ...(where.from ? { gte: where.from } : {}), ...(where.to ? { lte: where.to } : {}) } }
        : {}),
    },
    include: { unit: true, task: true, member: true, attachments: true },
    orderBy: { submittedAt: "asc" },
  });

/** A unit's latest report for a task (or outside any task), or null. */
export const latestSubmissionOf = (db: Db | Tx, taskId: number | null, unitId: number) =>
  db.submission.findFirst({ where: { taskId, unitId }, orderBy: [{ version: "desc" }, { id: "desc" }] });

/** A unit's recent reports that can be completed with an addition: the latest version per task, newest first. */
export async function recentReportsOfUnit(db: Db | Tx, unitId: number, since: Date, take = 10) {
  const rows = await db.submission.findMany({
    where: { unitId, submittedAt: { gte: since }, OR: [{ taskId: null }, { task: { status: { not: "deleted" } } }] },
    include: { task: { select: { id: true, title: true, status: true } } },
    orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  const seen = new Set<string>();
  const out: typeof rows = [];
  for (const r of rows) {
    const key = r.taskId === null ? `r${r.id}` : `t${r.taskId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
    if (out.length >= take) break;
  }
  return out;
}

export const findSubmission = (db: Db | Tx, id: number) =>
  db.submission.findUnique({ where: { id }, include: { task: true, additions: { select: { seq: true } } } });

export async function createAddition(
  tx: Tx,
  input: {
    submissionId: number;
    seq: number;
    memberId: number;
    body: string;
    late: boolean;
    submittedAt: Date;
    attachments: NewAttachment[];
  },
) {
  const { attachments, ...data } = input;
  return tx.submissionAddition.create({ data: { ...data, attachments: { create: attachments } } });
}
