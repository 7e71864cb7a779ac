/**
 * Entry point: a Vietnamese administrative document (thông báo, kế hoạch, công văn, ...) as text
 * → number, date, issuer, title, recipients and every task that carries a deadline.
 *
 * Pure and synchronous: no I/O, no clock (a missing issue date is never replaced by "today"),
 * so the same text always gives the same result.
 */
import { DateTime } from "luxon";
import {
  type ActorMatch,
  classifyActor,
  findClauseActor,
  findCooperating,
  headingActor,
  introActor,
  parseActorAt,
  skipPreamble,
  splitElements,
  startsActor,
} from "./assignees.js";
import { type DeadlineDocument, type DeadlineHit, findCellDeadline, findDeadlines, resolveDeadline } from "./deadlines.js";
import { yearHintsOf } from "./deadline-resolution.js";
import { unreadDeadlinePhrases } from "./unread-deadlines.js";
import { type HeaderInfo, parseHeader } from "./header.js";
import { vi } from "./messages-vi.js";
import { type NormalizedText, normalizeText, sourceSlice } from "./normalize.js";
import { type Paragraph, type Span, buildParagraphs, splitClauses, splitLines } from "./segments.js";
import type { ParseNoticeOptions, ParsedNotice, ParsedTask } from "./types.js";
import { type CalendarDate, fromIsoDate } from "./vietnamese-dates.js";

export const DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh";

interface Doc {
  norm: NormalizedText;
  clean: string;
  header: HeaderInfo;
  paragraphs: Paragraph[];
  deadlines: DeadlineDocument;
}

interface FoundActor {
  text: string | null;
  source: ParsedTask["assignee_source"];
  match: ActorMatch | null;
}

export function parseNotice(text: string, options: ParseNoticeOptions = {}): ParsedNotice {
  const norm = normalizeText(text);
  const lines = splitLines(norm.clean);
  const header = parseHeader(norm.clean, lines);
  const paragraphs = buildParagraphs(norm.clean, lines, header.excludedLines);
  // Inside a paragraph a line break is only a wrap: read it as a space (same length, so offsets
  // and the map to the source stay valid, and quotes keep the original line break).
  const clean = joinWrappedLines(norm.clean, paragraphs);
  const issued = header.issued_on ? fromIsoDate(header.issued_on) : null;
  const received = readReferenceDate(options);
  const deadlines: DeadlineDocument = {
    resolve: {
      issued,
      reference: header.event ?? received,
      referenceKind: header.event ? "event" : received ? "received" : null,
      yearHints: yearHintsOf(clean),
    },
    documentDate: issued ?? header.event,
  };
  const doc: Doc = { norm, clean, header, paragraphs, deadlines };

  const tasks: ParsedTask[] = [];
  const seen = new Set<string>();
  const push = (t: ParsedTask) => {
    const key = `${t.quote_start}:${t.deadline_phrase}:${t.due}:${t.due_rule}`;
    if (seen.has(key)) return;
    seen.add(key);
    tasks.push(t);
  };

  for (const p of paragraphs) {
    if (p.kind === "table_header") continue;
    if (isExcluded(header, p)) continue;
    if (p.kind === "table_row") {
      for (const t of tasksOfRow(doc, p)) push(t);
      continue;
    }
    p.sentences.forEach((span, si) => {
      for (const t of tasksOfSentence(doc, p, si, span)) push(t);
    });
  }

  const warnings: string[] = [];
  if (!header.issued_on) warnings.push(vi.warnings.noIssueDate);
  if (header.issueYearInferred !== null) warnings.push(vi.warnings.issueYearInferred(header.issueYearInferred));
  if (tasks.length === 0) warnings.push(vi.warnings.noTasks);
  // A text whose wording says something is due but yields no task (a title that swallowed the body, a
  // form the grammar does not know): say so, so the office checks it rather than trusting silence.
  const excludedSpans = lines.filter((l) => header.excludedLines.has(l.index)).map((l) => ({ start: l.start, end: l.end }));
  const unread = unreadDeadlinePhrases(norm, tasks, excludedSpans);
  if (unread.length > 0) warnings.push(vi.warnings.unreadDeadlines(unread.slice(0, 3)));

  return {
    number: header.number,
    issued_on: header.issued_on,
    issuer: header.issuer,
    title: header.title,
    recipients: header.recipients,
    tasks,
    place: header.place,
    issued_on_source: header.issued_on_source,
    doc_type: header.doc_type,
    addressees: header.addressees,
    signer: header.signer,
    signer_title: header.signer_title,
    unread_deadline_phrases: unread,
    warnings,
  };
}

