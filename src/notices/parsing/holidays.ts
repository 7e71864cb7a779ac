/**
 * Working days for the notice parser ("trong 05 ngày làm việc"). The holidays themselves come from the
 * one source the reminders use too (src/domain/calendar/holidays.ts: the labour code's days off, lunar
 * dates computed, compensating days), so a deadline the parser reads and the reminders planned for it
 * never disagree about which days are off. Office adjustments (hoán đổi) are not known to the parser: it
 * reads a document, not a council's calendar, and the office confirms every proposed date.
 */
import { publicHolidays } from "../../domain/calendar/holidays.js";
import { addDays, type CalendarDate, toIsoDate, weekday } from "./vietnamese-dates.js";

/**
 * Years for which the statutory days off are modelled faithfully: from the 2012 labour code (in force
 * 01/05/2013: Tết 5 days; the 2019 code added the Quốc khánh extra day from 2021) to the end of the lunar
 * algorithm's safe range. Outside it the parser still counts, and notes that only weekends were skipped.
 */
export const HOLIDAY_DATA_YEARS = { first: 2013, last: 2199 } as const;

const cache = new Map<number, Set<string>>();

/** The days off (holidays and compensating days) of one year, as YYYY-MM-DD; empty outside the modelled years. */
export function holidaysOfYear(year: number): Set<string> {
  const hit = cache.get(year);
  if (hit) return hit;
  const days = hasHolidayData(year) ? new Set(publicHolidays(year).map((h) => h.date)) : new Set<string>();
  cache.set(year, days);
  return days;
}

export function isPublicHoliday(c: CalendarDate): boolean {
  return holidaysOfYear(c.y).has(toIsoDate(c));
}

export function isWorkingDay(c: CalendarDate): boolean {
  const wd = weekday(c);
  return wd !== 0 && wd !== 6 && !isPublicHoliday(c);
}

/**
 * The n-th working day after `anchor` (the anchor itself is day 0, the next working day is day 1),
 * skipping Saturdays, Sundays and public holidays.
 */
export function addWorkingDays(anchor: CalendarDate, n: number): CalendarDate {
  let c = anchor;
  let counted = 0;
  while (counted < n) {
    c = addDays(c, 1);
    if (isWorkingDay(c)) counted++;
  }
  return c;
}

/** Whether holiday data covers this year (outside it only weekends are skipped). */
export function hasHolidayData(year: number): boolean {
  return year >= HOLIDAY_DATA_YEARS.first && year <= HOLIDAY_DATA_YEARS.last;
}
