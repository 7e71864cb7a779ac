/**
 * Extending a deadline (gia hạn), for every unit of a task or for chosen ones, with a reason. In one
 * transaction: the history row(s), the new deadline (the task's, or each chosen unit's own), on time and
 * late re-judged against it, reminders already queued for the old deadline cancelled, the audit entry, and a
 * notice to each concerned unit that has not reported yet (its groups and its vice-chairs). The planner
 * then follows the new deadline (its reminder keys carry the extension, see plan-reminders.ts).
 */
import type { Database } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import { cancelPendingOutbox, pendingOutboxWithPrefix } from "../../db/dispatch-log.js";
import { insertExtension, rejudgeLateness, setAssignmentDue, setTaskDue, taskForChange, unitsWithSubmissions } from "../../db/tasks.js";
import { enqueue, PRIORITY } from "../../delivery/outbox.js";
import { parseRelativeDays, resolveRelativeDays } from "../../domain/calendar/relative.js";
import {
  atLocal,
  deadlineDate,
  localDateOf,
  localParts,
  localTimeOf,
  parseUserDate,
  parseUserTime,
} from "../../domain/time/vietnam-time.js";
import { formatDeadline } from "../../domain/time/vietnamese-format.js";
import { normalizeCode } from "../../domain/vocabulary.js";
import { taskAdmin, type ExtendErrorText } from "../../i18n/vi/task-admin.js";
import { unitRecipients } from "../recipients.js";
import type { TaskAuthor, UnitSelection } from "./create-task.js";
import { workCalendarOf } from "./settings.js";

export const MAX_REASON_CHARS = 500;

export type ExtendError = ExtendErrorText;

export interface ExtendInput {
  councilId: number;
  taskId: number;
  /** "25/11/2026", "2026-11-25", "thêm 3 ngày làm việc", "5 ngày làm việc" */
  due: string;
  /** optional time; default: the current deadline's time */
  time?: string | null;
  units: UnitSelection;
  reason: string;
  actor: TaskAuthor;
  now: Date;
  timezone: string;
  council: { settingsJson: string };
}

export interface ExtendResult {
  taskId: number;
  title: string;
  newDueAt: Date;
  /** the deadline before (the task's for "all", the latest of the chosen units' otherwise) */
  previousDueAt: Date;
  units: Array<{ id: number; code: string; name: string }>;
  all: boolean;
  extensionIds: number[];
  /** messages queued to tell the units */
  told: number;
}

/** Reads the new deadline typed by the office; relative forms count from today, or from `current` with "thêm". */
export function readNewDue(
  text: string,
  timeText: string | null | undefined,
  current: Date,
  o: { now: Date; timezone: string; calendar: { addWorkingDays(date: string, n: number): string } },
): { ok: true; dueAt: Date } | { ok: false; error: ExtendError } {
  const tz = o.timezone;
  let time = localTimeOf(current, tz) === "00:00" ? "17:00" : localTimeOf(current, tz);
  if (timeText?.trim()) {
    const t = parseUserTime(timeText);
    if (!t.ok) return { ok: false, error: { code: "due", message: t.message } };
    time = t.value;
  }
  const rel = parseRelativeDays(text);
  if (rel) {
    const base = rel.extra ? deadlineDate(current, tz) : localDateOf(o.now, tz);
    return { ok: true, dueAt: atLocal(resolveRelativeDays(rel, base, o.calendar), time, tz) };
  }
  // "25/11/2026 10:00": a date and a time in one answer.
  const m = /^(.*\S)\s+(\d{1,2}(?::|h|g|\s*giờ)\s*\d{0,2}.*)$/iu.exec(text.trim());
  const dateText = m && !timeText ? m[1]! : text;
  if (m && !timeText) {
    const t = parseUserTime(m[2]!);
    if (t.ok) time = t.value;
  }
  const d = parseUserDate(m && !timeText ? dateText : text, { defaultYear: localParts(o.now, tz).year });
  if (!d.ok) return { ok: false, error: { code: "due", message: d.message } };
  return { ok: true, dueAt: atLocal(d.value, time, tz) };
}