function joinWrappedLines(clean: string, paragraphs: Paragraph[]): string {
  const parts: string[] = [];
  let from = 0;
  for (const p of paragraphs) {
    if (p.kind !== "text" || p.firstLine === p.lastLine) continue;
    parts.push(clean.slice(from, p.start), clean.slice(p.start, p.end).replace(/\n/g, " "));
    from = p.end;
  }
  parts.push(clean.slice(from));
  return parts.join("");
}

function isExcluded(header: HeaderInfo, p: Paragraph): boolean {
  for (let i = p.firstLine; i <= p.lastLine; i++) if (header.excludedLines.has(i)) return true;
  return false;
}

function readReferenceDate(options: ParseNoticeOptions): CalendarDate | null {
  if (!options.referenceDate) return null;
  const zone = options.timezone ?? DEFAULT_TIMEZONE;
  const dt = DateTime.fromISO(options.referenceDate, { zone, setZone: false }).setZone(zone);
  if (!dt.isValid) return null;
  return { y: dt.year, m: dt.month, d: dt.day };
}

// ------------------------------------------------------------------ sentences

function tasksOfSentence(doc: Doc, p: Paragraph, si: number, span: Span): ParsedTask[] {
  const { clean } = doc;
  const hits = findDeadlines(clean, span, doc.deadlines);
  if (hits.length === 0) return [];
  const clauses = mergeActorLists(clean, splitClauses(clean, span));
  const out: ParsedTask[] = [];
  hits.forEach((hit, k) => {
    const clause = clauses.find((c) => hit.start >= c.start && hit.start < c.end) ?? span;
    const { start: qs, end: qe } = quoteBounds(clean, span, clause, hits, k);
    const actor = actorForSentence(doc, p, si, clauses, hit);
    const cooperating = findCooperating(clean, clause.start, clause.end);
    out.push(makeTask(doc, hit, qs, qe, actor, cooperating));
  });
  return out;
}

/**
 * The quote: from the start of the sentence (after a "Đối với ...:" topic) to the end of the
 * deadline phrase; when the phrase opens its clause ("...; trong vòng 10 ngày ... phải hoàn thành
 * việc ..."), to the end of the clause, since the task is written after it.
 */
function quoteBounds(clean: string, span: Span, clause: Span, hits: DeadlineHit[], k: number): Span {
  const hit = hits[k]!;
  let start = skipPreamble(clean, span.start, span.end);
  if (start > hit.start) start = span.start;
  // after "... như sau:" / "... cụ thể:" the task starts anew
  const colon = lastColonBefore(clean, Math.max(start, clause.start), hit.start);
  if (colon !== null) start = colon;
  const prev = hits[k - 1];
  if (prev) {
    if (prev.end <= clause.start) start = Math.max(start, clause.start);
    else {
      start = prev.end;
      while (start < hit.start && /[\s,;.:-]/.test(clean[start]!)) start++;
    }
  }
  let end = hit.end;
  const leadStart = Math.max(start, clause.start);
  const lead = clean.slice(leadStart, hit.start);
  // the phrase opens the clause, or follows only its subject ("Các sở, ngành định kỳ trước ngày
  // 20 hằng tháng báo cáo ..."): the task is written after it
  const subjectOnly = (() => {
    const a = parseActorAt(clean, skipPreamble(clean, leadStart, hit.start), hit.start);
    return !!a && clean.slice(a.end, hit.start).trim() === "";
  })();
  if (subjectOnly || /^[\s,:-]*(?:và|đồng thời|sau đó)?\s*$/u.test(lead)) {
    end = clause.end;
    const next = hits[k + 1];
    if (next && next.start < end) end = hit.end;
  }
  while (end > start && /[\s,;:]/.test(clean[end - 1]!)) end--;
  return { start, end };
}

/**
 * "Các sở, ban, ngành; UBND các huyện, thành phố căn cứ ...", "Giao các sở, ngành tỉnh; UBND các
 * huyện, thành phố; các Ban QLDA ... báo cáo ...": a ";" inside a list of actors does not end a clause.
 */
