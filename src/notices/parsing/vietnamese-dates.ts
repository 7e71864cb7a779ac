/**
 * Calendar dates as written in Vietnamese administrative texts, and the day arithmetic the
 * deadline rules need.
 *
 * Dates are plain calendar days (year, month, day): a deadline is a day in the council's time
 * zone, not an instant, so no time zone is involved once the text has been read.
 *
 * Written forms: "20/5/2022", "20-5-2022", "20.5.2022", "20/5" (no year), "20 tháng 5 năm 2022",
 * "20 tháng 5" (no year), "20 tháng 5/2022", "mồng 5 tháng 6", two-digit years ("20/5/22").
 */

export interface CalendarDate {
  y: number;
  m: number; // 1-12
  d: number; // 1-31
}

export function isValidDate(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= lastDayOfMonth(y, m);
}

export function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function toIsoDate(c: CalendarDate): string {
  return `${String(c.y).padStart(4, "0")}-${String(c.m).padStart(2, "0")}-${String(c.d).padStart(2, "0")}`;
}

export function fromIsoDate(s: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const c = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return isValidDate(c.y, c.m, c.d) ? c : null;
}

function toEpochDay(c: CalendarDate): number {
  return Math.floor(Date.UTC(c.y, c.m - 1, c.d) / 86_400_000);
}

function fromEpochDay(n: number): CalendarDate {
  const dt = new Date(n * 86_400_000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function addDays(c: CalendarDate, days: number): CalendarDate {
  return fromEpochDay(toEpochDay(c) + days);
}

/** Add calendar months, clamping to the month's last day (31/1 + 1 month → 28/2 or 29/2). */
export function addMonths(c: CalendarDate, months: number): CalendarDate {
  const total = c.y * 12 + (c.m - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return { y, m, d: Math.min(c.d, lastDayOfMonth(y, m)) };
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return toEpochDay(a) - toEpochDay(b);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(c: CalendarDate): number {
  return new Date(Date.UTC(c.y, c.m - 1, c.d)).getUTCDay();
}

/** "19/5/2022": the day padded to two digits as on official documents, the month as written there. */
export function formatDateVi(c: CalendarDate): string {
  return `${String(c.d).padStart(2, "0")}/${c.m}/${c.y}`;
}

/** Regex source (no capturing groups) for one written date, with or without a year. */
export const DATE_SOURCE =
  "(?:(?:mồng\\s+|mùng\\s+)?\\d{1,2}\\s+tháng\\s+\\d{1,2}(?:\\s*,?\\s*năm\\s+\\d{4}|\\s*\\/\\s*\\d{4})?" +
  "|\\d{1,2}\\s?[\\/.\\-]\\s?\\d{1,2}(?:\\s?[\\/.\\-]\\s?(?:\\d{4}|\\d{2}))?)" +
  // not followed by more digits or a decimal/fraction continuation ("8,6/11,2 km")
  "(?!\\d|[.,\\/\\-]\\d)";

/** The same, only when it carries a year (used where a bare "20.5" could be a decimal). */
export const DATE_WITH_YEAR_SOURCE =
  "(?:(?:mồng\\s+|mùng\\s+)?\\d{1,2}\\s+tháng\\s+\\d{1,2}(?:\\s*,?\\s*năm\\s+\\d{4}|\\s*\\/\\s*\\d{4})" +
  "|\\d{1,2}\\s?[\\/.\\-]\\s?\\d{1,2}\\s?[\\/.\\-]\\s?(?:\\d{4}|\\d{2}))(?!\\d|[.,\\/\\-]\\d)";

/** A day and month with an optional year, as read from the text. */
export interface WrittenDate {
  d: number;
  m: number;
  y: number | null;
}

/** Parse one written date (a match of DATE_SOURCE); null when it is not a real calendar day. */
export function parseWrittenDate(text: string): WrittenDate | null {
  // "mồng 5 tháng 6": the first ten days of a month may be written with "mồng"/"mùng"
  const t = text.trim().replace(/^(?:mồng|mùng)\s+/iu, "");
  let m = /^(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*,?\s*năm\s+(\d{4})|\s*\/\s*(\d{4}))?$/iu.exec(t);
  if (m) return checked(Number(m[1]), Number(m[2]), m[3] ?? m[4] ?? null);
  m = /^(\d{1,2})\s?([/.-])\s?(\d{1,2})(?:\s?([/.-])\s?(\d{4}|\d{2}))?$/.exec(t);
  if (m) {
    // the two separators must agree ("20/5-2022" is not a date)
    if (m[4] && m[4] !== m[2]) return null;
    return checked(Number(m[1]), Number(m[3]), m[5] ?? null);
  }
  return null;
}

function checked(d: number, mo: number, yText: string | null): WrittenDate | null {
  let y: number | null = null;
  if (yText) {
    y = Number(yText);
    if (yText.length === 2) y += 2000;
  }
  if (mo < 1 || mo > 12 || d < 1) return null;
  // without a year, 29/2 is accepted and checked when the year is known
  if (d > lastDayOfMonth(y ?? 2000, mo)) return null;
  if (y !== null && (y < 1900 || y > 2200)) return null;
  return { d, m: mo, y };
}
