/**
 * Periodic reporting (chế độ báo cáo định kỳ): a series stores the rule (every month, quarter, half-year or
 * year, the deadline's day, until when) and opens each period as its own ReportTask, so every period has its
 * own deadline, status, reminders and digest line, and everything that works for a task works for a period.
 *
 * Periods open on their first day (domain/periods.ts). The first one opens when the series is created; later
 * ones are opened by the reminder tick (`openDuePeriods`), which is idempotent: the unique index on
 * (seriesId, periodKey) makes a second process's insert fail harmlessly. Ending a series stops future periods
 * and closes the ones not yet due after the end date.
 */
import { markAnnouncementWaiting } from "./announce.js";
import type { Database, Db, Tx } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import type { CouncilRow } from "../../db/councils.js";
import { isUniqueViolation } from "../../db/errors.js";
import {
  findSeriesInCouncil,
  insertPeriodTask,
  insertSeries,
  markSeriesEnded,
  openPeriodTasksDueAfter,
  periodKeysOf,
  seriesOfCouncil,
  type SeriesRow,
} from "../../db/series.js";
import { findNoticeInCouncil } from "../../db/task-queries.js";
import { listUnits, type UnitRow } from "../../db/units.js";
import {
  EVERY,
  ON_DAY_OFF,
  periodsDueBetween,
  type Every,
  type OnDayOff,
  type Period,
  type PeriodRule,
  type WorkingDays,
} from "../../domain/periods.js";
import { parseReminderScheduleOverride, type ReminderScheduleOverride } from "../../domain/reminders/schedule.js";
import {
  addLocalDays,
  atLocal,
  localDateOf,
  localParts,
  parseUserDate,
  parseUserTime,
  type LocalDate,
} from "../../domain/time/vietnam-time.js";
import { periodTaskTitle, type SeriesOnlyError } from "../../i18n/vi/periodic.js";
import { changeTaskStatus } from "./change-status.js";
import {
  checkTitle,
  DEFAULT_DUE_TIME,
  MAX_DESCRIPTION_CHARS,
  MAX_TITLE_CHARS,
  resolveUnits,
  type TaskAuthor,
  type TaskError,
  type UnitSelection,
} from "./create-task.js";
import { workCalendarOf } from "./settings.js";

export type SeriesError = TaskError | SeriesOnlyError;
export type SeriesValidation<T> = { ok: true; value: T } | { ok: false; errors: SeriesError[] };

/** Room kept in a task title for " – 6 tháng cuối năm 2026". */
const PERIOD_SUFFIX_ROOM = 30;
/** How far ahead `periodsDueBetween` looks for a series without an end. */
const HORIZON_DAYS = 400;

export interface NewSeriesInput {
  councilId: number;
  title: string;
  description?: string | null;
  every: string;
  day: number | string;
  /** yearly series: the deadline's month */
  month?: number | string | null;
  dueTime?: string | null;
  onDayOff?: string | null;
  /** the first deadline may not be before this date (default today) */
  startsOn?: string | null;
  until?: string | null;
  units: UnitSelection;
  noticeId?: number | string | null;
  schedule?: unknown;
}

export interface ValidSeries {
  councilId: number;
  title: string;
  description: string | null;
  rule: PeriodRule;
  startsOn: LocalDate;
  until: LocalDate | null;
  units: UnitRow[];
  allUnits: boolean;
  noticeId: number | null;
  schedule: ReminderScheduleOverride | null;
  /** the next few periods, for the office to check */
  upcoming: Period[];
}

export const ruleOf = (s: Pick<SeriesRow, "every" | "day" | "month" | "dueTime" | "onDayOff">): PeriodRule => ({
  every: s.every as Every,
  day: s.day,
  month: s.month,
  dueTime: s.dueTime,
  onDayOff: (ON_DAY_OFF as readonly string[]).includes(s.onDayOff) ? (s.onDayOff as OnDayOff) : "keep",
});

