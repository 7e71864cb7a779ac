/**
 * Deadline phrases: finding them in a sentence and turning them into a due date.
 *
 * A date is a deadline only with a cue that makes it one ("trước ngày", "chậm nhất ngày", "trong
 * tháng", "trong vòng 10 ngày kể từ", ...). Bare dates — cited documents ("Văn bản số 4561/UBND-TD6
 * ngày 21/6/2019"), meetings ("vào ngày 04/7/2019"), windows ("từ ngày 15/11 đến ngày 25/11") —
 * carry no cue and are never read. Cues that also occur in other roles are checked in context:
 * "đến ngày D" is a deadline only with a delivery verb and outside a "từ ... đến ..." window;
 * "trước ngày D" right after a past verb ("đã được tiếp nhận trước ngày 01/7/2025") delimits
 * which files are meant; a period in a past statement ("Trong quý I năm 2019, ... đã ...") is a
 * report, not a deadline.
 *
 * Conventions (README of the corpus): "trước ngày D" → D − 1; "chậm nhất ngày D", "trước hoặc
 * trong ngày D", "đến ngày D", "trước 14 giờ ngày D" → D; periods → their last day; relative
 * deadlines count from the issue date (the next day is day 1) and stay null when the anchor event
 * has no known date; recurring ones have no single due date.
 */
import { addWorkingDays, hasHolidayData, isWorkingDay } from "./holidays.js";
import { vi } from "./messages-vi.js";
import { WORD_NUMBER_SOURCE, parseCount, parseQuarter } from "./numbers.js";
import type { Span } from "./segments.js";
import type { DueRule } from "./types.js";
import {
  type CalendarDate,
  DATE_SOURCE,
  DATE_WITH_YEAR_SOURCE,
  type WrittenDate,
  addDays,
  addMonths,
  compareDates,
  formatDateVi,
  inferYear,
  isValidDate,
  lastDayOfMonth,
  parseWrittenDate,
  toIsoDate,
} from "./vietnamese-dates.js";

export type RecurrencePeriod = "weekly" | "monthly" | "quarterly" | "half_yearly" | "yearly";

export interface DeadlineHit {
  start: number; // clean offsets of the deadline phrase
  end: number;
  rule: DueRule;
  /** A phrase naming one day (before/by/exact/relative), as opposed to a period. */
  precise: boolean;
  date?: WrittenDate;
  time?: string | null;
  beforeMonth?: { m: number; y: number | null };
  period?: { kind: "month" | "quarter" | "first_half" | "second_half" | "year"; index: number; y: number | null; thisYear?: boolean };
  relative?: {
    n: number;
    unit: "day" | "working_day" | "week" | "month";
    direction: 1 | -1;
    anchor: "issued" | "signed" | "received" | "explicit" | "unknown" | "unstated";
    anchorText: string;
    anchorDate?: WrittenDate;
  };
  recurring?: { period: RecurrencePeriod; day?: number; dayMonth?: { d: number; m: number }; cut: "before" | "by" | "on" | null };
}

const LB = "(?<![\\p{L}\\p{M}\\d])";
const RB = "(?![\\p{L}\\p{M}\\d])";
const D = DATE_SOURCE;
const DY = DATE_WITH_YEAR_SOURCE;
const WEEKDAY = "(?:(?:thứ\\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\\s+nhật)\\s*,?\\s*)";
const WN = WORD_NUMBER_SOURCE;
const CHAM_NHAT = "(?:chậm\\s+nhất|muộn\\s+nhất|không\\s+muộn\\s+hơn)";

// Verbs of delivering something: a recurring or "đến ngày" phrase is a deadline only near one.
const DELIVERY_RE =
  /(?<![\p{L}\p{M}])(?:báo\s+cáo|gửi|nộp|cập\s+nhật|tổng\s+hợp|cung\s+cấp|trình|hoàn\s+thành|hoàn\s+thiện|hoàn\s+tất|xong|chuyển)(?![\p{L}\p{M}])/u;
// Words that make a clause an instruction even if it mentions something past.
const OBLIGATION_RE =
  /(?<![\p{L}\p{M}])(?:phải|cần|đề\s+nghị|yêu\s+cầu|giao|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|chậm\s+nhất)(?![\p{L}\p{M}])/u;
