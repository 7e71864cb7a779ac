/**
 * Phrases that plainly say something is due ("trước ngày 20/5", "chậm nhất ngày 10.11", "hạn chót",
 * "trước 14 giờ ngày ...") but did not become a task.
 *
 * Silence is the worst failure of a parser that proposes tasks: a notice whose deadline was lost (a
 * summary line that swallowed the body of a pasted text, a form the grammar does not know) looks
 * exactly like a notice without deadlines. So when no task was found, or when such a phrase sits in
 * lines read as the header or the signature, the phrases are returned for the office to check.
 */
import { type NormalizedText, sourceSlice } from "./normalize.js";
import type { Span } from "./segments.js";
import type { ParsedTask } from "./types.js";
import { DATE_SOURCE } from "./vietnamese-dates.js";

const DAY = `(?:ngày\\s+)?${DATE_SOURCE}`;
const CUE_RE = new RegExp(
  [
    `trước\\s+hoặc\\s+trong\\s+ngày\\s+${DATE_SOURCE}`,
    `(?:chậm|muộn)\\s+nhất(?:\\s+(?:là|vào))?\\s+${DAY}`,
    `không\\s+muộn\\s+hơn\\s+${DAY}`,
    `trước\\s+ngày\\s+${DATE_SOURCE}`,
    `trước\\s+\\d{1,2}\\s*(?:giờ|h)(?:\\s*\\d{1,2})?(?:\\s*phút)?\\s*,?\\s*(?:ngày\\s+)?${DATE_SOURCE}`,
    `(?:hạn\\s+chót|hạn\\s+cuối|thời\\s+hạn)(?:\\s+[\\p{L}\\p{M}]+){0,4}?\\s*:?\\s*(?:là\\s+)?${DAY}`,
    `trong\\s+(?:tháng\\s+\\d{1,2}\\s*\\/\\s*\\d{4}|quý\\s+(?:IV|III|II|I|[1-4])\\s*\\/\\s*\\d{4})`,
  ].join("|"),
  "giu",
);

const squeeze = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

export function unreadDeadlinePhrases(norm: NormalizedText, tasks: ParsedTask[], excluded: Span[]): string[] {
  const out: string[] = [];
  CUE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CUE_RE.exec(norm.clean))) {
    const start = m.index;
    const end = start + m[0].length;
    const inExcluded = excluded.some((x) => start < x.end && end > x.start);
    if (tasks.length > 0 && !inExcluded) continue;
    const src = sourceSlice(norm, start, end);
    const phrase = squeeze(src.text);
    const read = tasks.some(
      (t) =>
        src.start < t.quote_end &&
        src.end > t.quote_start &&
        (squeeze(t.deadline_phrase).includes(phrase) || phrase.includes(squeeze(t.deadline_phrase))),
    );
    if (!read && !out.includes(src.text.replace(/\s+/g, " "))) out.push(src.text.replace(/\s+/g, " "));
  }
  return out;
}