/** The next `n` periods of a rule due on or after `from` (and not after `until`). */
export function upcomingPeriods(rule: PeriodRule, from: LocalDate, until: LocalDate | null, calendar: WorkingDays, n = 3): Period[] {
  const to = until ?? addLocalDays(from, HORIZON_DAYS * 2);
  return periodsDueBetween(rule, from, to, calendar, n);
}

function int(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const t = String(value).trim();
  return /^\d{1,2}$/.test(t) ? Number(t) : null;
}

export async function validateSeries(
  db: Db | Tx,
  input: NewSeriesInput,
  o: { now: Date; timezone: string; calendar: WorkingDays; allowPastStart?: boolean },
): Promise<SeriesValidation<ValidSeries>> {
  const errors: SeriesError[] = [];
  const title = (input.title ?? "").trim().replace(/\s+/g, " ");
  const titleError = checkTitle(title);
  if (titleError) errors.push(titleError);
  else if (title.length > MAX_TITLE_CHARS - PERIOD_SUFFIX_ROOM)
    errors.push({ code: "title-too-long", max: MAX_TITLE_CHARS - PERIOD_SUFFIX_ROOM, length: title.length });
  const description = input.description?.trim() ? input.description.trim() : null;
  if (description && description.length > MAX_DESCRIPTION_CHARS)
    errors.push({ code: "description-too-long", max: MAX_DESCRIPTION_CHARS, length: description.length });

  const every = (EVERY as readonly string[]).includes(input.every) ? (input.every as Every) : null;
  if (!every) errors.push({ code: "every", input: String(input.every) });
  const day = int(input.day);
  if (day === null || day < 1 || day > 31) errors.push({ code: "day", input: String(input.day) });
  let month: number | null = null;
  if (input.month !== undefined && input.month !== null && String(input.month).trim() !== "") {
    month = int(input.month);
    if (month === null || month < 1 || month > 12) errors.push({ code: "month", input: String(input.month) });
  }
  let dueTime = DEFAULT_DUE_TIME;
  if (input.dueTime?.trim()) {
    const t = parseUserTime(input.dueTime);
    if (!t.ok) errors.push({ code: "due-time", input: t.input, reason: t.code, message: t.message });
    else dueTime = t.value;
  }
  const onDayOff = (ON_DAY_OFF as readonly string[]).includes(input.onDayOff ?? "keep") ? ((input.onDayOff ?? "keep") as OnDayOff) : "keep";

  const today = localDateOf(o.now, o.timezone);
  const year = localParts(o.now, o.timezone).year;
  let startsOn = today;
  if (input.startsOn?.trim()) {
    const s = parseUserDate(input.startsOn, { defaultYear: year });
    if (!s.ok) errors.push({ code: "start-date", input: s.input, message: s.message });
    else if (s.value < today && !o.allowPastStart) errors.push({ code: "due-in-past", dueAt: atLocal(s.value, "00:00", o.timezone) });
    else startsOn = s.value;
  }
  let until: LocalDate | null = null;
  if (input.until?.trim()) {
    const u = parseUserDate(input.until, { defaultYear: year });
    if (!u.ok) errors.push({ code: "until-date", input: u.input, message: u.message });
    else if (u.value < startsOn) errors.push({ code: "until-before-start" });
    else until = u.value;
  }

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
  if (errors.length > 0 || !every || day === null || !units.ok) return { ok: false, errors };

  const rule: PeriodRule = { every, day, month: every === "year" ? (month ?? 12) : null, dueTime, onDayOff };
  // A deadline today whose hour has passed belongs to no one: the first period is the next one.
  const upcoming = upcomingPeriods(rule, startsOn, until, o.calendar).filter(
    (p) => atLocal(p.dueDate, rule.dueTime, o.timezone).getTime() > o.now.getTime(),
  );
  if (upcoming.length === 0) return { ok: false, errors: [{ code: "no-period" }] };
  return {
    ok: true,
    value: {
      councilId: input.councilId,
      title,
      description,
      rule,
      startsOn,
      until,
      units: units.value.units,
      allUnits: units.value.all,
      noticeId,
      schedule,
      upcoming,
    },
  };
}

