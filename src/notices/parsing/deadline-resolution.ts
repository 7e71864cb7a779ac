/**
 * From a deadline phrase to the last day still on time.
 *
 * Conventions (README of the corpus): "trước ngày D" → D − 1; "chậm nhất ngày D", "trước hoặc
 * trong ngày D", "đến ngày D", "trước 14 giờ ngày D" → D; a dated action → D; periods → their last
 * day; relative deadlines count from the issue date (the next day is day one) and stay null when
 * the anchor event has no known date; repetitions have no single due date.
 *
 * Year-less dates ("trước ngày 20/7", "Ngày 12/5 hoàn thiện ...") take their year from, in order:
 *   1. the document's own date (its issue date; for a news item, the meeting it reports; else the
 *      date it was received): the same year, or the next one when the day would fall more than half
 *      a year before it (a notice of 20/12 asking for something "trước ngày 10/01"); a day a few
 *      weeks before it stays in the same year, as a reported event or a late deadline;
 *   2. a year written near it in a time expression ("... trước ngày 20/7, phục vụ kỳ họp giữa năm
 *      2023"), nearest first;
 *   3. the latest year the document writes.
 */
import { addWorkingDays, hasHolidayData, isWorkingDay } from "./holidays.js";
import type { DeadlineHit } from "./deadline-patterns.js";
import type { RecurrenceRule } from "./types.js";
import { vi } from "./messages-vi.js";
import type { Span } from "./segments.js";
import {
  type CalendarDate,
  addDays,
  addMonths,
  compareDates,
  formatDateVi,
  isValidDate,
  lastDayOfMonth,
  toIsoDate,
} from "./vietnamese-dates.js";

/** A year the text writes in a time expression, at a clean offset. */
export interface YearHint {
  at: number;
  y: number;
}

export interface ResolveContext {
  /** The document's issue date. */
  issued: CalendarDate | null;
  /** Without an issue date: the meeting a news item reports, a posting date, or the date the document was received. */
  reference: CalendarDate | null;
  /** What `reference` is, for the notes. */
  referenceKind: "event" | "received" | null;
  /** Years written in time expressions, in text order. */
  yearHints: YearHint[];
}

export interface Resolution {
  due: string | null;
  recurrence: string | null;
  recurrenceRule: RecurrenceRule | null;
  reading: string;
  notes: string[];
  time: string | null;
  /** The resolved day (null when none), for context checks. */
  day: CalendarDate | null;
}

/** Half a year: a year-less day further back than this from the document's date belongs to the next year. */
const ROLLOVER_DAYS = 183;

const YEAR_HINT_RE = new RegExp(
  [
    // a full date "20/5/2022", not part of a document number "09/2021/NQ-HĐND"
    "(?<![\\d/])\\d{1,2}\\s?[/.\\-]\\s?\\d{1,2}\\s?[/.\\-]\\s?(?<y1>\\d{4})(?![\\d/])",
    // "tháng 5/2022", "quý II/2023"
    "(?:tháng|quý)\\s+[\\dIVX]{1,4}\\s*\\/\\s*(?<y2>\\d{4})(?!\\d)",
    // "năm 2023" (also in "kỳ họp giữa năm 2023", "6 tháng đầu năm 2019")
    "(?<![\\p{L}])năm\\s+(?<y3>\\d{4})(?!\\d)",
  ].join("|"),
  "giu",
);

/** The years a text writes in dates and time expressions (not in document numbers or terms of office). */
export function yearHintsOf(clean: string): YearHint[] {
  const out: YearHint[] = [];
  YEAR_HINT_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = YEAR_HINT_RE.exec(clean))) {
    const y = Number(m.groups?.y1 ?? m.groups?.y2 ?? m.groups?.y3);
    if (y >= 1990 && y <= 2100) out.push({ at: m.index, y });
  }
  return out;
}

