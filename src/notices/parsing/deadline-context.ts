/**
 * Context checks: whether a phrase the grammar read (deadline-patterns.ts) is a deadline in its
 * sentence.
 *
 * The same words serve other purposes in administrative writing: "đến ngày D" closes an activity
 * window as often as it sets a deadline, a period opens a sentence that reports what happened in it,
 * a date belongs to a document that is cited, data are counted "tính đến hết tháng 6". Each check
 * states one such fact, with sentences where it rejects a phrase and sentences where the phrase
 * stands; `test/notice-parsing/deadline-context.test.ts` runs them.
 */
import { parseActorAt } from "./assignees.js";
import type { DeadlineHit } from "./deadline-patterns.js";
import { WORD_END, anyOf, vocabulary } from "./grammar.js";
import type { Span } from "./segments.js";
import { type CalendarDate, DATE_SOURCE, compareDates } from "./vietnamese-dates.js";

export interface CandidateContext {
  clean: string;
  /** the sentence (or table row) the phrase is in */
  sentence: Span;
  /** the part of the sentence between ";" around the phrase */
  clause: Span;
  hit: DeadlineHit;
  /** the other phrases of the sentence that passed the checks before this one (for checks that compare) */
  kept: DeadlineHit[];
  /** the document's date (issue date, or the meeting a news item reports), if known */
  documentDate: CalendarDate | null;
  /** the day the phrase resolves to (for periods: their last day), if any */
  day: CalendarDate | null;
}

export interface ContextExample {
  sentence: string;
  phrase: string;
}

export interface ContextCheck {
  name: string;
  /** The fact of administrative Vietnamese this check encodes. */
  fact: string;
  /** Checks that compare with other phrases run after the others. */
  late?: boolean;
  rejects: (c: CandidateContext) => boolean;
  /** Sentences (in a notice issued 10/5/2022) where `phrase` is read but is not a deadline. */
  examples: ContextExample[];
  /** Sentences where `phrase` is a deadline: no check rejects it. */
  counterExamples: ContextExample[];
}

// ---------------------------------------------------------------- vocabularies

/** Verbs of handing something over: a repetition or an "until" is a deadline only with one. */
export const DELIVERY_VERBS = [
  "báo cáo",
  "gửi",
  "nộp",
  "cập nhật",
  "tổng hợp",
  "cung cấp",
  "trình",
  "hoàn thành",
  "hoàn thiện",
  "hoàn tất",
  "hoàn chỉnh",
  "xong",
  "chuyển",
] as const;

/** Actions that produce something by a day: what a dated entry of a schedule must do to be a task (meetings are not). */
export const DELIVERABLE_VERBS = [
  ...DELIVERY_VERBS,
  "ban hành",
  "phát hành",
  "quyết định",
  "thông báo",
  "ký",
  "phê duyệt",
  "thẩm tra",
  "thẩm định",
  "xây dựng",
  "lập",
  "dự thảo",
  "công bố",
  "niêm yết",
  "bàn giao",
  "đăng ký",
  "trả lời",
] as const;

/** Words that make a sentence an instruction (or a directive that is still to be carried out). */
export const OBLIGATION_WORDS = [
  "phải",
  "cần",
  "đề nghị",
  "yêu cầu",
  "giao",
  "có trách nhiệm",
  "chịu trách nhiệm",
  "chậm nhất",
  "chỉ đạo",
  "khẩn trương",
  "phấn đấu",
] as const;

/** Words that put an action in the future. */
export const FUTURE_WORDS = ["sẽ", "dự kiến", "tiếp tục"] as const;

const DELIVERY = vocabulary(DELIVERY_VERBS);
const DELIVERABLE = vocabulary(DELIVERABLE_VERBS);
const DELIVERABLE_FIRST = new RegExp(`^${anyOf(...DELIVERABLE_VERBS).source}${WORD_END}`, "iu");
const OBLIGATION = vocabulary(OBLIGATION_WORDS);
const FUTURE = vocabulary(FUTURE_WORDS);
const PAST = /(?<![\p{L}\p{M}])(?:đã|vừa)(?![\p{L}\p{M}])/iu;
const PAST_G = /(?<![\p{L}\p{M}])(?:đã|vừa)(?![\p{L}\p{M}])/giu;

