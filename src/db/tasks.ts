/** Reporting tasks, their assignments to units, and what each unit has submitted. */
import type { Db, Tx } from "./client.js";

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

/** Open tasks assigned to a unit, nearest due first. */
export const openTasksForUnit = (db: Db | Tx, unitId: number): Promise<TaskRow[]> =>
  db.reportTask.findMany({ where: { status: "open", assignments: { some: { unitId } } }, orderBy: [{ dueAt: "asc" }, { id: "asc" }] });

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
