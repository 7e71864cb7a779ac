/**
 * A notice's recurring requirement ("định kỳ trước ngày 20 hằng tháng") proposed as a periodic task. The
 * notice parser (src/notices/parsing, owned elsewhere) returns `due_rule: "recurring"` and a `recurrence`
 * sentence in English ("monthly, before the 20th of each month (...)"); this maps that sentence to a rule.
 * "trước ngày D" proposes day D−1, the parser's own convention; the office sees the reading and may change it.
 * Weekly requirements and ones without a day are not proposed as series (the office creates them by hand).
 */
import type { Every } from "../../domain/periods.js";

export interface PeriodicProposal {
  every: Every;
  day: number;
  month: number | null;
}

const EVERY_OF: Record<string, Every> = {
  monthly: "month",
  quarterly: "quarter",
  "every six months": "half_year",
  yearly: "year",
};

export function periodicFromRecurrence(recurrence: string | null): PeriodicProposal | null {
  if (!recurrence) return null;
  const cutDay = (cut: string, d: number) => (cut === "before" ? Math.max(1, d - 1) : d);
  let m =
    /^(monthly|quarterly|every six months|yearly), (before|by|on) the (\d{1,2})(?:st|nd|rd|th) of (?:each month|the last month of each quarter)/.exec(
      recurrence,
    );
  if (m) {
    const every = EVERY_OF[m[1]!]!;
    const day = cutDay(m[2]!, Number(m[3]));
    return day >= 1 && day <= 31 ? { every, day, month: every === "year" ? 12 : null } : null;
  }
  m = /^yearly, (before|by|on) (\d{1,2})\/(\d{1,2}) each year/.exec(recurrence);
  if (m) {
    let day = Number(m[2]);
    let month = Number(m[3]);
    if (m[1] === "before") {
      if (day > 1) day -= 1;
      else {
        month = month === 1 ? 12 : month - 1;
        day = 31; // the month's last day (periods clip it)
      }
    }
    return month >= 1 && month <= 12 ? { every: "year", day, month } : null;
  }
  return null;
}
