/**
 * Finding the deadlines of one sentence (or table row): the grammar (deadline-patterns.ts) reads
 * every phrase that can say when something is due, the context checks (deadline-context.ts) keep
 * those that are deadlines in their sentence, and the resolution (deadline-resolution.ts) turns
 * them into a last day on time.
 */
import { CONTEXT_CHECKS, type CandidateContext } from "./deadline-context.js";
import { DEADLINE_PATTERNS, type DeadlineHit, type DeadlineReading, matchPattern } from "./deadline-patterns.js";
import { type ResolveContext, type Resolution, resolveDeadline } from "./deadline-resolution.js";
import type { Span } from "./segments.js";
import type { CalendarDate } from "./vietnamese-dates.js";
import { DATE_SOURCE, parseWrittenDate } from "./vietnamese-dates.js";
import { parseQuarter } from "./numbers.js";

export type { DeadlineHit } from "./deadline-patterns.js";
export { resolveDeadline, type ResolveContext, type Resolution } from "./deadline-resolution.js";

export interface DeadlineDocument {
  resolve: ResolveContext;
  /** The document's own date (issue date, or the meeting a news item reports), for the checks. */
  documentDate: CalendarDate | null;
}

/** A phrase the grammar read, and whether a context check rejected it. */
export interface DeadlineCandidate {
  hit: DeadlineHit;
  resolution: Resolution;
  rejectedBy: string | null;
}

/** Clause (between ";") of a span that contains an offset. */
export function clauseAround(clean: string, span: Span, at: number): Span {
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
  while (s < e && /\s/.test(clean[s]!)) s++;
  return { start: s, end: e };
}

/**
 * Where a sentence or one of its clauses begins, after a list marker ("- ", "a) "). Entries of a
 * schedule may also be chained with commas ("Ngày 12/5 hoàn thiện dự thảo, ngày 15/5 gửi xin ý kiến"):
 * a comma followed by a day starts an entry too.
 */
function clauseStarts(clean: string, span: Span): number[] {
  const starts = [span.start];
  for (let i = span.start; i < span.end; i++) {
    if (clean[i] === ";") starts.push(i + 1);
    else if (clean[i] === "," && /^\s*(?:ngày|sáng|chiều)\s+\d/iu.test(clean.slice(i + 1, i + 12))) starts.push(i + 1);
  }
  return starts.map((s) => {
    const m = /^[\s\-+•]*(?:[a-zđ]\)\s+|\d{1,2}[.)]\s+)?/u.exec(clean.slice(s, Math.min(span.end, s + 8)));
    return s + (m ? m[0].length : 0);
  });
}

/** Every phrase of the grammar in a sentence, with the check that rejected it (null = a deadline). */
export function explainDeadlines(clean: string, span: Span, doc: DeadlineDocument): DeadlineCandidate[] {
  const text = clean.slice(span.start, span.end);
  const candidates: DeadlineCandidate[] = [];
  const kept: DeadlineHit[] = []; // the candidates no check rejected, in the order found
  const overlapsAccepted = (s: number, e: number) => kept.some((h) => s < h.end && e > h.start);
  const starts = clauseStarts(clean, span);

  for (const p of DEADLINE_PATTERNS) {
    const found: { index: number; length: number; reading: DeadlineReading }[] = [];
    if (p.where === "sentence-start") {
      for (const s of starts)
        for (const m of matchPattern(p, clean.slice(s, span.end))) found.push({ ...m, index: m.index + s - span.start });
    } else found.push(...matchPattern(p, text));
    for (const m of found) {
      const start = span.start + m.index;
      const end = start + m.length;
      if (overlapsAccepted(start, end)) continue;
      const hit: DeadlineHit = { start, end, pattern: p.name, ...m.reading };
      const resolution = resolveDeadline(hit, clean.slice(start, end), doc.resolve, span);
      const ctx: CandidateContext = {
        clean,
        sentence: span,
        clause: clauseAround(clean, span, start),
        hit,
        kept,
        documentDate: doc.documentDate,
        day: resolution.day,
      };
      const check = CONTEXT_CHECKS.find((k) => !k.late && k.rejects(ctx));
      candidates.push({ hit, resolution, rejectedBy: check?.name ?? null });
      if (!check) kept.push(hit);
    }
  }
  // checks that compare a phrase with the other deadlines of its sentence
  for (const c of candidates) {
    if (c.rejectedBy !== null) continue;
    const ctx: CandidateContext = {
      clean,
      sentence: span,
      clause: clauseAround(clean, span, c.hit.start),
      hit: c.hit,
      kept,
      documentDate: doc.documentDate,
      day: c.resolution.day,
    };
    const check = CONTEXT_CHECKS.find((k) => k.late && k.rejects(ctx));
    if (check) c.rejectedBy = check.name;
  }
  return candidates.sort((a, b) => a.hit.start - b.hit.start);
}