const PAST_RE = /(?<![\p{L}\p{M}])đã(?![\p{L}\p{M}])/gu;

interface PatternSpec {
  re: RegExp;
  /** "đến ngày D" needs its context checked. */
  den?: boolean;
  build: (m: RegExpExecArray, ctx: MatchContext) => Omit<DeadlineHit, "start" | "end"> | null;
  /** Extra characters after the match that belong to the phrase (relative anchors). */
  extend?: (m: RegExpExecArray, ctx: MatchContext) => number;
}

interface MatchContext {
  clean: string;
  span: Span;
  /** absolute offset of the match */
  at: number;
}

function dateOf(text: string | undefined): WrittenDate | null {
  return text ? parseWrittenDate(text) : null;
}

function timeOf(h: string, min: string | undefined): string {
  return `${h.padStart(2, "0")}:${(min ?? "00").padStart(2, "0")}`;
}

/** The anchor of a relative deadline, read from the words after "kể từ / sau khi / trước". */
function readAnchor(text: string): { kind: NonNullable<DeadlineHit["relative"]>["anchor"]; length: number; date?: WrittenDate } {
  const stop = /(?:[,;.()]|\s(?:để|nhằm|phải|thì|và|theo|gửi|báo\s+cáo|trình|hoàn\s+thành)\s)/u.exec(text);
  const limit = Math.min(stop ? stop.index : text.length, 90);
  const t = text.slice(0, limit).trimEnd();
  const DOC = "(?:văn\\s+bản|thông\\s+báo|công\\s+văn|kế\\s+hoạch|quyết\\s+định|chỉ\\s+thị|giấy\\s+mời|nghị\\s+quyết|hướng\\s+dẫn)";
  let m = new RegExp(`^(?:ngày\\s+)?(${D})`, "iu").exec(t);
  if (m) {
    const date = parseWrittenDate(m[1]!);
    if (date) return { kind: "explicit", length: m[0].length, date };
  }
  m = new RegExp(`^(?:ngày\\s+)?(?:${DOC}\\s+(?:này\\s+)?(?:được\\s+)?)?(ký|ban\\s+hành)(?:\\s+${DOC}(?:\\s+này)?)?${RB}`, "iu").exec(t);
  if (m) return { kind: /^ký/iu.test(m[1]!) ? "signed" : "issued", length: m[0].length };
  m = new RegExp(`^(?:ngày\\s+)?nhận\\s+được(?:\\s+(${DOC})(?:\\s+này)?)?${RB}`, "iu").exec(t);
  if (m) {
    // "nhận được (Thông báo này)" is this document; "nhận được hồ sơ hợp lệ" another event
    if (m[1] || t.slice(m[0].length).trim() === "") return { kind: "received", length: m[0].length };
    return { kind: "unknown", length: t.length };
  }
  return { kind: "unknown", length: t.length };
}

