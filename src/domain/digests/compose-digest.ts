/**
 * The digest for the standing committee: `composeDigest` sorts the state into what the committee
 * needs (per task: on time, late, missing but not yet due, missing and overdue; new reports; urgent
 * issues; notices not acknowledged), and `renderDigest` writes it in Vietnamese as one or more
 * messages. Counts come first and names are listed compactly, so a council with 100 units still gets a
 * readable digest; long digests are split into several messages.
 */
import { html, joinHtml, SafeHtml } from "../../text/html.js";
import { digest as t } from "../../i18n/vi/schedule.js";
import { digestLines as periodicDigest } from "../../i18n/vi/task-admin.js";
import { daysLeft as daysLeftOf } from "../time/vietnam-time.js";
import { formatDateTime, formatDeadline, formatRelativeDue, formatShortDate } from "../time/vietnamese-format.js";

export type DigestContentKind = "daily" | "weekly" | "on_demand";

export interface DigestTaskInput {
  id: number;
  title: string;
  dueAt: Date;
  /** Units in the order the digest should list them (e.g. by unit code). */
  units: Array<{
    unitId: number;
    unitName: string;
    /** The unit's latest submission for the task, or null. `late` is taken as given. */
    latest: { submittedAt: Date; late: boolean; version: number; receiptNo: string } | null;
    /** The unit's own deadline after an extension for it alone; absent = the task's. */
    dueAt?: Date;
    /** The latest answer is "Không phát sinh" (nothing to report). */
    nothing?: boolean;
    /** commune, ward, special_zone ... (for the summary of a large council) */
    unitKind?: string;
    /** the unit above it (a province), for the summary of a large council */
    parentName?: string | null;
  }>;
}

export interface DigestSubmissionInput {
  unitName: string;
  taskTitle: string | null;
  submittedAt: Date;
  late: boolean;
  receiptNo: string;
  version: number;
}

export interface DigestIssueInput {
  receiptNo: string;
  unitName: string | null;
  category: string;
  /** normal | urgent | very_urgent */
  urgency: string;
  /** new | acknowledged | assigned | resolved */
  status: string;
  createdAt: Date;
  location: string;
}

export interface DigestNoticeGapInput {
  noticeId: number;
  title: string;
  publishedAt: Date;
  missingUnitNames: string[];
  /** presses in a unit's group by people outside that unit: said apart, never counted */
  outsiderAcks?: string[];
}

export interface ComposeDigestInput {
  now: Date;
  timezone: string;
  period: { from: Date; to: Date };
  kind: DigestContentKind;
  tasks: readonly DigestTaskInput[];
  newSubmissions: readonly DigestSubmissionInput[];
  issues: readonly DigestIssueInput[];
  noticeGaps: readonly DigestNoticeGapInput[];
  /**
   * Above this many units the digest lists no unit by name per task: it gives counts per unit kind and per
   * parent, the worst units, and the full table goes along as a spreadsheet. Default: no limit.
   */
  maxUnits?: number;
}

/** Report counts (unit x task) of a group of units. */
export interface DigestCounts {
  units: number;
  onTime: number;
  late: number;
  missingOverdue: number;
  missingNotDue: number;
}

/** What a large council's digest gives instead of names. */
export interface DigestSummary {
  /** distinct units across the open tasks */
  units: number;
  maxUnits: number;
  /** per unit kind, most units first */
  byKind: Array<DigestCounts & { kind: string }>;
  /** per parent unit, most overdue first */
  byParent: Array<DigestCounts & { name: string }>;
  /** the units with most overdue, then late reports (only those with any) */
  worst: Array<{ unitName: string; parentName: string | null; missingOverdue: number; late: number }>;
}

/** How many units the "worst units" list of a summary names. */
export const WORST_UNITS = 20;

export interface DigestUnitEntry {
  unitId: number;
  unitName: string;
}

export interface DigestSubmittedEntry extends DigestUnitEntry {
  submittedAt: Date;
  version: number;
  receiptNo: string;
}

