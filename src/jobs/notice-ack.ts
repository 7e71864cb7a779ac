/**
 * Notice acknowledgement reminders: a unit whose group received a notice (delivery "delivered") and none of
 * whose members pressed "Đã nhận" within NOTICE_ACK_REMINDER_HOURS gets ONE reminder in its group(s), at
 * the first allowed time after delivery + N hours (key "notice-ack:<noticeId>:<unitId>").
 */
import { councilsToServe } from "../db/task-queries.js";
import { unacknowledgedUnitDeliveries, markAckReminded, type DeliveredUnitNotice } from "../db/digest-queries.js";
import { dispatchedNoticeAckKeys } from "../db/dispatch-log.js";
import { isAllowed, nextAllowed } from "../domain/time/quiet-hours.js";
import { formatShortDateTime } from "../domain/time/vietnamese-format.js";
import { quietPolicyOf } from "../core/tasks/settings.js";
import { findCouncilById } from "../db/councils.js";
import { tasks as t } from "../i18n/vi/tasks.js";
import { commitDispatch, messageKey, recordSkip, type PlannedMessage } from "./dispatch.js";
import type { JobDeps } from "./deps.js";
import { acksByButton, capabilitiesOf } from "../messaging/platform.js";

/** Deliveries older than this are not chased any more. */
export const NOTICE_ACK_LOOKBACK_DAYS = 30;

export const noticeAckKey = (noticeId: number, unitId: number): string => `notice-ack:${noticeId}:${unitId}`;

export interface NoticeAckDue {
  key: string;
  noticeId: number;
  noticeTitle: string;
  unitId: number;
  unitName: string;
  unitCode: string;
  plannedFor: Date;
  deliveries: DeliveredUnitNotice[];
}

/** What is due at `now` for one council (nothing in quiet hours). Reads only. */
export async function planNoticeAckReminders(deps: Pick<JobDeps, "db" | "config">, councilId: number, now: Date): Promise<NoticeAckDue[]> {
  const tz = deps.config.timezone;
  const quiet = quietPolicyOf(deps.config, await findCouncilById(deps.db.prisma, councilId));
  if (!isAllowed(now, quiet, tz)) return [];
  const afterMs = deps.config.schedule.noticeAckReminderHours * 3600_000;
  const rows = await unacknowledgedUnitDeliveries(
    deps.db.prisma,
    councilId,
    { from: new Date(now.getTime() - NOTICE_ACK_LOOKBACK_DAYS * 86_400_000), until: new Date(now.getTime() - afterMs) },
    now,
  );
  const dispatched = await dispatchedNoticeAckKeys(deps.db.prisma, [...new Set(rows.map((r) => r.noticeId))]);
  const due = new Map<string, NoticeAckDue>();
  for (const r of rows) {
    const key = noticeAckKey(r.noticeId, r.unitId);
    if (dispatched.has(key)) continue;
    let d = due.get(key);
    if (!d)
      due.set(
        key,
        (d = {
          key,
          noticeId: r.noticeId,
          noticeTitle: r.noticeTitle,
          unitId: r.unitId,
          unitName: r.unitName,
          unitCode: r.unitCode,
          plannedFor: r.deliveredAt,
          deliveries: [],
        }),
      );
    if (r.deliveredAt.getTime() < d.plannedFor.getTime()) d.plannedFor = r.deliveredAt;
    d.deliveries.push(r);
  }
  const out = [...due.values()].map((d) => ({ ...d, plannedFor: nextAllowed(new Date(d.plannedFor.getTime() + afterMs), quiet, tz) }));
  return out.filter((d) => d.plannedFor.getTime() <= now.getTime());
}

export async function runNoticeAckReminders(deps: JobDeps, now: Date): Promise<{ sent: number; skipped: number; duplicates: number }> {
  const result = { sent: 0, skipped: 0, duplicates: 0 };
  const log = deps.logger.child({ job: "notice-ack" });
  for (const council of await councilsToServe(deps.db.prisma, deps.config.councilCode)) {
    try {
      for (const d of await planNoticeAckReminders(deps, council.id, now)) {
        const messages: PlannedMessage[] = d.deliveries
          .filter((x) => x.chatActive)
          .map((x) => ({
            key: messageKey(d.key, x.chatId),
            chatId: x.chatId,
            message: {
              kind: "text",
              text: t.noticeAckReminder({
                noticeTitle: d.noticeTitle,
                unitName: d.unitName,
                deliveredAt: formatShortDateTime(x.deliveredAt, deps.config.timezone),
                byButton: acksByButton(capabilitiesOf(x.chatPlatform)),
              }),
              ...(x.ackMessageId ? { replyTo: x.ackMessageId } : {}),
            },
          }));
        const row = {
          key: d.key,
          kind: "notice_ack_reminder" as const,
          councilId: council.id,
          unitId: d.unitId,
          noticeId: d.noticeId,
          plannedFor: d.plannedFor,
          createdAt: now,
        };
        if (messages.length === 0) {
          if ((await recordSkip(deps.db, { ...row, detail: "the unit's group no longer receives the bot's messages" })) === "recorded")
            result.skipped++;
          continue;
        }
        const ids = d.deliveries.map((x) => x.deliveryId);
        const outcome = await commitDispatch(deps.db, { ...row, outcome: "sent", detail: `${messages.length} group(s)` }, messages, (tx) =>
          markAckReminded(tx, ids, now),
        );
        if (outcome === "duplicate") result.duplicates++;
        else {
          result.sent++;
          log.info({ key: d.key }, "notice acknowledgement reminder queued");
        }
      }
    } catch (err) {
      log.error({ err, council: council.code }, "notice acknowledgement reminders failed for a council");
    }
  }
  if (result.sent > 0) deps.notifyOutbox();
  return result;
}
