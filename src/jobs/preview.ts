/**
 * What the jobs WOULD send at a moment, without sending or recording anything: the same loading and the
 * same planners as the ticks, so the office can check a schedule before trusting it.
 */
import { councilsToServe } from "../db/task-queries.js";
import { isAllowed, nextAllowed } from "../domain/time/quiet-hours.js";
import { quietPolicyOf } from "../core/tasks/settings.js";
import { htmlToPlainText } from "../text/html.js";
import { renderUnitGroupReminder, renderEscalation } from "../domain/reminders/render-reminders.js";
import type { JobDeps } from "./deps.js";
import { planCouncilReminders } from "./reminders.js";
import { planCouncilDigests } from "./digests.js";
import { planNoticeAckReminders } from "./notice-ack.js";
import { standingRecipients, unitRecipients, type ChatTarget } from "../core/recipients.js";

export interface PreviewRecipient {
  kind: "group" | "private";
  platform: string;
  chatId: string;
  name: string | null;
}

export interface ReminderPreview {
  key: string;
  council: string;
  taskId: number;
  task: string;
  unit: string;
  unitName: string;
  point: string;
  plannedFor: string;
  daysLeft: number;
  recipients: PreviewRecipient[];
  text: string;
}

export interface PreviewResult {
  at: string;
  timezone: string;
  /** true when `at` is in quiet hours (nothing goes out then) */
  quiet: boolean;
  /** the next moment anything may go out, when `at` is quiet */
  nextAllowed: string | null;
  reminders: ReminderPreview[];
  escalations: Array<{
    key: string;
    council: string;
    taskId: number;
    task: string;
    plannedFor: string;
    missingUnits: string[];
    recipients: PreviewRecipient[];
    text: string;
  }>;
  digests: Array<{
    key: string;
    council: string;
    kind: string;
    occurrence: string;
    periodFrom: string;
    periodTo: string;
    recipients: PreviewRecipient[];
  }>;
  noticeAckReminders: Array<{ key: string; council: string; noticeId: number; notice: string; unit: string; plannedFor: string }>;
  skipped: Array<{ key: string; kind: string; reason: string; detail: string }>;
  warnings: string[];
}

const toRecipient = (c: ChatTarget): PreviewRecipient => ({ kind: c.kind, platform: c.platform, chatId: c.externalId, name: c.title });

export async function previewAt(deps: Pick<JobDeps, "db" | "config">, at: Date): Promise<PreviewResult> {
  const tz = deps.config.timezone;
  // Holidays are per council (the office's days off); the headline uses the council this instance serves.
  const councils = await councilsToServe(deps.db.prisma, deps.config.councilCode);
  const quiet = quietPolicyOf(deps.config, councils[0]);
  const allowed = isAllowed(at, quiet, tz);
  const out: PreviewResult = {
    at: at.toISOString(),
    timezone: tz,
    quiet: !allowed,
    nextAllowed: allowed ? null : nextAllowed(at, quiet, tz).toISOString(),
    reminders: [],
    escalations: [],
    digests: [],
    noticeAckReminders: [],
    skipped: [],
    warnings: [],
  };
  for (const council of councils) {
    const { plan, warnings } = await planCouncilReminders(deps, council, at);
    out.warnings.push(...warnings);
    const recipients = await unitRecipients(
      deps.db,
      council.id,
      [...new Set(plan.send.flatMap((d) => (d.kind === "reminder" ? [d.unitId] : [])))],
      false,
    );
    const standing = await standingRecipients(deps.db, council.id);
    for (const d of plan.send) {
      if (d.kind === "reminder") {
        const to = recipients.get(d.unitId) ?? { groups: [], viceChairs: [] };
        out.reminders.push({
          key: d.key,
          council: council.code,
          taskId: d.taskId,
          task: d.taskTitle,
          unit: d.unitCode,
          unitName: d.unitName,
          point: d.point,
          plannedFor: d.plannedFor.toISOString(),
          daysLeft: d.daysLeft,
          recipients: [...to.groups, ...to.viceChairs].map(toRecipient),
          text: htmlToPlainText(renderUnitGroupReminder(d, { timezone: tz })),
        });
      } else {
        out.escalations.push({
          key: d.key,
          council: council.code,
          taskId: d.taskId,
          task: d.taskTitle,
          plannedFor: d.plannedFor.toISOString(),
          missingUnits: d.missingUnits.map((u) => u.unitCode),
          recipients: standing.map(toRecipient),
          text: htmlToPlainText(renderEscalation(d, { timezone: tz })),
        });
      }
    }
    for (const s of plan.skip) out.skipped.push({ key: s.key, kind: "reminder", reason: s.reason, detail: s.detail });
    if (isAllowed(at, quietPolicyOf(deps.config, council), tz)) {
      const digests = await planCouncilDigests(deps, council, at);
      for (const e of digests.errors) out.warnings.push(`${e.kind} digest: ${e.message}`);
      for (const d of digests.send) {
        out.digests.push({
          key: d.key,
          council: council.code,
          kind: d.kind,
          occurrence: d.occurrence.toISOString(),
          periodFrom: d.period.from.toISOString(),
          periodTo: d.period.to.toISOString(),
          recipients: standing.map(toRecipient),
        });
      }
      for (const s of digests.skip) out.skipped.push({ key: s.key, kind: "digest", reason: s.reason, detail: s.detail });
    }
    for (const n of await planNoticeAckReminders(deps, council.id, at)) {
      out.noticeAckReminders.push({
        key: n.key,
        council: council.code,
        noticeId: n.noticeId,
        notice: n.noticeTitle,
        unit: n.unitCode,
        plannedFor: n.plannedFor.toISOString(),
      });
    }
  }
  return out;
}