export interface DigestTaskSummary {
  id: number;
  title: string;
  dueAt: Date;
  /** now > dueAt */
  overdue: boolean;
  /** Deadline day minus today (negative when overdue). */
  daysLeft: number;
  totalUnits: number;
  onTime: DigestSubmittedEntry[];
  late: DigestSubmittedEntry[];
  /** Not submitted, deadline not passed. */
  missingNotDue: DigestUnitEntry[];
  /** Not submitted, deadline passed. */
  missingOverdue: DigestUnitEntry[];
  /** Units with their own, later deadline (an extension for them alone), not yet submitted. */
  extended: Array<DigestUnitEntry & { dueAt: Date }>;
  /** How many of the submitted units answered "Không phát sinh". */
  nothing: number;
}

export interface DigestContent {
  kind: DigestContentKind;
  now: Date;
  timezone: string;
  period: { from: Date; to: Date };
  /** Sorted by deadline, earliest first. */
  tasks: DigestTaskSummary[];
  newSubmissions: {
    total: number;
    late: number;
    /** Grouped by task title (null: reports outside any task), groups in order of their first report. */
    groups: Array<{ taskTitle: string | null; items: DigestSubmissionInput[] }>;
  };
  issues: {
    /** Created within the period. */
    newInPeriod: number;
    /** Not resolved, most urgent first, then oldest first. */
    open: DigestIssueInput[];
    openVeryUrgent: number;
    openUrgent: number;
  };
  /** Notices some units have not acknowledged, oldest first. */
  noticeGaps: DigestNoticeGapInput[];
  totals: { tasks: number; overdueMissing: number; newSubmissions: number; openIssues: number; noticeGaps: number };
  /** present when the council has more units than `maxUnits`: the digest is summarised (see renderDigest) */
  summary?: DigestSummary;
}

const URGENCY_RANK: Record<string, number> = { very_urgent: 0, urgent: 1, normal: 2 };

function inPeriod(at: Date, period: { from: Date; to: Date }): boolean {
  return at.getTime() > period.from.getTime() && at.getTime() <= period.to.getTime();
}

/**
 * Builds the digest's content from state. New submissions and new issues count when they fall in the
 * period (from, to]: the boundary moment belongs to the earlier digest. Whether a task is overdue is
 * judged at `now` (after the deadline moment: overdue; at exactly the deadline: not yet).
 */
export function composeDigest(input: ComposeDigestInput): DigestContent {
  const { now, timezone: tz, period } = input;
  const tasks: DigestTaskSummary[] = [...input.tasks]
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id)
    .map((task) => {
      const overdue = now.getTime() > task.dueAt.getTime();
      const s: DigestTaskSummary = {
        id: task.id,
        title: task.title,
        dueAt: task.dueAt,
        overdue,
        daysLeft: daysLeftOf(now, task.dueAt, tz),
        totalUnits: task.units.length,
        onTime: [],
        late: [],
        missingNotDue: [],
        missingOverdue: [],
        extended: [],
        nothing: 0,
      };
      for (const u of task.units) {
        if (u.latest) {
          const { submittedAt, version, receiptNo } = u.latest;
          (u.latest.late ? s.late : s.onTime).push({ unitId: u.unitId, unitName: u.unitName, submittedAt, version, receiptNo });
          if (u.nothing) s.nothing++;
        } else {
          const unitOverdue = u.dueAt ? now.getTime() > u.dueAt.getTime() : overdue;
          (unitOverdue ? s.missingOverdue : s.missingNotDue).push({ unitId: u.unitId, unitName: u.unitName });
          if (u.dueAt && u.dueAt.getTime() > task.dueAt.getTime())
            s.extended.push({ unitId: u.unitId, unitName: u.unitName, dueAt: u.dueAt });
        }
      }
      return s;
    });

  const subs = input.newSubmissions
    .filter((x) => inPeriod(x.submittedAt, period))
    .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  const groups: DigestContent["newSubmissions"]["groups"] = [];
  for (const s of subs) {
    let g = groups.find((x) => x.taskTitle === s.taskTitle);
    if (!g) groups.push((g = { taskTitle: s.taskTitle, items: [] }));
    g.items.push(s);
  }

  const open = input.issues
    .filter((i) => i.status !== "resolved")
    .sort((a, b) => (URGENCY_RANK[a.urgency] ?? 3) - (URGENCY_RANK[b.urgency] ?? 3) || a.createdAt.getTime() - b.createdAt.getTime());
  const noticeGaps = input.noticeGaps
    .filter((n) => n.missingUnitNames.length > 0)
    .sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());

  const overdueMissing = tasks.reduce((n, x) => n + x.missingOverdue.length, 0);
  const summary = summarise(input, tasks);
  return {
    kind: input.kind,
    now,
    timezone: tz,
    period,
    tasks,
    newSubmissions: { total: subs.length, late: subs.filter((s) => s.late).length, groups },
    issues: {
      newInPeriod: input.issues.filter((i) => inPeriod(i.createdAt, period)).length,
      open,
      openVeryUrgent: open.filter((i) => i.urgency === "very_urgent").length,
      openUrgent: open.filter((i) => i.urgency === "urgent").length,
    },
    noticeGaps,
    totals: {
      tasks: tasks.length,
      overdueMissing,
      newSubmissions: subs.length,
      openIssues: open.length,
      noticeGaps: noticeGaps.length,
    },
    ...(summary ? { summary } : {}),
  };
}

