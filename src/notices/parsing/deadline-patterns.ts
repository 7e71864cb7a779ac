/**
 * The grammar of deadline phrases: one named rule per way administrative Vietnamese writes when
 * something is due.
 *
 * Each rule states the fact of the language it encodes, the phrases it must match and the phrases it
 * must not; `test/notice-parsing/deadline-patterns.test.ts` runs them all (Duckling keeps its time
 * rules the same way). A rule only recognises the phrase and what it says (a day, a period, a count
 * of days, a repetition); whether the phrase is a deadline in its sentence is decided by the context
 * checks (deadline-context.ts), and the due date by the resolution (deadline-resolution.ts).
 *
 * A date alone is never a deadline: a rule needs a cue that makes it one ("trước ngày", "chậm nhất",
 * "trong tháng", "kể từ"), or the position of a dated entry in a schedule ("Ngày 12/5 hoàn thiện dự
 * thảo ..."). Rules are tried in table order and an earlier rule's phrase wins over an overlapping
 * later one, so longer and more specific forms come first.
 */
import { WORD_NUMBER_SOURCE, parseCount, parseQuarter } from "./numbers.js";
import { type Fragment, anyOf, named, opt, optGlued, phrasePattern, punct, raw, seq } from "./grammar.js";
import type { DueRule } from "./types.js";
import { DATE_SOURCE, DATE_WITH_YEAR_SOURCE, type WrittenDate, parseWrittenDate } from "./vietnamese-dates.js";

export type RecurrencePeriod = "weekly" | "monthly" | "quarterly" | "half_yearly" | "yearly";
export type RelativeAnchor = "issued" | "signed" | "received" | "explicit" | "unknown" | "unstated";

/** What a deadline phrase says, before it is placed in the text or resolved to a day. */
export interface DeadlineReading {
  rule: DueRule;
  /** A phrase naming one day (before/by/exact/relative), as opposed to a period or a repetition. */
  precise: boolean;
  date?: WrittenDate;
  time?: string | null;
  beforeMonth?: { m: number; y: number | null };
  period?: { kind: "month" | "quarter" | "first_half" | "second_half" | "year"; index: number; y: number | null; thisYear?: boolean };
  relative?: {
    n: number;
    unit: "day" | "working_day" | "week" | "month";
    direction: 1 | -1;
    anchor: RelativeAnchor;
    anchorText: string;
    anchorDate?: WrittenDate;
  };
  recurring?: { period: RecurrencePeriod; day?: number; dayMonth?: { d: number; m: number }; cut: "before" | "by" | "on" | null };
}

/** A deadline phrase found in the text (clean offsets). */
export interface DeadlineHit extends DeadlineReading {
  start: number;
  end: number;
  /** Name of the rule that read it. */
  pattern: string;
}

type Groups = Partial<Record<string, string>>;

/** An example a rule must match: the whole string, or `phrase` inside `text`. */
export type PatternExample = string | { text: string; phrase: string };

export interface DeadlinePattern {
  name: string;
  /** The fact of administrative Vietnamese this rule encodes. */
  fact: string;
  /** "sentence-start": tried only where a sentence (or a clause after ";") begins. */
  where: "anywhere" | "sentence-start";
  re: RegExp;
  /** What the phrase says; null when the match is not that kind of phrase after all. `after` is the rest of the sentence. */
  read: (g: Groups, after: string) => DeadlineReading | null;
  /** Characters after the match that still belong to the phrase (the anchor of a relative deadline). */
  extend?: (g: Groups, after: string) => number;
  examples: PatternExample[];
  counterExamples: string[];
}

// ---------------------------------------------------------------- building blocks

