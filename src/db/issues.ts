/** Urgent issues (vấn đề nổi cộm) and their status history. */
import type { Db, Tx } from "./client.js";

export interface NewIssue {
  councilId: number;
  unitId: number | null;
  reporterId: number;
  receiptNo: string;
  category: string;
  urgency: string;
  location: string;
  description: string;
  createdAt: Date;
  attachments: { platform: string; fileId: string; kind: string; fileName: string | null; mime: string | null; size: number | null }[];
}

export async function createIssue(tx: Tx, input: NewIssue) {
  const { attachments, ...data } = input;
  const issue = await tx.urgentIssue.create({
    data: { ...data, updatedAt: input.createdAt, attachments: { create: attachments } },
    include: { attachments: true },
  });
  await tx.issueEvent.create({
    data: { issueId: issue.id, fromStatus: null, toStatus: "new", actorId: input.reporterId, createdAt: input.createdAt },
  });
  return issue;
}

export const findIssue = (db: Db | Tx, id: number) =>
  db.urgentIssue.findUnique({
    where: { id },
    include: { unit: true, committee: true, reporter: { include: { identities: true } }, attachments: true },
  });

export async function changeIssueStatus(
  tx: Tx,
  input: { issueId: number; from: string; to: string; actorId: number; note: string | null; committeeUnitId?: number | null; now: Date },
): Promise<boolean> {
  // Guarded by the current status, so two presses at once change it once.
  const { count } = await tx.urgentIssue.updateMany({
    where: { id: input.issueId, status: input.from },
    data: {
      status: input.to,
      updatedAt: input.now,
      ...(input.committeeUnitId !== undefined ? { committeeUnitId: input.committeeUnitId } : {}),
      ...(input.to === "resolved" ? { resolutionNote: input.note } : {}),
    },
  });
  if (count === 0) return false;
  await tx.issueEvent.create({
    data: {
      issueId: input.issueId,
      fromStatus: input.from,
      toStatus: input.to,
      actorId: input.actorId,
      note: input.note,
      createdAt: input.now,
    },
  });
  return true;
}

export const issuesForDigest = (db: Db | Tx, councilId: number, since: Date) =>
  db.urgentIssue.findMany({
    where: { councilId, OR: [{ status: { not: "resolved" } }, { updatedAt: { gt: since } }] },
    include: { unit: true },
    orderBy: { createdAt: "asc" },
  });

export const issueWithHistory = (db: Db | Tx, id: number) =>
  db.urgentIssue.findUniqueOrThrow({
    where: { id },
    include: { unit: true, committee: true, reporter: true, events: { include: { actor: true }, orderBy: { id: "asc" } } },
  });
