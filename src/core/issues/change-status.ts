/**
 * The standing committee acts on an urgent issue (acknowledge, hand to a committee, close with a note).
 * The change is guarded by the current status (two presses change it once), written to the history and
 * the audit log, sent back to the reporter, and the standing committee's messages are updated.
 */
import { may } from "../permissions.js";
import type { Tx } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import { changeIssueStatus, findIssue } from "../../db/issues.js";
import { findUnitById } from "../../db/units.js";
import { ensureChat } from "../../db/chats.js";
import { sendToGroups, standingChats, withAttachmentIds } from "../standing.js";
import { listRegisteredGroups } from "../../db/chats.js";
import { committeeIssues } from "../../i18n/vi/committee-issues.js";
import { enqueue, PRIORITY } from "../../delivery/outbox.js";
import type { Actor } from "../actor.js";
import { issues as t } from "../../i18n/vi/issues.js";
import { renderIssueForStanding } from "./render-issue.js";
import { issueMessageKey } from "./raise-issue.js";

export type IssueChange = { to: "acknowledged" } | { to: "assigned"; committeeUnitId: number } | { to: "resolved"; note: string | null };

export type ChangeResult =
  | { ok: true; status: string }
  | { ok: false; reason: "not_found" | "not_allowed" | "same_status" | "bad_committee"; status?: string };

const ALLOWED: Record<string, string[]> = {
  new: ["acknowledged", "assigned", "resolved"],
  acknowledged: ["assigned", "resolved"],
  assigned: ["assigned", "resolved"],
  resolved: [],
};

export const canActOnIssues = (actor: Actor | null): boolean => may(actor?.role, "actOnIssues");

export async function changeIssue(
  tx: Tx,
  input: { issueId: number; actor: Actor; change: IssueChange; now: Date; timezone: string; eventKey: string },
): Promise<ChangeResult> {
  const issue = await findIssue(tx, input.issueId);
  if (!issue || issue.councilId !== input.actor.councilId) return { ok: false, reason: "not_found" };
  if (!canActOnIssues(input.actor)) return { ok: false, reason: "not_allowed" };
  const to = input.change.to;
  if (!ALLOWED[issue.status]?.includes(to)) return { ok: false, reason: "same_status", status: issue.status };
  let committeeName: string | null = null;
  if (input.change.to === "assigned") {
    const committee = await findUnitById(tx, input.change.committeeUnitId);
    if (committee?.kind !== "committee" || committee.councilId !== issue.councilId) return { ok: false, reason: "bad_committee" };
    if (issue.status === "assigned" && issue.committeeUnitId === committee.id)
      return { ok: false, reason: "same_status", status: issue.status };
    committeeName = committee.name;
  }
  const note = input.change.to === "resolved" ? input.change.note : null;
  const changed = await changeIssueStatus(tx, {
    issueId: issue.id,
    from: issue.status,
    to,
    actorId: input.actor.memberId,
    note,
    ...(input.change.to === "assigned" ? { committeeUnitId: input.change.committeeUnitId } : {}),
    now: input.now,
  });
  if (!changed) return { ok: false, reason: "same_status", status: issue.status };
  await audit(tx, {
    councilId: issue.councilId,
    actorId: input.actor.memberId,
    actorLabel: input.eventKey,
    action: `issue.${to}`,
    entityType: "issue",
    entityId: issue.id,
    detail: { from: issue.status, to, committee: committeeName, note },
  });

  // Back to the reporter, on every platform they linked.
  for (const identity of issue.reporter.identities) {
    const chat = await ensureChat(tx, identity.platform, identity.platformUserId, "private", issue.reporter.fullName);
    await enqueue(tx, {
      key: `${input.eventKey}:reporter:${identity.platform}`,
      chatId: chat.id,
      message: {
        kind: "text",
        text: t.toReporter({
          receiptNo: issue.receiptNo,
          status: to,
          actor: input.actor.fullName,
          committee: committeeName ?? issue.committee?.name ?? null,
          note,
        }),
      },
      priority: PRIORITY.normal,
    });
  }
  // The standing committee's copies show the new status and history.
  const view = await renderIssueForStanding(tx, issue.id, input.timezone);
  for (const chat of await standingChats(tx, issue.councilId)) {
    const target = `${issueMessageKey(issue.id)}:c${chat.id}`;
    await enqueue(tx, {
      key: `${input.eventKey}:edit:${chat.id}`,
      chatId: chat.id,
      message: {
        kind: "edit",
        targetKey: target,
        text: view.text,
        choices: view.choices.length > 0 ? view.choices : null,
        fallback: t.statusLine({ receiptNo: issue.receiptNo, status: to, actor: input.actor.fullName, committee: committeeName, note }),
      },
      coalesceKey: `edit:${target}`,
      priority: PRIORITY.interactive,
    });
  }
  // Handed to a Ban: its registered group gets the issue and its files, to work on it.
  if (input.change.to === "assigned") {
    const groups = await listRegisteredGroups(tx, issue.councilId, {
      purpose: "committee",
      unitIds: [input.change.committeeUnitId],
      activeOnly: true,
    });
    const files = issue.attachments.map((a) => ({
      platform: a.platform,
      fileId: a.fileId,
      kind: a.kind as "photo" | "document",
      ...(a.fileName ? { fileName: a.fileName } : {}),
      ...(a.mime ? { mime: a.mime } : {}),
    }));
    await sendToGroups(
      tx,
      groups,
      `${input.eventKey}:committee`,
      async (_chat, foreign, forwarded) => {
        const view = await renderIssueForStanding(tx, issue.id, input.timezone, foreign, forwarded);
        return {
          kind: "text",
          text: committeeIssues.handedOver({ committee: committeeName!, actor: input.actor.fullName, issue: view.text }),
        };
      },
      withAttachmentIds(files, issue.attachments),
      (i, total, name) => t.fileCaption(issue.receiptNo, i, total, name),
    );
  }
  return { ok: true, status: to };
}
