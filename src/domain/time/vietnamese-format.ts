/**
 * Dates and times the way Vietnamese official texts write them: "thứ Ba, ngày 31/5/2022", "17:00",
 * "17:00 thứ Ba, ngày 31/5/2022". Day and month have no leading zero; times are 24-hour "HH:mm".
 * Sentences live in `i18n/vi/schedule.ts`; this module only shapes dates.
 */
import type { SafeHtml } from "../../text/html.js";
import { relativeDue } from "../../i18n/vi/schedule.js";
import {
  DEFAULT_TIMEZONE,
  daysLeft,
  deadlineDate,
  isLocalMidnight,
  localParts,
  weekdayOf,
  type IsoWeekday,
  type LocalDate,
} from "./vietnam-time.js";

const WEEKDAY_NAMES: Record<IsoWeekday, string> = {
  1: "thứ Hai",
  2: "thứ Ba",
  3: "thứ Tư",
  4: "thứ Năm",
  5: "thứ Sáu",
  6: "thứ Bảy",
  7: "Chủ nhật",
};

/** "thứ Hai" ... "thứ Bảy", "Chủ nhật" for ISO weekdays 1..7 (lower-case "thứ" as inside a sentence). */
export function weekdayName(weekday: IsoWeekday): string {
  return WEEKDAY_NAMES[weekday];
}

/** Upper-cases the first letter, for a date that starts a sentence: "Thứ Ba, ngày 31/5/2022". */
export function capitalizeFirst(text: string): string {
  return text.length === 0 ? text : text[0]!.toLocaleUpperCase("vi") + text.slice(1);
}

function splitDate(date: LocalDate): { year: number; month: number; day: number } {
  const [y, m, d] = date.split("-").map(Number);
  return { year: y!, month: m!, day: d! };
}

/** "31/5/2022" for a LocalDate "2022-05-31". */
export function formatLocalDateShort(date: LocalDate): string {
  const { year, month, day } = splitDate(date);
  return `${day}/${month}/${year}`;
}

/** "thứ Ba, ngày 31/5/2022" for a LocalDate "2022-05-31". */
export function formatLocalDate(date: LocalDate): string {
  return `${weekdayName(weekdayOf(date))}, ngày ${formatLocalDateShort(date)}`;
}

/** "thứ Ba, ngày 31/5/2022": the local date of an instant with its weekday. */
export function formatDate(instant: Date, tz: string = DEFAULT_TIMEZONE): string {
  const p = localParts(instant, tz);
  return `${weekdayName(p.weekday)}, ngày ${p.day}/${p.month}/${p.year}`;
}

/** "31/5/2022". */
export function formatShortDate(instant: Date, tz: string = DEFAULT_TIMEZONE): string {
  const p = localParts(instant, tz);
  return `${p.day}/${p.month}/${p.year}`;
}

/** "31/5" (day and month only, for compact lists). */
export function formatDayMonth(instant: Date, tz: string = DEFAULT_TIMEZONE): string {
  const p = localParts(instant, tz);
  return `${p.day}/${p.month}`;
}

/** "17:00", "08:05". */
export function formatTime(instant: Date, tz: string = DEFAULT_TIMEZONE): string {
  const p = localParts(instant, tz);
  return `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
}

/** "17:00 thứ Ba, ngày 31/5/2022". */
export function formatDateTime(instant: Date, tz: string = DEFAULT_TIMEZONE): string {
  return `${formatTime(instant, tz)} ${formatDate(instant, tz)}`;
}

/** "09:15 31/5" (compact, for lists). */
export function formatShortDateTime(instant: Date, tz: string = DEFAULT_TIMEZONE): string {
  return `${formatTime(instant, tz)} ${formatDayMonth(instant, tz)}`;
}

/**
 * A deadline as people should read it: "17:00 thứ Ba, ngày 31/5/2022"; a deadline at exactly local
 * midnight is shown as the end of the previous day, "hết ngày thứ Hai, ngày 30/5/2022"
 * (see `deadlineDate`).
 */
export function formatDeadline(dueAt: Date, tz: string = DEFAULT_TIMEZONE): string {
  if (isLocalMidnight(dueAt, tz)) return `hết ${formatLocalDate(deadlineDate(dueAt, tz))}`;
  return formatDateTime(dueAt, tz);
}

/** "còn 3 ngày", "còn 1 ngày (hạn ngày mai)", "hạn là hôm nay", "quá hạn 2 ngày", as seen at `now`. */
export function formatRelativeDue(now: Date, dueAt: Date, tz: string = DEFAULT_TIMEZONE): SafeHtml {
  return relativeDue(daysLeft(now, dueAt, tz), now.getTime() > dueAt.getTime());
}
