/**
 * Which reminders and escalations are due now: a pure function of the tasks, the time and the keys
 * already dispatched. The caller (a job run every few minutes) sends `send`, records every `send` and
 * `skip` key in DispatchLog (whose unique index makes each key happen once), and calls again later.
 *
 * The rules (issue 6):
 * - Each assigned unit that has not submitted is reminded `daysBefore` days before the deadline day
 *   (default 7, 3, 1), on the morning of the deadline day, then once a day for `overdueDailyFor` days
 *   (default 5). The day after the last overdue reminder, the standing committee gets one escalation
 *   listing who is still missing.
 * - Every point is at `timeOfDay` local time. A point in quiet hours or a quiet weekend moves to the next
 *   allowed time; when that lands on a later day, it moves to `timeOfDay` on that day if that is allowed
 *   (a Sunday 08:00 reminder becomes Monday 08:00, not Monday 07:00). When shifting makes a point land at
 *   or after the next point, the earlier point is dropped (the later one says the same, more recently).
 *   A reminder that would only become due at or after the deadline is dropped (no "hạn là hôm nay" after
 *   the deadline hour).
 * - Deadline at exactly 00:00 on day D: the deadline day is D−1 (see `deadlineDate`), so the due-day
 *   reminder is D−1 morning and the first overdue reminder is D morning.
 * - A submission at or before `now` stops that unit's reminders. Closed and deleted tasks get nothing.
 * - Points before the task's creation are never sent (a task created after its first point starts with
 *   the next one); they are not reported in `skip` either: they were never owed.
 * - Each point may be sent from its planned time until the next point's planned time (for reminders
 *   before the deadline: at the latest until the deadline; for the last one: until the escalation
 *   time). So after downtime only the latest due point of a unit+task is sent, and the older undispatched
 *   ones are returned in `skip` (reason "superseded"); a point whose window closed without a later point
 *   being due is skipped as "deadline-passed" or "stale".
 * - Nothing at all is returned while `now` is in quiet hours: the caller simply calls again later.
 * - Extensions (issue 17): a unit may have its own deadline (`PlanUnit.dueAt`). Its points follow that
 *   deadline, from the moment it applied (`since`); their keys carry the extension (`generation`), so a point
 *   already sent for the old deadline does not stop the same point for the new one. Units sharing a deadline
 *   share one escalation; a deadline other than the task's original one keys its own escalation.
 */
import { isAllowed, nextAllowed, type QuietPolicy } from "../time/quiet-hours.js";
import { addLocalDays, atLocal, daysLeft, deadlineDate, localDateOf, type LocalDate } from "../time/vietnam-time.js";
import { DEFAULT_REMINDER_SCHEDULE, resolveSchedule, type ReminderSchedule } from "./schedule.js";

export type TaskStatus = "open" | "closed" | "deleted";

/** "before-7", "due-day", "overdue-2". */
export type ReminderPointName = `before-${number}` | "due-day" | `overdue-${number}`;

export interface PlanUnit {
  unitId: number;
  unitCode: string;
  unitName: string;
  /** The unit's first submission for the task (any version), or null. */
  submittedAt: Date | null;
  /** The unit's deadline when an extension changed it; absent = the task's. */
  dueAt?: Date;
  /** When the unit's current deadline began to apply (the extension's moment): earlier points are not owed. */
  since?: Date;
  /** Marks the keys of an extended deadline, e.g. "x5"; absent or null for the original deadline. */
  generation?: string | null;
}

export interface PlanTask {
  id: number;
  title: string;
  dueAt: Date;
  createdAt: Date;
  status: TaskStatus;
  /** The task's override of the council schedule (any subset of fields), or null. */
  schedule?: Partial<ReminderSchedule> | null;
  units: PlanUnit[];
  /** The deadline the task was created with, when extensions moved `dueAt` (keys its escalation). */
  originalDueAt?: Date;
}

