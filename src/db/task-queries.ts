/**
 * Queries behind reporting tasks, their reminders, the digest and the export: tasks with their units and
 * submissions as they stood at a moment, the people and chats a reminder goes to, and notices a task may
 * be attached to. (Plain task writes live in tasks.ts.)
 */
import type { Db, Tx } from "./client.js";
import { findInChunks } from "./chunks.js";
import { assignmentsOfTasks, submissionsOfTasks } from "./planning-queries.js";
import type { RawSqlite } from "./raw-sqlite.js";

/** Every council this process serves: the configured one, or all of them when no code is set. */
export const councilsToServe = (db: Db | Tx, code: string | undefined) =>
  db.council.findMany({ where: code ? { code } : {}, orderBy: { id: "asc" } });

export const findTaskInCouncil = (db: Db | Tx, councilId: number, id: number) =>
  db.reportTask.findFirst({ where: { id, councilId }, include: { assignments: { include: { unit: true } }, notice: true } });

export interface SubmissionSummary {
  submittedAt: Date;
  late: boolean;
  version: number;
  receiptNo: string;
  /** report | nothing ("Không phát sinh") */
  kind: string;
}

export interface UnitProgress {
  unit: { id: number; code: string; name: string; kind: string; active: boolean; parentId?: number | null };
  /** the name of the unit above it (a province), when it has one */
  parentName?: string | null;
  /** the unit's first submission for the task (it decides on time or late) */
  first: SubmissionSummary | null;
  /** the latest version */
  latest: SubmissionSummary | null;
  versions: number;
  /** the unit's deadline: its own after an extension for it alone, else the task's */
  dueAt: Date;
  /** the extension that set this deadline (for the whole task or this unit), or null when never extended */
  extension: { id: number; createdAt: Date; forUnit: boolean } | null;
}

/**
 * Tasks of a council with each assigned unit's first and latest submission, as the database stood at `at`
 * (tasks created later and submissions made later are left out, so a preview of a past moment reads true).
 * Units are sorted by code.
 */
export async function tasksWithProgressAt(
  db: Db | Tx,
  councilId: number,
  at: Date,
  statuses: readonly string[] = ["open"],
  /** SQLite's raw connection: the bulk reads (assignments, submissions) go through it (planning-queries.ts) */
  raw?: RawSqlite,
) {
  const tasks = await db.reportTask.findMany({
    where: { councilId, status: { in: [...statuses] }, createdAt: { lte: at } },
    include: {
      notice: { select: { id: true, title: true, number: true } },
      extensions: { select: { id: true, unitId: true, createdAt: true, previousDueAt: true }, orderBy: { id: "asc" } },
    },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
  });
  const taskIds = tasks.map((t) => t.id);
  // Assignments without their unit, and the council's units once: 20 tasks for 3,321 units are 66,420
  // assignments, and a unit object mapped for each made this the slowest step of every reminder tick.
  const assignments = raw
    ? assignmentsOfTasks(raw, taskIds)
    : await findInChunks(taskIds, (ids) =>
        db.taskAssignment.findMany({
          where: { taskId: { in: ids } },
          select: { taskId: true, unitId: true, dueAt: true, extensionId: true },
        }),
      );
  const unitRows = assignments.length
    ? await db.unit.findMany({
        where: { councilId },
        select: { id: true, code: true, name: true, kind: true, active: true, parentId: true },
      })
    : [];
  // Units sorted by code once; each task's units follow that order (the same as sorting each by code).
  unitRows.sort((a, b) => a.code.localeCompare(b.code));
  const unitById = new Map(unitRows.map((u, rank) => [u.id, { unit: u, rank }]));
  const parentNameOf = (id: number | null | undefined) => (id == null ? null : (unitById.get(id)?.unit.name ?? null));
  const assignmentsByTask = new Map<number, typeof assignments>();
  for (const a of assignments) {
    const list = assignmentsByTask.get(a.taskId);
    if (list) list.push(a);
    else assignmentsByTask.set(a.taskId, [a]);
  }
  const submissions = raw
    ? submissionsOfTasks(raw, taskIds, at)
    : (
        await findInChunks(taskIds, (ids) =>
          db.submission.findMany({
            where: { taskId: { in: ids }, submittedAt: { lte: at } },
            select: { id: true, taskId: true, unitId: true, submittedAt: true, late: true, version: true, receiptNo: true, kind: true },
            orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
          }),
        )
      ).sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.id - b.id);
  const byTaskUnit = new Map<string, typeof submissions>();
  for (const s of submissions) {
    const key = `${s.taskId}:${s.unitId}`;
    const list = byTaskUnit.get(key) ?? [];
    list.push(s);
    byTaskUnit.set(key, list);
  }
  const pick = (s: (typeof submissions)[number] | undefined): SubmissionSummary | null =>
    s ? { submittedAt: s.submittedAt, late: s.late, version: s.version, receiptNo: s.receiptNo, kind: s.kind } : null;
  return tasks.map((t) => {
    const whole = [...t.extensions].reverse().find((x) => x.unitId === null) ?? null;
    const byId = new Map(t.extensions.map((x) => [x.id, x]));
    return {
      id: t.id,
      councilId: t.councilId,
      title: t.title,
      description: t.description,
      dueAt: t.dueAt,
      noticeId: t.noticeId,
      notice: t.notice,
      scheduleJson: t.scheduleJson,
      status: t.status,
      createdAt: t.createdAt,
      closedAt: t.closedAt,
      seriesId: t.seriesId,
      periodKey: t.periodKey,
      /** the deadline the task was created with (before any extension) */
      originalDueAt: t.extensions[0]?.previousDueAt ?? t.dueAt,
      units: (assignmentsByTask.get(t.id) ?? [])
        .filter((a) => unitById.has(a.unitId))
        .sort((a, b) => unitById.get(a.unitId)!.rank - unitById.get(b.unitId)!.rank)
        .map((a): UnitProgress => {
          const list = byTaskUnit.get(`${t.id}:${a.unitId}`) ?? [];
          const own = a.dueAt && a.extensionId ? byId.get(a.extensionId) : undefined;
          const extension = own
            ? { id: own.id, createdAt: own.createdAt, forUnit: true }
            : whole
              ? { id: whole.id, createdAt: whole.createdAt, forUnit: false }
              : null;
          return {
            unit: unitById.get(a.unitId)!.unit,
            parentName: parentNameOf(unitById.get(a.unitId)!.unit.parentId),
            first: pick(list[0]),
            latest: pick(list[list.length - 1]),
            versions: list.length,
            dueAt: a.dueAt ?? t.dueAt,
            extension,
          };
        }),
    };
  });
}

