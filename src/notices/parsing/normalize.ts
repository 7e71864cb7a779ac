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

export function normalizeText(input: string): NormalizedText {
  const source = toSource(input);
  const out: string[] = [];
  const map: number[] = [];
  let atLineStart = true;
  let pendingSpaces = 0; // spaces seen but not yet written
  let pendingSpaceAt = -1;
  let pendingTab = false; // a tab among them: a cell boundary
  let lineStart = 0; // clean offset where the current line starts

  const flushSpaces = () => {
    // A table copied from Word arrives with its cells separated by tabs: write them as " | ", the
    // form table rows are read in. A tab right after a list marker ("1.\tĐánh giá chung") is a space.
    if (pendingTab && !/^\s*(?:[IVXLC]{1,5}\.|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ][.)]|[-+•])\s*$/u.test(out.slice(lineStart).join(""))) {
      for (const c of " | ") {
        out.push(c);
        map.push(pendingSpaceAt);
      }
    } else if (pendingSpaces > 0) {
      // Three or more spaces usually separate columns (two-column headers, signature blocks):
      // keep them as a three-space gap so the header parser can still split columns.
      const n = pendingSpaces >= 3 ? 3 : 1;
      for (let k = 0; k < n; k++) {
        out.push(" ");
        map.push(pendingSpaceAt);
      }
    }
    pendingSpaces = 0;
    pendingSpaceAt = -1;
    pendingTab = false;
  };

  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === "\n") {
      // trailing spaces on a line are dropped
      pendingSpaces = 0;
      pendingSpaceAt = -1;
      pendingTab = false;
      out.push("\n");
      map.push(i);
      lineStart = out.length;
      atLineStart = true;
      continue;
    }
    if (INVISIBLE.has(ch)) continue;
    // Markdown artefacts: emphasis stars and underscores-pairs, heading hashes at line start.
    if (ch === "*") continue;
    if (ch === "_" && source[i + 1] === "_") {
      i++;
      continue;
    }
    if (atLineStart && ch === "#" && /^#{1,6}\s/.test(source.slice(i, i + 7))) {
      while (source[i + 1] === "#") i++;
      continue;
    }
    if (ch === " " || SPACES.has(ch)) {
      if (atLineStart) continue; // leading indentation carries no meaning for the parser
      if (pendingSpaces === 0) pendingSpaceAt = i;
      pendingSpaces++;
      if (ch === "\t") pendingTab = true;
      continue;
    }
    flushSpaces();
    atLineStart = false;
    if (DASHES.has(ch)) {
      out.push("-");
    } else if (ch === "\u2026") {
      out.push("…");
    } else {
      out.push(ch);
    }
    map.push(i);
  }
  map.push(source.length);
  return { source, clean: out.join(""), map: Int32Array.from(map) };
}

/** The source substring for clean range [start, end). */
export function sourceSlice(norm: NormalizedText, start: number, end: number): { text: string; start: number; end: number } {
  if (end <= start) return { text: "", start: norm.map[start] ?? 0, end: norm.map[start] ?? 0 };
  const s = norm.map[start]!;
  const e = norm.map[end - 1]! + 1;
  return { text: norm.source.slice(s, e), start: s, end: e };
}