export interface PlanRemindersInput {
  now: Date;
  timezone: string;
  quiet: QuietPolicy;
  councilSchedule: ReminderSchedule;
  tasks: readonly PlanTask[];
  /** Keys already recorded (sent or skipped). */
  dispatched: ReadonlySet<string>;
}

export interface ReminderDispatch {
  kind: "reminder";
  /** "reminder:<taskId>:<unitId>:<point>" */
  key: string;
  taskId: number;
  taskTitle: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  point: ReminderPointName;
  /** The planned moment of the point (after quiet-hours shifting). */
  plannedFor: Date;
  /** Deadline day minus today (at `now`), negative when overdue. */
  daysLeft: number;
  dueAt: Date;
}

export interface EscalationDispatch {
  kind: "escalation";
  /** "escalation:<taskId>" */
  key: string;
  taskId: number;
  taskTitle: string;
  dueAt: Date;
  plannedFor: Date;
  missingUnitIds: number[];
  missingUnits: Array<{ unitId: number; unitCode: string; unitName: string }>;
  totalUnits: number;
  /** Whole local days past the deadline day at `now`. */
  daysOverdue: number;
  /** How many daily reminders followed the deadline (the schedule's overdueDailyFor). */
  overdueReminderDays: number;
}

export type Dispatch = ReminderDispatch | EscalationDispatch;

export type SkipReason = "superseded" | "deadline-passed" | "stale";

export interface SkippedDispatch {
  kind: "reminder";
  key: string;
  taskId: number;
  unitId: number;
  point: ReminderPointName;
  plannedFor: Date;
  reason: SkipReason;
  /** English, for the log. */
  detail: string;
}

export interface ReminderPlan {
  send: Dispatch[];
  skip: SkippedDispatch[];
  /** Problems that did not stop planning (e.g. an invalid task override, ignored). English, for logs. */
  warnings: Array<{ taskId: number; message: string }>;
}

export interface TimelinePoint {
  point: ReminderPointName;
  /** The local day the point belongs to. */
  day: LocalDate;
  /** Planned moment after quiet-hours shifting. */
  plannedFor: Date;
  /** The point may be sent while plannedFor <= now < until. */
  until: Date;
  beforeDeadline: boolean;
}

export interface TaskTimeline {
  /** The last local day on which a report is on time. */
  deadlineDate: LocalDate;
  /** Points in order, after shifting and dropping. */
  points: TimelinePoint[];
  /**
   * The end of the reminders: the escalation moment (the day after the last overdue reminder, at
   * timeOfDay, shifted out of quiet time). Computed even when the schedule does not escalate.
   */
  escalationAt: Date;
}

export function reminderKey(taskId: number, unitId: number, point: ReminderPointName, generation?: string | null): string {
  return generation ? `reminder:${taskId}:${unitId}:${point}:${generation}` : `reminder:${taskId}:${unitId}:${point}`;
}

/** "escalation:<taskId>", or "escalation:<taskId>:d<minutes since 1970>" for a deadline other than the original. */
export function escalationKey(taskId: number, dueAt?: Date, originalDueAt?: Date): string {
  if (!dueAt || !originalDueAt || dueAt.getTime() === originalDueAt.getTime()) return `escalation:${taskId}`;
  return `escalation:${taskId}:d${Math.round(dueAt.getTime() / 60_000)}`;
}

/**
 * Moves a moment out of quiet time: to the next allowed instant, or, when that is on a later local day,
 * to `timeOfDay` on that day if that moment is allowed and later.
 */
export function shiftOutOfQuiet(moment: Date, timeOfDay: string, quiet: QuietPolicy, tz: string): Date {
  const first = nextAllowed(moment, quiet, tz);
  if (first.getTime() === moment.getTime()) return moment;
  const day = localDateOf(first, tz);
  if (day === localDateOf(moment, tz)) return first;
  const sameTime = atLocal(day, timeOfDay, tz);
  return sameTime.getTime() > first.getTime() && isAllowed(sameTime, quiet, tz) ? sameTime : first;
}