function anchorOf(ctx: ResolveContext): { date: CalendarDate; kind: "issued" | "event" | "received" } | null {
  if (ctx.issued) return { date: ctx.issued, kind: "issued" };
  if (ctx.reference) return { date: ctx.reference, kind: ctx.referenceKind ?? "event" };
  return null;
}

function nearestHint(ctx: ResolveContext, at: number, within?: Span): number | null {
  let best: YearHint | null = null;
  for (const h of ctx.yearHints) {
    if (within && (h.at < within.start || h.at >= within.end)) continue;
    if (!best || Math.abs(h.at - at) < Math.abs(best.at - at)) best = h;
  }
  return best?.y ?? null;
}

function latestHint(ctx: ResolveContext): number | null {
  return ctx.yearHints.reduce<number | null>((a, h) => (a === null || h.y > a ? h.y : a), null);
}

/** The year of a year-less day, and a note saying where it came from. */
function yearOfDay(w: { d: number; m: number }, ctx: ResolveContext, at: number, sentence: Span | null, notes: string[]): number | null {
  const anchor = anchorOf(ctx);
  if (anchor) {
    const a = anchor.date;
    const same = { y: a.y, m: w.m, d: Math.min(w.d, lastDayOfMonth(a.y, w.m)) };
    if (compareDates(same, a) < -ROLLOVER_DAYS) {
      notes.push(vi.notes.yearNext(a.y + 1));
      return a.y + 1;
    }
    notes.push(
      anchor.kind === "issued"
        ? vi.notes.yearFromIssue(a.y)
        : anchor.kind === "event"
          ? vi.notes.yearFromEvent(a.y)
          : vi.notes.yearFallback(a.y),
    );
    return a.y;
  }
  const near = (sentence && nearestHint(ctx, at, sentence)) ?? nearestHint(ctx, at, { start: at - 600, end: at + 600 });
  if (near !== null) {
    notes.push(vi.notes.yearNearby(near));
    return near;
  }
  const latest = latestHint(ctx);
  if (latest !== null) notes.push(vi.notes.yearFallback(latest));
  return latest;
}

/** The year of a year-less period: this year's, or the next one if this year's has ended before the document's date. */
function yearOfPeriod(
  end: (y: number) => CalendarDate,
  ctx: ResolveContext,
  at: number,
  sentence: Span | null,
  notes: string[],
  thisYear = false,
): number | null {
  const anchor = anchorOf(ctx);
  if (anchor) {
    if (thisYear) return anchor.date.y;
    if (compareDates(end(anchor.date.y), anchor.date) < 0) {
      notes.push(vi.notes.yearNext(anchor.date.y + 1));
      return anchor.date.y + 1;
    }
    notes.push(anchor.kind === "issued" ? vi.notes.yearFromIssue(anchor.date.y) : vi.notes.yearFromEvent(anchor.date.y));
    return anchor.date.y;
  }
  return yearOfDay({ d: end(2000).d, m: end(2000).m }, ctx, at, sentence, notes);
}

const ORDINAL = (n: number) => {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
  return `${n}${s}`;
};

/**
 * The due date of a deadline phrase. `sentence` (clean offsets) lets a year-less date take a year
 * written in the same sentence.
 */