const DATE = raw(DATE_SOURCE);
const DATE_Y = raw(DATE_WITH_YEAR_SOURCE);
/** "20/5" without a year and without "ngày": only with a slash (a dot could be a decimal), and not a fraction ("1/2 số đại biểu"). */
const SLASH_DAY = raw("\\d{1,2}\\s?\\/\\s?\\d{1,2}(?![\\d/.\\-])(?!\\s+(?:số|tổng|diện|dân|khối|giá|trở|thời|thành))");
/** A day as written after a cue: "ngày D", or a date that cannot be anything else. */
const DAY = anyOf(seq("ngày", named("date", DATE)), named("dateY", DATE_Y), named("dateS", SLASH_DAY));
const WEEKDAY = seq(anyOf(seq("thứ", anyOf("hai", "ba", "tư", "năm", "sáu", "bảy", raw("[2-7]"))), "chủ nhật"), punct(",?"));
const LATEST = anyOf("chậm nhất", "muộn nhất", "không muộn hơn", "không chậm hơn", "không trễ hơn", "không quá");
const EVERY = anyOf("hằng", "hàng", "mỗi");
const YEAR = raw("\\d{4}");
/** "5/2022", "5 năm 2022", "5, năm 2022": a month or quarter number with its year. */
/** "5/2022", "5.2022", "5-2022" (news style), "5 năm 2022", "5, năm 2022": a month or quarter number with its year. */
const OF_YEAR = (name: string) => optGlued(raw(`(?:[/.\\-]\\s*|,?\\s*năm\\s+)(?<${name}>\\d{4})(?!\\d)`));
const MONTH_NUMBER = raw("\\d{1,2}");
const QUARTER_NUMBER = raw("(?:IV|III|II|I|[1-4]|một|hai|ba|bốn|tư|nhất)(?![\\p{L}\\d])");
const HALF = raw("(?:6|06|sáu)");

const dayOf = (g: Groups): WrittenDate | null => {
  const t = g.date ?? g.dateY ?? g.dateS;
  return t ? parseWrittenDate(t) : null;
};

const yearOf = (text: string | undefined): number | null => (text && /^\d{4}$/.test(text) ? Number(text) : null);

function withDay(rule: DueRule, g: Groups): DeadlineReading | null {
  const date = dayOf(g);
  return date ? { rule, precise: true, date } : null;
}

function cutOf(word: string | undefined): "before" | "by" | "on" {
  const w = (word ?? "").toLowerCase();
  if (w.startsWith("trước")) return "before";
  if (w.startsWith("chậm") || w.startsWith("muộn")) return "by";
  return "on";
}

function periodOfUnit(unit: string): RecurrencePeriod {
  const u = unit.toLowerCase();
  return u === "tháng" ? "monthly" : u === "quý" ? "quarterly" : u === "năm" ? "yearly" : "weekly";
}

/** The anchor of a relative deadline, read from the words after "kể từ / sau khi / trước". */
export function readAnchor(text: string): { kind: RelativeAnchor; length: number; date?: WrittenDate } {
  const stop = /(?:[,;.()]|\s(?:để|nhằm|phải|thì|và|theo|gửi|báo\s+cáo|trình|hoàn\s+thành)\s)/u.exec(text);
  const limit = Math.min(stop ? stop.index : text.length, 90);
  const t = text.slice(0, limit).trimEnd();
  const DOC = "(?:văn\\s+bản|thông\\s+báo|công\\s+văn|kế\\s+hoạch|quyết\\s+định|chỉ\\s+thị|giấy\\s+mời|nghị\\s+quyết|hướng\\s+dẫn)";
  let m = new RegExp(`^(?:ngày\\s+)?(?<date>${DATE_SOURCE})`, "iu").exec(t);
  if (m?.groups?.date) {
    const date = parseWrittenDate(m.groups.date);
    if (date) return { kind: "explicit", length: m[0].length, date };
  }
  m = new RegExp(
    `^(?:ngày\\s+)?(?:${DOC}\\s+(?:này\\s+)?(?:được\\s+)?)?(?<act>ký|ban\\s+hành)(?:\\s+${DOC}(?:\\s+này)?)?(?![\\p{L}\\p{M}\\d])`,
    "iu",
  ).exec(t);
  if (m?.groups?.act) return { kind: /^ký/iu.test(m.groups.act) ? "signed" : "issued", length: m[0].length };
  m = new RegExp(`^(?:ngày\\s+)?nhận\\s+được(?:\\s+(?<doc>${DOC})(?:\\s+này)?)?(?![\\p{L}\\p{M}\\d])`, "iu").exec(t);
  if (m) {
    // "nhận được (Thông báo này)" is this document; "nhận được hồ sơ hợp lệ" another event
    if (m.groups?.doc || t.slice(m[0].length).trim() === "") return { kind: "received", length: m[0].length };
    return { kind: "unknown", length: t.length };
  }
  return { kind: "unknown", length: t.length };
}