const DOC_NAMES =
  "(?:công\\s+văn|văn\\s+bản|thông\\s+báo(?:\\s+kết\\s+luận)?|kế\\s+hoạch|quyết\\s+định|báo\\s+cáo|nghị\\s+quyết|chỉ\\s+thị|tờ\\s+trình|hướng\\s+dẫn|giấy\\s+mời|chương\\s+trình|thông\\s+tư|nghị\\s+định|luật|kết\\s+luận|đề\\s+án)";
const NUMBER = "\\d{1,6}[A-Za-z]?(?:\\s?[\\/\\-]\\s?[\\p{L}\\d&.]+)+";
/** "Nghị quyết số 12/NQ-HĐND ngày 10/12/2021 của HĐND tỉnh về ..." up to the end of its title. */
const CITATION_RE = new RegExp(
  `${DOC_NAMES}\\s+(?:số\\s*:?\\s*)?${NUMBER}(?:\\s*,?\\s*ngày\\s+${DATE_SOURCE})?(?:\\s+của\\s+[^,;.()]{1,80}?)?(?:\\s+(?:về|V\\/v)(?:\\s+việc)?\\s+[^;.():]*?)?(?=\\s*(?:[;.():]|,\\s*(?:\\p{Lu}|đề\\s+nghị|yêu\\s+cầu|giao|đồng\\s+thời|các\\s|UBND|Sở\\s)|$))`,
  "giu",
);

// ---------------------------------------------------------------- helpers

const text = (c: CandidateContext, s: Span) => c.clean.slice(s.start, s.end);
const before = (c: CandidateContext, s: Span = c.clause) => c.clean.slice(s.start, c.hit.start);
const wordCount = (t: string) => (t.trim() ? t.trim().split(/\s+/).length : 0);
const isPeriod = (h: DeadlineHit) => !h.precise && h.rule !== "recurring";

/** The predicate after a dated entry ("Ngày 5/6, Thường trực HĐND huyện sẽ ban hành ..."): the actor and modal words skipped. */
function scheduledPredicate(c: CandidateContext): string {
  const { clean } = c;
  let pos = c.hit.end;
  while (pos < c.sentence.end && /[\s,:|-]/.test(clean[pos]!)) pos++;
  const actor = parseActorAt(clean, pos, c.sentence.end);
  if (actor) pos = actor.end;
  return clean
    .slice(pos, c.sentence.end)
    .replace(/^[\s,]+/u, "")
    .replace(/^(?:(?:sẽ|dự\s+kiến|tiến\s+hành|phải|cần)\s+)+/iu, "");
}

// ---------------------------------------------------------------- the table

