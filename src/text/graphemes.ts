/**
 * Cutting text for display without breaking a character. Limits are counted in UTF-16 code units, as
 * Telegram and JavaScript count them, but a cut at a fixed position can fall inside an emoji (leaving a
 * lone surrogate, which Telegram refuses and SQLite cannot store) or between a letter and its combining
 * accent. Cuts fall on grapheme boundaries (Intl.Segmenter), what a reader sees as one character.
 */
const segmenter = new Intl.Segmenter("vi", { granularity: "grapheme" });

/** The longest prefix of whole graphemes that is at most `max` UTF-16 code units long. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  // the grapheme that contains position `max` starts at the last boundary at or before it
  const at = segmenter.segment(text).containing(max);
  return text.slice(0, at ? at.index : max);
}

/** The text itself when it fits in `max` code units, else whole graphemes and "…" within `max`. */
export function clip(text: string, max: number, mark = "…"): string {
  return text.length <= max ? text : `${cutText(text, max - mark.length)}${mark}`;
}

/** The text itself when it fits, else its first `max` code units' worth of whole graphemes and "…" after them. */
export function clipAfter(text: string, max: number, mark = "…"): string {
  return text.length <= max ? text : `${cutText(text, max)}${mark}`;
}

/** A lone surrogate: half of a character outside the Basic Multilingual Plane. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the string is valid Unicode (String.prototype.isWellFormed, which TypeScript's ES2023 lib does not declare). */
export const isWellFormed = (text: string): boolean => !LONE_SURROGATE.test(text);
