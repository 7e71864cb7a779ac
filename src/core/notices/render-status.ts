/** The notice status as the office reads it in chat. */
import { joinHtml, type SafeHtml } from "../../text/html.js";
import { notices as t } from "../../i18n/vi/notices.js";
import { formatShortDateTime } from "../../domain/time/vietnamese-format.js";
import { noticeAcks } from "../../i18n/vi/notice-acks.js";
import { noticeChanges } from "../../i18n/vi/notice-changes.js";
import { roleName } from "../../i18n/vi/common.js";
import type { NoticeStatus } from "./status.js";

export function renderNoticeStatus(s: NoticeStatus, tz: string): SafeHtml {
  const order = { failed: 0, no_group: 1, pending: 2, delivered: 3, acked: 4 } as const;
  const units = [...s.units].sort((a, b) => order[a.state] - order[b.state] || a.unitName.localeCompare(b.unitName, "vi"));
  return joinHtml(
    [
      t.statusTitle(s.notice.id, s.notice.title, s.notice.publishedAt ? formatShortDateTime(new Date(s.notice.publishedAt), tz) : "—"),
      s.notice.recalledAt
        ? noticeChanges.recalledStatus(formatShortDateTime(new Date(s.notice.recalledAt), tz), s.notice.recallReason ?? "")
        : "",
      s.notice.corrections > 0 ? noticeChanges.correctedStatus(s.notice.corrections) : "",
      s.totals.units > 0 ? t.statusTotals(s.totals) : "",
      joinHtml(
        units.map((u) =>
          t.statusUnit({
            unit: u.unitName,
            state: u.state,
            reason: u.chats.find((c) => c.reasonText)?.reasonText ?? null,
            who: u.acks.map((a) => `${a.member} (${formatShortDateTime(new Date(a.at), tz)})`).join(", "),
          }),
        ),
      ),
      s.otherAcks.length > 0
        ? noticeAcks.others(
            s.otherAcks.map((a) =>
              noticeAcks.otherLine({
                member: a.member,
                of: a.memberUnit ?? roleName(a.role),
                chat: a.chatTitle,
                at: formatShortDateTime(new Date(a.at), tz),
              }),
            ),
          )
        : "",
      joinHtml(
        s.otherChats.map((c) =>
          t.statusOther(
            c.title ?? c.chatId,
            c.status === "failed" ? `không gửi được: ${c.reasonText ?? ""}` : c.status === "pending" ? "đang gửi" : "đã gửi",
          ),
        ),
      ),
    ],
    "\n\n",
  );
}
