/** Report and issue files, and the state of their copy on the server. */
import type { Db, Tx } from "./client.js";

export const dueAttachments = (db: Db | Tx, now: Date, take = 20) =>
  db.attachment.findMany({
    where: { storeStatus: "pending", storeNextAt: { lte: now } },
    orderBy: [{ storeNextAt: "asc" }, { id: "asc" }],
    take,
  });

export const nextAttachmentDue = (db: Db | Tx) =>
  db.attachment.findFirst({ where: { storeStatus: "pending" }, orderBy: { storeNextAt: "asc" }, select: { storeNextAt: true } });

export const markAttachmentStored = (db: Db | Tx, id: number, data: { storedPath: string; sha256: string; size: number; now: Date }) =>
  db.attachment.update({
    where: { id },
    data: {
      storeStatus: "stored",
      storedPath: data.storedPath,
      sha256: data.sha256,
      size: data.size,
      storedAt: data.now,
      storeError: null,
    },
  });

export const markAttachmentRetry = (db: Db | Tx, id: number, data: { attempts: number; nextAt: Date; error: string }) =>
  db.attachment.update({ where: { id }, data: { storeAttempts: data.attempts, storeNextAt: data.nextAt, storeError: data.error } });

export const markAttachmentFailed = (db: Db | Tx, id: number, status: "failed" | "too_large", data: { attempts: number; error: string }) =>
  db.attachment.update({ where: { id }, data: { storeStatus: status, storeAttempts: data.attempts, storeError: data.error } });

export const findAttachment = (db: Db | Tx, id: number) =>
  db.attachment.findUnique({
    where: { id },
    include: {
      submission: { select: { id: true, councilId: true, unitId: true, receiptNo: true } },
      issue: { select: { id: true, councilId: true, unitId: true, receiptNo: true } },
    },
  });

/** The ids of the files of one report or one issue, in the order they were sent. */
export const attachmentIdsOf = (db: Db | Tx, owner: { submissionId: number | null; issueId: number | null }) =>
  db.attachment.findMany({
    where: owner.submissionId ? { submissionId: owner.submissionId } : { issueId: owner.issueId },
    select: { id: true },
    orderBy: { id: "asc" },
  });

export const attachmentCounts = (db: Db | Tx) => db.attachment.groupBy({ by: ["storeStatus"], _count: { _all: true } });
