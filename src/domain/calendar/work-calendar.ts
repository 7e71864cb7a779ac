/**
 * Which days are working days for a council: Monday to Friday, minus Vietnam's public holidays and their
 * compensating days (holidays.ts), minus the days off the office adds (the government's yearly swaps,
 * a province's own days), plus the Saturdays the office declares worked (làm bù). Reminders stay off days
 * off, and "trong 5 ngày làm việc" counts only working days.
 *
 * The office's adjustments live in the council's settings (`workCalendar`), validated by `calendarAdjustmentsSchema`.
 */
import { z } from "zod";
import { addDays, isWeekend, publicHolidays, type HolidayKind } from "./holidays.js";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "dates are YYYY-MM-DD" })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    error: "no such date",
  });

const adjustment = z.object({ date: isoDate, note: z.string().max(200).optional() }).strict();

export const calendarAdjustmentsSchema = z
  .object({
    /** days off the office adds: a compensating day (nghỉ bù), a swapped weekday (hoán đổi), a local holiday */
    daysOff: z.array(adjustment).max(500).default([]),
    /** days worked that would otherwise be off: a Saturday worked in exchange (làm bù) */
    workingDays: z.array(adjustment).max(500).default([]),
  })
  .strict();

export type CalendarAdjustments = z.infer<typeof calendarAdjustmentsSchema>;

export const NO_ADJUSTMENTS: CalendarAdjustments = { daysOff: [], workingDays: [] };

export type DayOffReason = HolidayKind | "office_day_off" | "weekend";

export interface CalendarDay {
  date: string;
  /** why the day is off; null for a working day */
  off: DayOffReason | null;
  /** the office's note, for adjusted days */
  note: string | null;
}

export class WorkCalendar {
  private readonly extraOff: Map<string, string | null>;
  private readonly extraWork: Map<string, string | null>;
  private readonly holidays = new Map<number, Map<string, HolidayKind>>();

  constructor(adjustments: CalendarAdjustments = NO_ADJUSTMENTS) {
    this.extraOff = new Map(adjustments.daysOff.map((a) => [a.date, a.note ?? null]));
    this.extraWork = new Map(adjustments.workingDays.map((a) => [a.date, a.note ?? null]));
  }

  private holidayKind(date: string): HolidayKind | undefined {
    const year = Number(date.slice(0, 4));
    let map = this.holidays.get(year);
    if (!map) {
      map = new Map(publicHolidays(year).map((h) => [h.date, h.kind]));
      this.holidays.set(year, map);
    }
    return map.get(date);
  }

  /** A public holiday, a compensating day, or a day off the office added (weekends are not counted here). */
  isHoliday(date: string): boolean {
    if (this.extraWork.has(date)) return false;
    return this.extraOff.has(date) || this.holidayKind(date) !== undefined;
  }

  /** A day the office declared worked (usually a Saturday in exchange for a day off). */
  isDeclaredWorkingDay(date: string): boolean {
    return this.extraWork.has(date);
  }

  isWorkingDay(date: string): boolean {
    if (this.extraWork.has(date)) return true;
    return !isWeekend(date) && !this.isHoliday(date);
  }

  /** Why a day is off, or null when it is worked. */
  day(date: string): CalendarDay {
    if (this.extraWork.has(date)) return { date, off: null, note: this.extraWork.get(date) ?? null };
    if (this.extraOff.has(date)) return { date, off: "office_day_off", note: this.extraOff.get(date) ?? null };
    const kind = this.holidayKind(date);
    if (kind) return { date, off: kind, note: null };
    return { date, off: isWeekend(date) ? "weekend" : null, note: null };
  }

  /** The days off of a year other than ordinary weekends, and the declared working days, by date. */
  yearView(year: number): CalendarDay[] {
    const dates = new Set<string>([
      ...publicHolidays(year).map((h) => h.date),
      ...[...this.extraOff.keys(), ...this.extraWork.keys()].filter((d) => d.startsWith(`${year}-`)),
    ]);
    return [...dates].sort().map((d) => this.day(d));
  }

  /** The n-th working day after `date` (the next working day is day 1), as in "trong 5 ngày làm việc". */
  addWorkingDays(date: string, n: number): string {
    let c = date;
    let counted = 0;
    const step = n >= 0 ? 1 : -1;
    while (counted < Math.abs(n)) {
      c = addDays(c, step);
      if (this.isWorkingDay(c)) counted++;
    }
    return c;
  }

  /** `date` itself when worked, else the next working day. */
  onOrAfter(date: string): string {
    let c = date;
    while (!this.isWorkingDay(c)) c = addDays(c, 1);
    return c;
  }

  /** `date` itself when worked, else the previous working day. */
  onOrBefore(date: string): string {
    let c = date;
    while (!this.isWorkingDay(c)) c = addDays(c, -1);
    return c;
  }
}

/** Reads stored adjustments; anything invalid is dropped (and reported) rather than stopping reminders. */
export function parseCalendarAdjustments(value: unknown): { adjustments: CalendarAdjustments; warning: string | null } {
  if (value === undefined || value === null) return { adjustments: NO_ADJUSTMENTS, warning: null };
  const r = calendarAdjustmentsSchema.safeParse(value);
  if (r.success) return { adjustments: r.data, warning: null };
  return {
    adjustments: NO_ADJUSTMENTS,
    warning: `invalid workCalendar settings ignored: ${r.error.issues.map((i) => i.message).join("; ")}`,
  };
}
