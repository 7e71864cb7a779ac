/** Reporting tasks, their assignments to units, and what each unit has submitted. */
import type { Database, Db, Tx } from "./client.js";
import { isDatabase, rawReads, readDate } from "./raw-reads.js";

export interface TaskRow {
  id: number;
  councilId: number;
  title: string;
  description: string | null;
  dueAt: Date;
  dueRule: string | null;
  noticeId: number | null;
  scheduleJson: string | null;
  status: string;
  createdAt: Date;
  closedAt: Date | null;
}

export const findTask = (db: Db | Tx, id: number): Promise<TaskRow | null> => db.reportTask.findUnique({ where: { id } });

/**
 * Open tasks assigned to a unit, nearest due first; `dueAt` is the unit's own deadline when it was extended alone.
 * Given the Database on SQLite (outside a transaction), one prepared join on the raw connection: /hanbaocao and
 * the report flow run it for every update that asks (see raw-reads.ts).
 */
export async function openTasksForUnit(db: Database | Db | Tx, unitId: number): Promise<TaskRow[]> {
  const raw = isDatabase(db) ? rawReads(db) : null;
  if (raw)
    return raw
      .all<RawTask>(OPEN_TASKS_FOR_UNIT, [unitId])
      .map((t) => ({
        ...t,
        dueAt: readDate(t.dueAt),
        createdAt: readDate(t.createdAt),
        closedAt: t.closedAt === null ? null : readDate(t.closedAt),
      }))
      .sort(byDueThenId);
  const prisma = isDatabase(db) ? db.prisma : db;
  const rows = await prisma.reportTask.findMany({
    where: { status: "open", assignments: { some: { unitId } } },
    include: { assignments: { where: { unitId }, select: { dueAt: true } } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
  });
  return rows
    .map(
      ({ assignments, ...t }): TaskRow => ({
        id: t.id,
        councilId: t.councilId,
        title: t.title,
        description: t.description,
        dueAt: assignments[0]?.dueAt ?? t.dueAt,
        dueRule: t.dueRule,
        noticeId: t.noticeId,
        scheduleJson: t.scheduleJson,
        status: t.status,
        createdAt: t.createdAt,
        closedAt: t.closedAt,
      }),
    )
    .sort(byDueThenId);
}

const byDueThenId = (a: TaskRow, b: TaskRow): number => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id;

type RawTask = Omit<TaskRow, "dueAt" | "createdAt" | "closedAt"> & { dueAt: unknown; createdAt: unknown; closedAt: unknown };

const OPEN_TASKS_FOR_UNIT = `SELECT t."id", t."councilId", t."title", t."description", COALESCE(a."dueAt", t."dueAt") AS "dueAt", t."dueRule",
  t."noticeId", t."scheduleJson", t."status", t."createdAt", t."closedAt"
FROM "ReportTask" t JOIN "TaskAssignment" a ON a."taskId" = t."id" AND a."unitId" = ?
WHERE t."status" = 'open'`;

export const isAssigned = async (db: Db | Tx, taskId: number, unitId: number): Promise<boolean> =>
  (await db.taskAssignment.findUnique({ where: { taskId_unitId: { taskId, unitId } } })) !== null;

export type NewTask = Omit<TaskRow, "id" | "status" | "closedAt"> & {
  createdById: number | null;
  createdByLabel: string | null;
  unitIds: number[];
};

export async function createTask(tx: Tx, input: NewTask): Promise<TaskRow> {
  const { unitIds, ...data } = input;
  const task = await tx.reportTask.create({ data });
  // One statement for all units: a task for a province's hundred communes is one insert, not a hundred.
  await tx.taskAssignment.createMany({ data: unitIds.map((unitId) => ({ taskId: task.id, unitId, createdAt: input.createdAt })) });
  return task;
}

export async function setTaskStatus(tx: Tx, id: number, status: "open" | "closed" | "deleted", now: Date): Promise<void> {
  await tx.reportTask.update({ where: { id }, data: { status, closedAt: status === "open" ? null : now } });
}

export const listTasks = (db: Db | Tx, councilId: number, where: { status?: string[] } = {}) =>
  db.reportTask.findMany({
    where: { councilId, ...(where.status ? { status: { in: where.status } } : {}) },
    include: { assignments: { include: { unit: true } } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
  });

/** A task of a council with its units (and each unit's own deadline) and its extension history. */
export const taskForChange = (db: Db | Tx, councilId: number, id: number) =>
  db.reportTask.findFirst({
    where: { id, councilId },
    include: {
      assignments: { include: { unit: true }, orderBy: { unitId: "asc" } },
      extensions: { include: { unit: { select: { name: true, code: true } } }, orderBy: { id: "asc" } },
      series: { select: { id: true, title: true, status: true } },
    },
  });

export async function insertExtension(
  tx: Tx,
  data: {
    taskId: number;
    unitId: number | null;
    previousDueAt: Date;
    newDueAt: Date;
    reason: string;
    actorId: number | null;
    actorLabel: string;
    createdAt: Date;
  },
) {
  return tx.taskExtension.create({ data });
}

export async function setTaskDue(tx: Tx, id: number, dueAt: Date): Promise<void> {
  await tx.reportTask.update({ where: { id }, data: { dueAt } });
}

/** Sets (or with null clears) a unit's own deadline on a task. */
export async function setAssignmentDue(
  tx: Tx,
  taskId: number,
  unitId: number,
  dueAt: Date | null,
  extensionId: number | null,
): Promise<void> {
  await tx.taskAssignment.update({ where: { taskId_unitId: { taskId, unitId } }, data: { dueAt, extensionId } });
}

/** Re-judges on time or late for a unit's reports and additions against its (new) deadline. */
export async function rejudgeLateness(tx: Tx, taskId: number, unitId: number, dueAt: Date): Promise<void> {
  await tx.submission.updateMany({ where: { taskId, unitId, submittedAt: { gt: dueAt } }, data: { late: true } });
  await tx.submission.updateMany({ where: { taskId, unitId, submittedAt: { lte: dueAt } }, data: { late: false } });
  await tx.submissionAddition.updateMany({ where: { submission: { taskId, unitId }, submittedAt: { gt: dueAt } }, data: { late: true } });
  await tx.submissionAddition.updateMany({ where: { submission: { taskId, unitId }, submittedAt: { lte: dueAt } }, data: { late: false } });
}

export async function renameTask(tx: Tx, id: number, title: string): Promise<void> {
  await tx.reportTask.update({ where: { id }, data: { title } });
}

/** The tasks made from a notice (not deleted), oldest first. */
export const tasksOfNotice = (db: Db | Tx, noticeId: number) =>
  db.reportTask.findMany({ where: { noticeId, status: { not: "deleted" } }, orderBy: { id: "asc" } });

/** Units of a task that have sent something (they need no extension notice). */
export async function unitsWithSubmissions(db: Db | Tx, taskId: number): Promise<Set<number>> {
  const rows = await db.submission.findMany({ where: { taskId }, select: { unitId: true }, distinct: ["unitId"] });
  return new Set(rows.map((r) => r.unitId));
}

/** A unit's assignment on a task (with its own deadline), or null. */
export const assignmentOf = (db: Db | Tx, taskId: number, unitId: number) =>
  db.taskAssignment.findUnique({ where: { taskId_unitId: { taskId, unitId } } });

/** Tasks the office may manage from chat: open ones nearest due first, then the latest closed ones. */
export async function tasksToManage(db: Db | Tx, councilId: number, take = { open: 20, closed: 8 }) {
  const open = await db.reportTask.findMany({
    where: { councilId, status: "open" },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: take.open,
  });
  const closed = await db.reportTask.findMany({
    where: { councilId, status: "closed" },
    orderBy: [{ closedAt: "desc" }, { id: "desc" }],
    take: take.closed,
  });
  return [...open, ...closed];
}

/** Open tasks among `ids` whose deadline is after `now`, with their active units (to announce them). */
export const openTasksToAnnounce = (db: Db | Tx, councilId: number, ids: readonly number[], now: Date) =>
  db.reportTask.findMany({
    where: { councilId, id: { in: [...ids] }, status: "open", dueAt: { gt: now } },
    include: { assignments: { where: { unit: { active: true } }, select: { unit: { select: { id: true, name: true } } } } },
    orderBy: { id: "asc" },
  });

/** The tasks whose announcement was deferred (a dispatch row `task:<id>:announce:waiting`) since `since`. */
export async function tasksWaitingForAnnouncement(db: Db | Tx, councilId: number, since: Date): Promise<number[]> {
  const rows = await db.dispatchLog.findMany({
    where: { councilId, kind: "task_announce", key: { endsWith: ":announce:waiting" }, createdAt: { gte: since } },
    select: { taskId: true },
  });
  return rows.map((r) => r.taskId).filter((id): id is number => id !== null);
}