/** Stores a validated series (its first period is opened by `openSeriesPeriods` right after). */
export async function saveSeries(tx: Tx, s: ValidSeries, author: TaskAuthor, now: Date): Promise<SeriesRow> {
  const row = await insertSeries(tx, {
    councilId: s.councilId,
    title: s.title,
    description: s.description,
    every: s.rule.every,
    day: s.rule.day,
    month: s.rule.month ?? null,
    dueTime: s.rule.dueTime,
    onDayOff: s.rule.onDayOff,
    startsOn: s.startsOn,
    until: s.until,
    allUnits: s.allUnits,
    unitIdsJson: JSON.stringify(s.allUnits ? [] : s.units.map((u) => u.id)),
    noticeId: s.noticeId,
    scheduleJson: s.schedule ? JSON.stringify(s.schedule) : null,
    createdAt: now,
    createdById: author.memberId,
    createdByLabel: author.label,
  });
  await audit(tx, {
    councilId: s.councilId,
    actorId: author.memberId,
    actorLabel: author.label,
    action: "series.create",
    entityType: "series",
    entityId: row.id,
    detail: { title: s.title, rule: s.rule, startsOn: s.startsOn, until: s.until, units: s.allUnits ? "all" : s.units.map((u) => u.code) },
  });
  return row;
}

export interface OpenedPeriod {
  taskId: number;
  seriesId: number;
  periodKey: string;
  title: string;
  dueAt: Date;
  units: number;
}

interface PeriodToOpen {
  key: string;
  title: string;
  dueAt: Date;
  unitIds: number[];
}

/** The periods of a series that have begun by `now` and are not open yet, with their units. */
async function periodsToOpen(
  db: Db | Tx,
  series: SeriesRow,
  council: { settingsJson: string },
  now: Date,
  timezone: string,
): Promise<PeriodToOpen[]> {
  if (series.status !== "active") return [];
  const calendar = workCalendarOf(council);
  const today = localDateOf(now, timezone);
  const horizon = addLocalDays(today, HORIZON_DAYS);
  const to = series.until && series.until < horizon ? series.until : horizon;
  const periods = periodsDueBetween(ruleOf(series), series.startsOn, to, calendar).filter((p) => p.opensOn <= today);
  if (periods.length === 0) return [];
  const have = await periodKeysOf(db, series.id);
  const missing = periods.filter((p) => !have.has(p.key));
  if (missing.length === 0) return [];
  const all = await listUnits(db, series.councilId, { activeOnly: true });
  const chosen = series.allUnits
    ? resolveUnits(all, "all")
    : resolveUnits(all, { ids: (JSON.parse(series.unitIdsJson) as number[]).filter((id) => all.some((u) => u.id === id)) });
  if (!chosen.ok) return [];
  return missing.map((p) => ({
    key: p.key,
    title: periodTaskTitle(series.title, p),
    dueAt: atLocal(p.dueDate, series.dueTime, timezone),
    unitIds: chosen.value.units.map((u) => u.id),
  }));
}

async function insertOpened(tx: Tx, series: SeriesRow, p: PeriodToOpen, now: Date): Promise<OpenedPeriod> {
  const row = await insertPeriodTask(tx, {
    councilId: series.councilId,
    seriesId: series.id,
    periodKey: p.key,
    title: p.title,
    description: series.description,
    dueAt: p.dueAt,
    noticeId: series.noticeId,
    scheduleJson: series.scheduleJson,
    createdAt: now,
    createdByLabel: `series:${series.id}`,
    unitIds: p.unitIds,
  });
  await audit(tx, {
    councilId: series.councilId,
    actorLabel: "system",
    action: "task.create",
    entityType: "task",
    entityId: row.id,
    detail: { seriesId: series.id, periodKey: p.key, title: p.title, dueAt: p.dueAt.toISOString(), unitCount: p.unitIds.length },
  });
  // Its units hear of it from the next reminder tick (at once, or when quiet hours end).
  await markAnnouncementWaiting(tx, row, now);
  return { taskId: row.id, seriesId: series.id, periodKey: p.key, title: p.title, dueAt: p.dueAt, units: p.unitIds.length };
}