function pattern(p: Omit<DeadlinePattern, "re" | "where"> & { body: Fragment; lookahead?: Fragment; where?: DeadlinePattern["where"] }) {
  const { body, lookahead, where, ...rest } = p;
  const re =
    where === "sentence-start"
      ? new RegExp(`^${body.source}${lookahead ? `(?=${lookahead.source})` : "(?![\\p{L}\\p{M}\\d])"}`, "iu")
      : phrasePattern(body, lookahead);
  return { ...rest, where: where ?? "anywhere", re } satisfies DeadlinePattern;
}

// ---------------------------------------------------------------- the table

export const DEADLINE_PATTERNS: DeadlinePattern[] = [
  // ---- repetitions (longest forms first)
  pattern({
    name: "recurring: a day and month every year",
    fact: "A day-month followed by “hằng năm / hàng năm / mỗi năm” repeats every year: the task has no single due date.",
    body: seq(
      opt("định kỳ"),
      named("cut", anyOf("trước", seq("chậm nhất", opt(anyOf("vào", "là"))), "vào")),
      "ngày",
      named("dm", raw("\\d{1,2}\\s?[/.\\-]\\s?\\d{1,2}|\\d{1,2}\\s+tháng\\s+\\d{1,2}")),
      opt("của"),
      EVERY,
      "năm",
    ),
    read: (g) => {
      const w = g.dm ? parseWrittenDate(g.dm) : null;
      if (!w) return null;
      return { rule: "recurring", precise: false, recurring: { period: "yearly", dayMonth: { d: w.d, m: w.m }, cut: cutOf(g.cut) } };
    },
    examples: ["trước ngày 15/12 hằng năm", "định kỳ chậm nhất vào ngày 30 tháng 6 hàng năm", "vào ngày 20/1 mỗi năm"],
    counterExamples: ["trước ngày 15/12/2022", "hằng năm"],
  }),
  pattern({
    name: "recurring: a day of every month",
    fact: "“ngày N hằng tháng” names the same day of each month: a monthly task.",
    body: seq(
      opt("định kỳ"),
      opt(named("cut", anyOf("trước", seq("chậm nhất", opt(anyOf("vào", "là"))), "vào", "trong"))),
      "ngày",
      named("day", raw("\\d{1,2}")),
      opt("của"),
      EVERY,
      "tháng",
    ),
    read: (g) => ({
      rule: "recurring",
      precise: false,
      recurring: { period: "monthly", day: Number(g.day), cut: g.cut ? cutOf(g.cut) : "on" },
    }),
    examples: ["định kỳ trước ngày 20 hằng tháng", "chậm nhất ngày 25 hàng tháng", "vào ngày 5 mỗi tháng", "ngày 15 hằng tháng"],
    counterExamples: ["trước ngày 20/5", "hằng tháng"],
  }),
  pattern({
    name: "recurring: every month or quarter, before a day",
    fact: "“hằng tháng/quý, trước ngày N” puts the cut-off day after the repetition; for a quarter the day is in its last month.",
    body: seq(
      opt("định kỳ"),
      anyOf("hằng", "hàng"),
      named("unit", anyOf("tháng", "quý")),
      punct(",?"),
      named("cut", anyOf("trước", seq("chậm nhất", opt(anyOf("vào", "là"))), "vào")),
      "ngày",
      named("day", raw("\\d{1,2}(?![\\d/.\\-])")),
      opt(seq(opt("của"), "tháng cuối quý")),
    ),
    read: (g) => ({
      rule: "recurring",
      precise: false,
      recurring: { period: /quý/iu.test(g.unit ?? "") ? "quarterly" : "monthly", day: Number(g.day), cut: cutOf(g.cut) },
    }),
    examples: ["hằng quý, trước ngày 15 của tháng cuối quý", "định kỳ hàng tháng chậm nhất vào ngày 25", "hằng tháng trước ngày 20"],
    counterExamples: ["hằng tháng trước ngày 20/5/2022"],
  }),
  pattern({
    name: "recurring: a day of the last month of each quarter",
    fact: "“trước ngày N của tháng cuối quý” is a quarterly cut-off.",
    body: seq(
      opt("định kỳ"),
      named("cut", anyOf("trước", seq("chậm nhất", opt(anyOf("vào", "là"))))),
      "ngày",
      named("day", raw("\\d{1,2}")),
      opt("của"),
      "tháng cuối",
      opt(EVERY),
      "quý",
    ),
    read: (g) => ({ rule: "recurring", precise: false, recurring: { period: "quarterly", day: Number(g.day), cut: cutOf(g.cut) } }),
    examples: ["trước ngày 15 của tháng cuối quý", "định kỳ chậm nhất ngày 20 tháng cuối mỗi quý"],
    counterExamples: ["trước ngày 15 tháng 6"],
  }),
  pattern({
    name: "recurring: every week, month, quarter, half-year or year",
    fact: "“định kỳ hằng quý”, “hằng tháng”, “định kỳ 6 tháng” repeat without a fixed day.",
    body: anyOf(
      seq(opt("định kỳ"), anyOf("hằng", "hàng"), named("unit", anyOf("tháng", "quý", "năm", "tuần"))),
      seq(
        "định kỳ",
        anyOf(
          named("half", seq(HALF, "tháng", optGlued(raw("(?:\\/\\s*|một\\s+)lần")))),
          named("three", seq(raw("(?:3|03|ba)"), "tháng", optGlued(raw("(?:\\/\\s*|một\\s+)lần")))),
          named("unit2", anyOf("tháng", "quý", "năm", "tuần")),
        ),
      ),
    ),
    read: (g) => ({
      rule: "recurring",
      precise: false,
      recurring: { period: g.half ? "half_yearly" : g.three ? "quarterly" : periodOfUnit(g.unit ?? g.unit2 ?? ""), cut: null },
    }),
    examples: ["định kỳ hằng quý", "hàng tháng", "hằng năm", "định kỳ 6 tháng", "định kỳ 06 tháng/lần", "định kỳ quý"],
    counterExamples: ["định kỳ", "6 tháng đầu năm", "hằng ngày"],
  }),

  // ---- one day
  pattern({
    name: "by: a time of day on a day",
    fact: "“trước 14 giờ, ngày D” / “chậm nhất 16h00 ngày D”: the day itself still counts until the stated hour.",
    body: seq(
      anyOf("trước", seq(LATEST, opt(raw("(?:là|vào|lúc)(?:\\s+(?:là|vào|lúc))*"))), seq(anyOf("hạn chót", "hạn cuối"), opt("là"))),
      opt("lúc"),
      named("hour", raw("\\d{1,2}")),
      punct("(?:giờ|h|g)"),
      opt(named("minute", raw("\\d{1,2}"))),
      opt(raw("phút")),
      punct(",?"),
      opt(WEEKDAY),
      opt(anyOf("ngày", "hôm")),
      named("date", DATE),
    ),
    read: (g) => {
      const date = g.date ? parseWrittenDate(g.date) : null;
      const h = Number(g.hour);
      if (!date || h > 24) return null;
      return { rule: "by", precise: true, date, time: `${g.hour!.padStart(2, "0")}:${(g.minute ?? "00").padStart(2, "0")}` };
    },
    examples: [
      "trước 14 giờ, ngày 05/12/2017",
      "trước 16 giờ 00 ngày 20/5/2022",
      "trước 16h00 ngày 20/5/2022",
      "chậm nhất lúc 10 giờ 30 phút, thứ Sáu, ngày 20/5/2022",
      "hạn chót là 17 giờ ngày 3/6",
    ],
    counterExamples: ["trước ngày 20/5/2022", "trước 14 giờ"],
  }),
  pattern({
    name: "by: before or on a day",
    fact: "“trước hoặc trong ngày D” includes D.",
    body: seq(anyOf(seq("trước hoặc", anyOf("trong", "vào")), "trong hoặc trước"), "ngày", named("date", DATE)),
    read: (g) => withDay("by", g),
    examples: ["trước hoặc trong ngày 30/10/2024", "trong hoặc trước ngày 5/6"],
    counterExamples: ["trước ngày 30/10/2024"],
  }),
  pattern({
    name: "by: at the latest on a day",
    fact: "“chậm nhất / muộn nhất / không muộn hơn / không quá (là, vào) ngày D” includes D.",
    body: seq(LATEST, opt(raw("(?:là|vào|trong)(?:\\s+(?:là|vào|trong))*")), punct(",?"), opt(WEEKDAY), DAY),
    read: (g) => withDay("by", g),
    examples: [
      "chậm nhất ngày 15/6/2022",
      "Chậm nhất vào ngày 15.6.2022",
      "chậm nhất là ngày 15 tháng 6 năm 2022",
      "Chậm nhất ngày 10.11",
      "muộn nhất ngày 4.10",
      "không muộn hơn ngày 20/9/2023",
      "không chậm hơn ngày 5/10/2023",
      "chậm nhất vào thứ Sáu, ngày 20/5/2022",
      "chậm nhất 30/6/2022",
      "chậm nhất 15/6",
    ],
    counterExamples: ["chậm nhất 05 ngày", "không quá 10 ngày", "chậm nhất 1/2 số đại biểu"],
  }),
  pattern({
    name: "by: a deadline named as such",
    fact: "“hạn chót / hạn cuối / thời hạn (hoàn thành, nộp ...) / thời gian hoàn thành: D” names the last day.",
    body: seq(
      anyOf("hạn chót", "hạn cuối", "thời hạn", "thời gian hoàn thành", "thời gian nộp", "thời gian gửi", "hạn nộp", "hạn gửi"),
      punct("(?:\\s+(?!ngày|trước|chậm|từ)[\\p{L}\\p{M}]+){0,4}?"),
      opt(anyOf("là", "vào")),
      punct(":?"),
      anyOf(seq("ngày", named("date", DATE)), named("dateY", DATE_Y)),
    ),
    read: (g) => withDay("by", g),
    examples: [
      "Hạn chót nộp báo cáo: ngày 27/5/2022",
      "thời hạn hoàn thành là ngày 30/6/2022",
      "Thời gian hoàn thành: 15/8/2023",
      "hạn nộp hồ sơ ngày 5/6",
    ],
    counterExamples: ["Thời hạn: trước ngày 20/5/2022", "thời hạn 10 ngày"],
  }),
  pattern({
    name: "by: within a day",
    fact: "“trong ngày D” (“ngay trong ngày D”) asks for it done on D at the latest.",
    body: seq(opt("ngay"), "trong", "ngày", named("date", DATE)),
    read: (g) => withDay("by", g),
    examples: ["trong ngày 20/7/2022", "ngay trong ngày 5/6"],
    counterExamples: ["trong ngày làm việc", "trong 5 ngày"],
  }),
  pattern({
    name: "relative: a number of days from an event",
    fact:
      "“trong vòng / trong thời hạn N ngày (làm việc) kể từ ngày ...” counts from an event (the next day is day one); " +
      "“chậm nhất N ngày trước ngày ...” counts back; a bare “trong N ngày” is a duration, not a deadline.",
    body: seq(
      named(
        "prefix",
        anyOf(
          seq("trong", anyOf("vòng", "thời hạn", "thời gian", "phạm vi")),
          "trong",
          seq(LATEST, opt("là"), opt("sau")),
          "tối đa",
          "sau",
          "trước",
        ),
      ),
      named("count", raw(`(?:\\d{1,3}|${WORD_NUMBER_SOURCE})`)),
      opt(raw("\\(\\s*(?:\\d{1,3}|[\\p{L}\\s]{2,25}?)\\s*\\)")),
      named("unit", raw("(?:ngày\\s+làm\\s+việc|ngày|tuần|tháng)(?![\\p{L}\\p{M}\\d])")),
      optGlued(raw("(?<connector>\\s*,?\\s*(?:kể\\s+từ|tính\\s+từ|sau\\s+khi|sau|trước|từ)\\s+)")),
    ),
    // the anchor words after the connector belong to the phrase (see `extend`)
    lookahead: raw(""),
    read: (g, after) => {
      const prefix = (g.prefix ?? "").toLowerCase().replace(/\s+/g, " ");
      const n = parseCount(g.count ?? "");
      const unitText = (g.unit ?? "").toLowerCase().replace(/\s+/g, " ");
      const connector = (g.connector ?? "").trim().replace(/^,\s*/, "").toLowerCase().replace(/\s+/g, " ");
      if (n === null || n <= 0 || n > 999) return null;
      // "trong 6 tháng đầu năm" is a period; "trong 03 ngày, từ ngày 09/12 đến ..." a duration
      if (unitText === "tháng" && /^\s*(?:đầu|cuối)\s+năm/u.test(after)) return null;
      if (prefix === "trong" && !/^(?:kể từ|tính từ|sau khi|sau)$/u.test(connector)) return null;
      if (connector === "từ" && new RegExp(`^(?:ngày\\s+)?${DATE_SOURCE}\\s+(?:đến|tới)`, "iu").test(after)) return null;
      if (prefix === "trước" && !connector && !/^\s*\p{L}/u.test(after)) return null;
      // a bare "sau 15 ngày" is a deadline only when it closes the clause or an obligation follows
      // ("sau một tháng vận hành ..." describes a period)
      if (prefix === "sau" && !connector && !/^\s*(?:[,;.)]|$|phải\s|thì\s)/u.test(after)) return null;
      const unit = unitText === "ngày làm việc" ? "working_day" : unitText === "tuần" ? "week" : unitText === "tháng" ? "month" : "day";
      const direction: 1 | -1 = prefix === "trước" || connector === "trước" ? -1 : 1;
      let anchor: RelativeAnchor = "unstated";
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
    extend: (g, after) => (g.connector || /^trước$/iu.test(g.prefix ?? "") ? readAnchor(after).length : 0),
    examples: [
      { text: "trong vòng 10 ngày kể từ ngày nhận được văn bản này", phrase: "trong vòng 10 ngày kể từ ngày nhận được văn bản này" },
      { text: "trong thời hạn mười lăm (15) ngày kể từ ngày ký", phrase: "trong thời hạn mười lăm (15) ngày kể từ ngày ký" },
      { text: "chậm nhất 05 ngày làm việc trước ngày 20/6/2022", phrase: "chậm nhất 05 ngày làm việc trước ngày 20/6/2022" },
      { text: "trong 30 ngày làm việc kể từ ngày ký", phrase: "trong 30 ngày làm việc kể từ ngày ký" },
      { text: "Sau 15 ngày, UBND các xã phải báo cáo", phrase: "Sau 15 ngày" },
    ],
    counterExamples: [
      "trong 03 ngày, từ ngày 09/12/2022 đến ngày 11/12/2022",
      "trong 6 tháng đầu năm",
      "sau một tháng vận hành",
      "trong 2 ngày",
    ],
  }),
  pattern({
    name: "before: before a day",
    fact: "“trước ngày D” leaves D itself out: the last day on time is D − 1 (offices differ, so the reading is shown).",
    body: seq(raw("(?<!hoặc\\s)trước"), opt(WEEKDAY), DAY),
    read: (g) => withDay("before", g),
    examples: [
      "trước ngày 20/5/2022",
      "trước ngày 20 tháng 5 năm 2022",
      "trước ngày 20-5-2022",
      "Trước ngày 25/5",
      "trước 30/6/2022",
      "trước thứ Sáu, ngày 20/5/2022",
      "trước 20/5",
      "trước ngày mồng 5 tháng 6",
    ],
    counterExamples: ["trước hoặc trong ngày 20/5/2022", "trước 14 giờ", "trước 1/2 thời gian"],
  }),
  pattern({
    name: "by: from now until a day",
    fact: "“Từ nay đến (hết) ngày D” counts down from the document to D: D is the last day.",
    body: seq("từ nay", anyOf("đến", "tới"), opt("hết"), "ngày", named("date", DATE)),
    read: (g) => withDay("by", g),
    examples: ["Từ nay đến ngày 30/6/2022", "từ nay đến hết ngày 15/8"],
    counterExamples: ["từ ngày 15/11/2021 đến ngày 25/11/2021", "đến ngày 30/6/2022"],
  }),
  pattern({
    name: "by: until a day",
    fact: "“đến (hết) ngày D” includes D, but only as the end of a delivery; after “từ” it closes a window (context checks).",
    body: seq(anyOf("đến", "tới"), opt("hết"), "ngày", named("date", DATE)),
    read: (g) => withDay("by", g),
    examples: ["đến ngày 30/5/2022", "đến hết ngày 30/5/2022", "tới ngày 5/6"],
    counterExamples: ["đến nay", "đến tháng 5"],
  }),
  pattern({
    name: "dated entry of a schedule",
    fact:
      "A schedule lists one dated action per sentence, the date first and the actor, if any, after it: " +
      "“Ngày 12/5 hoàn thiện dự thảo ...”, “Theo đó, ngày 3/9, Văn phòng sẽ gửi ...”. The day is the day of the action.",
    where: "sentence-start",
    body: seq(
      // a short lead-in: "Theo đó,", "Theo kế hoạch,", "Dự kiến", "Cụ thể,"
      opt(
        raw(
          "(?:theo\\s+đó|sau\\s+đó|tiếp\\s+đó|tiếp\\s+theo|dự\\s+kiến|cụ\\s+thể|(?:theo|về)\\s+(?:kế\\s+hoạch|dự\\s+kiến|lịch|thời\\s+gian|tiến\\s+độ)(?:\\s+[\\p{Ll}\\p{M}]+){0,2})\\s*,?",
        ),
      ),
      anyOf(seq(anyOf("sáng", "chiều", "tối", "trưa"), opt("ngày")), "ngày"),
      named("date", DATE),
    ),
    read: (g) => withDay("exact", g),
    examples: [
      { text: "Ngày 12/5 hoàn thiện dự thảo báo cáo", phrase: "Ngày 12/5" },
      { text: "ngày 3/9, Văn phòng sẽ gửi tài liệu", phrase: "ngày 3/9" },
      { text: "Theo đó, ngày 5/6, Thường trực HĐND huyện sẽ ban hành kế hoạch", phrase: "Theo đó, ngày 5/6" },
      { text: "Theo kế hoạch, ngày 5/9 UBND huyện gửi các báo cáo", phrase: "Theo kế hoạch, ngày 5/9" },
      { text: "Ngày 25/5/2022 gửi báo cáo tổng hợp", phrase: "Ngày 25/5/2022" },
    ],
    counterExamples: ["Từ ngày 12- 17/6 sẽ tiến hành tiếp xúc cử tri", "Các đơn vị gửi báo cáo ngày 5/6"],
  }),
  pattern({
    name: "exact: an action put on a day",
    fact: "“sẽ gửi ... vào ngày D”, “phải trình ... vào ngày D”: an obligation or a plan set on a day is due that day (context checks ask for the action).",
    body: seq("vào", "ngày", named("date", DATE)),
    read: (g) => withDay("exact", g),
    examples: ["vào ngày 5/12/2022", "vào ngày 20 tháng 5"],
    counterExamples: ["ngày 5/12/2022", "vào tháng 5"],
  }),

  // ---- periods
  pattern({
    name: "half-year: the first or last six months",
    fact: "“trong 6 tháng đầu năm Y” ends on 30/6; “6 tháng cuối năm” on 31/12. Without “trong/hết” it names what a report covers.",
    body: seq(
      anyOf("trong", seq("hoàn thành", opt("trong")), "hết", "trước hết"),
      HALF,
      "tháng",
      named("half", anyOf("đầu", "cuối")),
      "năm",
      opt(named("year", anyOf(YEAR, "nay"))),
    ),
    read: (g) => ({
      rule: "half_year",
      precise: false,
      period: {
        kind: /đầu/iu.test(g.half ?? "") ? "first_half" : "second_half",
        index: 0,
        y: yearOf(g.year),
        thisYear: !g.year || /nay/iu.test(g.year),
      },
    }),
    examples: [
      "trong 6 tháng đầu năm 2022",
      "trong 6 tháng cuối năm 2022",
      "hoàn thành trong 06 tháng đầu năm",
      "hết sáu tháng đầu năm nay",
    ],
    counterExamples: ["6 tháng đầu năm 2022", "báo cáo kết quả 6 tháng đầu năm"],
  }),
  pattern({
    name: "before: before a month",
    fact: "“trước tháng M” means by the end of the month before M.",
    body: seq("trước", "tháng", named("month", MONTH_NUMBER), OF_YEAR("year")),
    lookahead: raw("(?![\\p{L}\\d/])"),
    read: (g) => {
      const mo = Number(g.month);
      if (mo < 1 || mo > 12) return null;
      return { rule: "before", precise: false, beforeMonth: { m: mo, y: yearOf(g.year) } };
    },
    examples: ["trước tháng 7/2022", "trước tháng 10 năm 2023", "trước tháng 6"],
    counterExamples: ["trước ngày 7/2022"],
  }),
  pattern({
    name: "month: within a month",
    fact: "“trong tháng M/Y”, “trong tháng M năm Y”, “cuối / hết tháng M” end on the month's last day.",
    body: seq(
      anyOf("trong", seq("trước", "cuối"), "cuối", "hết", seq("trước", "hết"), seq("ngay", "trong")),
      "tháng",
      named("month", MONTH_NUMBER),
      OF_YEAR("year"),
    ),
    lookahead: raw("(?![\\p{L}\\d/])"),
    read: (g) => {
      const mo = Number(g.month);
      if (mo < 1 || mo > 12) return null;
      return { rule: "month", precise: false, period: { kind: "month", index: mo, y: yearOf(g.year) } };
    },
    examples: [
      "trong tháng 5/2022",
      "trong tháng 02 năm 2024",
      "trong tháng 6",
      "cuối tháng 9/2023",
      "hết tháng 12",
      "trong tháng 3, năm 2024",
      "trong tháng 12.2020",
    ],
    counterExamples: ["tháng 5/2022", "trong tháng 13", "trong tháng này"],
  }),
  pattern({
    name: "quarter: within a quarter",
    fact: "“trong quý II/2023”, “trong quý III năm 2023”, “cuối quý 4” end on the quarter's last day (30/6, 30/9, 31/12, 31/3).",
    body: seq(
      anyOf("trong", seq("trước", "cuối"), "cuối", "hết", seq("trước", "hết")),
      "quý",
      named("quarter", QUARTER_NUMBER),
      OF_YEAR("year"),
    ),
    read: (g) => {
      const q = parseQuarter(g.quarter ?? "");
      if (!q) return null;
      return { rule: "quarter", precise: false, period: { kind: "quarter", index: q, y: yearOf(g.year) } };
    },
    examples: [
      "trong quý II/2022",
      "trong Quý III năm 2023",
      "trong quý 2",
      "trong quý ba năm 2022",
      "cuối quý IV/2022",
      "trong Quý II/2023",
    ],
    counterExamples: ["quý II/2022", "trong quý V"],
  }),
  pattern({
    name: "year: within a year",
    fact: "“trong năm Y”, “trong năm nay” end on 31/12.",
    body: seq(anyOf("trong", seq("trước", "cuối"), seq("trước", "hết")), "năm", named("year", anyOf(YEAR, "nay"))),
    read: (g) => ({
      rule: "year",
      precise: false,
      period: { kind: "year", index: 0, y: yearOf(g.year), thisYear: /nay/iu.test(g.year ?? "") },
    }),
    examples: ["trong năm 2022", "trong năm nay", "trước cuối năm 2023"],
    counterExamples: ["năm 2022", "cuối năm 2022", "trong năm học"],
  }),
];

/** One pattern applied to a text: the phrase it reads at `index` (without context checks). */
export interface PatternMatch {
  index: number;
  length: number;
  reading: DeadlineReading;
}

/** All readings of one pattern in `text` (the rest of the sentence is `text` after each match). */
export function matchPattern(p: DeadlinePattern, text: string): PatternMatch[] {
  const out: PatternMatch[] = [];
  if (p.where === "sentence-start") {
    const m = p.re.exec(text);
    if (m) {
      const reading = p.read(m.groups ?? {}, text.slice(m[0].length));
      if (reading) out.push({ index: 0, length: m[0].replace(/[\s,]+$/u, "").length, reading });
    }
    return out;
  }
  p.re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = p.re.exec(text))) {
    if (m[0].length === 0) {
      p.re.lastIndex++;
      continue;
    }
    const g = m.groups ?? {};
    const after = text.slice(m.index + m[0].length);
    const reading = p.read(g, after);
    if (!reading) continue;
    let length = m[0].replace(/[\s,]+$/u, "").length;
    const extra = p.extend?.(g, after) ?? 0;
    if (extra > 0) length = m[0].length + extra;
    out.push({ index: m.index, length, reading });
  }
  return out;
}
