/**
 * Calendar arithmetic in a council's time zone (default Asia/Ho_Chi_Minh: UTC+7, no daylight saving),
 * and parsing of the dates and times people type.
 *
 * Instants are `Date`s. Calendar dates are ISO strings "YYYY-MM-DD" (`LocalDate`) and wall-clock times
 * are "HH:mm" (`LocalTime`): plain data that compares correctly as strings and reads well in keys.
 * Nothing here reads the system clock or the system time zone.
 */
import { DateTime, IANAZone } from "luxon";
import { dateInput, timeInput } from "../../i18n/vi/schedule.js";
import type { SafeHtml } from "../../text/html.js";

export const DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh";

/** A calendar date in a council's time zone: "2022-05-31". */
export type LocalDate = string;
/** A wall-clock time, 24 hours: "17:00". */
export type LocalTime = string;

/** ISO weekday: 1 = Monday (thứ Hai) ... 6 = Saturday (thứ Bảy), 7 = Sunday (Chủ nhật). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: IsoWeekday;
}

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for an IANA zone name luxon (and Intl) understands. */
export function isValidTimeZone(tz: string): boolean {
  return IANAZone.isValidZone(tz);
}

function zoned(instant: Date, tz: string): DateTime {
  const dt = DateTime.fromJSDate(instant, { zone: tz });
  if (!dt.isValid) throw new RangeError(`Invalid instant or time zone (${tz}): ${dt.invalidExplanation ?? ""}`);
  return dt;
}

