/** Raising an urgent issue: stored with its first status, audited, and sent to the standing committee with action buttons. */
import type { Tx } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import { createIssue } from "../../db/issues.js";
import { nextSequence } from "../../db/sequences.js";
import type { Actor } from "../actor.js";
import { contentBody, type Content } from "../content.js";
import { issues as t } from "../../i18n/vi/issues.js";
import { localParts } from "../../domain/time/vietnam-time.js";
import { sendToStanding, withAttachmentIds } from "../standing.js";
import { renderIssueForStanding } from "./render-issue.js";

export interface RaiseIssueInput {
  actor: Actor;
  category: string;
  urgency: "normal" | "urgent" | "very_urgent";
  location: string;
  content: Content;
  now: Date;
  timezone: string;
  actorLabel: string;
}

export async function raiseIssue(tx: Tx, input: RaiseIssueInput): Promise<{ issueId: number; receiptNo: string; standingChats: number }> {
  const { actor, now, timezone } = input;
  const year = localParts(now, timezone).year;
  const receiptNo = `VD-${year}-${String(await nextSequence(tx, `receipt:issue:${actor.councilId}:${year}`)).padStart(4, "0")}`;
  const issue = await createIssue(tx, {
    councilId: actor.councilId,
    unitId: actor.unitId,
    reporterId: actor.memberId,
    receiptNo,
    category: input.category,
    urgency: input.urgency,
    location: input.location,
    description: contentBody(input.content),
    createdAt: now,
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
    action: "issue.raise",
    entityType: "issue",
    entityId: issue.id,
    detail: { receiptNo, category: input.category, urgency: input.urgency },
  });
  const { chats } = await sendToStanding(
    tx,
    actor.councilId,
    issueMessageKey(issue.id),
    async (_chat, foreign, forwarded) => {
      const view = await renderIssueForStanding(tx, issue.id, timezone, foreign, forwarded);
      return { kind: "text", text: view.text, choices: view.choices };
    },
    withAttachmentIds(input.content.files, issue.attachments),
    (i, total, name) => t.fileCaption(receiptNo, i, total, name),
  );
  return { issueId: issue.id, receiptNo, standingChats: chats };
}

export const issueMessageKey = (issueId: number): string => `issue:${issueId}`;