export async function extendTask(
  db: Database,
  input: ExtendInput,
): Promise<{ ok: true; value: ExtendResult } | { ok: false; errors: ExtendError[] }> {
  const tz = input.timezone;
  const task = await taskForChange(db.prisma, input.councilId, input.taskId);
  if (!task || task.status === "deleted") return { ok: false, errors: [{ code: "not-found" }] };
  if (task.status !== "open") return { ok: false, errors: [{ code: "not-open", status: task.status }] };
  const errors: ExtendError[] = [];
  const reason = input.reason.trim().replace(/\s+/g, " ");
  if (reason === "") errors.push({ code: "reason-missing" });
  else if (reason.length > MAX_REASON_CHARS) errors.push({ code: "reason-too-long", max: MAX_REASON_CHARS });

  const all = input.units === "all";
  let chosen = task.assignments;
  if (input.units !== "all") {
    const sel = input.units;
    const wanted = "codes" in sel ? new Set(sel.codes.map(normalizeCode).filter(Boolean)) : new Set(sel.ids.map(String));
    chosen = task.assignments.filter((a) => wanted.has("codes" in sel ? a.unit.code : String(a.unitId)));
    const found = new Set(chosen.map((a) => ("codes" in sel ? a.unit.code : String(a.unitId))));
    const unknown = [...wanted].filter((w) => !found.has(w));
    if (unknown.length > 0) errors.push({ code: "unknown-units", codes: unknown.map((u) => ("codes" in sel ? u : `#${u}`)) });
    else if (chosen.length === 0) errors.push({ code: "no-units" });
  }
  const currentOf = (a: (typeof chosen)[number]) => a.dueAt ?? task.dueAt;
  const previous = all ? task.dueAt : new Date(Math.max(...chosen.map((a) => currentOf(a).getTime()), task.dueAt.getTime()));
  const read = readNewDue(input.due, input.time, previous, { now: input.now, timezone: tz, calendar: workCalendarOf(input.council) });
  if (!read.ok) errors.push(read.error);
  else if (read.dueAt.getTime() <= input.now.getTime()) errors.push({ code: "in-past" });
  else if (read.dueAt.getTime() <= previous.getTime()) errors.push({ code: "not-later", current: formatDeadline(previous, tz) });
  if (errors.length > 0 || !read.ok) return { ok: false, errors };
  const newDueAt = read.dueAt;

  // Which units change deadline: for "all", every unit whose own deadline (if any) is not later than the new one.
  const affected = all ? task.assignments.filter((a) => !a.dueAt || a.dueAt.getTime() <= newDueAt.getTime()) : chosen;
  const submitted = await unitsWithSubmissions(db.prisma, task.id);
  const toTell = affected.filter((a) => !submitted.has(a.unitId) && a.unit.active);
  const recipients = await unitRecipients(
    db,
    input.councilId,
    toTell.map((a) => a.unitId),
    true,
  );

  const result = await db.transaction(async (tx) => {
    const extensionIds: number[] = [];
    const extensionOfUnit = new Map<number, number>();
    if (all) {
      const ext = await insertExtension(tx, {
        taskId: task.id,
        unitId: null,
        previousDueAt: task.dueAt,
        newDueAt,
        reason,
        actorId: input.actor.memberId,
        actorLabel: input.actor.label,
        createdAt: input.now,
      });
      extensionIds.push(ext.id);
      await setTaskDue(tx, task.id, newDueAt);
      for (const a of affected) {
        if (a.dueAt) await setAssignmentDue(tx, task.id, a.unitId, null, null);
        extensionOfUnit.set(a.unitId, ext.id);
      }
    } else {
      for (const a of affected) {
        const ext = await insertExtension(tx, {
          taskId: task.id,
          unitId: a.unitId,
          previousDueAt: currentOf(a),
          newDueAt,
          reason,
          actorId: input.actor.memberId,
          actorLabel: input.actor.label,
          createdAt: input.now,
        });
        extensionIds.push(ext.id);
        extensionOfUnit.set(a.unitId, ext.id);
        await setAssignmentDue(tx, task.id, a.unitId, newDueAt, ext.id);
      }
    }
    let cancelled = 0;
    for (const a of affected) {
      await rejudgeLateness(tx, task.id, a.unitId, newDueAt);
      const pending = await pendingOutboxWithPrefix(tx, `reminder:${task.id}:${a.unitId}:`);
      cancelled += await cancelPendingOutbox(
        tx,
        pending.map((p) => p.id),
        "deadline extended",
      );
    }
    if (all) {
      const pending = await pendingOutboxWithPrefix(tx, `escalation:${task.id}:`);
      cancelled += await cancelPendingOutbox(
        tx,
        pending.map((p) => p.id),
        "deadline extended",
      );
    }
    let told = 0;
    for (const a of toTell) {
      const to = recipients.get(a.unitId);
      if (!to) continue;
      const text = taskAdmin.extensionNotice({
        unitName: a.unit.name,
        title: task.title,
        from: formatDeadline(currentOf(a), tz),
        to: formatDeadline(newDueAt, tz),
        reason,
      });
      const extId = extensionOfUnit.get(a.unitId)!;
      for (const chat of [...to.groups, ...to.viceChairs]) {
        if (chat.chatId === null) continue;
        const r = await enqueue(tx, {
          key: `extension:${extId}:u${a.unitId}:c${chat.chatId}`,
          chatId: chat.chatId,
          message: { kind: "text", text },
          priority: PRIORITY.normal,
        });
        if (r) told++;
      }
    }
    await audit(tx, {
      councilId: input.councilId,
      actorId: input.actor.memberId,
      actorLabel: input.actor.label,
      action: "task.extend",
      entityType: "task",
      entityId: task.id,
      detail: {
        units: all ? "all" : affected.map((a) => a.unit.code),
        previousDueAt: previous.toISOString(),
        newDueAt: newDueAt.toISOString(),
        reason,
        extensionIds,
        cancelledMessages: cancelled,
      },
    });
    return { extensionIds, told };
  });
  return {
    ok: true,
    value: {
      taskId: task.id,
      title: task.title,
      newDueAt,
      previousDueAt: previous,
      units: affected.map((a) => ({ id: a.unitId, code: a.unit.code, name: a.unit.name })),
      all,
      extensionIds: result.extensionIds,
      told: result.told,
    },
  };
}