function mergeActorLists(clean: string, clauses: Span[]): Span[] {
  const out: Span[] = [];
  for (const c of clauses) {
    const prev = out[out.length - 1];
    if (prev) {
      const a = findClauseActor(clean, prev.start, prev.end).actor;
      if (a && a.end >= prev.end && startsActor(clean.slice(c.start, c.end))) {
        out[out.length - 1] = { start: prev.start, end: c.end };
        continue;
      }
    }
    out.push({ ...c });
  }
  return out;
}

function actorForSentence(doc: Doc, p: Paragraph, si: number, clauses: Span[], hit: DeadlineHit): FoundActor {
  const { clean, header } = doc;
  const ci = Math.max(
    0,
    clauses.findIndex((c) => hit.start >= c.start && hit.start < c.end),
  );
  let directiveWithoutActor = false;
  let pronoun = false;
  // 0. after a colon the content starts anew: "X kết luận ... như sau: yêu cầu UBND huyện ... định kỳ
  // hằng quý báo cáo": the actor of a deadline after the colon is written after it
  const own = clauses[ci] ?? { start: hit.start, end: hit.end };
  const colon = lastColonBefore(clean, own.start, hit.start);
  if (colon !== null) {
    const ca = findClauseActor(clean, colon, own.end, hit.start);
    if (ca.actor && ca.actor.start < hit.start && !ca.pronoun) return { text: ca.actor.text, source: "sentence", match: ca.actor };
    // "... cụ thể: Chậm nhất ngày 10.11, UBND tỉnh gửi ...": the deadline opens the content, the actor follows it
    if (clean.slice(colon, hit.start).trim() === "") {
      const after = actorAfter(clean, hit.end, own.end);
      if (after) return after;
    }
  }
  // A dated entry of a schedule is its own item: its actor, if any, is written after its date, and
  // never carried over from the entries before it.
  const entry = hit.pattern === "dated entry of a schedule";
  // 1. this clause, then the earlier clauses of the sentence (a few: a long list's first clause
  // does not speak for its twentieth)
  for (let j = ci; j >= (entry ? ci : Math.max(0, ci - 6)); j--) {
    const c = clauses[j]!;
    const ca = findClauseActor(clean, c.start, c.end, j === ci ? hit.start : c.end);
    if (j === ci && ca.directiveWithoutActor) directiveWithoutActor = true;
    if (ca.actor && ca.actor.start < hit.start) {
      if (ca.pronoun) {
        pronoun = true;
        break;
      }
      return { text: ca.actor.text, source: "sentence", match: ca.actor };
    }
    // a deadline opening the clause as an adverbial: "Chậm nhất ngày 20/5/2022, các đơn vị gửi ..."
    if (j === ci && clean.slice(ca.contentStart, hit.start).trim() === "") {
      const after = actorAfter(clean, hit.end, c.end);
      if (after) return after;
    }
  }
  // 2. the addressees, when the sentence speaks to them ("Đề nghị Quý cơ quan ...", "Đề nghị báo cáo ...")
  if ((pronoun || directiveWithoutActor) && header.addressees.length > 0) {
    return { text: header.addressees.join("; "), source: "addressee", match: null };
  }
  // 3. earlier sentences of the same point
  for (let s = entry ? -1 : si - 1; s >= Math.max(0, si - 8); s--) {
    const sp = p.sentences[s]!;
    const cls = mergeActorLists(clean, splitClauses(clean, sp));
    for (let j = cls.length - 1; j >= 0; j--) {
      const ca = findClauseActor(clean, cls[j]!.start, cls[j]!.end);
      if (ca.actor && !ca.pronoun) return { text: ca.actor.text, source: "context", match: ca.actor };
    }
  }
  // 4. the heading of the point, or the intro of the list
  const fromHeading = actorFromContext(doc, p);
  if (fromHeading) return fromHeading;
  return { text: null, source: "none", match: null };
}

/** The actor written right after a deadline that opens its clause ("Chậm nhất ngày 4.10, UBND tỉnh gửi ..."). */
function actorAfter(clean: string, from: number, end: number): FoundActor | null {
  let pos = from;
  while (pos < end && /[\s,:-]/.test(clean[pos]!)) pos++;
  const after = findClauseActor(clean, pos, end);
  return after.actor && !after.pronoun ? { text: after.actor.text, source: "sentence", match: after.actor } : null;
}

