/**
 * A new task is announced at once (issue 12): waiting for the first reminder point left a report due at
 * 09:00 tomorrow unknown to the units until 08:00 on the day. Each assigned unit's group and each of its
 * vice-chairs (privately) gets the task with a "Gửi báo cáo" button that opens /baocao on it.
 *
 * Outside quiet hours (or when the deadline comes before they end) the messages are written in the
 * transaction that creates the task. Otherwise nothing is queued (a message held in the outbox would hold
 * back every later message to the same chat): a dispatch row `task:<id>:announce:waiting` marks the task, and
 * the reminder tick announces it at the first allowed moment; the periods a periodic series opens are marked
 * the same way (series.ts). A dispatch row keyed `task:<id>:announce` makes each announcement happen once.
 */
import type { Database, Tx } from "../../db/client.js";
import { insertDispatch, recordedDispatchKeys } from "../../db/dispatch-log.js";
import { isUniqueViolation } from "../../db/errors.js";
import { openTasksToAnnounce, tasksWaitingForAnnouncement } from "../../db/tasks.js";
import { enqueueMany, PRIORITY, type EnqueueInput } from "../../delivery/outbox.js";
import { announceNow, isAllowed, type QuietPolicy } from "../../domain/time/quiet-hours.js";
import { formatDeadline } from "../../domain/time/vietnamese-format.js";
import { announce } from "../../i18n/vi/announce.js";
import type { Choice, OutboundMessage } from "../../messaging/outbound.js";
import { unitRecipientsIn } from "../recipients.js";

/** Button data "bc:<taskId>": starts /baocao with that task chosen (bot/handlers/report-action.ts). */
export const REPORT_TASK_PREFIX = "bc";
/** How far back the tick looks for tasks still to announce (a long holiday is about nine days). */
export const ANNOUNCE_LOOKBACK_DAYS = 14;

export interface AnnounceOptions {
  now: Date;
  timezone: string;
  quiet: QuietPolicy;
}

export interface AnnouncedTask {
  id: number;
  councilId: number;
  title: string;
  description: string | null;
  dueAt: Date;
}

export const announceKey = (taskId: number): string => `task:${taskId}:announce`;

/** Marks a task for the tick to announce (created in quiet hours, or a period a series opened). */
export async function markAnnouncementWaiting(tx: Tx, task: { id: number; councilId: number }, now: Date): Promise<void> {
  await insertDispatch(tx, {
    key: `${announceKey(task.id)}:waiting`,
    kind: "task_announce",
    councilId: task.councilId,
    taskId: task.id,
    plannedFor: now,
    outcome: "skipped",
    detail: "to be announced by the reminder tick (quiet hours, or a period just opened)",
    createdAt: now,
  });
}

export const reportTaskButton = (taskId: number): Choice[][] => [
  [{ kind: "action", label: announce.button, data: `${REPORT_TASK_PREFIX}:${taskId}` }],
];

/**
 * Announces a task just stored, in the caller's transaction: "sent" (with how many chats), "waiting" (quiet
 * hours: the tick will), or "past" (a task entered after its deadline, for the record: nothing to ask).
 */
export async function announceNewTask(
  tx: Tx,
  task: AnnouncedTask,
  units: ReadonlyArray<{ id: number; name: string }>,
  o: AnnounceOptions,
): Promise<{ outcome: "sent"; chats: number } | { outcome: "waiting" | "past" }> {
  if (task.dueAt.getTime() <= o.now.getTime()) return { outcome: "past" };
  if (!announceNow(o.now, task.dueAt, o.quiet, o.timezone)) {
    await markAnnouncementWaiting(tx, task, o.now);
    return { outcome: "waiting" };
  }
  const recipients = await unitRecipientsIn(
    tx,
    task.councilId,
    units.map((u) => u.id),
    true,
  );
  const deadline = formatDeadline(task.dueAt, o.timezone);
  const choices = reportTaskButton(task.id);
  // One batched write (a task for 3,321 communes is about 5,000 messages).
  const inputs: EnqueueInput[] = [];
  const platforms = new Map<number, { platform: string }>();
  for (const unit of units) {
    const to = recipients.get(unit.id);
    if (!to) continue;
    const base = { unitName: unit.name, title: task.title, description: task.description, deadline };
    // The group's text is the same for every group of the unit: built once (the outbox splits it once per platform).
    const groupMessage: OutboundMessage = { kind: "text", text: announce.group(base), choices };
    const messages = [
      ...to.groups.map((g) => ({ target: g, message: groupMessage })),
      ...to.viceChairs.map((p) => ({
        target: p,
        message: {
          kind: "text",
          text: announce.vicechair({ ...base, recipientName: p.member!.fullName, recipientTitle: p.member!.title }),
          choices,
        } satisfies OutboundMessage,
      })),
    ];
    for (const { target, message } of messages) {
      if (target.chatId === null || platforms.has(target.chatId)) continue;
      platforms.set(target.chatId, { platform: target.platform });
      inputs.push({ key: `${announceKey(task.id)}:c${target.chatId}`, chatId: target.chatId, message, priority: PRIORITY.normal });
    }
  }
  // The keys are new: the task is (the announcement's own dispatch row, inserted below, guards a second try).
  await enqueueMany(tx, inputs, platforms, { freshKeys: true });
  const chats = inputs.length;
  await insertDispatch(tx, {
    key: announceKey(task.id),
    kind: "task_announce",
    councilId: task.councilId,
    taskId: task.id,
    plannedFor: o.now,
    outcome: chats > 0 ? "sent" : "skipped",
    detail: chats > 0 ? `${chats} chat(s)` : "nobody to tell: no unit group registered and no vice-chair linked",
    createdAt: o.now,
  });
  return { outcome: "sent", chats };
}

/**
 * The reminder tick's part: announces the council's open tasks marked as waiting (created in quiet hours, or
 * opened by a periodic series) and not announced yet. Nothing in quiet hours. Returns the tasks announced.
 */
export async function announceWaitingTasks(db: Database, councilId: number, o: AnnounceOptions): Promise<number[]> {
  if (!isAllowed(o.now, o.quiet, o.timezone)) return [];
  const since = new Date(o.now.getTime() - ANNOUNCE_LOOKBACK_DAYS * 86_400_000);
  const waiting = await tasksWaitingForAnnouncement(db.prisma, councilId, since);
  if (waiting.length === 0) return [];
  const done = await recordedDispatchKeys(
    db.prisma,
    waiting.map((id) => announceKey(id)),
  );
  const todo = waiting.filter((id) => !done.has(announceKey(id)));
  if (todo.length === 0) return [];
  const announced: number[] = [];
  for (const t of await openTasksToAnnounce(db.prisma, councilId, todo, o.now)) {
    try {
      await db.transaction((tx) =>
        announceNewTask(
          tx,
          t,
          t.assignments.map((a) => a.unit),
          o,
        ),
      );
      announced.push(t.id);
    } catch (err) {
      // Another tick or process announced it first.
      if (!isUniqueViolation(err)) throw err;
    }
  }
  return announced;
}
