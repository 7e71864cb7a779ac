/** The standing committee's view of an urgent issue: details, status, history, and the buttons that act on it. */
import type { Tx } from "../../db/client.js";
import { issueWithHistory } from "../../db/issues.js";
import { issues as t } from "../../i18n/vi/issues.js";
import { formatShortDateTime, formatDateTime } from "../../domain/time/vietnamese-format.js";
import type { Choice } from "../../messaging/outbound.js";
import type { SafeHtml } from "../../text/html.js";
import { clipAfter } from "../../text/graphemes.js";
import { visibleLength } from "../../text/split-html.js";

/**
 * The card in the standing committee's group is edited in place at every change, and an edit cannot be
 * split into parts: it must stay within Telegram's 4,096 characters however long its history grows.
 */
export const CARD_LIMIT = 4096;
const NOTE_IN_CARD = 300;

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
  const lines = issue.events
    .filter((e) => e.fromStatus !== null)
    .map((e) =>
      t.historyLine(formatShortDateTime(e.createdAt, tz), e.toStatus, e.actor?.fullName ?? "—", e.note && clipAfter(e.note, NOTE_IN_CARD)),
    );
  const render = (history: string[], bodyChars: number) =>
    t.forStanding({
      receiptNo: issue.receiptNo,
      urgency: issue.urgency,
      category: issue.category,
      unitName: issue.unit?.name ?? null,
      reporter: issue.reporter.fullName,
      reporterRole: issue.reporter.role,
      location: issue.location,
      at: formatDateTime(issue.createdAt, tz),
      // The copy in the group stays one message (so it can be updated in place); the full text is stored.
      body: clipAfter(issue.description, bodyChars),
      status: issue.status,
      committee: issue.committee?.name ?? null,
      history,
      foreignFiles: foreign,
      fileCount,
    });
  // The oldest changes give way first (the console keeps them all), then the description.
  let dropped = 0;
  let bodyChars = 2500;
  let text = render(lines, bodyChars);
  while (visibleLength(text.value) > CARD_LIMIT) {
    if (dropped < lines.length - 1) dropped++;
    else if (bodyChars > 200) bodyChars -= 300;
    else break;
    text = render(dropped > 0 ? [t.historyEarlier(dropped), ...lines.slice(dropped)] : lines, bodyChars);
  }
  return { text, choices: issueActions(issue.id, issue.status) };
}