/** Counts per kind, per parent and the worst units, when the council has more units than `maxUnits`. */
function summarise(input: ComposeDigestInput, tasks: readonly DigestTaskSummary[]): DigestSummary | undefined {
  const units = new Map<number, { name: string; kind: string; parentName: string | null }>();
  for (const task of input.tasks)
    for (const u of task.units) units.set(u.unitId, { name: u.unitName, kind: u.unitKind ?? "other", parentName: u.parentName ?? null });
  if (input.maxUnits === undefined || units.size <= input.maxUnits) return undefined;
  const perUnit = new Map<number, DigestCounts>();
  const add = (entries: readonly DigestUnitEntry[], field: Exclude<keyof DigestCounts, "units">) => {
    for (const e of entries) {
      let c = perUnit.get(e.unitId);
      if (!c) perUnit.set(e.unitId, (c = { units: 1, onTime: 0, late: 0, missingOverdue: 0, missingNotDue: 0 }));
      c[field]++;
    }
  };
  for (const t of tasks) {
    add(t.onTime, "onTime");
    add(t.late, "late");
    add(t.missingOverdue, "missingOverdue");
    add(t.missingNotDue, "missingNotDue");
  }
  const groupBy = (keyOf: (u: { kind: string; parentName: string | null }) => string | null) => {
    const groups = new Map<string, DigestCounts>();
    for (const [id, u] of units) {
      const key = keyOf(u);
      if (key === null) continue;
      const c = perUnit.get(id);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { units: 0, onTime: 0, late: 0, missingOverdue: 0, missingNotDue: 0 }));
      g.units++;
      if (!c) continue;
      g.onTime += c.onTime;
      g.late += c.late;
      g.missingOverdue += c.missingOverdue;
      g.missingNotDue += c.missingNotDue;
    }
    return groups;
  };
  const byKind = [...groupBy((u) => u.kind)]
    .map(([kind, c]) => ({ kind, ...c }))
    .sort((a, b) => b.units - a.units || a.kind.localeCompare(b.kind));
  const byParent = [...groupBy((u) => u.parentName)]
    .map(([name, c]) => ({ name, ...c }))
    .sort((a, b) => b.missingOverdue - a.missingOverdue || b.late - a.late || a.name.localeCompare(b.name, "vi", { numeric: true }));
  const worst = [...perUnit]
    .filter(([, c]) => c.missingOverdue + c.late > 0)
    .map(([id, c]) => ({
      unitName: units.get(id)!.name,
      parentName: units.get(id)!.parentName,
      missingOverdue: c.missingOverdue,
      late: c.late,
    }))
    .sort((a, b) => b.missingOverdue - a.missingOverdue || b.late - a.late || a.unitName.localeCompare(b.unitName, "vi", { numeric: true }))
    .slice(0, WORST_UNITS);
  return { units: units.size, maxUnits: input.maxUnits, byKind, byParent, worst };
}

export interface RenderDigestOptions {
  /** Upper bound of one message's markup length. Default 3500 (Telegram allows 4096 characters). */
  maxChars?: number;
  /** On-time units are named only up to this many (beyond, just the count). Default 15. */
  listOnTimeUpTo?: number;
  /** Open issues listed one by one, default 10 (the rest are counted). */
  maxIssues?: number;
  /** Reports named per task in "new reports", default 40 (the rest are counted). */
  maxSubmissionsPerGroup?: number;
}

