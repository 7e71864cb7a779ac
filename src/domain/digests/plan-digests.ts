/**
 * Which digest is due now. Digests are scheduled by cron expressions in the council's time zone
 * (defaults: daily "0 17 * * *", weekly "30 7 * * 1"); the caller ticks (e.g. every minute), sends
 * what `send` holds, and records `send` and `skip` keys in DispatchLog.
 *
 * - Due: the most recent occurrence at or before `now` whose key has not been dispatched. Its period runs
 *   from the previous occurrence to this one.
 * - Late but fresh is fine (the service restarted 2 hours after 17:00: the digest goes out at 19:00).
 * - An occurrence later than its period (more than 24 hours for a daily digest) is never sent: it is
 *   returned in `skip` with a reason. That covers occurrences superseded by a newer one after downtime
 *   (the service was down over 17:00 yesterday and 17:00 today: yesterday's is skipped, today's is sent),
 *   looking back to the most recent recorded occurrence, at most `LOOKBACK_DAYS` (a new installation
 *   reports the last week's occurrences as skipped once, unless `since` says where to start).
 * - Keys: "digest:daily:<local date of the occurrence>" and "digest:weekly:<ISO week>", e.g.
 *   "digest:daily:2022-05-28", "digest:weekly:2022-W22". So at most one daily digest per local day and one
 *   weekly digest per ISO week, whatever the expression. With `councilId` the keys read
 *   "digest:<councilId>:daily:2022-05-28", for databases holding several councils (DispatchLog.key is
 *   unique across councils).
 */
import { isoWeekKey, localDateOf } from "../time/vietnam-time.js";
import { compileCron, previousOccurrence } from "./cron.js";

export const DEFAULT_DAILY_CRON = "0 17 * * *";
export const DEFAULT_WEEKLY_CRON = "30 7 * * 1";

/** Undispatched occurrences older than this are not reported in `skip` (nobody needs them). */
export const LOOKBACK_DAYS = 8;
const MAX_LOOKBACK_OCCURRENCES = 16;

export type DigestKind = "daily" | "weekly";

export interface PlanDigestsInput {
  now: Date;
  timezone: string;
  /** Cron expression, or null when this digest is turned off. */
  daily: string | null;
  weekly: string | null;
  dispatched: ReadonlySet<string>;
  councilId?: number;
  /**
   * Occurrences before this moment are ignored altogether (neither sent nor skipped), e.g. when the
   * council or the digest was set up, so a new installation does not send last Monday's weekly digest.
   */
  since?: Date;
}

export interface DigestDue {
  kind: DigestKind;
  key: string;
  /** The scheduled occurrence this digest stands for. */
  occurrence: Date;
  /** From the previous occurrence to this one. */
  period: { from: Date; to: Date };
  /** now − occurrence, in ms. */
  lateByMs: number;
}

export interface DigestSkip {
  kind: DigestKind;
  key: string;
  occurrence: Date;
  reason: "missed";
  /** English, for the log. */
  detail: string;
}

export interface DigestPlan {
  send: DigestDue[];
  skip: DigestSkip[];
  /** Invalid expressions (that digest is not planned). English, for operators. */
  errors: Array<{ kind: DigestKind; message: string }>;
}

export function digestKey(kind: DigestKind, occurrence: Date, tz: string, councilId?: number): string {
  const day = localDateOf(occurrence, tz);
  const id = kind === "daily" ? day : isoWeekKey(day);
  return councilId === undefined ? `digest:${kind}:${id}` : `digest:${councilId}:${kind}:${id}`;
}

function hours(ms: number): string {
  return `${Math.round((ms / 3_600_000) * 10) / 10} h`;
}

export function planDigests(input: PlanDigestsInput): DigestPlan {
  const plan: DigestPlan = { send: [], skip: [], errors: [] };
  const { now, timezone: tz, dispatched } = input;
  const lookbackStart = now.getTime() - LOOKBACK_DAYS * 86_400_000;

  for (const kind of ["daily", "weekly"] as const) {
    const expr = input[kind];
    if (expr === null || expr === undefined) continue;
    const compiled = compileCron(expr);
    if (!compiled.ok) {
      plan.errors.push({ kind, message: compiled.message });
      continue;
    }
    const seen = new Set<string>();
    let current = previousOccurrence(compiled.cron, now, tz);
    for (let i = 0; current && i < MAX_LOOKBACK_OCCURRENCES; i++) {
      const o: Date = current;
      if (i > 0 && o.getTime() < lookbackStart) break;
      if (input.since && o.getTime() < input.since.getTime()) break;
      const previous = previousOccurrence(compiled.cron, new Date(o.getTime() - 1000), tz);
      current = previous;
      const key = digestKey(kind, o, tz, input.councilId);
      // Several occurrences sharing a key (two daily times in one day): only the latest one counts.
      if (seen.has(key)) continue;
      seen.add(key);
      // Everything older than a recorded occurrence was dealt with when it was current.
      if (dispatched.has(key)) break;
      const lateBy = now.getTime() - o.getTime();
      const period = previous ? o.getTime() - previous.getTime() : Number.POSITIVE_INFINITY;
      if (i === 0 && lateBy <= period) {
        plan.send.push({ kind, key, occurrence: o, period: { from: previous ?? o, to: o }, lateByMs: lateBy });
      } else {
        plan.skip.push({
          kind,
          key,
          occurrence: o,
          reason: "missed",
          detail:
            i === 0
              ? `not sent: ${hours(lateBy)} late, more than its period (${hours(period)})`
              : `not sent: ${hours(lateBy)} late, superseded by a later ${kind} digest`,
        });
      }
    }
  }
  plan.send.sort((a, b) => a.occurrence.getTime() - b.occurrence.getTime());
  return plan;
}
