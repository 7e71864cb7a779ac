/**
 * Submitting a report: stored as a new version (the digest uses the latest), a receipt number, on time or
 * late against the task's due moment, the audit log, and the report queued for the standing committee,
 * all in the caller's transaction.
 */
import type { Tx } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import { nextSequence } from "../../db/sequences.js";
import { countSubmissions, createSubmission } from "../../db/submissions.js";
import { findTask, isAssigned } from "../../db/tasks.js";
import type { Actor } from "../../bot/context.js";
import { contentBody, type Content } from "../../flows/collect-content.js";
import { reports } from "../../i18n/vi/reports.js";
import { formatDateTime, formatDeadline } from "../../domain/time/vietnamese-format.js";
import { localParts, daysLeft } from "../../domain/time/vietnam-time.js";
import { sendToStanding, withAttachmentIds } from "../standing.js";

export type SubmitResult =
  | {
      ok: true;
      receiptNo: string;
      version: number;
      status: "on_time" | "late" | "no_deadline";
      lateDays: number;
      taskTitle: string;
      submissionId: number;
      standingChats: number;
    }
  | { ok: false; reason: "task_closed" | "not_assigned" };

export async function submitReport(
  tx: Tx,
  input: { actor: Actor; taskId: number | null; content: Content; now: Date; timezone: string; actorLabel: string },
): Promise<SubmitResult> {
  const { actor, now, timezone } = input;
  const unitId = actor.unitId!;
  const task = input.taskId !== null ? await findTask(tx, input.taskId) : null;
  if (input.taskId !== null) {
    if (task?.status !== "open") return { ok: false, reason: "task_closed" };
    if (!(await isAssigned(tx, task.id, unitId))) return { ok: false, reason: "not_assigned" };
  }
  const late = task ? now.getTime() > task.dueAt.getTime() : false;
  const status = task ? (late ? "late" : "on_time") : "no_deadline";
  const lateDays = task && late ? Math.max(0, -daysLeft(now, task.dueAt, timezone)) : 0;
  const version = (await countSubmissions(tx, task?.id ?? null, unitId)) + 1;
  const year = localParts(now, timezone).year;
  const receiptNo = `BC-${year}-${String(await nextSequence(tx, `receipt:report:${actor.councilId}:${year}`)).padStart(4, "0")}`;
  const submission = await createSubmission(tx, {
    councilId: actor.councilId,
    taskId: task?.id ?? null,
    unitId,
    memberId: actor.memberId,
    receiptNo,
    body: contentBody(input.content),
    late,
    submittedAt: now,
    version,
    attachments: input.content.files.map((f) => ({
      platform: f.platform,
      fileId: f.fileId,
      kind: f.kind,
      fileName: f.fileName ?? null,
      mime: f.mime ?? null,
      size: f.size ?? null,
    })),
  });
  await audit(tx, {
    councilId: actor.councilId,
    actorId: actor.memberId,
    actorLabel: input.actorLabel,
    action: "report.submit",
    entityType: "submission",
    entityId: submission.id,
    detail: { taskId: task?.id ?? null, unitId, version, late, receiptNo, files: input.content.files.length },
  });

  const taskTitle = task?.title ?? reports.otherReportName;
  const at = formatDateTime(now, timezone);
  const due = task ? formatDeadline(task.dueAt, timezone) : null;
  const { chats } = await sendToStanding(
    tx,
    actor.councilId,
    `report:${submission.id}`,
    (_chat, foreignFiles, fileCount) => ({
      kind: "text",
      text: reports.forStanding({
        receiptNo,
        unitName: actor.unitName ?? "",
        sender: actor.fullName,
        senderRole: actor.role,
        taskTitle,
        due,
        at,
        status,
        version,
        body: submission.body,
        fileCount,
        foreignFiles,
      }),
    }),
    withAttachmentIds(input.content.files, submission.attachments),
    (i, total, name) => reports.fileCaption(receiptNo, i, total, name),
  );
  return { ok: true, receiptNo, version, status, lateDays, taskTitle, submissionId: submission.id, standingChats: chats };
}
