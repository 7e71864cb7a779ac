/**
 * Quiet hours: when the bot must not post reminders or digests (nobody wants a reminder at 22:00).
 *
 * A policy has a daily quiet period (default 21:00-07:00, may cross midnight) and optionally quiet
 * weekends: "none", "sunday" (all of Sunday), or "weekend" (Saturday and Sunday; with
 * `saturdayMorningOnly`, Saturday is allowed until `saturdayUntil`, default 12:00, because offices
 * often work Saturday mornings). Daily quiet hours apply on every day, weekend or not. With a `calendar`,
 * public holidays and the office's days off are quiet all day, and a Saturday the office declared worked is
 * not a quiet weekend day.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import { DEFAULT_TIMEZONE, minutesOfDay, type LocalDate, type LocalTime } from "./vietnam-time.js";

export type QuietWeekends = "none" | "sunday" | "weekend";

export interface QuietPolicy {
  /**
   * The daily quiet period [start, end) in local time. start > end crosses midnight (21:00-07:00);
   * start < end is within one day (12:00-13:30); start = end or null means no daily quiet period.
   */
  hours: { start: LocalTime; end: LocalTime } | null;
  weekends: QuietWeekends;
  /** Only with weekends = "weekend": Saturday before `saturdayUntil` is allowed. */
  saturdayMorningOnly?: boolean;
  /** End of the allowed Saturday morning, default "12:00". */
  saturdayUntil?: LocalTime;
  /** Days off beyond weekends (holidays, the office's days off) and declared working days; none when absent. */
  calendar?: DaysOff | null;
}

/** What quiet hours need to know of a work calendar (domain/calendar/work-calendar.ts). */
export interface DaysOff {
  isHoliday(date: LocalDate): boolean;
  isDeclaredWorkingDay(date: LocalDate): boolean;
}

export const DEFAULT_QUIET_POLICY: QuietPolicy = {
  hours: { start: "21:00", end: "07:00" },
  weekends: "none",
  saturdayMorningOnly: false,
  saturdayUntil: "12:00",
};

/** A policy that never holds anything back (tests, previews). */
export const NO_QUIET_POLICY: QuietPolicy = { hours: null, weekends: "none" };

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "must be a time HH:mm (24-hour), e.g. 21:00" });

/** zod schema for a quiet policy in council settings; missing fields take the defaults above. */
export const quietPolicySchema = z
  .object({
    hours: z.object({ start: hhmm, end: hhmm }).strict().nullable().default({ start: "21:00", end: "07:00" }),
    weekends: z.enum(["none", "sunday", "weekend"], { error: 'weekends must be "none", "sunday" or "weekend"' }).default("none"),
    saturdayMorningOnly: z.boolean({ error: "saturdayMorningOnly must be true or false" }).default(false),
    saturdayUntil: hhmm.default("12:00"),
  })
  .strict();

function local(instant: Date, tz: string): DateTime {
  const dt = DateTime.fromJSDate(instant, { zone: tz });
  if (!dt.isValid) throw new RangeError(`Invalid instant or time zone (${tz})`);
  return dt;
}

function inDailyQuiet(minute: number, policy: QuietPolicy): boolean {
  if (!policy.hours) return false;
  const start = minutesOfDay(policy.hours.start);
  const end = minutesOfDay(policy.hours.end);
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

function inQuietWeekend(weekday: number, minute: number, policy: QuietPolicy): boolean {
  if (policy.weekends === "none") return false;
  if (weekday === 7) return true;
  if (weekday === 6 && policy.weekends === "weekend") {
    if (!policy.saturdayMorningOnly) return true;
    return minute >= minutesOfDay(policy.saturdayUntil ?? "12:00");
  }
  return false;
}

/** May the bot post at this instant? */
export function isAllowed(now: Date, policy: QuietPolicy, tz: string = DEFAULT_TIMEZONE): boolean {
  const dt = local(now, tz);
  const minute = dt.hour * 60 + dt.minute;
  if (inDailyQuiet(minute, policy)) return false;
  if (policy.calendar) {
    const date = dt.toFormat("yyyy-MM-dd");
    if (policy.calendar.isHoliday(date)) return false;
    if (policy.calendar.isDeclaredWorkingDay(date)) return true;
  }
  return !inQuietWeekend(dt.weekday, minute, policy);
}

/**
 * The first allowed instant at or after `now` (`now` itself when allowed). Quiet periods end on a
 * minute boundary (the end of the daily quiet hours, or midnight after a quiet weekend day), so the
 * result is either `now` or such a boundary, e.g. 22:30 Friday with quiet weekends -> 07:00 Monday.
 */
export function nextAllowed(now: Date, policy: QuietPolicy, tz: string = DEFAULT_TIMEZONE): Date {
  let candidate = now;
  // Enough steps for a long break (two boundaries a day): Tết with its weekends is about nine days.
  for (let i = 0; i < 200; i++) {
    if (isAllowed(candidate, policy, tz)) return candidate;
    const dt = local(candidate, tz);
    // Allowedness can only switch on at the end of the daily quiet period or at midnight.
    const boundaries: DateTime[] = [dt.startOf("day").plus({ days: 1 })];
    if (policy.hours) {
      const end = minutesOfDay(policy.hours.end);
      const todayEnd = dt.startOf("day").set({ hour: Math.floor(end / 60), minute: end % 60 });
      boundaries.push(todayEnd, todayEnd.plus({ days: 1 }));
    }
    const next = boundaries.filter((b) => b.toMillis() > candidate.getTime()).reduce((a, b) => (b.toMillis() < a.toMillis() ? b : a));
    candidate = next.toJSDate();
  }
  throw new Error("Quiet policy leaves no allowed time within 200 steps; check its settings");
}

/**
 * Whether something new (a task just given) is announced now: outside quiet hours, or in them when its
 * deadline comes before they end (waiting would make the announcement useless). Otherwise it waits for
 * the first allowed moment.
 */
export function announceNow(now: Date, deadline: Date, policy: QuietPolicy, tz: string = DEFAULT_TIMEZONE): boolean {
  return isAllowed(now, policy, tz) || deadline.getTime() < nextAllowed(now, policy, tz).getTime();
}
