/** Reads behind the console's Báo cáo pages and the attachment export. */
import type { Db, Tx } from "./client.js";

export interface ReportWhere {
  councilId: number;
  unitId?: number;
  taskId?: number | "none";
  late?: boolean;
  from?: Date;
  to?: Date;
}

const whereOf = (w: ReportWhere) => ({
  councilId: w.councilId,
  ...(w.unitId !== undefined ? { unitId: w.unitId } : {}),
  ...(w.taskId === "none" ? { taskId: null } : w.taskId !== undefined ? { taskId: w.taskId } : {}),
  ...(w.late !== undefined ? { late: w.late } : {}),
  ...(w.from || w.to ? { submittedAt: { ...(w.from ? { gte: w.from } : {}), ...(w.to ? { lt: w.to } : {}) } } : {}),
});

export const countReports = (db: Db | Tx, w: ReportWhere) => db.submission.count({ where: whereOf(w) });

/** Newest first, with what a row shows. */
export const pageOfReports = (db: Db | Tx, w: ReportWhere, skip: number, take: number) =>
  db.submission.findMany({
    where: whereOf(w),
    include: {
      unit: { select: { id: true, code: true, name: true } },
      task: { select: { id: true, title: true, dueAt: true } },
      member: { select: { fullName: true } },
      attachments: { orderBy: { id: "asc" } },
    },
    orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
    skip,
    take,
  });

/** Attachments of the reports that match, oldest report first (for the zip). */
export const attachmentsOfReports = (db: Db | Tx, w: ReportWhere) =>
  db.attachment.findMany({
    where: { submission: whereOf(w) },
    include: {
      submission: {
        select: {
          receiptNo: true,
          version: true,
          submittedAt: true,
          unit: { select: { code: true, name: true } },
          task: { select: { title: true } },
        },
      },
    },
    orderBy: [{ submissionId: "asc" }, { id: "asc" }],
  });
