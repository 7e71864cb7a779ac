/**
 * The reminder tick's bulk reads on SQLite's raw connection (raw-sqlite.ts): a national council's 20 open tasks
 * are 66,420 assignments, and reading them through Prisma's client made objects through several layers
 * (a third of the tick's CPU and most of its garbage, which pushed the service's memory past 200 MB).
 * The same rows as the model queries they stand in for (task-queries.ts, dispatch-log.ts).
 */
import { chunked } from "./chunks.js";
import { fromSqliteTime, fromSqliteTimeOrNull, sqliteTime, type RawSqlite } from "./raw-sqlite.js";

/** Ids per statement: few distinct statements to cache, far below SQLite's parameter limit. */
const SLICE = 500;
const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");

export interface AssignmentRow {
  taskId: number;
  unitId: number;
  dueAt: Date | null;
  extensionId: number | null;
}

export function assignmentsOfTasks(raw: RawSqlite, taskIds: readonly number[]): AssignmentRow[] {
  const out: AssignmentRow[] = [];
  for (const ids of chunked(taskIds, SLICE))
    for (const [taskId, unitId, dueAt, extensionId] of raw.rows(
      `SELECT "taskId", "unitId", "dueAt", "extensionId" FROM "TaskAssignment" WHERE "taskId" IN (${marks(ids.length)})`,
      ids,
    ))
      out.push({
        taskId: Number(taskId),
        unitId: Number(unitId),
        dueAt: fromSqliteTimeOrNull(dueAt),
        extensionId: extensionId === null ? null : Number(extensionId),
      });
  return out;
}

export interface SubmissionRow {
  id: number;
  taskId: number | null;
  unitId: number;
  submittedAt: Date;
  late: boolean;
  version: number;
  receiptNo: string;
  kind: string;
}

/** Submissions for these tasks made at or before `at`, oldest first. */
export function submissionsOfTasks(raw: RawSqlite, taskIds: readonly number[], at: Date): SubmissionRow[] {
  const out: SubmissionRow[] = [];
  for (const ids of chunked(taskIds, SLICE))
    for (const [id, taskId, unitId, submittedAt, late, version, receiptNo, kind] of raw.rows(
      `SELECT "id", "taskId", "unitId", "submittedAt", "late", "version", "receiptNo", "kind" FROM "Submission" WHERE "taskId" IN (${marks(ids.length)}) AND "submittedAt" <= ?`,
      [...ids, sqliteTime(at)],
    ))
      out.push({
        id: Number(id),
        taskId: taskId === null ? null : Number(taskId),
        unitId: Number(unitId),
        submittedAt: fromSqliteTime(submittedAt),
        late: late === 1 || late === true,
        version: Number(version),
        receiptNo: String(receiptNo),
        kind: String(kind),
      });
  return out.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.id - b.id);
}

/** Keys recorded for reminders and escalations of these tasks. */
export function dispatchKeysOfTasks(raw: RawSqlite, taskIds: readonly number[]): Set<string> {
  const keys = new Set<string>();
  for (const ids of chunked(taskIds, SLICE))
    for (const [key] of raw.rows(
      `SELECT "key" FROM "DispatchLog" WHERE "taskId" IN (${marks(ids.length)}) AND "kind" IN ('reminder', 'escalation')`,
      ids,
    ))
      keys.add(String(key));
  return keys;
}