/** Renders the digest as one or more messages (Telegram-HTML subset), each within `maxChars`. */
export function renderDigest(content: DigestContent, options: RenderDigestOptions = {}): SafeHtml[] {
  const maxChars = options.maxChars ?? 3500;
  const listOnTimeUpTo = options.listOnTimeUpTo ?? 15;
  const maxIssues = options.maxIssues ?? 10;
  const maxPerGroup = options.maxSubmissionsPerGroup ?? 40;
  const tz = content.timezone;
  const blocks: SafeHtml[] = [];

  const head: SafeHtml[] = [t.title(content.kind)];
  head.push(t.period(formatDateTime(content.period.from, tz), formatDateTime(content.period.to, tz)));
  if (content.kind === "on_demand") head.push(t.asOf(formatDateTime(content.now, tz)));

  const summary = content.summary;
  head.push(t.greeting(), t.intro(), t.overview(content.totals));
  if (summary) head.push(t.summaryNote(summary.units, summary.maxUnits));
  blocks.push(joinHtml(head));
  // A large council's digest names no unit per task: counts here, names in the summary sections and the table.
  const named = summary === undefined;

  let section = 0;
  section++;
  blocks.push(t.tasksHeading(section, content.tasks.length));
  if (content.tasks.length === 0) blocks.push(t.noTasks());
  content.tasks.forEach((task, j) => {
    const total = task.totalUnits;
    const submitted = task.onTime.length + task.late.length;
    const lines: SafeHtml[] = [
      t.taskHeader(`${section}.${j + 1}.`, task.title),
      t.taskDeadline(formatDeadline(task.dueAt, tz), formatRelativeDue(content.now, task.dueAt, tz), submitted, total),
    ];
    if (task.onTime.length > 0) {
      const names = named && task.onTime.length <= listOnTimeUpTo ? task.onTime.map((u) => u.unitName) : null;
      lines.push(t.onTime(task.onTime.length, total, names));
    }
    if (task.nothing > 0) lines.push(periodicDigest.nothing(task.nothing));
    if (task.late.length > 0) lines.push(t.late(task.late.length, total, named ? task.late.map((u) => u.unitName) : null));
    if (task.missingNotDue.length > 0) {
      lines.push(t.missingNotDue(task.missingNotDue.length, total, named ? task.missingNotDue.map((u) => u.unitName) : null));
    }
    if (task.missingOverdue.length > 0) {
      lines.push(t.missingOverdue(task.missingOverdue.length, total, named ? task.missingOverdue.map((u) => u.unitName) : null));
    }
    if (task.extended.length > 0 && named)
      lines.push(periodicDigest.extended(task.extended.map((u) => ({ name: u.unitName, due: formatDeadline(u.dueAt, tz) }))));
    blocks.push(joinHtml(lines));
  });

  if (summary) {
    section++;
    const kindLines: SafeHtml[] = [t.byKindHeading(section)];
    for (const k of summary.byKind) kindLines.push(t.groupCounts(t.unitKindLabel(k.kind), k));
    blocks.push(joinHtml(kindLines));
    section++;
    const parentLines: SafeHtml[] = [t.byParentHeading(section)];
    for (const p of summary.byParent) parentLines.push(t.groupCounts(p.name, p));
    blocks.push(joinHtml(parentLines));
    section++;
    const worstLines: SafeHtml[] = [t.worstHeading(section, summary.worst.length)];
    if (summary.worst.length === 0) worstLines.push(t.noWorst());
    for (const w of summary.worst) worstLines.push(t.worstLine(w));
    blocks.push(joinHtml(worstLines));
  }

  section++;
  const subs = content.newSubmissions;
  const subLines: SafeHtml[] = [t.submissionsHeading(section, subs.total)];
  if (subs.total === 0) subLines.push(t.noSubmissions());
  for (const g of subs.groups) {
    const limit = named ? maxPerGroup : 0;
    const shown = g.items.slice(0, limit).map((s) => t.submissionEntry(s.unitName, s.receiptNo, s.version, s.late));
    if (g.items.length > limit && named) shown.push(t.moreEntries(g.items.length - limit));
    subLines.push(t.submissionGroup(g.taskTitle, g.items.length, g.items.filter((s) => s.late).length, shown));
  }
  blocks.push(joinHtml(subLines));

  section++;
  const iss = content.issues;
  const issueLines: SafeHtml[] = [t.issuesHeading(section)];
  if (iss.newInPeriod === 0 && iss.open.length === 0) issueLines.push(t.noIssues());
  else issueLines.push(t.issuesSummary(iss.newInPeriod, iss.open.length, iss.openVeryUrgent, iss.openUrgent));
  for (const i of iss.open.slice(0, maxIssues)) {
    issueLines.push(
      t.issueLine({
        urgency: i.urgency,
        receiptNo: i.receiptNo,
        unitName: i.unitName,
        category: i.category,
        location: i.location,
        status: i.status,
        createdOn: formatShortDate(i.createdAt, tz),
      }),
    );
  }
  if (iss.open.length > maxIssues) issueLines.push(t.moreIssues(iss.open.length - maxIssues));
  blocks.push(joinHtml(issueLines));

  if (content.noticeGaps.length > 0) {
    section++;
    const lines: SafeHtml[] = [t.noticesHeading(section, content.noticeGaps.length)];
    for (const n of content.noticeGaps) {
      lines.push(t.noticeGap(n.title, formatShortDate(n.publishedAt, tz), n.missingUnitNames.length, named ? n.missingUnitNames : null));
      if (n.outsiderAcks?.length) lines.push(t.noticeGapOutsiders(n.outsiderAcks));
    }
    blocks.push(joinHtml(lines));
  }
  if (summary) blocks.push(t.tableAttached());
  blocks.push(t.closing());

  return packMessages(blocks, maxChars);
}

