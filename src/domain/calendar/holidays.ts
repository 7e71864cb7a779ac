/**
 * Vietnam's public holidays (ngày nghỉ lễ, Tết) for any year, for counting working days and keeping
 * reminders off days nobody works. One source: the notice parser should read these too (see the note in
 * README "Working days").
 *
 * Rules (Bộ luật Lao động 2019, Điều 112, in force since 01/01/2021; civil servants rest on Saturdays and
 * Sundays):
 * - Tết Dương lịch 01/01;
 * - Tết Nguyên đán, 5 days: modelled as the two days before mùng 1 Tết and mùng 1-3, the pattern of the
 *   government's schedules (with the compensation below, 2026 gives 16-20/02 off, as published);
 * - Giỗ Tổ Hùng Vương, 10/3 lunar;
 * - Ngày Chiến thắng 30/04 and Quốc tế Lao động 01/05;
 * - Quốc khánh 02/09 plus one adjacent day (01/09 or 03/09), from 2021;
 * - a holiday falling on a Saturday or Sunday gives a compensating day off (nghỉ bù) on the next working day.
 * Each year the Prime Minister also swaps days (hoán đổi: a weekday off, a Saturday worked) and fixes the
 * exact Tết days: those are entered by the office as adjustments (see work-calendar.ts), not guessed here.
 */
import { hungKingsDate, tetDate } from "./lunar.js";

export type HolidayKind = "new_year" | "tet" | "hung_kings" | "reunification" | "labour" | "national_day" | "compensation";

export interface Holiday {
  /** "YYYY-MM-DD" */
  date: string;
  kind: HolidayKind;
}

/** The years for which the adjacent Quốc khánh day was published (or fixed in advance by the same rule). */
const NATIONAL_DAY_EXTRA: Record<number, string> = {
  2021: "2021-09-03",
  2022: "2022-09-01",
  2023: "2023-09-01",
  2024: "2024-09-03",
  2025: "2025-09-01",
  2026: "2026-09-01",
  2027: "2027-09-03",
};

const FIRST_NATIONAL_DAY_EXTRA_YEAR = 2021;

/** Calendar arithmetic on "YYYY-MM-DD" in UTC (no time zone involved: these are dates, not instants). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 = Monday ... 6 = Saturday, 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const js = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return js === 0 ? 7 : js;
}

export const isWeekend = (date: string): boolean => isoWeekday(date) >= 6;

/** The day joined to 02/09: the published one, else the one that makes the longer break with a weekend. */
function nationalDayExtra(year: number): string | null {
  if (year < FIRST_NATIONAL_DAY_EXTRA_YEAR) return null;
  const known = NATIONAL_DAY_EXTRA[year];
  if (known) return known;
  const wd = isoWeekday(`${year}-09-02`);
  // Monday, Thursday, Sunday: 03/09 joins the weekend (or the next working day); otherwise 01/09.
  return wd === 1 || wd === 4 || wd === 7 ? `${year}-09-03` : `${year}-09-01`;
}

const cache = new Map<number, Holiday[]>();

/** The statutory days off of a year, compensating days included, sorted by date. */
export function publicHolidays(year: number): Holiday[] {
  const hit = cache.get(year);
  if (hit) return hit;
  const legal: Holiday[] = [{ date: `${year}-01-01`, kind: "new_year" }];
  const tet = tetDate(year);
  for (let k = -2; k <= 2; k++) legal.push({ date: addDays(tet, k), kind: "tet" });
  legal.push({ date: hungKingsDate(year), kind: "hung_kings" });
  legal.push({ date: `${year}-04-30`, kind: "reunification" }, { date: `${year}-05-01`, kind: "labour" });
  legal.push({ date: `${year}-09-02`, kind: "national_day" });
  const extra = nationalDayExtra(year);
  if (extra) legal.push({ date: extra, kind: "national_day" });
  legal.sort((a, b) => a.date.localeCompare(b.date));

  const taken = new Set(legal.map((h) => h.date));
  const all = [...legal];
  // Each holiday on a weekend moves to the next day that is neither a weekend nor already off, so two
  // weekend Tết days give two days after the break.
  for (const h of legal) {
    if (!isWeekend(h.date)) continue;
    let c = addDays(h.date, 1);
    while (isWeekend(c) || taken.has(c)) c = addDays(c, 1);
    taken.add(c);
    all.push({ date: c, kind: "compensation" });
  }
  all.sort((a, b) => a.date.localeCompare(b.date));
  cache.set(year, all);
  return all;
}