export function resolveDeadline(hit: DeadlineHit, phrase: string, ctx: ResolveContext, sentence: Span | null = null): Resolution {
  const notes: string[] = [];
  const res = (due: CalendarDate | null, reading: string, recurrence: string | null = null): Resolution => {
    if (due && ctx.issued && compareDates(due, ctx.issued) < 0) notes.push(vi.notes.beforeIssue);
    const recurrenceRule = recurrence && hit.recurring ? ruleOf(hit.recurring) : null;
    return { due: due ? toIsoDate(due) : null, recurrence, recurrenceRule, reading, notes, time: hit.time ?? null, day: due };
  };
  const p = phrase.replace(/\s+/g, " ").trim();
  switch (hit.rule) {
    case "before":
    case "by":
    case "exact": {
      if (hit.beforeMonth) {
        const bm = hit.beforeMonth;
        const y = bm.y ?? yearOfPeriod((yy) => ({ y: yy, m: bm.m, d: 1 }), ctx, hit.start, sentence, notes);
        if (y === null) return res(null, vi.reading.noYear(p));
        const due = addDays({ y, m: bm.m, d: 1 }, -1);
        return res(due, vi.reading.beforeMonth(p, formatDateVi(due)));
      }
      const w = hit.date!;
      const y = w.y ?? yearOfDay(w, ctx, hit.start, sentence, notes);
      if (y === null || !isValidDate(y, w.m, w.d)) return res(null, vi.reading.noYear(p));
      const d = { y, m: w.m, d: w.d };
      if (hit.rule === "before") {
        const due = addDays(d, -1);
        return res(due, vi.reading.before(p, formatDateVi(due), w.d));
      }
      if (hit.rule === "exact") return res(d, vi.reading.exact(p, formatDateVi(d)));
      if (hit.time) return res(d, vi.reading.byTime(p, formatDateVi(d), hit.time.replace(":", " giờ ").replace(/ giờ 00$/, " giờ")));
      return res(d, vi.reading.by(p, formatDateVi(d)));
    }
    case "month": {
      const per = hit.period!;
      const endOf = (yy: number) => ({ y: yy, m: per.index, d: lastDayOfMonth(yy, per.index) });
      const y = per.y ?? yearOfPeriod(endOf, ctx, hit.start, sentence, notes);
      if (y === null) return res(null, vi.reading.noYear(p));
      const due = endOf(y);
      return res(due, vi.reading.month(p, formatDateVi(due)));
    }
    case "quarter": {
      const per = hit.period!;
      const endOf = (yy: number) => ({ y: yy, m: per.index * 3, d: lastDayOfMonth(yy, per.index * 3) });
      const y = per.y ?? yearOfPeriod(endOf, ctx, hit.start, sentence, notes);
      if (y === null) return res(null, vi.reading.noYear(p));
      const due = endOf(y);
      return res(due, vi.reading.quarter(p, formatDateVi(due)));
    }
    case "half_year":
    case "year": {
      const per = hit.period!;
      const first = per.kind === "first_half";
      const endOf = (yy: number) => (first ? { y: yy, m: 6, d: 30 } : { y: yy, m: 12, d: 31 });
      const y = per.y ?? yearOfPeriod(endOf, ctx, hit.start, sentence, notes, per.thisYear);
      if (y === null) return res(null, vi.reading.noYear(p));
      const due = endOf(y);
      if (hit.rule === "year") return res(due, vi.reading.year(p, formatDateVi(due)));
      return res(due, first ? vi.reading.halfYear(p, formatDateVi(due)) : vi.reading.secondHalfYear(p, formatDateVi(due)));
    }
    case "relative":
      return resolveRelative(hit, p, ctx, sentence, notes, res);
    case "recurring": {
      const { en, vn } = describeRecurrence(hit.recurring!, p);
      return res(null, vi.reading.recurring(p, vn), en);
    }
  }
}

