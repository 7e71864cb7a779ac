/** Reports (submissions) and their attachments. */
import type { Db, Tx } from "./client.js";

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

/** The latest submission of each unit for a task. */
export async function latestSubmissionsForUnit(db: Db | Tx, unitId: number, taskIds: number[]) {
  const rows = await db.submission.findMany({ where: { unitId, taskId: { in: taskIds } }, orderBy: { submittedAt: "asc" } });
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) latest.set(r.taskId!, r);
  return latest;
}

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
