/**
 * Adding to a report already sent (bổ sung): the addition keeps the report's receipt number, both parts stay
 * in the record (and the export), and the report's on-time status is unchanged. The addition has its own
 * lateness (sent after the unit's deadline or not). The standing committee receives it like a report.
 */
import type { Tx } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import { createAddition, findSubmission } from "../../db/submissions.js";
import { assignmentOf } from "../../db/tasks.js";
import type { Actor } from "../actor.js";
import { contentBody, type Content } from "../content.js";
import { additions } from "../../i18n/vi/additions.js";
import { reports } from "../../i18n/vi/reports.js";
import { formatDateTime } from "../../domain/time/vietnamese-format.js";
import { sendToStanding } from "../standing.js";

export type AddResult =
  | {
      ok: true;
      receiptNo: string;
      seq: number;
      late: boolean;
      originalLate: boolean;
      taskTitle: string;
      additionId: number;
      standingChats: number;
    }
  | { ok: false; reason: "not_found" };

/** A report the actor's unit sent, which may be completed (its task not deleted). */
export async function reportToComplete(tx: Tx, actor: Actor, submissionId: number) {
  const s = await findSubmission(tx, submissionId);
  if (!s || s.unitId !== actor.unitId || s.councilId !== actor.councilId || s.task?.status === "deleted") return null;
  return s;
}

export async function addToReport(
  tx: Tx,
  input: { actor: Actor; submissionId: number; content: Content; now: Date; timezone: string; actorLabel: string },
): Promise<AddResult> {
  const { actor, now, timezone } = input;
  const s = await reportToComplete(tx, actor, input.submissionId);
  if (!s) return { ok: false, reason: "not_found" };
  let late = false;
  if (s.task) {
    const a = await assignmentOf(tx, s.task.id, s.unitId);
    late = now.getTime() > (a?.dueAt ?? s.task.dueAt).getTime();
  }
  const seq = Math.max(0, ...s.additions.map((a) => a.seq)) + 1;
  const addition = await createAddition(tx, {
    submissionId: s.id,
    seq,
    memberId: actor.memberId,
    body: contentBody(input.content),
    late,
    submittedAt: now,
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
    action: "report.addition",
    entityType: "submission",
    entityId: s.id,
    detail: { additionId: addition.id, seq, late, receiptNo: s.receiptNo, files: input.content.files.length },
  });
  const taskTitle = s.task?.title ?? reports.otherReportName;
  const { chats } = await sendToStanding(
    tx,
    actor.councilId,
    `addition:${addition.id}`,
    (_chat, foreignFiles, fileCount) => ({
      kind: "text",
      text: additions.forStanding({
        receiptNo: s.receiptNo,
        seq,
        unitName: actor.unitName ?? "",
        sender: actor.fullName,
        senderRole: actor.role,
        taskTitle,
        at: formatDateTime(now, timezone),
        late,
        body: addition.body,
        fileCount,
        foreignFiles,
      }),
    }),
    input.content.files,
    (i, total, name) => additions.fileCaption(s.receiptNo, seq, i, total, name),
  );
  return { ok: true, receiptNo: s.receiptNo, seq, late, originalLate: s.late, taskTitle, additionId: addition.id, standingChats: chats };
}
