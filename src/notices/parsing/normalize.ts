/**
 * Text normalisation with an offset map.
 *
 * The parser matches its patterns on a "clean" copy of the text (markdown emphasis removed, odd
 * spaces and dashes unified, space runs collapsed) but every quote it returns must be an exact
 * substring of the document. So each clean character remembers the index of the source character
 * it came from, and quotes are cut from the source through that map.
 *
 * The source is the input after NFC normalisation, BOM removal and CRLF → LF: files arrive in NFD
 * from some Mac and PDF tools, and Vietnamese diacritics must compare equal either way.
 */

export interface NormalizedText {
  /** NFC text without BOM, with LF line ends: the text quotes are substrings of. */
  source: string;
  /** The text the patterns run on. */
  clean: string;
  /** map[i] = index in `source` of clean character i; map[clean.length] = source.length. */
  map: Int32Array;
}

// Zero-width characters and soft hyphens carry nothing a reader sees.
const INVISIBLE = new Set(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]);
// Spaces of every width become one ordinary space.
const SPACES = new Set([
  "\t",
  "\u00a0",
  "\u2000",
  "\u2001",
  "\u2002",
  "\u2003",
  "\u2004",
  "\u2005",
  "\u2006",
  "\u2007",
  "\u2008",
  "\u2009",
  "\u200a",
  "\u202f",
  "\u205f",
  "\u3000",
  "\v",
  "\f",
]);
// En/em dashes and minus signs are written interchangeably with "-" in unit names and dates.
const DASHES = new Set(["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"]);

export function toSource(input: string): string {
  let s = input.normalize("NFC");
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  return s.replace(/\r\n?/g, "\n");
}

/** Characters the loop below must look at; every other character is copied as it is (a fast path). */
const SPECIAL_RE = /[\n*_#\t \u00a0\u00ad\v\f\u2000-\u200b\u2010-\u2014\u2026\u202f\u205f\u2060\u2212\u3000\ufeff]|\u200c|\u200d/g;

export function normalizeText(input: string): NormalizedText {
  const source = toSource(input);
  const out: string[] = [];
  // a tab may become three characters (" | "), every other source character at most one
  const map = new Int32Array(source.length * 3 + 1);
  let n = 0; // clean length so far
  let atLineStart = true;
  let pendingSpaces = 0; // spaces seen but not yet written
  let pendingSpaceAt = -1;
  let pendingTab = false; // a tab among them: a cell boundary
  let lineStart = 0; // index in `out` where the current line starts

  const emit = (text: string, from: number) => {
    out.push(text);
    for (let k = 0; k < text.length; k++) map[n++] = from;
  };
  const copy = (from: number, to: number) => {
    if (to <= from) return;
    out.push(source.slice(from, to));
    for (let k = from; k < to; k++) map[n++] = k;
  };
  const flushSpaces = () => {
    // A table copied from Word arrives with its cells separated by tabs: write them as " | ", the
    // form table rows are read in. A tab right after a list marker ("1.\tĐánh giá chung") is a space.
    if (pendingTab && !/^\s*(?:[IVXLC]{1,5}\.|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ][.)]|[-+•])\s*$/u.test(out.slice(lineStart).join(""))) {
      emit(" | ", pendingSpaceAt);
    } else if (pendingSpaces > 0) {
      // Three or more spaces usually separate columns (two-column headers, signature blocks):
      // keep them as a three-space gap so the header parser can still split columns.
      emit(pendingSpaces >= 3 ? "   " : " ", pendingSpaceAt);
    }
    pendingSpaces = 0;
    pendingSpaceAt = -1;
    pendingTab = false;
  };

  let i = 0;
  while (i < source.length) {
    // copy the run of ordinary characters up to the next one that needs a decision
    SPECIAL_RE.lastIndex = i;
    const next = SPECIAL_RE.exec(source);
    const stop = next ? next.index : source.length;
    if (stop > i) {
      flushSpaces();
      atLineStart = false;
      copy(i, stop);
      i = stop;
      if (!next) break;
    }
    const ch = source[i]!;
    if (ch === "\n") {
      // trailing spaces on a line are dropped
      pendingSpaces = 0;
      pendingSpaceAt = -1;
      pendingTab = false;
      emit("\n", i);
      lineStart = out.length;
      atLineStart = true;
      i++;
      continue;
    }
    if (INVISIBLE.has(ch) || ch === "*") {
      // zero-width characters; Markdown emphasis stars
      i++;
      continue;
    }
    // Markdown artefacts: underscore pairs, heading hashes at line start
    if (ch === "_" && source[i + 1] === "_") {
      i += 2;
      continue;
    }
    if (atLineStart && ch === "#" && /^#{1,6}\s/.test(source.slice(i, i + 7))) {
      while (source[i + 1] === "#") i++;
      i++;
      continue;
    }
    if (ch === " " || SPACES.has(ch)) {
      if (!atLineStart) {
        if (pendingSpaces === 0) pendingSpaceAt = i;
        pendingSpaces++;
        if (ch === "\t") pendingTab = true;
      } // leading indentation carries no meaning for the parser
      i++;
      continue;
    }
    flushSpaces();
    atLineStart = false;
    emit(DASHES.has(ch) ? "-" : ch, i);
    i++;
  }
  map[n] = source.length;
  return { source, clean: out.join(""), map: map.slice(0, n + 1) };
}

/** The source substring for clean range [start, end). */
export function sourceSlice(norm: NormalizedText, start: number, end: number): { text: string; start: number; end: number } {
  if (end <= start) return { text: "", start: norm.map[start] ?? 0, end: norm.map[start] ?? 0 };
  const s = norm.map[start]!;
  const e = norm.map[end - 1]! + 1;
  return { text: norm.source.slice(s, e), start: s, end: e };
}
