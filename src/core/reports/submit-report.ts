/**
 * Submitting a report: stored as a new version (the digest uses the latest), a receipt number, on time or
 * late against the unit's deadline (its own after an extension for it, else the task's), the audit log, and
 * the report queued for the standing committee, all in the caller's transaction. A "Không phát sinh"
 * answer (kind "nothing") is a submission like any other: it counts as submitted and stops the reminders.
 */
import type { Tx } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import { nextSequence } from "../../db/sequences.js";
import { countSubmissions, createSubmission, latestSubmissionOf } from "../../db/submissions.js";
import { assignmentOf, findTask } from "../../db/tasks.js";
import { nothingToReport } from "../../i18n/vi/additions.js";
import type { Actor } from "../actor.js";
import { contentBody, type Content } from "../content.js";
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
      kind: "report" | "nothing";
      /** the receipt of the version this one replaces, if any */
      replaces: string | null;
    }
  | { ok: false; reason: "task_closed" | "not_assigned" };

export async function submitReport(
  tx: Tx,
  input: {
    actor: Actor;
    taskId: number | null;
    content: Content;
    now: Date;
    timezone: string;
    actorLabel: string;
    /** "nothing": the unit answers "Không phát sinh" (the content's text, if any, is the note) */
    kind?: "report" | "nothing";
  },
): Promise<SubmitResult> {
  const { actor, now, timezone } = input;
  const kind = input.kind ?? "report";
  const unitId = actor.unitId!;
  const task = input.taskId !== null ? await findTask(tx, input.taskId) : null;
  let dueAt: Date | null = null;
  if (input.taskId !== null) {
    if (task?.status !== "open") return { ok: false, reason: "task_closed" };
    const assignment = await assignmentOf(tx, task.id, unitId);
    if (!assignment) return { ok: false, reason: "not_assigned" };
    dueAt = assignment.dueAt ?? task.dueAt;
  }
  const late = dueAt ? now.getTime() > dueAt.getTime() : false;
  const status = task ? (late ? "late" : "on_time") : "no_deadline";
  const lateDays = dueAt && late ? Math.max(0, -daysLeft(now, dueAt, timezone)) : 0;
  const earlier = await latestSubmissionOf(tx, task?.id ?? null, unitId);
  const version = (await countSubmissions(tx, task?.id ?? null, unitId)) + 1;
  const year = localParts(now, timezone).year;
  const receiptNo = `BC-${year}-${String(await nextSequence(tx, `receipt:report:${actor.councilId}:${year}`)).padStart(4, "0")}`;
  const submission = await createSubmission(tx, {
    councilId: actor.councilId,
    taskId: task?.id ?? null,
    unitId,
    memberId: actor.memberId,
    receiptNo,
    kind,
    body: contentBody(input.content),
    late,
    submittedAt: now,
    version,
    attachments: (kind === "nothing" ? [] : input.content.files).map((f) => ({
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
    detail: { taskId: task?.id ?? null, unitId, version, late, receiptNo, kind, files: input.content.files.length },
  });
  const taskTitle0 = task?.title ?? reports.otherReportName;
  if (kind === "nothing") {
    const { chats } = await sendToStanding(
      tx,
      actor.councilId,
      `report:${submission.id}`,
      () => ({
        kind: "text",
        text: nothingToReport.forStanding({
          receiptNo,
          unitName: actor.unitName ?? "",
          sender: actor.fullName,
          senderRole: actor.role,
          taskTitle: taskTitle0,
          at: formatDateTime(now, timezone),
          late,
          note: submission.body || null,
        }),
      }),
      [],
      (i, total, name) => reports.fileCaption(receiptNo, i, total, name),
    );
    return {
      ok: true,
      receiptNo,
      version,
      status,
      lateDays,
      taskTitle: taskTitle0,
      submissionId: submission.id,
      standingChats: chats,
      kind,
      replaces: earlier?.receiptNo ?? null,
    };
  }

  const taskTitle = task?.title ?? reports.otherReportName;
  const at = formatDateTime(now, timezone);
  const due = dueAt ? formatDeadline(dueAt, timezone) : null;
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
  return {
    ok: true,
    receiptNo,
    version,
    status,
    lateDays,
    taskTitle,
    submissionId: submission.id,
    standingChats: chats,
    kind,
    replaces: earlier?.receiptNo ?? null,
  };
}
