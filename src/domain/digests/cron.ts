/**
 * Past occurrences of a node-cron expression in a time zone.
 *
 * node-cron 4 validates and expands expressions (`validate`, `validateDetailed`: ranges, lists, steps,
 * month and weekday names, nicknames like @daily, optional seconds field) but only looks forward in
 * time, and its matcher class is not exported. So the fields are taken from node-cron's own parser and
 * matched here, with node-cron's semantics: every field must match (day of month AND day of week, not
 * the classic cron OR), plus its day tokens L, L-n, nW, LW (day of month) and nL, n#k (day of week).
 * The tests check this matcher against node-cron's own `ScheduledTask.match`.
 */
import cron from "node-cron";
import { DateTime } from "luxon";

export type CronCheck = { ok: true } | { ok: false; message: string };

/** Checks an expression the way node-cron will when it is scheduled. Messages are English, for operators. */
export function validateCron(expr: string): CronCheck {
  if (typeof expr !== "string" || expr.trim() === "") return { ok: false, message: "cron expression is empty" };
  if (cron.validate(expr)) return { ok: true };
  const detailed = cron.validateDetailed(expr);
  const why = detailed.errors.map((e) => e.message).join("; ") || "not accepted by node-cron";
  return { ok: false, message: `invalid cron expression "${expr}": ${why}` };
}

type DayToken = number | string;

export interface CompiledCron {
  expr: string;
  /** Descending, for walking backwards. */
  seconds: number[];
  minutes: number[];
  hours: number[];
  daysOfMonth: DayToken[];
  months: Set<number>;
  daysOfWeek: DayToken[];
}

export type CompileResult = { ok: true; cron: CompiledCron } | { ok: false; message: string };

export function compileCron(expr: string): CompileResult {
  const check = validateCron(expr);
  if (!check.ok) return check;
  const d = cron.validateDetailed(expr);
  if (!d.valid || !d.fields) return { ok: false, message: `invalid cron expression "${expr}"` };
  const desc = (xs: readonly (number | string)[]) =>
    [...new Set(xs.filter((x): x is number => typeof x === "number"))].sort((a, b) => b - a);
  return {
    ok: true,
    cron: {
      expr,
      seconds: desc(d.fields.second),
      minutes: desc(d.fields.minute),
      hours: desc(d.fields.hour),
      daysOfMonth: d.fields.dayOfMonth,
      months: new Set(d.fields.month),
      daysOfWeek: d.fields.dayOfWeek.map((v) => (v === 7 ? 0 : v)),
    },
  };
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function nearestWeekday(year: number, month: number, target: number): number {
  const last = lastDayOfMonth(year, month);
  if (target < 1 || target > last) return -1;
  const wd = new Date(Date.UTC(year, month - 1, target)).getUTCDay();
  if (wd === 6) return target === 1 ? target + 2 : target - 1;
  if (wd === 0) return target === last ? target - 2 : target + 1;
  return target;
}

function matchesDayOfMonth(tokens: readonly DayToken[], year: number, month: number, day: number): boolean {
  const last = lastDayOfMonth(year, month);
  for (const t of tokens) {
    if (t === day) return true;
    if (typeof t !== "string") continue;
    if (t === "L" && day === last) return true;
    const w = /^(\d{1,2}|L)W$/.exec(t);
    if (w && nearestWeekday(year, month, w[1] === "L" ? last : Number(w[1])) === day) return true;
    const off = /^L-(\d{1,2})$/.exec(t);
    if (off && last - Number(off[1]) === day) return true;
  }
  return false;
}

function matchesDayOfWeek(tokens: readonly DayToken[], year: number, month: number, day: number): boolean {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay(); // 0 = Sunday
  for (const t of tokens) {
    if (t === weekday) return true;
    if (typeof t !== "string") continue;
    const nth = /^([0-7])#([1-5])$/.exec(t);
    if (nth) {
      if (Number(nth[1]) % 7 === weekday && Math.floor((day - 1) / 7) + 1 === Number(nth[2])) return true;
      continue;
    }
    const lastOf = /^([0-7])L$/i.exec(t);
    if (lastOf && Number(lastOf[1]) % 7 === weekday && day + 7 > lastDayOfMonth(year, month)) return true;
  }
  return false;
}

/** Does the expression fire on this local calendar day? */
export function cronMatchesDay(c: CompiledCron, year: number, month: number, day: number): boolean {
  return c.months.has(month) && matchesDayOfMonth(c.daysOfMonth, year, month, day) && matchesDayOfWeek(c.daysOfWeek, year, month, day);
}

/** Does the expression fire at this instant (to the second)? */
export function cronMatches(c: CompiledCron, instant: Date, tz: string): boolean {
  const dt = DateTime.fromJSDate(instant, { zone: tz });
  return (
    dt.millisecond === 0 &&
    c.seconds.includes(dt.second) &&
    c.minutes.includes(dt.minute) &&
    c.hours.includes(dt.hour) &&
    cronMatchesDay(c, dt.year, dt.month, dt.day)
  );
}

/** How far back to look for one occurrence: 29 February every 4 (at worst 8) years. */
const MAX_DAYS_BACK = 366 * 9;

/**
 * The latest occurrence at or before `at`, or null if none within about nine years.
 * Local wall times that do not exist (a daylight-saving gap) are skipped, as the instant would not read
 * back to the same wall time.
 */
export function previousOccurrence(c: CompiledCron, at: Date, tz: string): Date | null {
  const start = DateTime.fromJSDate(at, { zone: tz });
  if (!start.isValid) throw new RangeError(`Invalid instant or time zone (${tz})`);
  const bound = at.getTime();
  const startSecondOfDay = start.hour * 3600 + start.minute * 60 + start.second;
  let y: number = start.year;
  let m: number = start.month;
  let d: number = start.day;
  for (let i = 0; i < MAX_DAYS_BACK; i++) {
    if (cronMatchesDay(c, y, m, d)) {
      for (const h of c.hours) {
        if (i === 0 && h * 3600 > startSecondOfDay) continue;
        for (const min of c.minutes) {
          if (i === 0 && h * 3600 + min * 60 > startSecondOfDay) continue;
          for (const s of c.seconds) {
            if (i === 0 && h * 3600 + min * 60 + s > startSecondOfDay) continue;
            const dt = DateTime.fromObject({ year: y, month: m, day: d, hour: h, minute: min, second: s }, { zone: tz });
            if (!dt.isValid || dt.hour !== h || dt.minute !== min || dt.day !== d) continue;
            if (dt.toMillis() <= bound) return dt.toJSDate();
          }
        }
      }
    }
    const prev = new Date(Date.UTC(y, m - 1, d - 1));
    y = prev.getUTCFullYear();
    m = prev.getUTCMonth() + 1;
    d = prev.getUTCDate();
  }
  return null;
}

/** Up to `count` occurrences at or before `at`, latest first. */
export function previousOccurrences(c: CompiledCron, at: Date, tz: string, count: number): Date[] {
  const out: Date[] = [];
  let bound = at;
  while (out.length < count) {
    const o = previousOccurrence(c, bound, tz);
    if (!o) break;
    out.push(o);
    bound = new Date(o.getTime() - 1000);
  }
  return out;
}