/** Offset after the last ":" between `start` and `at` that opens content (not a time "14:00", not inside brackets). */
function lastColonBefore(clean: string, start: number, at: number): number | null {
  let depth = 0;
  let found: number | null = null;
  for (let i = start; i < at; i++) {
    const ch = clean[i]!;
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (ch === ":" && depth === 0 && !/\d/.test(clean[i + 1] ?? "")) found = i + 1;
  }
  if (found === null) return null;
  while (found < at && /\s/.test(clean[found]!)) found++;
  return found;
}

function actorFromContext(doc: Doc, p: Paragraph): FoundActor | null {
  const { clean, paragraphs } = doc;
  for (let k = p.context.length - 1; k >= 0; k--) {
    const q = paragraphs[p.context[k]!]!;
    const a = q.isHeading ? headingActor(clean, q.contentStart, q.end) : q.isIntro ? introActor(clean, q.start, q.end) : null;
    if (a) return { text: a.text, source: "heading", match: a };
  }
  return null;
}

// ------------------------------------------------------------------ table rows

const ASSIGNEE_COLUMN_RE = /chủ\s+trì|thực\s+hiện|đơn\s+vị|cơ\s+quan|người|phụ\s+trách/iu;
const TIME_COLUMN_RE = /^(?:thời\s+gian|thời\s+điểm|ngày)/iu;
const DELIVERABLE_CELL_RE =
  /^(?:gửi|nộp|báo\s+cáo|trình|ban\s+hành|phát\s+hành|hoàn\s+thành|hoàn\s+thiện|hoàn\s+chỉnh|tổng\s+hợp|cung\s+cấp|bàn\s+giao)(?![\p{L}\p{M}])/iu;
/** A column whose header says its dates are deadlines: "Thời hạn (hoàn thành)", "Hạn nộp", "Thời gian hoàn thành / nộp / gửi", "Tiến độ". */
const DEADLINE_COLUMN_RE =
  /thời\s+hạn|^hạn|hạn\s+(?:hoàn\s+thành|nộp|gửi|báo\s+cáo)|thời\s+gian\s+(?:hoàn\s+thành|nộp|gửi|báo\s+cáo|trình)|ngày\s+(?:hoàn\s+thành|nộp|gửi)|tiến\s+độ|hoàn\s+thành/iu;