const PATTERNS: PatternSpec[] = [
  // ---- recurring (longest forms first)
  {
    re: new RegExp(
      `${LB}(?:định\\s+kỳ\\s+)?(trước|chậm\\s+nhất(?:\\s+(?:vào|là))?|vào)\\s+ngày\\s+(\\d{1,2}\\s?[/.\\-]\\s?\\d{1,2}|\\d{1,2}\\s+tháng\\s+\\d{1,2})\\s+(?:của\\s+)?(?:hằng|hàng|mỗi)\\s+năm${RB}`,
      "giu",
    ),
    build: (m) => {
      const w = parseWrittenDate(m[2]!);
      if (!w) return null;
      return { rule: "recurring", precise: false, recurring: { period: "yearly", dayMonth: { d: w.d, m: w.m }, cut: cutOf(m[1]!) } };
    },
  },
  {
    re: new RegExp(
      `${LB}(?:định\\s+kỳ\\s+)?(?:(trước|chậm\\s+nhất(?:\\s+(?:vào|là))?|vào|trong)\\s+)?ngày\\s+(\\d{1,2})\\s+(?:của\\s+)?(?:hằng|hàng|mỗi)\\s+tháng${RB}`,
      "giu",
    ),
    build: (m) => ({
      rule: "recurring",
      precise: false,
      recurring: { period: "monthly", day: Number(m[2]), cut: m[1] ? cutOf(m[1]) : "on" },
    }),
  },
  {
    re: new RegExp(
      `${LB}(?:định\\s+kỳ\\s+)?(?:hằng|hàng)\\s+(tháng|quý)\\s*,?\\s*(trước|chậm\\s+nhất(?:\\s+(?:vào|là))?|vào)\\s+ngày\\s+(\\d{1,2})(?:\\s+(?:của\\s+)?tháng\\s+cuối\\s+quý)?(?![\\d/.\\-])`,
      "giu",
    ),
    build: (m) => ({
      rule: "recurring",
      precise: false,
      recurring: { period: /quý/iu.test(m[1]!) ? "quarterly" : "monthly", day: Number(m[3]), cut: cutOf(m[2]!) },
    }),
  },
  {
    re: new RegExp(
      `${LB}(?:định\\s+kỳ\\s+)?(trước|chậm\\s+nhất(?:\\s+(?:vào|là))?)\\s+ngày\\s+(\\d{1,2})\\s+(?:của\\s+)?tháng\\s+cuối\\s+(?:mỗi\\s+|hằng\\s+|hàng\\s+)?quý${RB}`,
      "giu",
    ),
    build: (m) => ({ rule: "recurring", precise: false, recurring: { period: "quarterly", day: Number(m[2]), cut: cutOf(m[1]!) } }),
  },
  {
    re: new RegExp(
      `${LB}(?:định\\s+kỳ\\s+)?(?:hằng|hàng)\\s+(tháng|quý|năm|tuần)${RB}|${LB}định\\s+kỳ\\s+(?:(6|06|sáu)\\s+tháng(?:\\s*(?:\\/|một)\\s*lần)?|(3|03|ba)\\s+tháng(?:\\s*(?:\\/|một)\\s*lần)?|(tháng|quý|năm|tuần))${RB}`,
      "giu",
    ),
    build: (m) => {
      const unit = (m[1] ?? m[4] ?? "").toLowerCase();
      const period: RecurrencePeriod = m[2]
        ? "half_yearly"
        : m[3]
          ? "quarterly"
          : unit === "tháng"
            ? "monthly"
            : unit === "quý"
              ? "quarterly"
              : unit === "năm"
                ? "yearly"
                : "weekly";
      return { rule: "recurring", precise: false, recurring: { period, cut: null } };
    },
  },
  // ---- a day, with a time-of-day cut-off: "trước 14 giờ, ngày 05/12/2017" → by D
  {
    re: new RegExp(
      `${LB}(?:trước|${CHAM_NHAT}(?:\\s+(?:là|vào|lúc))*|hạn\\s+chót(?:\\s+là)?)\\s+(?:lúc\\s+)?(\\d{1,2})\\s*(?:giờ|h|g)\\s*(\\d{1,2})?\\s*(?:phút)?\\s*,?\\s*${WEEKDAY}?(?:ngày\\s+)?(${D})`,
      "giu",
    ),
    build: (m) => {
      const date = dateOf(m[3]);
      const h = Number(m[1]);
      if (!date || h > 24) return null;
      return { rule: "by", precise: true, date, time: timeOf(m[1]!, m[2]) };
    },
  },
  // "trước hoặc trong ngày D"
  {
    re: new RegExp(`${LB}(?:trước\\s+hoặc\\s+(?:trong|vào)|trong\\s+hoặc\\s+trước)\\s+ngày\\s+(${D})`, "giu"),
    build: (m) => withDate("by", m[1]),
  },
  // "chậm nhất (là/vào) ngày D"
  {
    re: new RegExp(`${LB}(?:${CHAM_NHAT}|không\\s+quá)(?:\\s+(?:là|vào|trong))*\\s*,?\\s+${WEEKDAY}?(?:ngày\\s+(${D})|(${DY}))`, "giu"),
    build: (m) => withDate("by", m[1] ?? m[2]),
  },
  // "hạn chót: ngày D", "thời hạn hoàn thành: D"
  {
    re: new RegExp(
      `${LB}(?:hạn\\s+(?:chót|cuối)|thời\\s+hạn)(?:\\s+(?!ngày)[\\p{L}]+){0,4}?(?:\\s+(?:là|vào))?\\s*:?\\s*(?:ngày\\s+(${D})|(${DY}))`,
      "giu",
    ),
    build: (m) => withDate("by", m[1] ?? m[2]),
  },
  // ---- relative: "trong vòng 10 ngày kể từ ngày nhận được", "chậm nhất 05 ngày trước ngày khai mạc"
  {
    re: new RegExp(
      `${LB}(trong\\s+(?:vòng|thời\\s+hạn|thời\\s+gian|phạm\\s+vi)|trong|${CHAM_NHAT}(?:\\s+là)?(?:\\s+sau)?|không\\s+quá|tối\\s+đa|sau|trước)\\s+(\\d{1,3}|${WN})(?:\\s*\\(\\s*(?:\\d{1,3}|[\\p{L}\\s]{2,25}?)\\s*\\))?\\s+(ngày\\s+làm\\s+việc|ngày|tuần|tháng)${RB}(\\s*,?\\s*(?:kể\\s+từ|tính\\s+từ|sau\\s+khi|sau|trước|từ)\\s+)?`,
      "giu",
    ),
    build: (m, ctx) => {
      const prefix = m[1]!.toLowerCase().replace(/\s+/g, " ");
      const n = parseCount(m[2]!);
      const unitText = m[3]!.toLowerCase().replace(/\s+/g, " ");
      const connector = (m[4] ?? "").trim().replace(/^,\s*/, "").toLowerCase().replace(/\s+/g, " ");
      if (n === null || n <= 0 || n > 999) return null;
      const after = ctx.clean.slice(ctx.at + m[0].length, ctx.span.end);
      // "trong 6 tháng đầu năm" is a period; "trong 03 ngày, từ ngày 09/12 đến ..." a duration
      if (unitText === "tháng" && /^\s*(?:đầu|cuối)\s+năm/u.test(after)) return null;
      if (prefix === "trong" && !/^(?:kể từ|tính từ|sau khi|sau)$/u.test(connector)) return null;
      if (connector === "từ" && new RegExp(`^(?:ngày\\s+)?${D}\\s+(?:đến|tới)`, "iu").test(after)) return null;
      if (prefix === "trước" && !connector && !/^\s*\p{L}/u.test(after)) return null;
      // a bare "sau 15 ngày" is a deadline only when it closes the clause or an obligation follows
      // ("sau một tháng vận hành ..." describes a period)
      if (prefix === "sau" && !connector && !/^\s*(?:[,;.)]|$|phải\s|thì\s)/u.test(after)) return null;
      const unit = unitText === "ngày làm việc" ? "working_day" : unitText === "tuần" ? "week" : unitText === "tháng" ? "month" : "day";
      const direction: 1 | -1 = prefix === "trước" || connector === "trước" ? -1 : 1;
      let anchor: NonNullable<DeadlineHit["relative"]>["anchor"] = "unstated";
      let anchorText = "";
      let anchorDate: WrittenDate | undefined;
      if (connector || prefix === "trước") {
        const a = readAnchor(after);
        anchor = a.kind;
        anchorText = after.slice(0, a.length).trim();
        anchorDate = a.date;
      }
      return {
        rule: "relative",
        precise: true,
        relative: { n, unit, direction, anchor, anchorText, ...(anchorDate ? { anchorDate } : {}) },
      };
    },
    extend: (m, ctx) => {
      if (!m[4] && !/^trước$/iu.test(m[1]!)) return 0;
      const after = ctx.clean.slice(ctx.at + m[0].length, ctx.span.end);
      return readAnchor(after).length;
    },
  },
  // ---- "trước ngày D" → D − 1
  {
    re: new RegExp(`${LB}(?<!hoặc\\s)trước\\s+${WEEKDAY}?(?:ngày\\s+(${D})|(${DY}))`, "giu"),
    build: (m) => withDate("before", m[1] ?? m[2]),
  },
  // "đến (hết) ngày D" → D, checked in context below
  {
    re: new RegExp(`${LB}(?:đến|tới)\\s+(?:hết\\s+)?ngày\\s+(${D})`, "giu"),
    den: true,
    build: (m) => withDate("by", m[1]),
  },
  // ---- periods
  {
    re: new RegExp(
      `${LB}(?:trong|hoàn\\s+thành(?:\\s+trong)?|hết)\\s+(?:6|06|sáu)\\s+tháng\\s+(đầu|cuối)\\s+năm(?:\\s+(\\d{4}|nay))?${RB}`,
      "giu",
    ),
    build: (m) => ({
      rule: "half_year",
      precise: false,
      period: {
        kind: /đầu/iu.test(m[1]!) ? "first_half" : "second_half",
        index: 0,
        y: yearOf(m[2]),
        thisYear: !m[2] || /nay/iu.test(m[2]),
      },
    }),
  },
  {
    re: new RegExp(`${LB}trước\\s+tháng\\s+(\\d{1,2})(?:\\s*(?:\\/|,?\\s*năm)\\s*(\\d{4}))?(?![\\p{L}\\d/])`, "giu"),
    build: (m) => {
      const mo = Number(m[1]);
      if (mo < 1 || mo > 12) return null;
      return { rule: "before", precise: false, beforeMonth: { m: mo, y: yearOf(m[2]) } };
    },
  },
  {
    re: new RegExp(
      `${LB}(?:trong|trước\\s+cuối|cuối|hết|trước\\s+hết)\\s+tháng\\s+(\\d{1,2})(?:\\s*(?:\\/|,?\\s*năm)\\s*(\\d{4}))?(?![\\p{L}\\d/])`,
      "giu",
    ),
    build: (m) => {
      const mo = Number(m[1]);
      if (mo < 1 || mo > 12) return null;
      return { rule: "month", precise: false, period: { kind: "month", index: mo, y: yearOf(m[2]) } };
    },
  },
  {
    re: new RegExp(
      `${LB}(?:trong|trước\\s+cuối|cuối|hết)\\s+quý\\s+(IV|III|II|I|[1-4]|một|hai|ba|bốn|tư|nhất)(?![\\p{L}\\d])(?:\\s*(?:\\/|,?\\s*năm)\\s*(\\d{4}))?`,
      "giu",
    ),
    build: (m) => {
      const q = parseQuarter(m[1]!);
      if (!q) return null;
      return { rule: "quarter", precise: false, period: { kind: "quarter", index: q, y: yearOf(m[2]) } };
    },
  },
  {
    re: new RegExp(`${LB}(?:trong|trước\\s+cuối)\\s+năm\\s+(\\d{4}|nay)${RB}`, "giu"),
    build: (m) => ({ rule: "year", precise: false, period: { kind: "year", index: 0, y: yearOf(m[1]), thisYear: /nay/iu.test(m[1]!) } }),
  },
];

