/**
 * Cutting the clean text into paragraphs, sentences and table rows, with the outline (numbered
 * headings) each paragraph sits under.
 *
 * Why this shape: a task's assignee is often not in its own sentence. It may be the heading of the
 * point ("1. UBND các huyện, thành phố, thị xã:" then "b) Hoàn thiện báo cáo ... trước ngày ..."),
 * an earlier sentence of the same point, or a column of a table row. Hard line breaks inside a
 * sentence (PDF extraction, wrapped lines) must not cut it, while list items always start anew.
 */

export interface Line {
  index: number;
  start: number; // clean offset
  end: number; // clean offset (exclusive, before "\n")
  text: string;
}

export interface Span {
  start: number; // clean offsets, [start, end)
  end: number;
}

export type ParagraphKind = "text" | "table_row" | "table_header";

export interface TableCell extends Span {
  text: string;
}

export interface Paragraph extends Span {
  index: number;
  kind: ParagraphKind;
  /** Offset where the content starts, after a list marker ("a) ", "1. ", "- "). */
  contentStart: number;
  marker: string | null;
  /** Outline depth of the marker: I.=1, 1.=2, 1.1.=3, a)=6, "-"=7; 0 when unmarked. */
  level: number;
  firstLine: number;
  lastLine: number;
  /** A short numbered line without a final full stop, or ending with ":" — the title of a point. */
  isHeading: boolean;
  /** Unnumbered text ending with ":" that introduces a list. */
  isIntro: boolean;
  /** Indices of the headings (and list intro) this paragraph sits under, nearest last. */
  context: number[];
  sentences: Span[];
  /** For table rows: the cells; and the index of the table's header row paragraph, if any. */
  cells?: TableCell[];
  tableHeader?: number | null;
}

const MARKER_RE =
  /^(?:(?<roman>[IVXL]{1,5})\.|(?<dotted>\d{1,2}(?:\.\d{1,2}){1,3})\.?|(?<num>\d{1,2})[.)]|(?<letter>[a-zđ])[.)]|(?<bullet>[-+•◦▪]))\s+/u;

export function splitLines(clean: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let index = 0;
  for (;;) {
    const nl = clean.indexOf("\n", start);
    const end = nl === -1 ? clean.length : nl;
    lines.push({ index: index++, start, end, text: clean.slice(start, end) });
    if (nl === -1) break;
    start = nl + 1;
  }
  return lines;
}

export function isTableLine(text: string): boolean {
  // "a | b | c" as written in the corpus, or markdown "| a | b |"
  return / \| /.test(text) || /^\|.*\|\s*$/.test(text);
}

function isTableSeparator(text: string): boolean {
  return /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(text);
}

function markerOf(text: string): { marker: string; level: number; length: number } | null {
  const m = MARKER_RE.exec(text);
  if (!m?.groups) return null;
  const g = m.groups;
  let level = 0;
  if (g.roman) level = 1;
  else if (g.dotted) level = 2 + g.dotted.split(".").length - 1;
  else if (g.num) level = 2;
  else if (g.letter) level = 6;
  else if (g.bullet) level = 7;
  return { marker: m[0].trim(), level, length: m[0].length };
}

const SENTENCE_END_RE = /[.:;!?…]$|\.\/\.$/;