function tasksOfRow(doc: Doc, p: Paragraph): ParsedTask[] {
  const { clean, paragraphs } = doc;
  const cells = p.cells ?? [];
  const header = p.tableHeader !== null && p.tableHeader !== undefined ? paragraphs[p.tableHeader] : undefined;
  const headerCells = header?.cells ?? [];
  const colIndex = (re: RegExp, not?: RegExp) => headerCells.findIndex((c) => re.test(c.text) && !not?.test(c.text));
  const assigneeCol = colIndex(ASSIGNEE_COLUMN_RE, /phối\s+hợp/iu);
  const coopCol = colIndex(/phối\s+hợp/iu);
  const deadlineCol = colIndex(DEADLINE_COLUMN_RE);
  const row: Span = p.sentences[0] ?? { start: p.start, end: p.end };

  const hits: DeadlineHit[] = [];
  const add = (h: DeadlineHit | null) => {
    if (h && !hits.some((o) => o.start < h.end && o.end > h.start)) hits.push(h);
  };
  const d = doc.deadlines;
  if (deadlineCol >= 0 && cells[deadlineCol]) {
    add(findCellDeadline(clean, cells[deadlineCol]!, d));
  } else {
    // a dated entry in the first cell ("Ngày 22/10/2021 | Gửi dự thảo ..."), or a cue anywhere in the row
    for (const h of findDeadlines(clean, { start: cells[0]?.start ?? row.start, end: row.end }, d)) add(h);
    // a timeline ("Thời gian | Nội dung"): a bare date or month next to a deliverable is when it is due
    const timeCol = colIndex(TIME_COLUMN_RE);
    const timeCell = timeCol >= 0 ? cells[timeCol] : undefined;
    if (hits.length === 0 && timeCell && cells.some((c, i) => i !== timeCol && DELIVERABLE_CELL_RE.test(c.text))) {
      const h = findCellDeadline(clean, timeCell, d);
      if (h && h.rule === "by" && !/^\s*(?:chậm|hạn|trước)/iu.test(timeCell.text)) h.rule = "exact";
      add(h);
    }
  }
  if (hits.length === 0) return [];

  let actor: FoundActor = { text: null, source: "none", match: null };
  // a cell of an "executing unit" column holds only the actor: take it whole
  const cellActor = (i: number): ActorMatch | null => {
    const c = cells[i];
    if (!c?.text) return null;
    if (startsActor(c.text)) {
      const text = c.text.replace(/[.;,]+$/u, "");
      return { text, start: c.start, end: c.start + text.length, restricted: false };
    }
    return parseActorAt(clean, c.start, c.end);
  };
  if (assigneeCol >= 0) {
    const a = cellActor(assigneeCol);
    if (a) actor = { text: a.text, source: "table", match: a };
  } else {
    // no header: the last cell that is only an actor ("... | Tổ giúp việc Đoàn giám sát")
    for (let i = cells.length - 1; i >= 1; i--) {
      const a = cellActor(i);
      if (a && a.end >= cells[i]!.end - 1 && !hits.some((h) => h.start >= cells[i]!.start && h.start < cells[i]!.end)) {
        actor = { text: a.text, source: "table", match: a };
        break;
      }
    }
  }
  if (!actor.text) {
    // the task cell may name its own actor
    for (const c of cells) {
      const ca = findClauseActor(clean, c.start, c.end);
      if (ca.actor && !ca.pronoun) {
        actor = { text: ca.actor.text, source: "sentence", match: ca.actor };
        break;
      }
    }
  }
  if (!actor.text) actor = actorFromContext(doc, p) ?? actor;
  const cooperating = coopCol >= 0 && cells[coopCol] ? splitElements(cells[coopCol]!.text) : [];
  return hits.map((hit) => makeTask(doc, hit, row.start, row.end, actor, cooperating));
}

// ------------------------------------------------------------------ task

function makeTask(doc: Doc, hit: DeadlineHit, qs: number, qe: number, actor: FoundActor, cooperating: string[]): ParsedTask {
  const { norm, header } = doc;
  const quote = sourceSlice(norm, qs, qe);
  const phrase = sourceSlice(norm, hit.start, hit.end).text;
  const resolution = resolveDeadline(hit, phrase, doc.deadlines.resolve, sentenceOf(doc, hit.start));
  const assigneeText = actor.text ? assigneeSourceText(doc, actor) : null;
  const { scope, units } = classifyActor(actor.text, header.issuer);
  const notes = [...resolution.notes];
  if (hit.rule === "before" && hit.date) notes.push(vi.notes.beforeDayAmbiguous);
  if (actor.source === "context" || actor.source === "heading") notes.push(vi.notes.assigneeFromContext);
  if (!actor.text) notes.push(vi.notes.noAssignee);
  return {
    quote: quote.text,
    assignee: assigneeText,
    assignee_scope: scope,
    due: resolution.due,
    due_rule: hit.rule,
    recurrence: resolution.recurrence,
    recurrence_rule: resolution.recurrenceRule,
    deadline_phrase: phrase,
    due_reading: resolution.reading,
    units,
    cooperating: cooperating.filter((c) => !actor.text?.includes(c)),
    time_of_day: resolution.time,
    assignee_source: actor.source,
    quote_start: quote.start,
    quote_end: quote.end,
    notes,
  };
}

/** The sentence (or row) around an offset, for year-less dates that take the year written beside them. */
function sentenceOf(doc: Doc, at: number): Span | null {
  for (const p of doc.paragraphs) {
    if (at < p.start || at >= p.end) continue;
    return p.sentences.find((s) => at >= s.start && at < s.end) ?? { start: p.start, end: p.end };
  }
  return null;
}

/** The assignee exactly as written in the document (the source text behind the clean match). */
function assigneeSourceText(doc: Doc, actor: FoundActor): string {
  if (actor.match && actor.source !== "addressee") {
    const s = sourceSlice(doc.norm, actor.match.start, actor.match.end).text.replace(/\s+/g, " ").replace(/\*/g, "").trim();
    if (s) return s;
  }
  return actor.text ?? "";
}