/**
 * Opens the periods of one series that have begun by `now` and are not open yet. Each period is its own
 * transaction; a period another process opened first is skipped.
 */
export async function openSeriesPeriods(
  db: Database,
  series: SeriesRow,
  council: { settingsJson: string },
  now: Date,
  timezone: string,
): Promise<OpenedPeriod[]> {
  const opened: OpenedPeriod[] = [];
  for (const p of await periodsToOpen(db.prisma, series, council, now, timezone)) {
    try {
      opened.push(await db.transaction((tx) => insertOpened(tx, series, p, now)));
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  return opened;
}

/** The same inside the caller's transaction (a series just created there: nobody else can open its periods). */
export async function openSeriesPeriodsIn(
  tx: Tx,
  series: SeriesRow,
  council: { settingsJson: string },
  now: Date,
  timezone: string,
): Promise<OpenedPeriod[]> {
  const opened: OpenedPeriod[] = [];
  for (const p of await periodsToOpen(tx, series, council, now, timezone)) opened.push(await insertOpened(tx, series, p, now));
  return opened;
}

/** Opens the due periods of every active series of a council (the reminder tick calls this first). */
export async function openDuePeriods(db: Database, council: CouncilRow, now: Date, timezone: string): Promise<OpenedPeriod[]> {
  const out: OpenedPeriod[] = [];
  for (const s of await seriesOfCouncil(db.prisma, council.id, { activeOnly: true }))
    out.push(...(await openSeriesPeriods(db, s, council, now, timezone)));
  return out;
}

/** Validates, stores and opens the first period(s), in one go (the CLI's path). */
export async function createSeries(
  db: Database,
  council: CouncilRow,
  input: NewSeriesInput,
  author: TaskAuthor,
  o: { now: Date; timezone: string; allowPastStart?: boolean },
): Promise<SeriesValidation<{ series: SeriesRow; valid: ValidSeries; opened: OpenedPeriod[] }>> {
  const checked = await validateSeries(db.prisma, input, { ...o, calendar: workCalendarOf(council) });
  if (!checked.ok) return checked;
  const series = await db.transaction((tx) => saveSeries(tx, checked.value, author, o.now));
  const opened = await openSeriesPeriods(db, series, council, o.now, o.timezone);
  return { ok: true, value: { series, valid: checked.value, opened } };
}

export type EndSeriesResult =
  | { ok: true; seriesId: number; title: string; until: LocalDate; closedTasks: number[] }
  | { ok: false; reason: "not-found" | "already-ended" };

/**
 * Ends a series: no period due after `after` (default today) is opened any more, and open periods due after
 * that day are closed (their reminders stop; reports already received stay).
 */
export async function endSeries(
  db: Database,
  input: { councilId: number; seriesId: number; after?: LocalDate | null; actor: TaskAuthor; now: Date; timezone: string },
): Promise<EndSeriesResult> {
  const series = await findSeriesInCouncil(db.prisma, input.councilId, input.seriesId);
  if (!series) return { ok: false, reason: "not-found" };
  if (series.status !== "active") return { ok: false, reason: "already-ended" };
  const after = input.after ?? localDateOf(input.now, input.timezone);
  const until = series.until && series.until < after ? series.until : after;
  await db.transaction(async (tx) => {
    await markSeriesEnded(tx, series.id, until, input.now);
    await audit(tx, {
      councilId: input.councilId,
      actorId: input.actor.memberId,
      actorLabel: input.actor.label,
      action: "series.end",
      entityType: "series",
      entityId: series.id,
      detail: { title: series.title, until },
    });
  });
  const closed: number[] = [];
  for (const t of await openPeriodTasksDueAfter(db.prisma, series.id, atLocal(addLocalDays(until, 1), "00:00", input.timezone))) {
    const r = await changeTaskStatus(db, { councilId: input.councilId, taskId: t.id, to: "closed", actor: input.actor, now: input.now });
    if (r.ok) closed.push(t.id);
  }
  return { ok: true, seriesId: series.id, title: series.title, until, closedTasks: closed };
}
