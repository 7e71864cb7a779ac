/**
 * Periods of a periodic reporting obligation (chế độ báo cáo định kỳ): which periods exist, when each opens,
 * and its deadline. Pure: dates in, dates out.
 *
 * A period is named by the period its deadline falls in: with `--every month --day 20` the report of
 * "tháng 11/2026" is due on 20/11/2026 (the reporting regime of Nghị định 09/2019/NĐ-CP closes a month's
 * figures on the 14th and reports them that month). The deadline is the `day` of the period's last month
 * (a quarter's third month, a half-year's sixth, a year's `month`, default December); a day past the end
 * of that month means its last day (31 → 30/4, 28/2 or 29/2). A period opens on the first day of its first
 * month: from then the units see it in /baocao and its reminders run.
 */
import { addLocalDays, daysInMonth, type LocalDate, type LocalTime } from "./time/vietnam-time.js";

export const EVERY = ["month", "quarter", "half_year", "year"] as const;
export type Every = (typeof EVERY)[number];

/** What a deadline falling on a day off becomes: kept as written, or moved to the next or previous working day. */
export const ON_DAY_OFF = ["keep", "next_working_day", "previous_working_day"] as const;
export type OnDayOff = (typeof ON_DAY_OFF)[number];

export interface PeriodRule {
  every: Every;
  /** 1..31 */
  day: number;
  /** yearly rules: the deadline's month, 1..12 (default 12) */
  month?: number | null;
  dueTime: LocalTime;
  onDayOff: OnDayOff;
}

export interface Period {
  /** "2026-11", "2026-Q4", "2026-H2", "2026" */
  key: string;
  every: Every;
  year: number;
  /** month 1..12, quarter 1..4, half 1..2, or 1 for a year */
  index: number;
  opensOn: LocalDate;
  /** the deadline day as the rule gives it, before any day-off adjustment */
  nominalDue: LocalDate;
  /** the deadline day after the day-off rule */
  dueDate: LocalDate;
}

/** Working days, for the day-off rule (domain/calendar/work-calendar.ts). */
export interface WorkingDays {
  onOrAfter(date: LocalDate): LocalDate;
  onOrBefore(date: LocalDate): LocalDate;
}

const PER_YEAR: Record<Every, number> = { month: 12, quarter: 4, half_year: 2, year: 1 };
const MONTHS: Record<Every, number> = { month: 1, quarter: 3, half_year: 6, year: 12 };

const pad = (n: number) => String(n).padStart(2, "0");

/** The period with this year and index. */
export function periodAt(rule: PeriodRule, year: number, index: number, calendar?: WorkingDays): Period {
  const span = MONTHS[rule.every];
  const firstMonth = (index - 1) * span + 1;
  const lastMonth = rule.every === "year" ? (rule.month ?? 12) : index * span;
  const nominalDue = `${year}-${pad(lastMonth)}-${pad(Math.min(rule.day, daysInMonth(year, lastMonth)))}`;
  const dueDate =
    !calendar || rule.onDayOff === "keep"
      ? nominalDue
      : rule.onDayOff === "next_working_day"
        ? calendar.onOrAfter(nominalDue)
        : calendar.onOrBefore(nominalDue);
  const key =
    rule.every === "month"
      ? `${year}-${pad(index)}`
      : rule.every === "quarter"
        ? `${year}-Q${index}`
        : rule.every === "half_year"
          ? `${year}-H${index}`
          : `${year}`;
  return { key, every: rule.every, year, index, opensOn: `${year}-${pad(firstMonth)}-01`, nominalDue, dueDate };
}

/** The period after `p`. */
export function nextPeriod(rule: PeriodRule, p: Pick<Period, "year" | "index">, calendar?: WorkingDays): Period {
  return p.index >= PER_YEAR[rule.every] ? periodAt(rule, p.year + 1, 1, calendar) : periodAt(rule, p.year, p.index + 1, calendar);
}

/** The period a date lies in (by the period's months). */
export function periodContaining(rule: PeriodRule, date: LocalDate, calendar?: WorkingDays): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return periodAt(rule, year, Math.floor((month - 1) / MONTHS[rule.every]) + 1, calendar);
}

/**
 * Every period whose deadline falls in [from, to] (inclusive), in order; `limit` guards against a careless
 * range (a monthly rule over a century).
 */
export function periodsDueBetween(rule: PeriodRule, from: LocalDate, to: LocalDate, calendar?: WorkingDays, limit = 500): Period[] {
  // Start one period early: a day-off rule can move a deadline across the period boundary.
  let p = periodContaining(rule, addLocalDays(from, -31 * MONTHS[rule.every]), calendar);
  const out: Period[] = [];
  while (p.opensOn <= to && out.length < limit) {
    if (p.dueDate >= from && p.dueDate <= to) out.push(p);
    p = nextPeriod(rule, p, calendar);
  }
  return out;
}

/** The first period whose deadline is on or after `date`. */
export function firstPeriodDueFrom(rule: PeriodRule, date: LocalDate, calendar?: WorkingDays): Period {
  let p = periodContaining(rule, addLocalDays(date, -31 * MONTHS[rule.every]), calendar);
  while (p.dueDate < date) p = nextPeriod(rule, p, calendar);
  return p;
}
