/** The standing committee's view of an urgent issue: details, status, history, and the buttons that act on it. */
import type { Tx } from "../../db/client.js";
import { issueWithHistory } from "../../db/issues.js";
import { issues as t } from "../../i18n/vi/issues.js";
import { formatShortDateTime, formatDateTime } from "../../domain/time/vietnamese-format.js";
import type { Choice } from "../../messaging/outbound.js";
import type { SafeHtml } from "../../text/html.js";

export const issueActions = (issueId: number, status: string): Choice[][] =>
  status === "resolved"
    ? []
    : [
        [
          ...(status === "new" ? [{ kind: "action" as const, label: t.buttonAck, data: `is:ack:${issueId}` }] : []),
          { kind: "action" as const, label: t.buttonAssign, data: `is:asg:${issueId}` },
        ],
        [{ kind: "action" as const, label: t.buttonResolve, data: `is:res:${issueId}` }],
      ];

export async function renderIssueForStanding(
  tx: Tx,
  issueId: number,
  tz: string,
  foreign: string[] = [],
  fileCount = 0,
): Promise<{ text: SafeHtml; choices: Choice[][] }> {
  const issue = await issueWithHistory(tx, issueId);
  const history = issue.events
    .filter((e) => e.fromStatus !== null)
    .map((e) => t.historyLine(formatShortDateTime(e.createdAt, tz), e.toStatus, e.actor?.fullName ?? "—", e.note));
  const text = t.forStanding({
    receiptNo: issue.receiptNo,
    urgency: issue.urgency,
    category: issue.category,
    unitName: issue.unit?.name ?? null,
    reporter: issue.reporter.fullName,
    reporterRole: issue.reporter.role,
    location: issue.location,
    at: formatDateTime(issue.createdAt, tz),
    // The copy in the group stays one message (so it can be updated in place); the full text is stored.
    body: issue.description.length > 2500 ? `${issue.description.slice(0, 2500)}…` : issue.description,
    status: issue.status,
    committee: issue.committee?.name ?? null,
    history,
    foreignFiles: foreign,
    fileCount,
  });
  return { text, choices: issueActions(issue.id, issue.status) };
}
