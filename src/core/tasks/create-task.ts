/**
 * Creating a reporting task. Validation returns values, never throws: every problem with the input comes
 * back as a `TaskError` (a code plus what it is about), which the chat renders in Vietnamese
 * (`taskErrorText` in i18n/vi/tasks.ts) and the CLI in English.
 */
import type { Database, Db, Tx } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import { createTask, type TaskRow } from "../../db/tasks.js";
import { listUnits, type UnitRow } from "../../db/units.js";
import { findNoticeInCouncil } from "../../db/task-queries.js";
import { parseReminderScheduleOverride, type ReminderScheduleOverride } from "../../domain/reminders/schedule.js";
import {
  atLocal,
  localParts,
  parseUserDate,
  parseUserTime,
  type InputErrorCode,
  type LocalDate,
  type LocalTime,
} from "../../domain/time/vietnam-time.js";
import { normalizeCode } from "../../domain/vocabulary.js";
import type { QuietPolicy } from "../../domain/time/quiet-hours.js";
import type { SafeHtml } from "../../text/html.js";
import type { Actor } from "../actor.js";
import { may } from "../permissions.js";
import { announceNewTask, type AnnounceOptions } from "./announce.js";

export const MAX_TITLE_CHARS = 300;
export const MAX_DESCRIPTION_CHARS = 4000;
export const DEFAULT_DUE_TIME: LocalTime = "17:00";

export type TaskError =
  | { code: "title-missing" }
  | { code: "title-too-long"; max: number; length: number }
  | { code: "description-too-long"; max: number; length: number }
  | { code: "due-date"; input: string; reason: InputErrorCode; message: SafeHtml }
  | { code: "due-time"; input: string; reason: InputErrorCode; message: SafeHtml }
  | { code: "due-in-past"; dueAt: Date }
  | { code: "no-units" }
  | { code: "unknown-units"; codes: string[] }
  | { code: "inactive-units"; codes: string[] }
  | { code: "unknown-notice"; noticeId: string }
  | { code: "bad-schedule"; errors: string[] };

/** Which units: every active unit (committees excepted), a list of unit codes, or unit ids. */
export type UnitSelection = "all" | { codes: readonly string[] } | { ids: readonly number[] };

export interface NewTaskInput {
  councilId: number;
  title: string;
  description?: string | null;
  /** the deadline as typed: a date ("31/5/2022", "2022-05-31") and an optional time (default 17:00) */
  dueDate: string;
  dueTime?: string | null;
  units: UnitSelection;
  /** a notice of this council (id as typed or a number) */
  noticeId?: number | string | null;
  /** a per-task override of the reminder schedule (validated with the schedule's zod schema) */
  schedule?: unknown;
  /** a deadline at or before `now` is refused unless this is set (entering an old task for the record) */
  allowPastDue?: boolean;
}

export interface ValidTask {
  councilId: number;
  title: string;
  description: string | null;
  dueAt: Date;
  dueLocal: { date: LocalDate; time: LocalTime };
  units: UnitRow[];
  allUnits: boolean;
  noticeId: number | null;
  schedule: ReminderScheduleOverride | null;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: TaskError[] };

export interface ValidateOptions {
  now: Date;
  timezone: string;
}

/** Reads a deadline: a date and an optional time in the council's time zone. */
export function parseDue(
  dateText: string,
  timeText: string | null | undefined,
  o: ValidateOptions,
): Validation<{ dueAt: Date; date: LocalDate; time: LocalTime }> {
  const errors: TaskError[] = [];
  const date = parseUserDate(dateText, { defaultYear: localParts(o.now, o.timezone).year });
  if (!date.ok) errors.push({ code: "due-date", input: date.input, reason: date.code, message: date.message });
  let time: LocalTime = DEFAULT_DUE_TIME;
  if (timeText !== undefined && timeText !== null && timeText.trim() !== "") {
    const t = parseUserTime(timeText);
    if (!t.ok) errors.push({ code: "due-time", input: t.input, reason: t.code, message: t.message });
    else time = t.value;
  }
  if (!date.ok || errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { dueAt: atLocal(date.value, time, o.timezone), date: date.value, time } };
}

/** The units a task may be assigned to "all": active units that are not committees, by code. */
export const allUnitsOf = (units: readonly UnitRow[]): UnitRow[] => units.filter((u) => u.active && u.kind !== "committee");

/** Resolves a unit selection against the council's units. */
export function resolveUnits(units: readonly UnitRow[], selection: UnitSelection): Validation<{ units: UnitRow[]; all: boolean }> {
  if (selection === "all") {
    const all = allUnitsOf(units);
    return all.length > 0 ? { ok: true, value: { units: all, all: true } } : { ok: false, errors: [{ code: "no-units" }] };
  }
  const chosen: UnitRow[] = [];
  const unknown: string[] = [];
  const inactive: string[] = [];
  if ("codes" in selection) {
    const byCode = new Map(units.map((u) => [u.code, u]));
    const codes = [...new Set(selection.codes.map(normalizeCode).filter((c) => c !== ""))];
    for (const code of codes) {
      const u = byCode.get(code);
      if (!u) unknown.push(code);
      else if (!u.active) inactive.push(code);
      else chosen.push(u);
    }
  } else {
    const byId = new Map(units.map((u) => [u.id, u]));
    for (const id of new Set(selection.ids)) {
      const u = byId.get(id);
      if (!u) unknown.push(`#${id}`);
      else if (!u.active) inactive.push(u.code);
      else chosen.push(u);
    }
  }
  const errors: TaskError[] = [];
  if (unknown.length > 0) errors.push({ code: "unknown-units", codes: unknown });
  if (inactive.length > 0) errors.push({ code: "inactive-units", codes: inactive });
  if (errors.length === 0 && chosen.length === 0) errors.push({ code: "no-units" });
  if (errors.length > 0) return { ok: false, errors };
  chosen.sort((a, b) => a.code.localeCompare(b.code));
  return { ok: true, value: { units: chosen, all: false } };
}

