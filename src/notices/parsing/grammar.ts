/**
 * A small vocabulary for writing the parser's patterns as sequences of words instead of raw
 * regular expressions.
 *
 * Vietnamese is written in syllables separated by spaces, and documents extracted from PDF or Word
 * put any run of spaces (or a line break) between them. So a phrase is a sequence of words joined by
 * "one or more spaces", and a pattern reads like the phrase it matches:
 *
 *   seq(anyOf("chậm nhất", "muộn nhất"), opt(anyOf("là", "vào")), "ngày", named("date", DATE))
 *
 * rather than `(?:chậm\s+nhất|muộn\s+nhất)(?:\s+(?:là|vào))?\s+ngày\s+(?<date>...)`. Plain strings are
 * literal words (regex characters escaped, spaces become `\s+`); `raw()` inserts a ready-made
 * fragment; `punct()` is punctuation that may touch the words around it (no space required).
 */

/** A ready-made regular-expression fragment. */
export class Fragment {
  constructor(readonly source: string) {}
}

/** An element of a sequence that may be absent; `glued` ones may touch the previous word ("5/2022"). */
class Optional {
  constructor(
    readonly part: Part,
    readonly glued: boolean,
  ) {}
}

/** Punctuation inside a phrase: joined to its neighbours by optional spaces ("14 giờ, ngày"). */
class Punct {
  constructor(readonly source: string) {}
}

export type Part = string | Fragment;
type SeqPart = Part | Optional | Punct;

/** Letters and digits that may not touch a word on either side (Vietnamese letters include combining marks). */
export const WORD_START = "(?<![\\p{L}\\p{M}\\d])";
export const WORD_END = "(?![\\p{L}\\p{M}\\d])";

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** A literal phrase: its words separated by any run of spaces. */
export function words(phrase: string): Fragment {
  return new Fragment(
    phrase
      .trim()
      .split(/\s+/)
      .map((w) => escapeRegex(w))
      .join("\\s+"),
  );
}

export function raw(source: string): Fragment {
  return new Fragment(source);
}

function src(p: Part): string {
  return typeof p === "string" ? words(p).source : p.source;
}

/** One of several phrases (longest literal first, so "chậm nhất là" wins over "chậm nhất"). */
export function anyOf(...parts: Part[]): Fragment {
  const sorted = [...parts].sort((a, b) => (typeof a === "string" && typeof b === "string" ? b.length - a.length : 0));
  return new Fragment(`(?:${sorted.map(src).join("|")})`);
}

export function opt(part: Part): Optional {
  return new Optional(part, false);
}

/** An optional part written right after the previous one, spaces allowed but not needed ("tháng 5/2022"). */
export function optGlued(part: Part): Optional {
  return new Optional(part, true);
}

/** Punctuation such as "," or ":" that may be written with or without spaces around it. */
export function punct(source: string): Punct {
  return new Punct(source);
}

/** A named capture group: `named("date", DATE)` is read back as `groups.date`. */
export function named(name: string, part: Part): Fragment {
  return new Fragment(`(?<${name}>${src(part)})`);
}

/** Words in order, separated by spaces; optional parts take their separating space with them. */
export function seq(...parts: SeqPart[]): Fragment {
  let out = "";
  // what the next part is joined with: nothing (start, or after a leading optional that took its
  // space), spaces (after a word), optional spaces (after punctuation)
  let state: "none" | "space" | "loose" = "none";
  for (const p of parts) {
    const punctuation = p instanceof Punct;
    const optional = p instanceof Optional;
    const source = p instanceof Punct ? p.source : p instanceof Optional ? src(p.part) : src(p);
    const glue = punctuation || (p instanceof Optional && p.glued);
    const sep = state === "none" ? "" : state === "loose" || glue ? "\\s*" : "\\s+";
    if (optional && state === "none") {
      // a leading optional part takes its following space with it
      out += `(?:${source}\\s+)?`;
      state = "none";
    } else if (optional) {
      out += `(?:${sep}${source})?`;
      state = "space";
    } else {
      out += sep + source;
      state = punctuation ? "loose" : "space";
    }
  }
  return new Fragment(out);
}

/**
 * The pattern as a global, case-insensitive Unicode regex that starts and ends on word boundaries.
 * `lookahead` is an optional fragment that must follow without being part of the match.
 */
export function phrasePattern(body: Part, lookahead?: Part): RegExp {
  const tail = lookahead === undefined ? WORD_END : `(?=${src(lookahead)})`;
  return new RegExp(`${WORD_START}${src(body)}${tail}`, "giu");
}

/** Test whether a phrase occurs in a text at word boundaries (case-insensitive). */
export function containsWord(text: string, part: Part): boolean {
  return new RegExp(`${WORD_START}${src(part)}${WORD_END}`, "iu").test(text);
}

/** A regex that matches one of the phrases at word boundaries (for vocabularies). */
export function vocabulary(phrases: readonly string[], flags = "iu"): RegExp {
  return new RegExp(`${WORD_START}${anyOf(...phrases).source}${WORD_END}`, flags);
}