export const CONTEXT_CHECKS: ContextCheck[] = [
  {
    name: "legal basis",
    fact: "A sentence opening with “Căn cứ” cites the laws and documents a text rests on; it never assigns anything.",
    rejects: (c) => /^Căn\s+cứ(?![\p{L}\p{M}])/iu.test(text(c, c.sentence)),
    examples: [{ sentence: "Căn cứ Kế hoạch số 12/KH-UBND, các xã hoàn thành trong tháng 6/2022;", phrase: "trong tháng 6/2022" }],
    counterExamples: [{ sentence: "Trên cơ sở đó, các xã hoàn thành trong tháng 6/2022.", phrase: "trong tháng 6/2022" }],
  },
  {
    name: "cited document",
    fact: "A document cited by its number carries its own date and title (“Nghị quyết số 12/NQ-HĐND ngày 10/12/2021 về kế hoạch ... năm 2022”); periods and dates inside that reference belong to it.",
    rejects: (c) => {
      if (c.hit.precise && c.hit.rule !== "exact") return false;
      const s = text(c, c.clause);
      CITATION_RE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = CITATION_RE.exec(s))) {
        const start = c.clause.start + m.index;
        if (c.hit.start >= start && c.hit.end <= start + m[0].length) return true;
      }
      return false;
    },
    examples: [
      {
        sentence:
          "Thực hiện Nghị quyết số 30/NQ-HĐND ngày 10/12/2021 của HĐND tỉnh về kế hoạch đầu tư công trong năm 2022, các sở triển khai thực hiện.",
        phrase: "trong năm 2022",
      },
      {
        sentence: "Theo Kế hoạch số 45/KH-UBND về triển khai Đề án 06 trong quý II/2022, UBND các huyện rà soát dữ liệu.",
        phrase: "trong quý II/2022",
      },
    ],
    counterExamples: [
      {
        sentence: "Thực hiện Nghị quyết số 30/NQ-HĐND ngày 10/12/2021 của HĐND tỉnh, các sở hoàn thành giải ngân trong năm 2022.",
        phrase: "trong năm 2022",
      },
    ],
  },
  {
    name: "activity window",
    fact: "“từ ngày A đến ngày B”, “từ tháng 7 đến hết tháng 12” give the span of an activity; its end is not a deadline (“từ nay đến ngày B” is).",
    rejects: (c) => {
      if (c.hit.rule === "relative" || c.hit.rule === "recurring") return false;
      const b = before(c);
      if (!/(?<![\p{L}\p{M}])từ\s+(?:ngày|tháng|quý|năm|\d)/iu.test(b)) return false;
      return /^(?:đến|tới)(?![\p{L}\p{M}])/iu.test(c.clean.slice(c.hit.start, c.hit.end)) || /(?:đến|tới)(?:\s+hết)?\s*$/iu.test(b);
    },
    examples: [
      { sentence: "Các Tổ đại biểu tiếp xúc cử tri từ ngày 15/11/2021 đến ngày 25/11/2021.", phrase: "đến ngày 25/11/2021" },
      { sentence: "Thời gian thực hiện: từ tháng 7/2022 đến hết tháng 12/2022.", phrase: "hết tháng 12/2022" },
    ],
    counterExamples: [{ sentence: "Từ nay đến ngày 30/6/2022, các xã phải hoàn thành việc rà soát.", phrase: "Từ nay đến ngày 30/6/2022" }],
  },
  {
    name: "data cut-off",
    fact: "“số liệu tính đến hết tháng 6”, “ước thực hiện đến ngày 31/12”, “tính từ ngày ...” say up to when figures are counted, not when anything is due.",
    rejects: (c) =>
      /(?:tính\s+(?:đến|tới|từ)|số\s+liệu(?:\s+[\p{L}\p{M}]+){0,3}?\s+(?:đến|tới)|ước(?:\s+thực\s+hiện|\s+tính|\s+đạt)?(?:\s+(?:đến|tới))?|(?:đến\s+)?thời\s+điểm)(?:\s+hết)?$/iu.test(
        before(c).trimEnd(),
      ),
    examples: [
      { sentence: "Các xã báo cáo số liệu tính đến hết tháng 6/2022 trước ngày 10/7/2022.", phrase: "hết tháng 6/2022" },
      { sentence: "Các xã báo cáo kết quả thu ngân sách, ước thực hiện đến ngày 31/12/2022.", phrase: "đến ngày 31/12/2022" },
    ],
    counterExamples: [
      { sentence: "Các xã gửi báo cáo đến hết ngày 30/5/2022.", phrase: "đến hết ngày 30/5/2022" },
      { sentence: "UBND các huyện rà soát, báo cáo số liệu trước ngày 20/5/2022.", phrase: "trước ngày 20/5/2022" },
    ],
  },
  {
    name: "until needs a delivery",
    fact: "“đến ngày D” is a deadline only for handing something over (“gửi ý kiến ... đến ngày 30/5”); otherwise it says how long something lasts or is valid.",
    rejects: (c) => {
      if (c.hit.pattern !== "by: until a day") return false;
      const b = before(c).trimEnd();
      if (/(?:kéo\s+dài|gia\s+hạn(?:\s+hiệu\s+lực)?|hiệu\s+lực|đến\s+nay|duy\s+trì|áp\s+dụng)(?:\s+\p{L}+){0,3}$/iu.test(b)) return true;
      return !DELIVERY.test(b) && !/(?:thời\s+hạn|hạn\s+chót|hạn\s+cuối)/iu.test(b);
    },
    examples: [{ sentence: "Quyết định này có hiệu lực đến ngày 31/12/2022.", phrase: "đến ngày 31/12/2022" }],
    counterExamples: [{ sentence: "Các sở, ngành gửi ý kiến về Văn phòng UBND tỉnh đến ngày 30/5/2022.", phrase: "đến ngày 30/5/2022" }],
  },
  {
    name: "repetition needs a delivery",
    fact: "“hằng tháng”, “định kỳ hằng quý” set a reporting duty only next to a verb of handing over; “tiếp công dân định kỳ hằng tháng” is a routine.",
    rejects: (c) => {
      if (c.hit.rule !== "recurring") return false;
      const b = c.clean.slice(Math.max(c.clause.start, c.hit.start - 60), c.hit.start);
      const a = c.clean.slice(c.hit.end, Math.min(c.clause.end, c.hit.end + 60));
      return !DELIVERY.test(b) && !DELIVERY.test(a);
    },
    examples: [{ sentence: "Thường trực HĐND các xã duy trì việc tiếp công dân định kỳ hằng tháng.", phrase: "định kỳ hằng tháng" }],
    counterExamples: [{ sentence: "UBND huyện định kỳ hàng quý báo cáo kết quả giải quyết.", phrase: "định kỳ hàng quý" }],
  },
  {
    name: "past act",
    fact: "A date right after a past verb (“đã được tiếp nhận trước ngày 01/7/2022”, “đã báo cáo UBND tỉnh trước ngày 05/5”) tells when something happened or which files are meant.",
    rejects: (c) => {
      const b = before(c);
      PAST_G.lastIndex = 0;
      let last = -1;
      let m: RegExpExecArray | null;
      while ((m = PAST_G.exec(b))) last = m.index + m[0].length;
      if (last < 0) return false;
      const between = b.slice(last);
      return wordCount(between) <= 4 && !OBLIGATION.test(between);
    },
    examples: [
      {
        sentence: "Đối với các hồ sơ đã được tiếp nhận trước ngày 01/7/2022, Sở Tài chính tiếp tục giải quyết.",
        phrase: "trước ngày 01/7/2022",
      },
      { sentence: "Sở Tài chính đã báo cáo UBND tỉnh trước ngày 05/5/2022 theo yêu cầu.", phrase: "trước ngày 05/5/2022" },
    ],
    counterExamples: [
      {
        sentence: "Sở Giao thông vận tải đã chỉ đạo đơn vị quản lý tuyến đường khắc phục, sửa chữa trong quý II/2022.",
        phrase: "trong quý II/2022",
      },
    ],
  },
  {
    name: "past statement",
    fact: "A clause that tells what has been done (“đã”) and a sentence with no word of obligation (phải, cần, đề nghị, giao, yêu cầu, chỉ đạo ...) report; they assign nothing.",
    rejects: (c) => {
      // "UBND tỉnh đã ban hành Kế hoạch ..., theo đó các sở hoàn thành trước ngày ...": what follows
      // "theo đó" is the content in force, not the past act
      const b = before(c);
      let lead = b;
      for (const m of b.matchAll(/(?:theo\s+đó|trong\s+đó|cụ\s+thể|như\s+sau)\s*[,:]?/giu)) lead = b.slice(m.index + m[0].length);
      return PAST.test(lead) && !OBLIGATION.test(text(c, c.sentence)) && !FUTURE.test(text(c, c.clause));
    },
    examples: [
      { sentence: "Các Ban HĐND tỉnh đã hoàn thành 04 cuộc giám sát chuyên đề trong quý I/2022.", phrase: "trong quý I/2022" },
      {
        sentence: "Năm 2021, UBND xã đã rà soát toàn bộ hộ nghèo trên địa bàn và hoàn thành trước ngày 31/12/2021.",
        phrase: "trước ngày 31/12/2021",
      },
    ],
    counterExamples: [
      {
        sentence: "Giao UBND huyện căn cứ kết quả đã được Sở Xây dựng kết luận để xử lý, báo cáo UBND tỉnh kết quả trong tháng 6/2022.",
        phrase: "trong tháng 6/2022",
      },
      {
        sentence: "UBND tỉnh vừa ban hành Kế hoạch số 45/KH-UBND, theo đó các sở, ngành hoàn thành việc rà soát trước ngày 30/6/2022.",
        phrase: "trước ngày 30/6/2022",
      },
    ],
  },
  {
    name: "fronted period narrates",
    fact: "A period opening a sentence (“Trong tháng 8 năm 2022, Thường trực HĐND huyện tổ chức thành công ...”) frames a report of that period, unless the sentence says something must or will be done.",
    rejects: (c) => {
      if (!isPeriod(c.hit)) return false;
      if (before(c, c.sentence).replace(/^[\s\-+•]*/u, "") !== "") return false;
      if (!/^[\s,]*,/u.test(c.clean.slice(c.hit.end, c.hit.end + 3))) return false;
      const s = text(c, c.sentence);
      return !OBLIGATION.test(s) && !FUTURE.test(s);
    },
    examples: [
      {
        sentence: "Trong tháng 8 năm 2022, Thường trực HĐND huyện tổ chức thành công kỳ họp thứ 10 bảo đảm theo quy định.",
        phrase: "Trong tháng 8 năm 2022",
      },
    ],
    counterExamples: [{ sentence: "Trong tháng 6/2022, UBND các xã phải hoàn thành việc rà soát.", phrase: "Trong tháng 6/2022" }],
  },
  {
    name: "period already over",
    fact: "A period written with its year that ended before the document was written (“số liệu năm 2021” in 2022, “quý I/2022” in May 2022) is reported on, not due.",
    rejects: (c) =>
      isPeriod(c.hit) &&
      (c.hit.period?.y ?? c.hit.beforeMonth?.y ?? null) !== null &&
      c.day !== null &&
      c.documentDate !== null &&
      compareDates(c.day, c.documentDate) < 0,
    examples: [{ sentence: "UBND các huyện đánh giá kết quả thực hiện trong quý I/2022, đề xuất giải pháp.", phrase: "trong quý I/2022" }],
    counterExamples: [{ sentence: "UBND các huyện hoàn thành trong quý II/2022.", phrase: "trong quý II/2022" }],
  },
  {
    name: "dated entry needs an action",
    fact: "A dated entry of a schedule is a task when it produces something (gửi, trình, ban hành, hoàn thiện, quyết định ...); a meeting or a visit on a day (“Ngày 6/6 khai mạc kỳ họp”, “tổ chức buổi làm việc”) is an event.",
    rejects: (c) => {
      if (c.hit.pattern !== "dated entry of a schedule") return false;
      const pred = scheduledPredicate(c);
      if (/^(?:đã|vừa|nhận\s+được)(?![\p{L}\p{M}])/iu.test(pred)) return true;
      if (DELIVERABLE_FIRST.test(pred)) return false;
      // "nghe ..., sau đó gửi ...": a deliverable after a word of sequence
      return !new RegExp(`(?:sau\\s+đó|rồi|tiếp\\s+đó|đồng\\s+thời)\\s+${anyOf(...DELIVERABLE_VERBS).source}${WORD_END}`, "iu").test(pred);
    },
    examples: [
      { sentence: "Ngày 06/6/2022 khai mạc kỳ họp thứ 5 HĐND tỉnh.", phrase: "Ngày 06/6/2022" },
      { sentence: "Ngày 20/5/2022, Thường trực HĐND tỉnh tổ chức buổi làm việc với UBND huyện để nghe báo cáo.", phrase: "Ngày 20/5/2022" },
      { sentence: "Ngày 20/5/2022, UBND tỉnh nhận được Văn bản số 12/BKHĐT của Bộ Kế hoạch và Đầu tư.", phrase: "Ngày 20/5/2022" },
    ],
    counterExamples: [
      { sentence: "Ngày 12/6 hoàn thiện dự thảo báo cáo.", phrase: "Ngày 12/6" },
      { sentence: "Theo đó, ngày 3/6, Văn phòng sẽ gửi tài liệu kỳ họp đến đại biểu.", phrase: "Theo đó, ngày 3/6" },
      { sentence: "Ngày 21/6, nghe các tổ đại biểu phản ánh kết quả, sau đó gửi văn bản tổng hợp đến UBND huyện.", phrase: "Ngày 21/6" },
    ],
  },
  {
    name: "action on a day needs a task",
    fact: "“vào ngày D” sets a task only for an action that is required or planned (“sẽ gửi ... vào ngày D”, “phải trình ... vào ngày D”); otherwise it dates an event.",
    rejects: (c) => {
      if (c.hit.pattern !== "exact: an action put on a day") return false;
      const b = before(c);
      // "... trình kỳ họp khai mạc vào ngày 5/7": the day belongs to the event named right before it
      if (
        /(?:khai\s+mạc|bế\s+mạc|tổ\s+chức|diễn\s+ra|họp|hội\s+nghị|kỳ\s+họp|tiến\s+hành|làm\s+việc|giám\s+sát|tiếp\s+xúc)(?:\s+[\p{L}\p{M}\d]+){0,3}\s*$/iu.test(
          b,
        )
      )
        return true;
      return !(DELIVERABLE.test(b) && (OBLIGATION.test(b) || FUTURE.test(b))) || /(?<![\p{L}\p{M}])đã(?![\p{L}\p{M}])/iu.test(b);
    },
    examples: [
      { sentence: "Hội nghị giao ban quý II dự kiến tổ chức vào ngày 04/7/2022.", phrase: "vào ngày 04/7/2022" },
      {
        sentence: "Đề nghị các đơn vị gửi báo cáo để tổng hợp, trình kỳ họp khai mạc vào ngày 05/7/2022.",
        phrase: "vào ngày 05/7/2022",
      },
    ],
    counterExamples: [{ sentence: "Văn phòng sẽ gửi tài liệu kỳ họp đến các đại biểu vào ngày 02/6/2022.", phrase: "vào ngày 02/6/2022" }],
  },
  {
    name: "dated entry on or before the document",
    fact: "A schedule looks forward from the document that sets it: an entry dated on or before the document's own date reports what happened (a news item's lead “Ngày 04/12, UBND tỉnh ban hành Công văn ...”).",
    rejects: (c) => c.hit.rule === "exact" && c.day !== null && c.documentDate !== null && compareDates(c.day, c.documentDate) <= 0,
    examples: [
      { sentence: "Ngày 10/5/2022, UBND tỉnh ban hành Công văn số 846/UBND-TH về báo cáo đầu tư công.", phrase: "Ngày 10/5/2022" },
    ],
    counterExamples: [{ sentence: "Ngày 25/5/2022 gửi báo cáo tổng hợp về Thường trực HĐND tỉnh.", phrase: "Ngày 25/5/2022" }],
  },
  {
    name: "period of a report",
    fact: "A period in the same clause as a dated deadline is what the report covers (“báo cáo kết quả 6 tháng đầu năm 2022 trước ngày 15/6/2022”), not a second deadline.",
    late: true,
    rejects: (c) => isPeriod(c.hit) && c.kept.some((o) => o !== c.hit && o.precise && o.start >= c.clause.start && o.end <= c.clause.end),
    examples: [
      {
        sentence: "UBND các huyện báo cáo kết quả thực hiện trong 6 tháng đầu năm 2022 trước ngày 15/6/2022.",
        phrase: "trong 6 tháng đầu năm 2022",
      },
    ],
    counterExamples: [
      { sentence: "UBND các huyện báo cáo trước ngày 15/6/2022; Sở Tài chính tổng hợp trong tháng 7/2022.", phrase: "trong tháng 7/2022" },
    ],
  },
];

export { DELIVERY };