function cutOf(word: string): "before" | "by" | "on" {
  const w = word.toLowerCase();
  if (w.startsWith("trước")) return "before";
  if (w.startsWith("chậm")) return "by";
  return "on";
}

function yearOf(text: string | undefined): number | null {
  return text && /^\d{4}$/.test(text) ? Number(text) : null;
}

function withDate(rule: DueRule, text: string | undefined): Omit<DeadlineHit, "start" | "end"> | null {
  const date = dateOf(text);
  if (!date) return null;
  return { rule, precise: true, date };
}

/** Clause (between ";") of a sentence that contains an offset. */
function clauseAround(clean: string, span: Span, at: number): Span {
  let s = span.start;
  let e = span.end;
  for (let i = at - 1; i >= span.start; i--) {
    if (clean[i] === ";") {
      s = i + 1;
      break;
    }
  }
  for (let i = at; i < span.end; i++) {
    if (clean[i] === ";") {
      e = i;
      break;
    }
  }
  return { start: s, end: e };
}

function wordsBetween(text: string): number {
  const t = text.trim();
  return t ? t.split(/\s+/).length : 0;
}

/** Whether a phrase at [start, end) sits in a past statement rather than an instruction. */
function inPastStatement(clean: string, span: Span, start: number, end: number): boolean {
  const clause = clauseAround(clean, span, start);
  const text = clean.slice(clause.start, clause.end);
  const rel = start - clause.start;
  PAST_RE.lastIndex = 0;
  const past: number[] = [];
  let m: RegExpExecArray | null;
  while ((m = PAST_RE.exec(text))) past.push(m.index);
  if (past.length === 0) return false;
  const before = past.filter((p) => p < rel);
  // "đã được tiếp nhận trước ngày 01/7/2025": the date qualifies a past act
  if (before.length > 0) {
    const last = before[before.length - 1]!;
    const between = text.slice(last + 2, rel);
    if (wordsBetween(between) <= 4 && !OBLIGATION_RE.test(between)) return true;
  }
  // "Trong quý I năm 2019, ... đã bám sát ...": a period opening a past statement
  const lead = text.slice(0, rel).replace(/^[\s,:-]+/u, "");
  if (lead === "" && past.some((p) => p > end - clause.start) && !OBLIGATION_RE.test(text)) return true;
  // something "đã" happened before the phrase and nothing in the clause asks for anything
  if (before.length > 0 && !OBLIGATION_RE.test(text)) return true;
  return false;
}