/** Abbreviations after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set([
  "TP",
  "Tp",
  "tp",
  "TT",
  "TS",
  "ThS",
  "PGS",
  "GS",
  "BS",
  "KS",
  "Q",
  "P",
  "St",
  "Ô",
  "B",
  "v.v",
  "TL",
  "KT",
  "TM",
  "Th",
  "Tx",
  "TX",
]);

function splitSentences(clean: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  let s = start;
  for (let i = start; i < end; i++) {
    const ch = clean[i]!;
    if (ch !== "." && ch !== "!" && ch !== "?" && ch !== "…") continue;
    // "./." closes the document body
    let j = i + 1;
    if (clean.startsWith("/.", j)) j += 2;
    if (j >= end) continue;
    if (!/\s/.test(clean[j]!)) continue;
    let k = j;
    while (k < end && /\s/.test(clean[k]!)) k++;
    if (k >= end) continue;
    const next = clean[k]!;
    if (!/[\p{Lu}\d"“([]/u.test(next)) continue;
    if (ch === ".") {
      const before = /([\p{L}.]+)$/u.exec(clean.slice(Math.max(start, i - 8), i));
      if (before && ABBREVIATIONS.has(before[1]!)) continue;
    }
    out.push({ start: s, end: i });
    s = k;
    i = k - 1;
  }
  // trim the final punctuation off the last sentence
  let e = end;
  while (e > s && /[\s.;:!?/]/.test(clean[e - 1]!)) e--;
  if (e > s) out.push({ start: s, end: e });
  return out.map((sp) => trimSpan(clean, sp)).filter((sp) => sp.end > sp.start);
}

function trimSpan(clean: string, sp: Span): Span {
  let { start, end } = sp;
  while (start < end && /\s/.test(clean[start]!)) start++;
  while (end > start && /[\s]/.test(clean[end - 1]!)) end--;
  return { start, end };
}

function splitCells(line: Line): TableCell[] {
  const cells: TableCell[] = [];
  let text = line.text;
  let offset = line.start;
  // markdown pipes at both ends
  if (text.startsWith("|")) {
    text = text.slice(1);
    offset += 1;
  }
  if (text.trimEnd().endsWith("|")) text = text.trimEnd().slice(0, -1);
  let pos = 0;
  for (const part of text.split("|")) {
    const lead = part.length - part.trimStart().length;
    const t = part.trim();
    const start = offset + pos + lead;
    cells.push({ start, end: start + t.length, text: t });
    pos += part.length + 1;
  }
  return cells;
}

const HEADER_CELL_RE =
  /^(?:S?TT|Số TT|Nhiệm vụ|Nội dung(?: công việc)?|Thời gian|Thời hạn|Tiến độ|Cơ quan|Đơn vị|Người|Ghi chú|Địa điểm|Sản phẩm|Kết quả|Công việc|Lãnh đạo|Chủ trì|Phối hợp|Tổ đại biểu|Hình thức|Thành phần)/iu;

function looksLikeHeaderRow(cells: TableCell[]): boolean {
  if (cells.length < 2) return false;
  if (cells.some((c) => /\d{1,2}[/.-]\d{1,2}/.test(c.text))) return false;
  const labelled = cells.filter((c) => HEADER_CELL_RE.test(c.text)).length;
  return labelled >= Math.ceil(cells.length / 2);
}

/**
 * Build paragraphs from lines. `excluded` lines (document header, recipients, signature) still
 * become paragraphs, flagged so the caller can skip them.
 */
export function buildParagraphs(clean: string, lines: Line[], excluded: ReadonlySet<number> = new Set()): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const wrapWidth = typicalWidth(lines);
  let i = 0;
  let currentTableHeader: number | null = null;
  while (i < lines.length) {
    const line = lines[i]!;
    const text = line.text.trim();
    if (text === "") {
      currentTableHeader = null;
      i++;
      continue;
    }
    if (isTableLine(text)) {
      if (isTableSeparator(text)) {
        i++;
        continue;
      }
      const cells = splitCells(line);
      const isHeader = currentTableHeader === null && looksLikeHeaderRow(cells);
      const p: Paragraph = {
        index: paragraphs.length,
        kind: isHeader ? "table_header" : "table_row",
        start: line.start,
        end: line.end,
        contentStart: line.start,
        marker: null,
        level: 8,
        firstLine: i,
        lastLine: i,
        isHeading: false,
        isIntro: false,
        context: [],
        sentences: [trimSpan(clean, { start: line.start, end: line.end })],
        cells,
        tableHeader: isHeader ? null : currentTableHeader,
      };
      if (isHeader) currentTableHeader = p.index;
      paragraphs.push(p);
      i++;
      continue;
    }
    currentTableHeader = null;
    // gather continuation lines
    let last = i;
    while (last + 1 < lines.length) {
      const cur = lines[last]!.text.trim();
      const next = lines[last + 1]!.text.trim();
      if (next === "" || isTableLine(next) || markerOf(next)) break;
      if (SENTENCE_END_RE.test(cur)) break;
      // the header block and the signature are read apart from the body
      if (excluded.has(last) !== excluded.has(last + 1)) break;
      // an all-caps line (header block, "THÔNG BÁO") stands alone
      if (isAllCaps(cur) || isAllCaps(next)) break;
      // a "Nơi nhận:" / "Kính gửi:" / signature block line stands alone
      if (/^(Nơi nhận|Kính gửi)\b/iu.test(next)) break;
      if (!continues(cur, next, wrapWidth)) break;
      last++;
    }
    const start = line.start + (line.text.length - line.text.trimStart().length);
    const end = lines[last]!.end;
    const mk = markerOf(text);
    const contentStart = mk ? start + mk.length : start;
    const body = clean.slice(contentStart, end).trim();
    const endsWithColon = /:\s*$/.test(body);
    const wordCount = body.split(/\s+/).length;
    const isHeading = !!mk && mk.level <= 6 && (endsWithColon || (!/[.;!?]$/.test(body) && wordCount <= 25));
    const isIntro = !mk && endsWithColon;
    paragraphs.push({
      index: paragraphs.length,
      kind: "text",
      start,
      end,
      contentStart,
      marker: mk?.marker ?? null,
      level: mk?.level ?? 0,
      firstLine: i,
      lastLine: last,
      isHeading,
      isIntro,
      context: [],
      sentences: splitSentences(clean, contentStart, end),
    });
    i = last + 1;
  }
  assignContext(paragraphs);
  return paragraphs;
}

