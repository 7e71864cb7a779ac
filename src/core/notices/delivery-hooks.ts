/**
 * What the sender's outcomes mean for a notice: a delivery is "delivered" once all its entries (text parts
 * and file) are sent, "failed" with the reason as soon as one fails for good; a pin is "pinned" or
 * "failed" (e.g. no rights). When nothing is left pending, the office that published hears how it went.
 */
import type { Tx } from "../../db/client.js";
import type { OutboxRow } from "../../db/outbox.js";
import { deliveryProgress, markDeliveredSql, noticeReportChatId, setAckMessageIdSql } from "../../db/notice-outcomes.js";
import { deliveriesOf, findDelivery, findNotice, markDeliveryFailed, pendingDeliveryCount, setPinStatus } from "../../db/notices.js";
import { enqueue, PRIORITY } from "../../delivery/outbox.js";
import type { OutcomeHooks } from "../../delivery/outcome-hooks.js";
import { notices as t, noticeTasks } from "../../i18n/vi/notices.js";
import { joinHtml } from "../../text/html.js";
import { openProposals, parseStoredProposals } from "./notice-proposals.js";

/** A failure reason from the outbox ("chat_gone: 403 Forbidden: ...") in words for the office. */
export function reasonInWords(reason: string | null): string {
  if (!reason) return t.reasons.other;
  if (/^chat_(gone|inactive)/.test(reason)) return t.reasons.chat_gone;
  if (/^gave up/.test(reason)) return t.reasons.gave_up;
  if (/not enough rights|rights/i.test(reason)) return t.reasons.pin_rights;
  if (/^refused/.test(reason)) return t.reasons.refused;
  return t.reasons.other;
}

/** The last payload looked at: the parts of a fan-out share one text, parsed once rather than per group. */
let lastChoices: { json: string; has: boolean } | undefined;
function hasChoices(row: OutboxRow): boolean {
  if (lastChoices?.json !== row.payloadJson)
    lastChoices = { json: row.payloadJson, has: (JSON.parse(row.payloadJson) as { choices?: unknown[] }).choices !== undefined };
  return lastChoices.has;
}

async function maybeReport(tx: Tx, noticeId: number, reportChatId?: number | null): Promise<void> {
  // Only a notice published from chat has someone to report to; the count runs over all its deliveries.
  if ((reportChatId === undefined ? await noticeReportChatId(tx, noticeId) : reportChatId) === null) return;
  const notice = await findNotice(tx, noticeId);
  if (!notice?.reportChatId) return;
  if ((await pendingDeliveryCount(tx, noticeId)) > 0) return;
  const deliveries = await deliveriesOf(tx, noticeId);
  const label = (d: (typeof deliveries)[number]) => d.unit?.name ?? d.chat.title ?? d.chat.externalId;
  // The deadlines found in the notice come after the summary: the office has seen where it went first.
  const open = openProposals(parseStoredProposals(notice.proposalsJson) ?? []);
  await enqueue(tx, {
    key: `notice:${noticeId}:summary`,
    chatId: notice.reportChatId,
    message: {
      kind: "text",
      ...(open > 0 ? { choices: [[{ kind: "action" as const, label: noticeTasks.viewButton(open), data: `np:${noticeId}` }]] } : {}),
      text: joinHtml([
        t.summary({
          id: noticeId,
          title: notice.title,
          delivered: deliveries.filter((d) => d.status === "delivered").length,
          total: deliveries.length,
          failed: deliveries.filter((d) => d.status === "failed").map((d) => ({ chat: label(d), reason: reasonInWords(d.failReason) })),
          pinFailed: deliveries
            .filter((d) => d.pinStatus === "failed")
            .map((d) => ({ chat: label(d), reason: reasonInWords(d.pinFailReason) })),
          noted: deliveries.filter((d) => d.pinStatus === "noted").length,
          unpinnable: deliveries.filter((d) => d.pinStatus === "unsupported").length,
        }),
        open > 0 ? noticeTasks.pending(open, noticeId) : "",
      ]),
    },
    priority: PRIORITY.normal,
  });
}

export function registerNoticeHooks(hooks: OutcomeHooks): void {
  hooks.register("notice_delivery", {
    // Runs for every sent part of every group's copy: SQL statements (notice-outcomes.ts), no compiled queries.
    async onSent(tx, row, messageIds, _chat, now) {
      // (This row is already marked sent in this transaction, so it is not counted as open.)
      const delivery = await deliveryProgress(tx, row.refId!);
      if (!delivery) return;
      // The message with the "Đã nhận" button: a reply or reaction to it acknowledges this notice.
      if (hasChoices(row) && messageIds.length > 0) await setAckMessageIdSql(tx, delivery.id, messageIds.at(-1)!, now);
      if (delivery.open > 0 || delivery.failed > 0) return; // not this delivery's last part
      await markDeliveredSql(tx, delivery.id, now);
      await maybeReport(tx, delivery.noticeId, delivery.reportChatId);
    },
    async onFailed(tx, row, reason) {
      const delivery = await findDelivery(tx, row.refId!);
      if (!delivery) return;
      await markDeliveryFailed(tx, delivery.id, reason);
      // A pin waiting for a message that will never arrive fails with it.
      if (delivery.pinStatus === "pending") await setPinStatus(tx, delivery.id, "failed", reason);
      await maybeReport(tx, delivery.noticeId);
    },
  });
  hooks.register("notice_pin", {
    async onSent(tx, row) {
      const delivery = await findDelivery(tx, row.refId!);
      if (!delivery) return;
      await setPinStatus(tx, delivery.id, row.kind === "note" ? "noted" : "pinned", null);
      await maybeReport(tx, delivery.noticeId);
    },
    async onFailed(tx, row, reason) {
      const delivery = await findDelivery(tx, row.refId!);
      if (!delivery) return;
      await setPinStatus(tx, delivery.id, "failed", reason);
      await maybeReport(tx, delivery.noticeId);
    },
  });
}