/** The reminder points of a task (the same for every unit), for planning and for showing the office. */
export function taskTimeline(dueAt: Date, schedule: ReminderSchedule, tz: string, quiet: QuietPolicy): TaskTimeline {
  const last = deadlineDate(dueAt, tz);
  const at = (day: LocalDate) => shiftOutOfQuiet(atLocal(day, schedule.timeOfDay, tz), schedule.timeOfDay, quiet, tz);

  const raw: Array<Omit<TimelinePoint, "until">> = [];
  for (const n of [...new Set(schedule.daysBefore)].sort((a, b) => b - a)) {
    const day = addLocalDays(last, -n);
    raw.push({ point: `before-${n}`, day, plannedFor: at(day), beforeDeadline: true });
  }
  if (schedule.dueDayMorning) raw.push({ point: "due-day", day: last, plannedFor: at(last), beforeDeadline: true });
  for (let k = 1; k <= schedule.overdueDailyFor; k++) {
    const day = addLocalDays(last, k);
    raw.push({ point: `overdue-${k}`, day, plannedFor: at(day), beforeDeadline: false });
  }
  const escalationAt = at(addLocalDays(last, schedule.overdueDailyFor + 1));

  const due = dueAt.getTime();
  const usable = raw.filter((p) => (p.beforeDeadline ? p.plannedFor.getTime() < due : p.plannedFor.getTime() > due));

  // Walk backwards: a point is kept only if strictly before the next kept point (or the escalation).
  const points: TimelinePoint[] = [];
  let next = escalationAt.getTime();
  for (let i = usable.length - 1; i >= 0; i--) {
    const p = usable[i]!;
    const t = p.plannedFor.getTime();
    if (t >= next) continue;
    points.unshift({ ...p, until: new Date(p.beforeDeadline ? Math.min(next, due) : next) });
    next = t;
  }
  return { deadlineDate: last, points, escalationAt };
}

function scheduleFor(task: PlanTask, council: ReminderSchedule, warnings: ReminderPlan["warnings"]): ReminderSchedule {
  const merged = resolveSchedule(council, task.schedule);
  if (merged.ok) return merged.value;
  warnings.push({ taskId: task.id, message: `invalid reminder schedule override ignored: ${merged.errors.join("; ")}` });
  const base = resolveSchedule(council, null);
  if (base.ok) return base.value;
  warnings.push({ taskId: task.id, message: `invalid council reminder schedule, defaults used: ${base.errors.join("; ")}` });
  return { ...DEFAULT_REMINDER_SCHEDULE, daysBefore: [...DEFAULT_REMINDER_SCHEDULE.daysBefore] };
}

