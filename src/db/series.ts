/** Periodic task series (chế độ báo cáo định kỳ) and the period tasks they open. */
import type { Db, Tx } from "./client.js";

export interface SeriesRow {
  id: number;
  councilId: number;
  title: string;
  description: string | null;
  every: string;
  day: number;
  month: number | null;
  dueTime: string;
  onDayOff: string;
  startsOn: string;
  until: string | null;
  allUnits: boolean;
  unitIdsJson: string;
  noticeId: number | null;
  scheduleJson: string | null;
  status: string;
  endedAt: Date | null;
  createdAt: Date;
}

export type NewSeries = Omit<SeriesRow, "id" | "status" | "endedAt"> & { createdById: number | null; createdByLabel: string };

export const insertSeries = (tx: Tx, data: NewSeries): Promise<SeriesRow> => tx.taskSeries.create({ data });

export const findSeriesInCouncil = (db: Db | Tx, councilId: number, id: number): Promise<SeriesRow | null> =>
  db.taskSeries.findFirst({ where: { id, councilId } });

export const seriesOfCouncil = (db: Db | Tx, councilId: number, opts: { activeOnly?: boolean } = {}): Promise<SeriesRow[]> =>
  db.taskSeries.findMany({ where: { councilId, ...(opts.activeOnly ? { status: "active" } : {}) }, orderBy: { id: "asc" } });

/** The period keys a series has opened so far. */
export async function periodKeysOf(db: Db | Tx, seriesId: number): Promise<Set<string>> {
  const rows = await db.reportTask.findMany({ where: { seriesId }, select: { periodKey: true } });
  return new Set(rows.flatMap((r) => (r.periodKey ? [r.periodKey] : [])));
}

/** The tasks a series opened, newest period first, with how many units reported. */
export const periodTasksOf = (db: Db | Tx, seriesId: number) =>
  db.reportTask.findMany({
    where: { seriesId, status: { not: "deleted" } },
    select: { id: true, title: true, dueAt: true, status: true, periodKey: true, _count: { select: { assignments: true } } },
    orderBy: [{ dueAt: "desc" }, { id: "desc" }],
  });

/** One period's task and its units (the unique (seriesId, periodKey) index makes a second insert fail). */
export async function insertPeriodTask(
  tx: Tx,
  input: {
    councilId: number;
    seriesId: number;
    periodKey: string;
    title: string;
    description: string | null;
    dueAt: Date;
    noticeId: number | null;
    scheduleJson: string | null;
    createdAt: Date;
    createdByLabel: string;
    unitIds: number[];
  },
) {
  const { unitIds, ...data } = input;
  const task = await tx.reportTask.create({ data: { ...data, dueRule: "periodic" } });
  await tx.taskAssignment.createMany({ data: unitIds.map((unitId) => ({ taskId: task.id, unitId, createdAt: input.createdAt })) });
  return task;
}

export async function markSeriesEnded(tx: Tx, id: number, until: string, now: Date): Promise<void> {
  await tx.taskSeries.update({ where: { id }, data: { status: "ended", until, endedAt: now } });
}

export async function renameSeries(tx: Tx, id: number, title: string): Promise<void> {
  await tx.taskSeries.update({ where: { id }, data: { title } });
}

/** The open period task of a series due next after `after`, or null. */
export const nextOpenPeriodTask = (db: Db | Tx, seriesId: number, after: Date) =>
  db.reportTask.findFirst({ where: { seriesId, status: "open", dueAt: { gt: after } }, orderBy: { dueAt: "asc" } });

/** Open period tasks of a series whose deadline is after `after`. */
export const openPeriodTasksDueAfter = (db: Db | Tx, seriesId: number, after: Date) =>
  db.reportTask.findMany({ where: { seriesId, status: "open", dueAt: { gt: after } }, select: { id: true } });