export type TaskWithProgress = Awaited<ReturnType<typeof tasksWithProgressAt>>[number];

/** The active registered groups of some units (purpose "unit"). */
export const unitGroupsOf = async (db: Db | Tx, councilId: number, unitIds: number[]) =>
  (
    await findInChunks(unitIds, (ids) =>
      db.chat.findMany({ where: { councilId, kind: "group", purpose: "unit", unitId: { in: ids }, active: true }, orderBy: { id: "asc" } }),
    )
  ).sort((a, b) => a.id - b.id);

/** The active registered groups of the standing committee. */
export const standingGroupsOf = (db: Db | Tx, councilId: number) =>
  db.chat.findMany({ where: { councilId, kind: "group", purpose: "standing", active: true }, orderBy: { id: "asc" } });

/** Active vice-chairs of some units with the chat accounts they linked. */
export const viceChairsOf = async (db: Db | Tx, councilId: number, unitIds: number[]) =>
  (
    await findInChunks(unitIds, (ids) =>
      db.member.findMany({
        where: { councilId, role: "vice_chair", active: true, unitId: { in: ids } },
        include: { identities: { orderBy: { id: "asc" } } },
        orderBy: [{ unitId: "asc" }, { id: "asc" }],
      }),
    )
  ).sort((a, b) => (a.unitId ?? -1) - (b.unitId ?? -1) || a.id - b.id);

export { privateChatsOf } from "./chats.js";

/** Published notices of a council, newest first, from `since` on. */
export const recentNotices = (db: Db | Tx, councilId: number, since: Date, take = 8) =>
  db.notice.findMany({
    where: { councilId, status: "published", publishedAt: { gte: since } },
    select: { id: true, title: true, number: true, issuedOn: true, publishedAt: true },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take,
  });

export const findNoticeInCouncil = (db: Db | Tx, councilId: number, id: number) =>
  db.notice.findFirst({ where: { id, councilId }, select: { id: true, title: true, number: true, status: true } });

/** Submissions for the export, oldest first, with everything a row needs. */
export const submissionsForExport = (db: Db | Tx, councilId: number, where: { taskId?: number; from?: Date; to?: Date }) =>
  db.submission.findMany({
    where: {
      councilId,
      ...(where.taskId !== undefined ? { taskId: where.taskId } : {}),
      ...(where.from || where.to
        ? { submittedAt: { ...(where.from ? { gte: where.from } : {}), ...(where.to ? { lt: where.to } : {}) } }
        : {}),
    },
    include: {
      unit: true,
      task: { select: { id: true, title: true, dueAt: true } },
      member: { select: { fullName: true } },
      attachments: { select: { fileName: true, kind: true }, orderBy: { id: "asc" } },
      additions: {
        include: {
          member: { select: { fullName: true } },
          attachments: { select: { fileName: true, kind: true }, orderBy: { id: "asc" } },
        },
        orderBy: { seq: "asc" },
      },
    },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
  });

/** The highest version each (task, unit) pair has, over the whole database (to flag the latest in an export). */
export async function latestVersions(db: Db | Tx, councilId: number): Promise<Map<string, number>> {
  const rows = await db.submission.groupBy({ by: ["taskId", "unitId"], where: { councilId }, _max: { version: true } });
  return new Map(rows.map((r) => [`${r.taskId ?? "none"}:${r.unitId}`, r._max.version ?? 0]));
}
