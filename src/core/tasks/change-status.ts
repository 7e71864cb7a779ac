/**
 * Closing, reopening, deleting and renaming a task. Reopening lets the planner take the task up again (points
 * missed while it was closed are skipped as superseded; only the latest due one is sent).
 * Closing and deleting a task. Either stops its reminders at once: the planner only looks at open tasks,
 * and reminders already queued but not yet picked up by a sender are cancelled in the same transaction.
 * Deleting is a status (the submissions and the audit trail stay).
 */
import type { Database } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import { renameTask, setTaskStatus } from "../../db/tasks.js";
import { checkTitle, type TaskError } from "./create-task.js";
import { findTaskInCouncil } from "../../db/task-queries.js";
import { cancelPendingOutbox, pendingOutboxWithPrefix } from "../../db/dispatch-log.js";
import { escalationKey } from "../../domain/reminders/plan-reminders.js";

export type ChangeStatusResult =
  | { ok: true; taskId: number; title: string; from: string; to: "open" | "closed" | "deleted"; cancelledMessages: number }
  | { ok: false; reason: "not-found" | "already"; status?: string };

/** The outbox keys of a task's reminders and escalation start with these. */
export const taskOutboxPrefixes = (taskId: number): string[] => [`reminder:${taskId}:`, `${escalationKey(taskId)}:`];

export async function changeTaskStatus(
  db: Database,
  input: {
    councilId: number;
    taskId: number;
    to: "open" | "closed" | "deleted";
    actor: { memberId: number | null; label: string };
    now: Date;
  },
): Promise<ChangeStatusResult> {
  return db.transaction(async (tx) => {
    const task = await findTaskInCouncil(tx, input.councilId, input.taskId);
    if (!task || task.status === "deleted") return { ok: false, reason: "not-found" } as const;
    if (task.status === input.to) return { ok: false, reason: "already", status: task.status } as const;
    await setTaskStatus(tx, task.id, input.to, input.now);
    let cancelled = 0;
    for (const prefix of input.to === "open" ? [] : taskOutboxPrefixes(task.id)) {
      const pending = await pendingOutboxWithPrefix(tx, prefix);
      cancelled += await cancelPendingOutbox(
        tx,
        pending.map((p) => p.id),
        `task ${input.to}`,
      );
    }
    await audit(tx, {
      councilId: input.councilId,
      actorId: input.actor.memberId,
      actorLabel: input.actor.label,
      action: input.to === "closed" ? "task.close" : input.to === "open" ? "task.reopen" : "task.delete",
      entityType: "task",
      entityId: task.id,
      detail: { title: task.title, from: task.status, cancelledMessages: cancelled },
    });
    return { ok: true, taskId: task.id, title: task.title, from: task.status, to: input.to, cancelledMessages: cancelled } as const;
  });
}

export const closeTask = (db: Database, input: Omit<Parameters<typeof changeTaskStatus>[1], "to">) =>
  changeTaskStatus(db, { ...input, to: "closed" });
export const deleteTask = (db: Database, input: Omit<Parameters<typeof changeTaskStatus>[1], "to">) =>
  changeTaskStatus(db, { ...input, to: "deleted" });

export const reopenTask = (db: Database, input: Omit<Parameters<typeof changeTaskStatus>[1], "to">) =>
  changeTaskStatus(db, { ...input, to: "open" });

export type RenameResult =
  | { ok: true; taskId: number; from: string; to: string }
  | { ok: false; reason: "not-found" | TaskError["code"]; error?: TaskError };

/** Renames a task (the reports keep pointing at it; the audit log keeps the old title). */
export async function renameReportTask(
  db: Database,
  input: { councilId: number; taskId: number; title: string; actor: { memberId: number | null; label: string } },
): Promise<RenameResult> {
  const problem = checkTitle(input.title);
  if (problem) return { ok: false, reason: problem.code, error: problem };
  const title = input.title.trim().replace(/\s+/g, " ");
  return db.transaction(async (tx) => {
    const task = await findTaskInCouncil(tx, input.councilId, input.taskId);
    if (!task || task.status === "deleted") return { ok: false, reason: "not-found" } as const;
    await renameTask(tx, task.id, title);
    await audit(tx, {
      councilId: input.councilId,
      actorId: input.actor.memberId,
      actorLabel: input.actor.label,
      action: "task.rename",
      entityType: "task",
      entityId: task.id,
      detail: { from: task.title, to: title },
    });
    return { ok: true, taskId: task.id, from: task.title, to: title } as const;
  });
}
