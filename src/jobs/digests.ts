/**
 * Scheduled digests for the standing committee (daily and weekly, cron expressions from config). The
 * planner says which occurrence is due; a digest missed by more than its period is recorded as skipped with
 * a log line instead of going out late and stale. Digests wait out quiet hours like reminders.
 */
import type { CouncilRow } from "../db/councils.js";
import { councilsToServe } from "../db/task-queries.js";
import { dispatchedDigestKeys } from "../db/dispatch-log.js";
import { LOOKBACK_DAYS, planDigests, type DigestPlan } from "../domain/digests/plan-digests.js";
import { renderDigest } from "../domain/digests/compose-digest.js";
import { isAllowed } from "../domain/time/quiet-hours.js";
import { localDateOf, localTimeOf } from "../domain/time/vietnam-time.js";
import { buildDigest } from "../core/tasks/digest.js";
import { digestDocxMessage, digestTableMessage } from "../core/tasks/digest-file.js";
import { quietPolicyOf } from "../core/tasks/settings.js";
import { commitDispatch, messageKey, recordSkip, type PlannedMessage } from "./dispatch.js";
import type { JobDeps } from "./deps.js";
import { standingRecipients } from "../core/recipients.js";

export interface DigestRunResult {
  sent: number;
  skipped: number;
  duplicates: number;
  /** held back by quiet hours */
  held: boolean;
}

/**
 * Where a council's digests start: its creation, so a new installation does not report last week's
 * occurrences. A creation time after `now` (a clock set back, a preview of the past) is ignored.
 */
export function digestSince(council: { createdAt?: Date }, now: Date): Date | undefined {
  const created = council.createdAt;
  return created && created.getTime() <= now.getTime() ? created : undefined;
}

export async function planCouncilDigests(
  deps: Pick<JobDeps, "db" | "config">,
  council: CouncilRow & { createdAt?: Date },
  now: Date,
): Promise<DigestPlan> {
  const dispatched = await dispatchedDigestKeys(deps.db.prisma, council.id, new Date(now.getTime() - (LOOKBACK_DAYS + 8) * 86_400_000));
  const since = digestSince(council, now);
  return planDigests({
    now,
    timezone: deps.config.timezone,
    daily: deps.config.schedule.digestDailyCron,
    weekly: deps.config.schedule.digestWeeklyCron,
    dispatched,
    councilId: council.id,
    ...(since ? { since } : {}),
  });
}

export async function runDigest(deps: JobDeps, now: Date): Promise<DigestRunResult> {
  const result: DigestRunResult = { sent: 0, skipped: 0, duplicates: 0, held: false };
  const log = deps.logger.child({ job: "digest" });
  const tz = deps.config.timezone;
  for (const council of await councilsToServe(deps.db.prisma, deps.config.councilCode)) {
    // Holidays and the office's days off are per council.
    if (!isAllowed(now, quietPolicyOf(deps.config, council), tz)) {
      result.held = true;
      continue;
    }
    try {
      const plan = await planCouncilDigests(deps, council, now);
      for (const e of plan.errors) log.error({ kind: e.kind }, e.message);
      for (const s of plan.skip) {
        const outcome = await recordSkip(deps.db, {
          key: s.key,
          kind: "digest",
          councilId: council.id,
          plannedFor: s.occurrence,
          detail: `${s.reason}: ${s.detail}`,
          createdAt: now,
        });
        if (outcome === "recorded") {
          result.skipped++;
          log.warn({ key: s.key, occurrence: s.occurrence.toISOString() }, `${s.kind} digest skipped: ${s.detail}`);
        }
      }
      const standing = plan.send.length > 0 ? await standingRecipients(deps.db, council.id) : [];
      for (const d of plan.send) {
        const content = await buildDigest(deps.db.prisma, council.id, {
          now,
          timezone: tz,
          kind: d.kind,
          period: d.period,
          maxUnits: deps.config.schedule.digestMaxUnits,
        });
        const parts = renderDigest(content);
        const messages: PlannedMessage[] = [];
        // The weekly digest also goes as an official Word document, for the office to number, sign and file.
        const docx =
          d.kind === "weekly" && standing.length > 0
            ? await digestDocxMessage(deps.db.prisma, council.id, content, deps.config.dataDir)
            : null;
        // A summarised digest (a large council) comes with the full table as a spreadsheet.
        const table =
          content.summary && standing.length > 0
            ? await digestTableMessage(deps.db.prisma, council.id, content, deps.config.dataDir)
            : null;
        for (const g of standing) {
          parts.forEach((text, i) => {
            messages.push({ key: messageKey(d.key, g.chatId!, i), chatId: g.chatId!, message: { kind: "text", text } });
          });
          if (table) messages.push({ key: `${messageKey(d.key, g.chatId!)}:xlsx`, chatId: g.chatId!, message: table });
          if (docx) messages.push({ key: `${messageKey(d.key, g.chatId!)}:docx`, chatId: g.chatId!, message: docx });
        }
        const none = messages.length === 0;
        const detail = none ? "no standing committee group registered" : `${parts.length} part(s) to ${standing.length} group(s)`;
        const outcome = await commitDispatch(
          deps.db,
          {
            key: d.key,
            kind: "digest",
            councilId: council.id,
            plannedFor: d.occurrence,
            outcome: none ? "skipped" : "sent",
            detail,
            createdAt: now,
          },
          messages,
        );
        if (outcome === "duplicate") {
          result.duplicates++;
          continue;
        }
        if (none) {
          result.skipped++;
          log.warn({ key: d.key }, `${d.kind} digest not sent: ${detail}`);
          continue;
        }
        result.sent++;
        log.info({ key: d.key, lateByMs: d.lateByMs, parts: parts.length }, `${d.kind} digest queued`);
      }
    } catch (err) {
      log.error({ err, council: council.code }, "digest run failed for a council");
    }
  }
  if (result.sent > 0) deps.notifyOutbox();
  return result;
}

/** The key of a digest sent on request (`council digest --send`): one per council and minute. */
export const onDemandDigestKey = (councilId: number, now: Date, tz: string): string =>
  `digest:${councilId}:on_demand:${localDateOf(now, tz)}T${localTimeOf(now, tz)}`;