/** The width lines are wrapped at: most lines of a PDF or a fixed-width text are about this long. */
function typicalWidth(lines: Line[]): number {
  const lengths = lines
    .map((l) => l.text.trim().length)
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
  if (lengths.length === 0) return 80;
  return Math.max(60, lengths[Math.floor((lengths.length - 1) * 0.9)]!);
}

/** Words that cannot end a sentence or a heading: a line ending with one goes on in the next. */
const OPEN_END_RE =
  /(?:^|\s)(?:về|của|và|với|cho|tại|các|những|trước|sau|theo|đến|tới|từ|trong|là|được|do|để|ngày|tháng|năm|số|hoặc|như|bằng|qua|thuộc)$/iu;

/**
 * Whether a line without final punctuation goes on in the next one. A wrapped line (a PDF, a text
 * with fixed-width lines) continues; a line that ends a paragraph of a text pasted from Word, where
 * each paragraph is one line, does not. The next line continues it when it starts in lower case,
 * when this line ends on a word that needs a continuation ("... gửi về", "... của"), when this line
 * is about as long as the wrapped lines of the document, or when a name breaks over the lines
 * ("... về Thường trực" / "HĐND tỉnh ..."). A short numbered line ("2. Đối với các Ban của HĐND
 * tỉnh") followed by a capitalised line is a heading.
 */
function continues(cur: string, next: string, wrapWidth: number): boolean {
  if (/^[\p{Ll}\d(“"'‘,]/u.test(next)) return true;
  if (OPEN_END_RE.test(cur)) return true;
  if (markerOf(cur) && cur.length <= 100) return false;
  if (cur.length >= 0.7 * wrapWidth) return true;
  return cur.length > 40 && /^\p{Lu}{2,}(?![\p{Ll}])/u.test(next);
}

function isAllCaps(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, "");
  return letters.length >= 4 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/**
 * The outline: each numbered heading opens a section that lasts until a heading of the same or a
 * shallower level; a list intro ("... như sau:") covers the list that follows it, until
 * unnumbered text resumes.
 */
function assignContext(paragraphs: Paragraph[]): void {
  const stack: { index: number; level: number }[] = [];
  let intro: { index: number; level: number } | null = null;
  for (const p of paragraphs) {
    if (p.kind !== "text") {
      p.context = [...stack.map((s) => s.index), ...(intro ? [intro.index] : [])];
      continue;
    }
    if (p.level > 0) {
      if (intro && intro.level < 0) intro.level = p.level; // the intro's list starts at this depth
      if (intro && p.level < intro.level) intro = null;
      while (stack.length > 0 && stack[stack.length - 1]!.level >= p.level) stack.pop();
      p.context = [...stack.map((s) => s.index), ...(intro ? [intro.index] : [])];
      if (p.isHeading) stack.push({ index: p.index, level: p.level });
    } else {
      p.context = stack.map((s) => s.index);
      intro = p.isIntro ? { index: p.index, level: -1 } : null;
    }
  }
}

/** Split a span into clauses at ";" (the unit for "who does this" when a sentence lists several tasks). */
export function splitClauses(clean: string, span: Span): Span[] {
  const out: Span[] = [];
  let s = span.start;
  let depth = 0;
  for (let i = span.start; i < span.end; i++) {
    const ch = clean[i]!;
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (ch === ";" && depth === 0) {
      out.push(trimSpan(clean, { start: s, end: i }));
      s = i + 1;
    }
  }
  out.push(trimSpan(clean, { start: s, end: span.end }));
  return out.filter((c) => c.end > c.start);
}
