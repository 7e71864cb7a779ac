/**
 * Tasks with each unit's status at a moment: submitted on time, submitted late, missing (the deadline has
 * passed), or not due yet. Whether a unit was on time is decided by its first report: a correction sent
 * after the deadline does not make an on-time unit late.
 */
import type { Db, Tx } from "../../db/client.js";
import { tasksWithProgressAt, type TaskWithProgress } from "../../db/task-queries.js";

export type UnitTaskStatus = "on_time" | "late" | "missing" | "not_due";

export interface TaskUnitStatus {
  unitId: number;
  code: string;
  name: string;
  status: UnitTaskStatus;
  /** first submission moment, if any */
  submittedAt: Date | null;
  receiptNo: string | null;
  versions: number;
  /** the unit's deadline (its own after an extension for it alone) */
  dueAt: Date;
  /** the unit's deadline was extended (for it or for the whole task) */
  extended: boolean;
  /** the unit's latest answer is "Không phát sinh" (nothing to report) */
  nothing: boolean;
}

export interface TaskStatusView {
  id: number;
  title: string;
  description: string | null;
  dueAt: Date;
  status: string;
  noticeId: number | null;
  noticeTitle: string | null;
  createdAt: Date;
  closedAt: Date | null;
  seriesId: number | null;
  periodKey: string | null;
  counts: Record<UnitTaskStatus, number> & { total: number };
  units: TaskUnitStatus[];
}

export function unitStatus(task: Pick<TaskWithProgress, "dueAt">, unit: TaskWithProgress["units"][number], now: Date): UnitTaskStatus {
  if (unit.first) return unit.first.late ? "late" : "on_time";
  return now.getTime() > (unit.dueAt ?? task.dueAt).getTime() ? "missing" : "not_due";
}

export function toStatusView(task: TaskWithProgress, now: Date): TaskStatusView {
  const units = task.units.map(
    (u): TaskUnitStatus => ({
      unitId: u.unit.id,
      code: u.unit.code,
      name: u.unit.name,
      status: unitStatus(task, u, now),
      submittedAt: u.first?.submittedAt ?? null,
      receiptNo: u.latest?.receiptNo ?? null,
      versions: u.versions,
      dueAt: u.dueAt,
      extended: u.extension !== null,
      nothing: u.latest?.kind === "nothing",
    }),
  );
  const counts = { on_time: 0, late: 0, missing: 0, not_due: 0, total: units.length };
  for (const u of units) counts[u.status]++;
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    dueAt: task.dueAt,
    status: task.status,
    noticeId: task.noticeId,
    noticeTitle: task.notice?.title ?? null,
    createdAt: task.createdAt,
    closedAt: task.closedAt,
    seriesId: task.seriesId,
    periodKey: task.periodKey,
    counts,
    units,
  };
}

/** Open and closed tasks (deleted ones only when asked) with per-unit status at `now`. */
export async function listTasksWithStatus(
  db: Db | Tx,
  councilId: number,
  now: Date,
  opts: { includeDeleted?: boolean; openOnly?: boolean } = {},
): Promise<TaskStatusView[]> {
  const statuses = opts.openOnly ? ["open"] : opts.includeDeleted ? ["open", "closed", "deleted"] : ["open", "closed"];
  const tasks = await tasksWithProgressAt(db, councilId, now, statuses);
  return tasks.map((t) => toStatusView(t, now));
}