function dateParts(date: LocalDate): { year: number; month: number; day: number } {
  const m = LOCAL_DATE_RE.exec(date);
  if (!m) throw new RangeError(`Not a local date (YYYY-MM-DD): ${date}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`No such date: ${date}`);
  }
  return { year, month, day };
}

function timeParts(time: LocalTime): { hour: number; minute: number } {
  const m = LOCAL_TIME_RE.exec(time);
  if (!m) throw new RangeError(`Not a local time (HH:mm): ${time}`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** True for a well-formed, existing "YYYY-MM-DD". */
export function isLocalDate(value: string): boolean {
  try {
    dateParts(value);
    return true;
  } catch {
    return false;
  }
}

/** True for a well-formed "HH:mm" (00:00 to 23:59). */
export function isLocalTime(value: string): boolean {
  return LOCAL_TIME_RE.test(value);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Minutes since local midnight of "HH:mm". */
export function minutesOfDay(time: LocalTime): number {
  const { hour, minute } = timeParts(time);
  return hour * 60 + minute;
}

/** Year, month, day, hour, ... and ISO weekday of an instant in the zone. */
export function localParts(instant: Date, tz: string = DEFAULT_TIMEZONE): LocalParts {
  const dt = zoned(instant, tz);
  return {
    year: dt.year,
    month: dt.month,
    day: dt.day,
    hour: dt.hour,
    minute: dt.minute,
    second: dt.second,
    millisecond: dt.millisecond,
    weekday: dt.weekday as IsoWeekday,
  };
}

/**
 * Recent answers of localDateOf by zone and instant. Planning a national council's reminders asks for the same
 * few deadlines' dates for each of 3,321 units and 20 tasks, and a luxon conversion costs microseconds each.
 */
const localDateCache = new Map<string, LocalDate>();
const LOCAL_DATE_CACHE_SIZE = 4096;

/** The local calendar date of an instant: "2022-05-31". */
export function localDateOf(instant: Date, tz: string = DEFAULT_TIMEZONE): LocalDate {
  const key = `${tz}|${instant.getTime()}`;
  const hit = localDateCache.get(key);
  if (hit !== undefined) return hit;
  const date = zoned(instant, tz).toFormat("yyyy-MM-dd");
  if (localDateCache.size >= LOCAL_DATE_CACHE_SIZE) localDateCache.clear();
  localDateCache.set(key, date);
  return date;
}

/** The local wall-clock time of an instant, to the minute: "17:00". */
export function localTimeOf(instant: Date, tz: string = DEFAULT_TIMEZONE): LocalTime {
  return zoned(instant, tz).toFormat("HH:mm");
}

/**
 * The instant of a local date and time: atLocal("2022-05-31", "17:00") = 2022-05-31T10:00:00Z.
 * Throws RangeError on malformed input (these come from code and validated settings, not from people).
 * In zones with daylight saving, a wall time that does not exist moves forward (luxon's rule).
 */
export function atLocal(date: LocalDate, time: LocalTime = "00:00", tz: string = DEFAULT_TIMEZONE): Date {
  const { year, month, day } = dateParts(date);
  const { hour, minute } = timeParts(time);
  const dt = DateTime.fromObject({ year, month, day, hour, minute }, { zone: tz });
  if (!dt.isValid) throw new RangeError(`Invalid local date-time ${date} ${time} in ${tz}`);
  return dt.toJSDate();
}

/** The first instant of the instant's local day (00:00:00.000). */
export function startOfLocalDay(instant: Date, tz: string = DEFAULT_TIMEZONE): Date {
  return zoned(instant, tz).startOf("day").toJSDate();
}

/** The last millisecond of the instant's local day (23:59:59.999). The next day starts 1 ms later. */
export function endOfLocalDay(instant: Date, tz: string = DEFAULT_TIMEZONE): Date {
  return zoned(instant, tz).endOf("day").toJSDate();
}

/** True when the instant is exactly local midnight. */
export function isLocalMidnight(instant: Date, tz: string = DEFAULT_TIMEZONE): boolean {
  return startOfLocalDay(instant, tz).getTime() === instant.getTime();
}

/** Calendar date arithmetic: addLocalDays("2022-12-31", 1) = "2023-01-01". */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = dateParts(date);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** The same local wall-clock time `days` calendar days later (or earlier when negative). */
export function addDaysLocal(instant: Date, days: number, tz: string = DEFAULT_TIMEZONE): Date {
  return zoned(instant, tz).plus({ days }).toJSDate();
}

/** Calendar days from `from` to `to`: daysBetween("2022-05-28", "2022-05-31") = 3. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const a = dateParts(from);
  const b = dateParts(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** ISO weekday of a local date (1 = Monday ... 7 = Sunday). */
export function weekdayOf(date: LocalDate): IsoWeekday {
  const { year, month, day } = dateParts(date);
  const js = new Date(Date.UTC(year, month - 1, day)).getUTCDay(); // 0 = Sunday
  return (js === 0 ? 7 : js) as IsoWeekday;
}

/** ISO weekday of an instant in the zone. */
export function localWeekday(instant: Date, tz: string = DEFAULT_TIMEZONE): IsoWeekday {
  return zoned(instant, tz).weekday as IsoWeekday;
}

/** ISO week of a local date, "2022-W22" (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekKey(date: LocalDate): string {
  const { year, month, day } = dateParts(date);
  const dt = DateTime.fromObject({ year, month, day }, { zone: "UTC" });
  return `${dt.weekYear}-W${pad2(dt.weekNumber)}`;
}

/**
 * The last local day on which a report still counts as on time.
 *
 * Decision: a deadline at exactly 00:00 on day D means "by the end of D−1" (offices write "hạn hết ngày
 * 30/5" and store midnight of 31/5). So the deadline day is D−1: the "due-day" reminder is on D−1
 * morning, "còn 1 ngày" is said on D−2, and the first overdue day is D. Any other time (17:00 on D,
 * 00:01 on D) keeps D. Implemented as the local date of the instant one millisecond before the deadline.
 */
export function deadlineDate(dueAt: Date, tz: string = DEFAULT_TIMEZONE): LocalDate {
  return localDateOf(new Date(dueAt.getTime() - 1), tz);
}

/** Deadline day minus today's local date: 3 = "còn 3 ngày", 0 = the deadline day, -2 = "quá hạn 2 ngày". */
export function daysLeft(now: Date, dueAt: Date, tz: string = DEFAULT_TIMEZONE): number {
  return daysBetween(localDateOf(now, tz), deadlineDate(dueAt, tz));
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

// ---------------------------------------------------------------------------------------------------
// Dates and times typed by people

export type InputErrorCode = "empty" | "unreadable" | "does-not-exist" | "missing-year" | "year-out-of-range";

/** A parse outcome: the value, or why not with a Vietnamese message ready to send back. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; code: InputErrorCode; input: string; message: SafeHtml };

export interface ParseDateOptions {
  /** Year used when the person types only day and month ("31/5"); without it such input is refused. */
  defaultYear?: number;
  /** Accepted years (inclusive); default 2000-2100. */
  minYear?: number;
  maxYear?: number;
}

const DMY_RE = /^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?$/;
const YMD_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const WORDS_RE = /^(\d{1,2})\s*tháng\s*(\d{1,2})(?:\s*(?:năm|,|\/)?\s*(\d{4}))?$/;

function cleanInput(input: string): string {
  return input.normalize("NFC").trim().replace(/\s+/g, " ");
}

/**
 * Parses a date as people in Vietnam write it: "31/5/2022", "31/05/2022", "31-5-2022", "31.5.2022",
 * "2022-05-31", "31 tháng 5 năm 2022", an optional leading "ngày", a two-digit year ("31/5/22" = 2022),
 * and "31/5" when `defaultYear` is given. Day first, always (Vietnamese order).
 * Impossible dates (30/02/2022, 31/4, month 13) are refused, not rolled over.
 */
export function parseUserDate(input: string, options: ParseDateOptions = {}): ParseResult<LocalDate> {
  const raw = cleanInput(input);
  const text = raw.replace(/^ngày\s*/i, "").replace(/\.$/, "");
  if (text === "") return { ok: false, code: "empty", input: raw, message: dateInput.empty() };

  let day: number;
  let month: number;
  let year: number | undefined;
  let m: RegExpExecArray | null;
  if ((m = YMD_RE.exec(text))) {
    year = Number(m[1]);
    month = Number(m[2]);
    day = Number(m[3]);
  } else if ((m = DMY_RE.exec(text))) {
    day = Number(m[1]);
    month = Number(m[3]);
    if (m[4] !== undefined) year = m[4].length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
  } else if ((m = WORDS_RE.exec(text.toLowerCase()))) {
    day = Number(m[1]);
    month = Number(m[2]);
    if (m[3] !== undefined) year = Number(m[3]);
  } else {
    return { ok: false, code: "unreadable", input: raw, message: dateInput.unreadable(raw) };
  }

  // A day that exists in no year (31/4, 32/1, month 13) is refused before asking for the year;
  // 29/2 without a year is judged once the year is known.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2024, month)) {
    return { ok: false, code: "does-not-exist", input: text, message: dateInput.doesNotExist(text) };
  }
  if (year === undefined) {
    if (options.defaultYear === undefined) {
      return { ok: false, code: "missing-year", input: text, message: dateInput.missingYear(text) };
    }
    year = options.defaultYear;
  }
  const minYear = options.minYear ?? 2000;
  const maxYear = options.maxYear ?? 2100;
  if (year < minYear || year > maxYear) {
    return { ok: false, code: "year-out-of-range", input: text, message: dateInput.yearOutOfRange(text) };
  }
  if (day > daysInMonth(year, month)) {
    return { ok: false, code: "does-not-exist", input: text, message: dateInput.doesNotExist(text) };
  }
  return { ok: true, value: `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}` };
}

const TIME_RE = /^(\d{1,2})\s*(?:(?::|\.)\s*(\d{2})|(?:h|g|giờ)\s*(?:(\d{1,2})\s*(?:p|ph|phút|')?)?)?\s*(sáng|trưa|chiều|tối|đêm)?$/;

/**
 * Parses a time of day: "17:00", "17.00", "17h", "17h30", "8 giờ", "8 giờ 30", "8g30", and the
 * period words "5 giờ chiều" (17:00), "8 giờ tối" (20:00), "9 giờ sáng", "12 giờ trưa".
 * A bare number ("17") is refused: it is as likely a day as an hour.
 */
export function parseUserTime(input: string): ParseResult<LocalTime> {
  const raw = cleanInput(input);
  if (raw === "") return { ok: false, code: "empty", input: raw, message: timeInput.empty() };
  const text = raw.toLowerCase();
  const m = TIME_RE.exec(text);
  // A bare number has neither a separator nor a unit nor a period word.
  if (!m || /^\d{1,2}$/.test(text)) {
    return { ok: false, code: "unreadable", input: raw, message: timeInput.unreadable(raw) };
  }
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? m[3] ?? 0);
  const period = m[4];
  if (hour > 23 || minute > 59) {
    return { ok: false, code: "does-not-exist", input: raw, message: timeInput.doesNotExist(raw) };
  }
  if (period === "chiều" || period === "tối") {
    if (hour >= 1 && hour <= 11) hour += 12;
    else if (hour === 0 || (hour === 12 && period === "tối")) {
      return { ok: false, code: "does-not-exist", input: raw, message: timeInput.doesNotExist(raw) };
    }
  } else if (period === "trưa") {
    if (hour >= 1 && hour <= 2) hour += 12;
    else if (hour !== 11 && hour !== 12 && hour < 13) {
      return { ok: false, code: "does-not-exist", input: raw, message: timeInput.doesNotExist(raw) };
    }
  } else if (period === "sáng") {
    if (hour > 12) return { ok: false, code: "does-not-exist", input: raw, message: timeInput.doesNotExist(raw) };
  } else if (period === "đêm") {
    if (hour === 12) hour = 0;
    else if (hour >= 9 && hour <= 11) hour += 12;
    else if (hour > 4 && hour < 21) {
      return { ok: false, code: "does-not-exist", input: raw, message: timeInput.doesNotExist(raw) };
    }
  }
  return { ok: true, value: `${pad2(hour)}:${pad2(minute)}` };
}
