/**
 * Vietnamese public holidays, for counting "ngày làm việc" (working days).
 *
 * Rules (Bộ luật Lao động 2012 Điều 115, Bộ luật Lao động 2019 Điều 112, in force 01/01/2021):
 *   - Tết Dương lịch 01/01;
 *   - Tết Âm lịch 5 days: modelled as the two days before lunar New Year's day and the first three
 *     days of the year (the pattern of the government's Tết schedules 2017-2026);
 *   - Giỗ Tổ Hùng Vương 10/3 lunar;
 *   - 30/4 and 01/5;
 *   - Quốc khánh 02/9, plus from 2021 one adjacent day (01/9 or 03/9, chosen each year);
 *   - a holiday that falls on a Saturday or Sunday gives a compensatory day off (nghỉ bù) on the
 *     next working day.
 * Not modelled: the Prime Minister's yearly swaps of working days (hoán đổi ngày làm việc, with a
 * Saturday worked in exchange). They move at most one or two days around Tết and 2/9.
 *
 * Lunar dates below: lunar New Year's day (mùng 1 Tết) and 10/3 lunar for 2015-2030, computed with
 * Hồ Ngọc Đức's algorithm for the Vietnamese calendar (new moons at UTC+7, which is why 2030's Tết
 * is 02/02 here and 03/02 in the Chinese calendar) and checked against the published Tết dates.
 * The 02/9 adjacent day is the one published for 2021-2025; later years follow the same choice by
 * weekday (the day that joins the weekend) and should be checked when the government announces it.
 */
import { addDays, type CalendarDate, compareDates, fromIsoDate, toIsoDate, weekday } from "./vietnamese-dates.js";

/** Year → [lunar New Year's day, Giỗ Tổ Hùng Vương (10/3 lunar)]. */
const LUNAR_DATES: Record<number, [string, string]> = {
  2015: ["2015-02-19", "2015-04-28"],
  2016: ["2016-02-08", "2016-04-16"],
  2017: ["2017-01-28", "2017-04-06"],
  2018: ["2018-02-16", "2018-04-25"],
  2019: ["2019-02-05", "2019-04-14"],
  2020: ["2020-01-25", "2020-04-02"],
  2021: ["2021-02-12", "2021-04-21"],
  2022: ["2022-02-01", "2022-04-10"],
  2023: ["2023-01-22", "2023-04-29"],
  2024: ["2024-02-10", "2024-04-18"],
  2025: ["2025-01-29", "2025-04-07"],
  2026: ["2026-02-17", "2026-04-26"],
  2027: ["2027-02-06", "2027-04-16"],
  2028: ["2028-01-26", "2028-04-04"],
  2029: ["2029-02-13", "2029-04-23"],
  2030: ["2030-02-02", "2030-04-12"],
};

/** Year → the extra Quốc khánh day (from 2021). */
const NATIONAL_DAY_EXTRA: Record<number, string> = {
  2021: "2021-09-03",
  2022: "2022-09-01",
  2023: "2023-09-01",
  2024: "2024-09-03",
  2025: "2025-09-01",
  2026: "2026-09-01",
  2027: "2027-09-03",
  2028: "2028-09-01",
  2029: "2029-09-03",
  2030: "2030-09-03",
};

export const HOLIDAY_DATA_YEARS = { first: 2015, last: 2030 } as const;

const cache = new Map<number, Set<string>>();

/** The days off (holidays and compensatory days) of one year, as YYYY-MM-DD; empty outside 2015-2030. */
export function holidaysOfYear(year: number): Set<string> {
  const hit = cache.get(year);
  if (hit) return hit;
  const days = new Set<string>();
  const lunar = LUNAR_DATES[year];
  if (lunar) {
    const legal: CalendarDate[] = [];
    legal.push({ y: year, m: 1, d: 1 });
    const tet = fromIsoDate(lunar[0])!;
    for (let k = -2; k <= 2; k++) legal.push(addDays(tet, k));
    legal.push(fromIsoDate(lunar[1])!);
    legal.push({ y: year, m: 4, d: 30 }, { y: year, m: 5, d: 1 });
    legal.push({ y: year, m: 9, d: 2 });
    const extra = NATIONAL_DAY_EXTRA[year];
    if (extra) legal.push(fromIsoDate(extra)!);
    legal.sort(compareDates);
    for (const d of legal) days.add(toIsoDate(d));
    // Compensatory days: each holiday on a weekend moves to the next day that is neither a
    // weekend nor already a holiday (so two weekend Tết days push two days after the break).
    for (const d of legal) {
      const wd = weekday(d);
      if (wd === 0 || wd === 6) {
        let c = addDays(d, 1);
        while (weekday(c) === 0 || weekday(c) === 6 || days.has(toIsoDate(c))) c = addDays(c, 1);
        days.add(toIsoDate(c));
      }
    }
  }
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