/** "đến ngày D" is a deadline only when something is delivered, outside a "từ ... đến ..." window. */
function isDeadlineDen(clean: string, span: Span, start: number): boolean {
  const clause = clauseAround(clean, span, start);
  const before = clean.slice(clause.start, start);
  if (/(?<![\p{L}\p{M}])từ(?![\p{L}\p{M}])/u.test(before)) return false;
  if (
    /(?:tính|ước(?:\s+thực\s+hiện|\s+tính|\s+đạt)?|số\s+liệu|thời\s+điểm|đến\s+nay|cập\s+nhật|kéo\s+dài|gia\s+hạn\s+hiệu\s+lực)\s*$/u.test(
      before.trimEnd(),
    )
  )
    return false;
  return DELIVERY_RE.test(before) || /(?:thời\s+hạn|hạn\s+chót|hạn\s+cuối)/u.test(before);
}

function nearDelivery(clean: string, span: Span, start: number, end: number): boolean {
  const clause = clauseAround(clean, span, start);
  const before = clean.slice(Math.max(clause.start, start - 60), start);
  const after = clean.slice(end, Math.min(clause.end, end + 60));
  return DELIVERY_RE.test(before) || DELIVERY_RE.test(after);
}

/** All deadline phrases in one sentence (or table row). */
export function findDeadlines(clean: string, span: Span): DeadlineHit[] {
  const text = clean.slice(span.start, span.end);
  const accepted: DeadlineHit[] = [];
  const overlaps = (s: number, e: number) => accepted.some((h) => s < h.end && e > h.start);
  for (const spec of PATTERNS) {
    spec.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = spec.re.exec(text))) {
      if (m[0].length === 0) {
        spec.re.lastIndex++;
        continue;
      }
      const at = span.start + m.index;
      const ctx: MatchContext = { clean, span, at };
      const built = spec.build(m, ctx);
      if (!built) continue;
      let len = m[0].replace(/[\s,]+$/u, "").length;
      if (spec.extend) {
        const extra = spec.extend(m, ctx);
        if (extra > 0) len = m[0].length + extra;
      }
      const start = at;
      const end = at + len;
      if (overlaps(start, end)) continue;
      const hit: DeadlineHit = { start, end, ...built };
      if (!acceptable(clean, span, hit, spec)) continue;
      accepted.push(hit);
    }
  }
  accepted.sort((a, b) => a.start - b.start);
  // A period next to a precise deadline in the same clause is the subject of the report
  // ("báo cáo kết quả 6 tháng đầu năm 2022 trước ngày 15/6/2022"), not a second deadline.
  return accepted.filter((h) => {
    if (h.precise || h.rule === "recurring") return true;
    const cl = clauseAround(clean, span, h.start);
    return !accepted.some((o) => o !== h && o.precise && o.start >= cl.start && o.end <= cl.end);
  });
}