function resolveRelative(
  hit: DeadlineHit,
  p: string,
  ctx: ResolveContext,
  sentence: Span | null,
  notes: string[],
  res: (due: CalendarDate | null, reading: string, recurrence?: string | null) => Resolution,
): Resolution {
  const r = hit.relative!;
  let anchor: CalendarDate | null = null;
  let anchorLabel: string;
  switch (r.anchor) {
    case "issued":
      anchorLabel = vi.relative.anchorIssued;
      anchor = ctx.issued;
      break;
    case "signed":
      anchorLabel = vi.relative.anchorSigned;
      anchor = ctx.issued;
      break;
    case "received":
      anchorLabel = vi.relative.anchorReceived;
      anchor = ctx.issued;
      break;
    case "explicit": {
      anchorLabel = vi.relative.anchorExplicit;
      const w = r.anchorDate!;
      const y = w.y ?? yearOfDay(w, ctx, hit.start, sentence, notes);
      anchor = y !== null && isValidDate(y, w.m, w.d) ? { y, m: w.m, d: w.d } : null;
      break;
    }
    default:
      return res(null, vi.reading.relativeUnknown(p, r.anchorText || "không ghi"));
  }
  if (!anchor) {
    return res(null, r.anchor === "explicit" ? vi.reading.noYear(p) : vi.reading.relativeNoIssueDate(p));
  }
  let due: CalendarDate;
  let count: string;
  switch (r.unit) {
    case "working_day":
      due = r.direction > 0 ? addWorkingDays(anchor, r.n) : subtractWorkingDays(anchor, r.n);
      count = vi.relative.workingDays(r.n);
      if (!hasHolidayData(due.y) || !hasHolidayData(anchor.y)) notes.push(vi.notes.noHolidayData(due.y));
      break;
    case "week":
      due = addDays(anchor, 7 * r.n * r.direction);
      count = vi.relative.weeks(r.n);
      break;
    case "month":
      due = addMonths(anchor, r.n * r.direction);
      count = vi.relative.months(r.n);
      break;
    default:
      due = addDays(anchor, r.n * r.direction);
      count = vi.relative.calendarDays(r.n);
  }
  return res(due, vi.reading.relative(p, count, anchorLabel, formatDateVi(anchor), formatDateVi(due)));
}

function subtractWorkingDays(anchor: CalendarDate, n: number): CalendarDate {
  let c = anchor;
  let counted = 0;
  while (counted < n) {
    c = addDays(c, -1);
    if (isWorkingDay(c)) counted++;
  }
  return c;
}

function ruleOf(r: NonNullable<DeadlineHit["recurring"]>): RecurrenceRule {
  if (r.dayMonth) return { period: r.period, day: r.dayMonth.d, month: r.dayMonth.m, cut: r.cut };
  return { period: r.period, day: r.day ?? null, month: null, cut: r.cut };
}

function describeRecurrence(r: NonNullable<DeadlineHit["recurring"]>, phrase: string): { en: string; vn: string } {
  const base = { weekly: "weekly", monthly: "monthly", quarterly: "quarterly", half_yearly: "every six months", yearly: "yearly" }[
    r.period
  ];
  const vnBase = {
    weekly: vi.recurrence.weekly,
    monthly: vi.recurrence.monthly,
    quarterly: vi.recurrence.quarterly,
    half_yearly: vi.recurrence.halfYearly,
    yearly: vi.recurrence.yearly,
  }[r.period];
  if (r.dayMonth) {
    const dm = `${String(r.dayMonth.d).padStart(2, "0")}/${r.dayMonth.m}`;
    const cut = r.cut === "before" ? "before" : r.cut === "by" ? "by" : "on";
    return {
      en: `${base}, ${cut} ${dm} each year (${phrase})`,
      vn: r.cut === "before" ? vi.recurrence.beforeDay(vnBase, dm) : vi.recurrence.onDay(vnBase, dm),
    };
  }
  if (r.day !== undefined) {
    const cut = r.cut === "before" ? "before" : r.cut === "by" ? "by" : "on";
    const scope = r.period === "quarterly" ? "of the last month of each quarter" : "of each month";
    const en = `${base}, ${cut} the ${ORDINAL(r.day)} ${scope} (${phrase})`;
    let vn: string;
    if (r.period === "monthly")
      vn =
        r.cut === "by"
          ? vi.recurrence.monthlyByDay(r.day)
          : r.cut === "before"
            ? vi.recurrence.monthlyBeforeDay(r.day)
            : vi.recurrence.onDay(vnBase, String(r.day));
    else
      vn =
        r.cut === "before"
          ? vi.recurrence.beforeDay(vnBase, `${r.day} của tháng cuối quý`)
          : vi.recurrence.onDay(vnBase, `${r.day} của tháng cuối quý`);
    return { en, vn };
  }
  return { en: `${base} (${phrase}), no day specified`, vn: vnBase };
}