const BLOCK_SEPARATOR = "\n\n";
/** Room kept for the "(tiếp theo, phần 2/3)" line. */
const CONTINUATION_RESERVE = 80;

/**
 * Packs blocks into messages of at most `maxChars` characters of markup. A block too long on its own is
 * split between lines, and a line too long between list items (", "): lines are built so that no tag
 * spans a ", " inside a name list (names come after the closing tag of the label).
 */
export function packMessages(blocks: readonly SafeHtml[], maxChars: number): SafeHtml[] {
  const budget = Math.max(200, maxChars - CONTINUATION_RESERVE);
  const pieces: string[] = [];
  for (const b of blocks) {
    if (b.value.length <= budget) pieces.push(b.value);
    else pieces.push(...splitToFit(b.value, budget));
  }
  const messages: string[] = [];
  let current = "";
  for (const p of pieces) {
    if (current === "") current = p;
    else if (current.length + BLOCK_SEPARATOR.length + p.length <= budget) current += BLOCK_SEPARATOR + p;
    else {
      messages.push(current);
      current = p;
    }
  }
  if (current !== "") messages.push(current);
  if (messages.length <= 1) return messages.map((m) => new SafeHtml(m));
  return messages.map((m, i) => (i === 0 ? new SafeHtml(m) : html`${t.continued(i + 1, messages.length)}\n${new SafeHtml(m)}`));
}

function splitToFit(text: string, budget: number): string[] {
  const out: string[] = [];
  let current = "";
  const push = (piece: string, sep: string) => {
    if (current === "") current = piece;
    else if (current.length + sep.length + piece.length <= budget) current += sep + piece;
    else {
      out.push(current);
      current = piece;
    }
  };
  for (const line of text.split("\n")) {
    if (line.length <= budget) {
      push(line, "\n");
      continue;
    }
    // A very long list line: cut between items.
    const items = line.split(", ");
    let part = "";
    const parts: string[] = [];
    for (const item of items) {
      if (part === "") part = item;
      else if (part.length + 2 + item.length <= budget - 1) part += `, ${item}`;
      else {
        parts.push(`${part},`);
        part = item;
      }
    }
    if (part !== "") parts.push(part);
    // An item longer than the budget on its own (absurd input) is kept whole rather than cut mid-markup.
    for (const p of parts) push(p, "\n");
  }
  if (current !== "") out.push(current);
  return out;
}