export function planReminders(input: PlanRemindersInput): ReminderPlan {
  const { now, timezone: tz, quiet, dispatched } = input;
  const plan: ReminderPlan = { send: [], skip: [], warnings: [] };
  if (!isAllowed(now, quiet, tz)) return plan;
  const nowMs = now.getTime();

  for (const task of input.tasks) {
    if (task.status !== "open") continue;
    const schedule = scheduleFor(task, input.councilSchedule, plan.warnings);
    const timelines = new Map<number, TaskTimeline>();
    const timelineOf = (dueAt: Date): TaskTimeline => {
      let t = timelines.get(dueAt.getTime());
      if (!t) timelines.set(dueAt.getTime(), (t = taskTimeline(dueAt, schedule, tz, quiet)));
      return t;
    };
    const missing = task.units.filter((u) => u.submittedAt === null || u.submittedAt.getTime() > nowMs);
    // Days left depend only on the deadline: once per deadline, not once per unit (3,321 units x 20 tasks).
    const daysLeftByDue = new Map<number, number>();
    const daysLeftOf = (dueAt: Date): number => {
      let d = daysLeftByDue.get(dueAt.getTime());
      if (d === undefined) daysLeftByDue.set(dueAt.getTime(), (d = daysLeft(now, dueAt, tz)));
      return d;
    };

    for (const unit of missing) {
      const dueAt = unit.dueAt ?? task.dueAt;
      const timeline = timelineOf(dueAt);
      const sinceMs = Math.max(task.createdAt.getTime(), unit.since?.getTime() ?? 0);
      const owed = timeline.points.filter((p) => p.plannedFor.getTime() <= nowMs && p.plannedFor.getTime() >= sinceMs);
      if (owed.length === 0) continue;
      const latest = owed[owed.length - 1]!;
      for (const p of owed) {
        const key = reminderKey(task.id, unit.unitId, p.point, unit.generation);
        if (dispatched.has(key)) continue;
        if (p === latest && nowMs < p.until.getTime()) {
          plan.send.push({
            kind: "reminder",
            key,
            taskId: task.id,
            taskTitle: task.title,
            unitId: unit.unitId,
            unitCode: unit.unitCode,
            unitName: unit.unitName,
            point: p.point,
            plannedFor: p.plannedFor,
            daysLeft: daysLeftOf(dueAt),
            dueAt,
          });
          continue;
        }
        const reason: SkipReason =
          p !== latest ? "superseded" : p.beforeDeadline && p.until.getTime() === dueAt.getTime() ? "deadline-passed" : "stale";
        plan.skip.push({
          kind: "reminder",
          key,
          taskId: task.id,
          unitId: unit.unitId,
          point: p.point,
          plannedFor: p.plannedFor,
          reason,
          detail:
            reason === "superseded"
              ? `not sent: a later reminder point (${latest.point}) is due`
              : reason === "deadline-passed"
                ? "not sent: the deadline passed before it could be sent"
                : "not sent: the reminders ended before it could be sent",
        });
      }
    }

    if (!schedule.escalate) continue;
    // One escalation per deadline: units whose deadline was extended are judged against theirs.
    // (Built in linear time: copying the list per unit and \`missing.includes\` per unit were quadratic.)
    const groups = new Map<number, PlanUnit[]>();
    for (const u of task.units) {
      const due = (u.dueAt ?? task.dueAt).getTime();
      const list = groups.get(due);
      if (list) list.push(u);
      else groups.set(due, [u]);
    }
    const missingSet = new Set(missing);
    for (const [dueMs, units] of groups) {
      const dueAt = new Date(dueMs);
      const timeline = timelineOf(dueAt);
      const escAt = timeline.escalationAt.getTime();
      let sinceMs = task.createdAt.getTime();
      for (const u of units) sinceMs = Math.max(sinceMs, u.since?.getTime() ?? 0);
      const groupMissing = units.filter((u) => missingSet.has(u));
      if (escAt > nowMs || escAt < sinceMs || groupMissing.length === 0) continue;
      const key = escalationKey(task.id, dueAt, task.originalDueAt ?? task.dueAt);
      if (dispatched.has(key)) continue;
      plan.send.push({
        kind: "escalation",
        key,
        taskId: task.id,
        taskTitle: task.title,
        dueAt,
        plannedFor: timeline.escalationAt,
        missingUnitIds: groupMissing.map((u) => u.unitId),
        missingUnits: groupMissing.map((u) => ({ unitId: u.unitId, unitCode: u.unitCode, unitName: u.unitName })),
        totalUnits: task.units.length,
        daysOverdue: Math.max(0, -daysLeft(now, dueAt, tz)),
        overdueReminderDays: schedule.overdueDailyFor,
      });
    }
  }

  plan.send.sort(
    (a, b) =>
      a.plannedFor.getTime() - b.plannedFor.getTime() ||
      a.taskId - b.taskId ||
      (a.kind === b.kind ? 0 : a.kind === "reminder" ? -1 : 1) ||
      (a.kind === "reminder" && b.kind === "reminder" ? a.unitId - b.unitId : 0),
  );
  return plan;
}
