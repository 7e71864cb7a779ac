/**
 * The reporting requirements a notice contains, proposed to the office as tasks: the quoted sentence, the
 * due date and how it was read, and the units it concerns ("các xã, phường" = every unit; named units
 * matched by name; anything else left for the office to choose). Nothing is created until confirmed.
 */
import type { ParsedNotice, ParsedTask } from "../../notices/parsing/types.js";
import type { UnitRow } from "../../db/units.js";
import { allUnitsOf } from "../tasks/create-task.js";
import { searchUnits } from "../directory/unit-search.js";
import { periodicFromRule, type PeriodicProposal } from "./periodic-proposal.js";

export interface TaskProposal {
  quote: string;
  assignee: string | null;
  scope: ParsedTask["assignee_scope"];
  /** YYYY-MM-DD, null when the notice gives no single date (recurring, unknown anchor) */
  due: string | null;
  dueTime: string | null;
  dueRule: ParsedTask["due_rule"];
  dueReading: string;
  recurrence: string | null;
  /** a recurring requirement proposed as a periodic task (issue 17), when its period and day are clear */
  periodic?: PeriodicProposal | null;
  unitIds: number[];
  /** all units of the council (so the office sees "tất cả đơn vị" rather than a list of 100) */
  allUnits: boolean;
  title: string;
}

const ORG_PREFIX = /^(thường trực\s+)?(hđnd|ubnd|hội đồng nhân dân|ủy ban nhân dân|đảng ủy|ubmttq(vn)?)\s+/i;

/** Units of the council whose names match organisations named in the notice ("UBND xã Phổ An" → Xã Phổ An). */
export function matchNamedUnits(units: readonly UnitRow[], names: readonly string[]): UnitRow[] {
  const found = new Map<number, UnitRow>();
  for (const name of names) {
    const bare = name.replace(ORG_PREFIX, "").trim();
    const hits = searchUnits([...units], bare);
    if (hits.length === 1) found.set(hits[0]!.id, hits[0]!);
  }
  return [...found.values()];
}

export function titleFromQuote(quote: string, max = 160): string {
  const q = quote
    .replace(/\s+/g, " ")
    .replace(/^[\s\-–•*a-zđ0-9.)]{0,4}\s/i, "")
    .trim();
  const t = q.charAt(0).toUpperCase() + q.slice(1);
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/** Longest title a proposal gets by itself: it is a label in lists, reminders and digests, not the requirement's text. */
export const SHORT_TITLE_MAX = 80;

const DIRECTIVE_LEAD = /^(?:đề nghị|giao cho|giao(?!\s+thông)|yêu cầu)\s+/i;
const DUTY_LEAD = /^(?:có trách nhiệm|chịu trách nhiệm|chủ trì|khẩn trương|phải)\s+/i;

/**
 * A short title for a task made from a requirement: the quoted sentence without its deadline phrase (the date
 * lives in the task's deadline, and an old date in a title misleads once the deadline is moved), without the
 * directive and the assignee that open it ("Đề nghị Thường trực HĐND các xã, phường ..."), cut at a word.
 */
export function shortTaskTitle(task: Pick<ParsedTask, "quote" | "deadline_phrase" | "assignee">, max = SHORT_TITLE_MAX): string {
  let s = task.quote.replace(/\s+/g, " ").trim();
  const phrase = task.deadline_phrase.replace(/\s+/g, " ").trim();
  if (phrase && s.includes(phrase)) s = s.replace(phrase, " ");
  // A row of a pasted table ("1 | Hoàn thành ... | 30/6 | Sở ..."): its task cell.
  if (s.includes("|"))
    s = s
      .split("|")
      .map((c) => c.trim())
      .reduce((a, b) => (b.length > a.length ? b : a), "");
  s = s.replace(/^[-–•*]\s*|^(?:[a-zđ]|\d{1,2})[.)]\s+/i, "");
  s = s.replace(DIRECTIVE_LEAD, "");
  const assignee = task.assignee?.replace(/\s+/g, " ").trim();
  if (assignee && s.toLowerCase().startsWith(assignee.toLowerCase())) s = s.slice(assignee.length);
  s = s.replace(/^[\s,:;]+/, "").replace(DUTY_LEAD, "");
  s = s
    .replace(/\s+([,;.])/g, "$1")
    .replace(/(?:[\s,;:.]|\b(?:và|phải|để)\b)+$/iu, "")
    .replace(/\s{2,}/g, " ")
    .trim();
  if (s.length < 8) return titleFromQuote(task.quote, max);
  const t = s.charAt(0).toUpperCase() + s.slice(1);
  if (t.length <= max) return t;
  const cut = t.lastIndexOf(" ", max - 1);
  return `${t.slice(0, cut > max / 2 ? cut : max - 1).replace(/[\s,;:]+$/, "")}…`;
}

export function proposeTasks(parsed: ParsedNotice, units: readonly UnitRow[]): TaskProposal[] {
  const candidates = allUnitsOf(units);
  return parsed.tasks.map((task) => {
    let chosen: UnitRow[] = [];
    let all = false;
    if (task.assignee_scope === "all_subunits") {
      chosen = candidates;
      all = true;
    } else if (task.assignee_scope === "named_units") {
      chosen = matchNamedUnits(candidates, task.units.length > 0 ? task.units : task.assignee ? [task.assignee] : []);
    }
    return {
      quote: task.quote,
      assignee: task.assignee,
      scope: task.assignee_scope,
      due: task.due,
      dueTime: task.time_of_day,
      dueRule: task.due_rule,
      dueReading: task.due_reading,
      recurrence: task.recurrence,
      periodic: task.due_rule === "recurring" ? periodicFromRule(task.recurrence_rule) : null,
      unitIds: chosen.map((u) => u.id),
      allUnits: all,
      title: shortTaskTitle(task),
    };
  });
}