export function checkTitle(title: string): TaskError | null {
  const t = title.trim().replace(/\s+/g, " ");
  if (t === "") return { code: "title-missing" };
  if (t.length > MAX_TITLE_CHARS) return { code: "title-too-long", max: MAX_TITLE_CHARS, length: t.length };
  return null;
}

/** Checks everything; all problems are returned together. */
export async function validateNewTask(db: Db | Tx, input: NewTaskInput, o: ValidateOptions): Promise<Validation<ValidTask>> {
  const errors: TaskError[] = [];
  const titleError = checkTitle(input.title ?? "");
  if (titleError) errors.push(titleError);
  const description = input.description?.trim() ? input.description.trim() : null;
  if (description && description.length > MAX_DESCRIPTION_CHARS)
    errors.push({ code: "description-too-long", max: MAX_DESCRIPTION_CHARS, length: description.length });

  const due = parseDue(input.dueDate ?? "", input.dueTime, o);
  if (!due.ok) errors.push(...due.errors);
  else if (due.value.dueAt.getTime() <= o.now.getTime() && !input.allowPastDue)
    errors.push({ code: "due-in-past", dueAt: due.value.dueAt });

  const units = resolveUnits(await listUnits(db, input.councilId), input.units);
  if (!units.ok) errors.push(...units.errors);

  let noticeId: number | null = null;
  if (input.noticeId !== undefined && input.noticeId !== null && String(input.noticeId).trim() !== "") {
    const raw = String(input.noticeId).trim().replace(/^#/, "");
    const id = /^\d+$/.test(raw) ? Number(raw) : NaN;
    const notice = Number.isSafeInteger(id) ? await findNoticeInCouncil(db, input.councilId, id) : null;
    if (!notice) errors.push({ code: "unknown-notice", noticeId: String(input.noticeId).trim() });
    else noticeId = notice.id;
  }

  let schedule: ReminderScheduleOverride | null = null;
  if (input.schedule !== undefined && input.schedule !== null) {
    const parsed = parseReminderScheduleOverride(input.schedule);
    if (!parsed.ok) errors.push({ code: "bad-schedule", errors: parsed.errors });
    else schedule = Object.keys(parsed.value).length > 0 ? parsed.value : null;
  }

  if (errors.length > 0 || !due.ok || !units.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      councilId: input.councilId,
      title: input.title.trim().replace(/\s+/g, " "),
      description,
      dueAt: due.value.dueAt,
      dueLocal: { date: due.value.date, time: due.value.time },
      units: units.value.units,
      allUnits: units.value.all,
      noticeId,
      schedule,
    },
  };
}

export interface TaskAuthor {
  memberId: number | null;
  /** "cli", "telegram:12345" */
  label: string;
}

/**
 * Stores a validated task with its assignments and the audit entry, and announces it to its units
 * (announce.ts), in the caller's transaction.
 */
export async function saveTask(tx: Tx, task: ValidTask, author: TaskAuthor, o: AnnounceOptions): Promise<TaskRow> {
  const now = o.now;
  const row = await createTask(tx, {
    councilId: task.councilId,
    title: task.title,
    description: task.description,
    dueAt: task.dueAt,
    dueRule: null,
    noticeId: task.noticeId,
    scheduleJson: task.schedule ? JSON.stringify(task.schedule) : null,
    createdById: author.memberId,
    createdByLabel: author.label,
    createdAt: now,
    unitIds: task.units.map((u) => u.id),
  });
  await audit(tx, {
    councilId: task.councilId,
    actorId: author.memberId,
    actorLabel: author.label,
    action: "task.create",
    entityType: "task",
    entityId: row.id,
    detail: {
      title: task.title,
      dueAt: task.dueAt.toISOString(),
      units: task.allUnits ? "all" : task.units.map((u) => u.code),
      unitCount: task.units.length,
      noticeId: task.noticeId,
      schedule: task.schedule,
    },
  });
  await announceNewTask(tx, row, task.units, o);
  return row;
}

/** Validates and stores in one go (the CLI's path). */
export async function createReportTask(
  db: Database,
  input: NewTaskInput,
  author: TaskAuthor,
  o: ValidateOptions & { quiet: QuietPolicy },
): Promise<Validation<{ task: TaskRow; valid: ValidTask }>> {
  const checked = await validateNewTask(db.prisma, input, o);
  if (!checked.ok) return checked;
  const task = await db.transaction((tx) => saveTask(tx, checked.value, author, o));
  return { ok: true, value: { task, valid: checked.value } };
}

/** Creating a task on behalf of a signed-in person (the console): the same rule as /hanmoi, then validate and store. */
export async function createTaskAs(
  db: Database,
  actor: Actor,
  input: Omit<NewTaskInput, "councilId">,
  o: ValidateOptions & { actorLabel: string; quiet: QuietPolicy },
): Promise<Validation<{ task: TaskRow; valid: ValidTask }> | { ok: false; notAllowed: true; errors: [] }> {
  if (!may(actor.role, "createTasks")) return { ok: false, notAllowed: true, errors: [] };
  return createReportTask(db, { ...input, councilId: actor.councilId }, { memberId: actor.memberId, label: o.actorLabel }, o);
}