/** "từ tháng 7/2023 đến hết tháng 12/2023": the end of an activity window, not a deadline. */
function endsWindow(clean: string, span: Span, start: number): boolean {
  const clause = clauseAround(clean, span, start);
  const before = clean.slice(clause.start, start);
  const from = /(?<![\p{L}\p{M}])từ\s+(?:ngày|tháng|quý|năm|nay)(?![\p{L}\p{M}])/giu;
  let m: RegExpExecArray | null;
  while ((m = from.exec(before))) {
    if (/(?<![\p{L}\p{M}])(?:đến|tới)(?![\p{L}\p{M}])/u.test(before.slice(m.index))) return true;
  }
  return false;
}

function acceptable(clean: string, span: Span, hit: DeadlineHit, spec: PatternSpec): boolean {
  if (hit.rule === "recurring") {
    if (!nearDelivery(clean, span, hit.start, hit.end)) return false;
    return !inPastStatement(clean, span, hit.start, hit.end);
  }
  if (spec.den && !isDeadlineDen(clean, span, hit.start)) return false;
  if (!hit.precise && endsWindow(clean, span, hit.start)) return false;
  return !inPastStatement(clean, span, hit.start, hit.end);
}

/** A dated scheduled action at the start of a line or row: "Ngày 22/10/2021 | Gửi dự thảo ...", "Ngày 1/7 gửi các báo cáo". */
export function findScheduledAction(clean: string, span: Span): DeadlineHit | null {
  const text = clean.slice(span.start, span.end);
  const m = new RegExp(
    `^(?:Ngày|ngày)\\s+(${D})(?=\\s*(?:\\||:|-)?\\s*(?:(?:hoàn\\s+thành|hạn)\\s+)?(?:gửi|nộp|hoàn\\s+thành|hoàn\\s+thiện|hoàn\\s+chỉnh|trình|báo\\s+cáo|ban\\s+hành|phát\\s+hành|cung\\s+cấp|chuyển|công\\s+bố|niêm\\s+yết|tổng\\s+hợp|bàn\\s+giao|xong)${RB})`,
    "iu",
  ).exec(text);
  if (!m) return null;
  const date = dateOf(m[1]);
  if (!date) return null;
  return { start: span.start, end: span.start + m[0].length, rule: "exact", precise: true, date };
}

