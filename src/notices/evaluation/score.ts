/**
 * Scoring the notice parser against hand annotations (the corpus format of
 * test/fixtures/notices/README.md): deadline recall and precision, assignee-scope accuracy over the
 * matched tasks, header accuracy, and the list of misses.
 *
 * A found task matches an annotated one when `due` and `due_rule` are equal and the quotes overlap
 * in the text (one-to-one, greedy in text order). When an annotated quote is not found in the text
 * (an office copied it from a PDF with other line breaks), it is looked for with the spaces
 * ignored; failing that, the task matches on `due` and `due_rule` alone and the problem is listed.
 * Pure: no I/O, the caller reads the files.
 */
import { toSource } from "../parsing/normalize.js";
import type { ParsedNotice, ParsedTask } from "../parsing/types.js";

export interface AnnotatedTask {
  quote: string;
  assignee?: string | null;
  assignee_scope: string;
  due: string | null;
  due_rule: string;
  recurrence?: string | null;
}

/** One annotated document. `number` and `issued_on` are scored only when present (null = "not written"). */
export interface Annotation {
  file: string;
  number?: string | null;
  issued_on?: string | null;
  tasks: AnnotatedTask[];
}

export interface FileScore {
  file: string;
  annotated: number;
  found: number;
  matched: number;
  scopeCorrect: number;
  /** null when the annotation does not give the field */
  numberCorrect: boolean | null;
  issuedCorrect: boolean | null;
  problems: string[];
}

export interface Totals {
  files: number;
  annotated: number;
  found: number;
  matched: number;
  scopeCorrect: number;
  numberScored: number;
  numberCorrect: number;
  issuedScored: number;
  issuedCorrect: number;
}

const short = (s: string, n = 110) => {
  const t = s.replace(/\s+/g, " ");
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};

/** Where a quote sits in the text: exact, else with all whitespace ignored; null when absent. */
export function locateQuote(source: string, quote: string): { start: number; end: number } | null {
  const exact = source.indexOf(quote);
  if (exact >= 0) return { start: exact, end: exact + quote.length };
  const squeezed = quote.replace(/\s+/g, "");
  if (!squeezed) return null;
  // map positions of the text without whitespace back to the text
  const pos: number[] = [];
  let flat = "";
  for (let i = 0; i < source.length; i++) {
    if (/\s/.test(source[i]!)) continue;
    flat += source[i];
    pos.push(i);
  }
  const at = flat.indexOf(squeezed);
  if (at < 0) return null;
  return { start: pos[at]!, end: pos[at + squeezed.length - 1]! + 1 };
}

export function scoreFile(ann: Annotation, text: string, parsed: ParsedNotice): FileScore {
  const source = toSource(text);
  const problems: string[] = [];
  let numberCorrect: boolean | null = null;
  let issuedCorrect: boolean | null = null;
  if (ann.number !== undefined) {
    numberCorrect = parsed.number === ann.number;
    if (!numberCorrect) problems.push(`number: expected ${ann.number}, got ${parsed.number}`);
  }
  if (ann.issued_on !== undefined) {
    issuedCorrect = parsed.issued_on === ann.issued_on;
    if (!issuedCorrect) problems.push(`issued_on: expected ${ann.issued_on}, got ${parsed.issued_on}`);
  }
  const used = new Set<number>();
  let matched = 0;
  let scopeCorrect = 0;
  for (const a of ann.tasks) {
    const where = locateQuote(source, a.quote);
    if (!where) problems.push(`QUOTE   not found in the text, matched on the date alone: “${short(a.quote, 70)}”`);
    const idx = parsed.tasks.findIndex(
      (f, i) =>
        !used.has(i) &&
        f.due === a.due &&
        f.due_rule === a.due_rule &&
        (!where || (f.quote_start < where.end && f.quote_end > where.start)),
    );
    if (idx < 0) {
      problems.push(`MISSED  ${a.due_rule} ${a.due} [${a.assignee_scope}] “${short(a.quote)}”`);
      continue;
    }
    used.add(idx);
    const f = parsed.tasks[idx]!;
    matched++;
    if (f.assignee_scope === a.assignee_scope) scopeCorrect++;
    else
      problems.push(
        `SCOPE   expected ${a.assignee_scope} (${a.assignee ?? "?"}), got ${f.assignee_scope} (${f.assignee}) “${short(a.quote, 70)}”`,
      );
  }
  parsed.tasks.forEach((f: ParsedTask, i) => {
    if (!used.has(i))
      problems.push(`EXTRA   ${f.due_rule} ${f.due} [${f.assignee_scope}] “${short(f.quote)}” (phrase “${f.deadline_phrase}”)`);
  });
  return {
    file: ann.file,
    annotated: ann.tasks.length,
    found: parsed.tasks.length,
    matched,
    scopeCorrect,
    numberCorrect,
    issuedCorrect,
    problems,
  };
}

export function emptyTotals(): Totals {
  return {
    files: 0,
    annotated: 0,
    found: 0,
    matched: 0,
    scopeCorrect: 0,
    numberScored: 0,
    numberCorrect: 0,
    issuedScored: 0,
    issuedCorrect: 0,
  };
}

export function addScore(t: Totals, s: FileScore): Totals {
  return {
    files: t.files + 1,
    annotated: t.annotated + s.annotated,
    found: t.found + s.found,
    matched: t.matched + s.matched,
    scopeCorrect: t.scopeCorrect + s.scopeCorrect,
    numberScored: t.numberScored + (s.numberCorrect === null ? 0 : 1),
    numberCorrect: t.numberCorrect + (s.numberCorrect ? 1 : 0),
    issuedScored: t.issuedScored + (s.issuedCorrect === null ? 0 : 1),
    issuedCorrect: t.issuedCorrect + (s.issuedCorrect ? 1 : 0),
  };
}

export function sumTotals(all: Totals[]): Totals {
  return all.reduce(
    (a, b) => ({
      files: a.files + b.files,
      annotated: a.annotated + b.annotated,
      found: a.found + b.found,
      matched: a.matched + b.matched,
      scopeCorrect: a.scopeCorrect + b.scopeCorrect,
      numberScored: a.numberScored + b.numberScored,
      numberCorrect: a.numberCorrect + b.numberCorrect,
      issuedScored: a.issuedScored + b.issuedScored,
      issuedCorrect: a.issuedCorrect + b.issuedCorrect,
    }),
    emptyTotals(),
  );
}

export interface Rates {
  recall: number | null;
  precision: number | null;
  scope: number | null;
}

export function rates(t: Totals): Rates {
  return {
    recall: t.annotated ? t.matched / t.annotated : null,
    precision: t.found ? t.matched / t.found : t.annotated ? 0 : null,
    scope: t.matched ? t.scopeCorrect / t.matched : null,
  };
}

export const pct = (a: number, b: number) => (b === 0 ? "n/a" : `${((100 * a) / b).toFixed(1)}%`);

/** "recall 95.0% (19/20), precision 90.5% (19/21), scope 89.5% (17/19)" */
export function describeTotals(t: Totals): string {
  return [
    `recall ${pct(t.matched, t.annotated)} (${t.matched}/${t.annotated})`,
    `precision ${pct(t.matched, t.found)} (${t.matched}/${t.found})`,
    `scope ${pct(t.scopeCorrect, t.matched)} (${t.scopeCorrect}/${t.matched})`,
    `number ${pct(t.numberCorrect, t.numberScored)}`,
    `issued_on ${pct(t.issuedCorrect, t.issuedScored)}`,
  ].join(", ");
}
