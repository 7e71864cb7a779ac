/**
 * A notice's recurring requirement ("định kỳ trước ngày 20 hằng tháng") proposed as a periodic task, from
 * the parser's `recurrence_rule`. "trước ngày D" proposes day D−1, the parser's own convention for
 * `due_rule: "before"`; the office sees the reading and may change it. Weekly requirements and ones without
 * a day are not proposed as series (the office creates them by hand).
 */
import type { Every } from "../../domain/periods.js";
import type { RecurrenceRule } from "../../notices/parsing/types.js";

export interface PeriodicProposal {
  every: Every;
  day: number;
  month: number | null;
}

const EVERY_OF: Record<RecurrenceRule["period"], Every | null> = {
  weekly: null,
  monthly: "month",
  quarterly: "quarter",
  half_yearly: "half_year",
  yearly: "year",
};

export function periodicFromRule(rule: RecurrenceRule | null): PeriodicProposal | null {
  if (!rule || rule.day === null) return null;
  const every = EVERY_OF[rule.period];
  if (!every) return null;
  if (rule.month !== null) {
    // A day of the year ("trước ngày 15/12 hằng năm"); "before" the 1st is the previous month's last day.
    if (every !== "year" || rule.month < 1 || rule.month > 12) return null;
    if (rule.cut !== "before") return { every, day: rule.day, month: rule.month };
    if (rule.day > 1) return { every, day: rule.day - 1, month: rule.month };
    return { every, day: 31, month: rule.month === 1 ? 12 : rule.month - 1 }; // periods clip 31 to the month's end
  }
  const day = rule.cut === "before" ? Math.max(1, rule.day - 1) : rule.day;
  if (day < 1 || day > 31) return null;
  return { every, day, month: every === "year" ? 12 : null };
}