/** The deadlines of a sentence (or table row), in text order. */
export function findDeadlines(clean: string, span: Span, doc: DeadlineDocument): DeadlineHit[] {
  return explainDeadlines(clean, span, doc)
    .filter((c) => c.rejectedBy === null)
    .map((c) => c.hit);
}

/**
 * A table cell under a deadline column ("Thời hạn", "Thời gian hoàn thành", "Tiến độ") says when
 * the row's task is due even without a cue: "30/6/2022", "Tháng 7/2022", "Quý II/2024",
 * "Trước 20/5". A cue written in the cell keeps its meaning ("Trước ngày 20/5" is D − 1).
 */
export function findCellDeadline(clean: string, span: Span, doc: DeadlineDocument): DeadlineHit | null {
  const hits = findDeadlines(clean, span, doc);
  if (hits.length > 0) return hits[0]!;
  const raw = clean.slice(span.start, span.end);
  const lead = raw.length - raw.trimStart().length;
  const at = span.start + lead;
  const text = raw.trim().replace(/[.;]+$/u, "");
  const mk = (len: number, reading: DeadlineReading, pattern: string): DeadlineHit => ({ start: at, end: at + len, pattern, ...reading });
  const cue = /^(?<cue>trước|chậm\s+nhất|hạn|hoàn\s+thành|xong)?\s*(?:ngày\s+)?/iu.exec(text)!;
  const rest = text.slice(cue[0].length);
  let m = new RegExp(`^(?<date>${DATE_SOURCE})$`, "iu").exec(rest);
  if (m?.groups?.date) {
    const date = parseWrittenDate(m.groups.date);
    if (!date) return null;
    const rule = /^trước/iu.test(cue.groups?.cue ?? "") ? "before" : "by";
    return mk(text.length, { rule, precise: true, date }, "table: a day under a deadline column");
  }
  m = /^tháng\s+(?<m>\d{1,2})(?:\s*(?:\/|,?\s*năm)\s*(?<y>\d{4}))?$/iu.exec(rest);
  if (m && Number(m.groups!.m) >= 1 && Number(m.groups!.m) <= 12) {
    const y = m.groups!.y ? Number(m.groups!.y) : null;
    return mk(text.length, { rule: "month", precise: false, period: { kind: "month", index: Number(m.groups!.m), y } }, "table: a month");
  }
  m = /^quý\s+(?<q>IV|III|II|I|[1-4])(?:\s*(?:\/|,?\s*năm)\s*(?<y>\d{4}))?$/iu.exec(rest);
  if (m) {
    const q = parseQuarter(m.groups!.q!);
    const y = m.groups!.y ? Number(m.groups!.y) : null;
    if (q) return mk(text.length, { rule: "quarter", precise: false, period: { kind: "quarter", index: q, y } }, "table: a quarter");
  }
  m = /^(?:6|06|sáu)\s+tháng\s+(?<h>đầu|cuối)\s+năm(?:\s+(?<y>\d{4}))?$/iu.exec(rest);
  if (m) {
    const y = m.groups!.y ? Number(m.groups!.y) : null;
    return mk(
      text.length,
      {
        rule: "half_year",
        precise: false,
        period: { kind: /đầu/iu.test(m.groups!.h!) ? "first_half" : "second_half", index: 0, y, thisYear: !y },
      },
      "table: a half-year",
    );
  }
  m = /^năm\s+(?<y>\d{4})$/iu.exec(rest);
  if (m)
    return mk(text.length, { rule: "year", precise: false, period: { kind: "year", index: 0, y: Number(m.groups!.y) } }, "table: a year");
  return null;
}