/** A table cell under a "Thời hạn" column may hold a bare date or period: "Quý II/2024", "30/6/2024", "Tháng 6/2024". */
export function findCellDeadline(clean: string, span: Span): DeadlineHit | null {
  const text = clean.slice(span.start, span.end).trim();
  const hits = findDeadlines(clean, span);
  if (hits.length > 0) return hits[0]!;
  const at = span.start + (clean.slice(span.start, span.end).length - clean.slice(span.start, span.end).trimStart().length);
  const mk = (len: number, h: Omit<DeadlineHit, "start" | "end">): DeadlineHit => ({ start: at, end: at + len, ...h });
  let m = new RegExp(`^(?:ngày\\s+)?(${D})$`, "iu").exec(text);
  if (m) {
    const w = withDate("by", m[1]);
    return w ? mk(m[0].length, w) : null;
  }
  m = /^tháng\s+(\d{1,2})(?:\s*(?:\/|,?\s*năm)\s*(\d{4}))?$/iu.exec(text);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) {
    return mk(m[0].length, { rule: "month", precise: false, period: { kind: "month", index: Number(m[1]), y: yearOf(m[2]) } });
  }
  m = /^quý\s+(IV|III|II|I|[1-4])(?:\s*(?:\/|,?\s*năm)\s*(\d{4}))?$/iu.exec(text);
  if (m) {
    const q = parseQuarter(m[1]!);
    if (q) return mk(m[0].length, { rule: "quarter", precise: false, period: { kind: "quarter", index: q, y: yearOf(m[2]) } });
  }
  m = /^(?:6|06|sáu)\s+tháng\s+(đầu|cuối)\s+năm(?:\s+(\d{4}))?$/iu.exec(text);
  if (m) {
    return mk(m[0].length, {
      rule: "half_year",
      precise: false,
      period: { kind: /đầu/iu.test(m[1]!) ? "first_half" : "second_half", index: 0, y: yearOf(m[2]), thisYear: !m[2] },
    });
  }
  m = /^năm\s+(\d{4})$/iu.exec(text);
  if (m) return mk(m[0].length, { rule: "year", precise: false, period: { kind: "year", index: 0, y: yearOf(m[1]) } });
  return null;
}

// ---------------------------------------------------------------- resolution

export interface ResolveContext {
  issued: CalendarDate | null;
  /** Year to use for year-less dates when there is no issue date (reference date, or the text). */
  fallbackYear: number | null;
}

export interface Resolution {
  due: string | null;
  recurrence: string | null;
  reading: string;
  notes: string[];
  time: string | null;
}

const ORDINAL = (n: number) => {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
  return `${n}${s}`;
};

