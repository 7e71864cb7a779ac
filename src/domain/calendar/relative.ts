/**
 * Relative deadlines as people type them: "5 ngày làm việc", "trong 5 ngày làm việc", "trong vòng 10 ngày",
 * "thêm 3 ngày làm việc" (an extension, counted from the current deadline), "+3". Working days skip
 * weekends, holidays and the office's days off; the next day is day 1 (as the notice corpus counts them).
 */
import { foldVietnamese } from "../../text/fold.js";
import { addLocalDays, type LocalDate } from "../time/vietnam-time.js";

export interface RelativeDays {
  days: number;
  working: boolean;
  /** "thêm ..." / "+N": counted from the current deadline rather than from today */
  extra: boolean;
}

const RE = /^(?:(trong(?: vong)?|them|\+)\s*)?(\d{1,3})\s*ngay(\s+lam viec)?(?:\s+(?:ke tu|tu) (?:hom nay|nay))?$/;

export function parseRelativeDays(text: string): RelativeDays | null {
  const folded = foldVietnamese(text)
    .replace(/[.,;!]+$/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const m = RE.exec(folded);
  if (!m) {
    const plus = /^\+\s*(\d{1,3})$/.exec(folded);
    return plus ? { days: Number(plus[1]), working: false, extra: true } : null;
  }
  const days = Number(m[2]);
  if (days < 1 || days > 365) return null;
  return { days, working: m[3] !== undefined, extra: m[1] === "them" || m[1] === "+" };
}

/** The day a relative deadline lands on, from `base` (today, or the current deadline for "thêm"). */
export function resolveRelativeDays(
  r: RelativeDays,
  base: LocalDate,
  calendar: { addWorkingDays(date: LocalDate, n: number): LocalDate },
): LocalDate {
  return r.working ? calendar.addWorkingDays(base, r.days) : addLocalDays(base, r.days);
}