function resolveYear(
  w: { d: number; m: number; y: number | null },
  ctx: ResolveContext,
  notes: string[],
  periodEnd?: (y: number) => CalendarDate,
): number | null {
  if (w.y !== null) return w.y;
  if (periodEnd && ctx.issued) {
    // a period without year: this year's, or next year's if this year's has already ended
    const end = periodEnd(ctx.issued.y);
    if (compareDates(end, ctx.issued) < 0) {
      notes.push(vi.notes.yearNext(ctx.issued.y + 1));
      return ctx.issued.y + 1;
    }
    notes.push(vi.notes.yearFromIssue(ctx.issued.y));
    return ctx.issued.y;
  }
  const inf = inferYear(w, ctx.issued, ctx.fallbackYear);
  if (!inf) return null;
  if (inf.inferred === "issue_year") notes.push(vi.notes.yearFromIssue(inf.y));
  else if (inf.inferred === "next_year") notes.push(vi.notes.yearNext(inf.y));
  else notes.push(vi.notes.yearFallback(inf.y));
  return inf.y;
}

export function resolveDeadline(hit: DeadlineHit, phrase: string, ctx: ResolveContext): Resolution {
  const notes: string[] = [];
  const res = (due: CalendarDate | null, reading: string, recurrence: string | null = null): Resolution => {
    if (due && ctx.issued && compareDates(due, ctx.issued) < 0) notes.push(vi.notes.beforeIssue);
    return { due: due ? toIsoDate(due) : null, recurrence, reading, notes, time: hit.time ?? null };
  };
  const p = phrase.replace(/\s+/g, " ").trim();
  switch (hit.rule) {
    case "before":
    case "by":
    case "exact": {
      if (hit.beforeMonth) {
        const bm = hit.beforeMonth;
        const y = resolveYear({ d: 1, m: bm.m, y: bm.y }, ctx, notes, (yy) => ({ y: yy, m: bm.m, d: 1 }));
        if (y === null) return res(null, vi.reading.noYear(p));
        const due = addDays({ y, m: bm.m, d: 1 }, -1);
        return res(due, vi.reading.beforeMonth(p, formatDateVi(due)));
      }
      const w = hit.date!;
      const y = resolveYear(w, ctx, notes);
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
      const y = resolveYear({ d: 1, m: per.index, y: per.y }, ctx, notes, (yy) => ({
        y: yy,
        m: per.index,
        d: lastDayOfMonth(yy, per.index),
      }));
      if (y === null) return res(null, vi.reading.noYear(p));
      const due = { y, m: per.index, d: lastDayOfMonth(y, per.index) };
      return res(due, vi.reading.month(p, formatDateVi(due)));
    }
    case "quarter": {
      const per = hit.period!;
      const endOf = (yy: number) => ({ y: yy, m: per.index * 3, d: lastDayOfMonth(yy, per.index * 3) });
      const y = resolveYear({ d: 1, m: per.index * 3, y: per.y }, ctx, notes, endOf);
      if (y === null) return res(null, vi.reading.noYear(p));
      const due = endOf(y);
      return res(due, vi.reading.quarter(p, formatDateVi(due)));
    }
    case "half_year":
    case "year": {
      const per = hit.period!;
      const first = per.kind === "first_half";
      const endOf = (yy: number) => (first ? { y: yy, m: 6, d: 30 } : { y: yy, m: 12, d: 31 });
      let y = per.y;
      if (y === null) {
        if (ctx.issued && per.thisYear) y = ctx.issued.y;
        else y = resolveYear({ d: 1, m: first ? 6 : 12, y: null }, ctx, notes, endOf);
      }
      if (y === null) return res(null, vi.reading.noYear(p));
      const due = endOf(y);
      if (hit.rule === "year") return res(due, vi.reading.year(p, formatDateVi(due)));
      return res(due, first ? vi.reading.halfYear(p, formatDateVi(due)) : vi.reading.secondHalfYear(p, formatDateVi(due)));
    }
    case "relative":
      return resolveRelative(hit, p, ctx, notes, res);
    case "recurring": {
      const r = hit.recurring!;
      const { en, vn } = describeRecurrence(r, p);
      return res(null, vi.reading.recurring(p, vn), en);
    }
  }
}

function resolveRelative(
  hit: DeadlineHit,
  p: string,
  ctx: ResolveContext,
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
      const y = resolveYear(w, ctx, notes);
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
