/**
 * The reminder tick: for every council, load the open tasks with each unit's first submission and the keys
 * already dispatched, ask the pure planner what is due at `now`, and queue it (unit groups and vice-chairs
 * for reminders, the standing committee for escalations). Skipped points are recorded so they are never
 * sent later. Quiet hours: the planner returns nothing, the next tick tries again.
 */
import type { CouncilRow } from "../db/councils.js";
import { councilsToServe, tasksWithProgressAt, type TaskWithProgress } from "../db/task-queries.js";
import { cancelPendingOutbox, dispatchedKeysForTasks, pendingOutboxWithPrefix } from "../db/dispatch-log.js";
import { dispatchKeysOfTasks } from "../db/planning-queries.js";
import {
  planReminders,
  type EscalationDispatch,
  type PlanTask,
  type ReminderDispatch,
  type ReminderPlan,
} from "../domain/reminders/plan-reminders.js";
import { renderEscalation, renderUnitGroupReminder, renderVicechairReminder } from "../domain/reminders/render-reminders.js";
import { councilScheduleOf, quietPolicyOf, taskOverrideOf } from "../core/tasks/settings.js";
import { openDuePeriods } from "../core/tasks/series.js";
import { announceWaitingTasks } from "../core/tasks/announce.js";
import { tasks as t } from "../i18n/vi/tasks.js";
import type { Choice, OutboundMessage } from "../messaging/outbound.js";
import { commitDispatches, messageKey, type PlannedMessage } from "./dispatch.js";
import type { JobDeps } from "./deps.js";
import { SUBMIT_COMMAND_NAME } from "./deps.js";
import { standingRecipients, unitRecipients, type ChatTarget, type UnitRecipients } from "../core/recipients.js";

export interface ReminderTickResult {
  reminders: number;
  escalations: number;
  skipped: number;
  /** dispatches another process or tick recorded first */
  duplicates: number;
  /** reminders with nobody to receive them (no group registered, no vice-chair linked) */
  noRecipients: number;
  cancelled: number;
  /** new tasks announced (created in quiet hours, or periods just opened) */
  announced: number;
}

export function toPlanTask(task: TaskWithProgress): PlanTask {
  return {
    id: task.id,
    title: task.title,
    dueAt: task.dueAt,
    createdAt: task.createdAt,
    status: task.status as PlanTask["status"],
    schedule: taskOverrideOf(task.scheduleJson),
    originalDueAt: task.originalDueAt,
    units: task.units
      .filter((u) => u.unit.active)
      .map((u) => ({
        unitId: u.unit.id,
        unitCode: u.unit.code,
        unitName: u.unit.name,
        submittedAt: u.first?.submittedAt ?? null,
        ...(u.extension ? { dueAt: u.dueAt, since: u.extension.createdAt, generation: `x${u.extension.id}` } : {}),
      })),
  };
}

/** Loads a council's state and plans, without writing anything (the tick and the preview share it). */
export async function planCouncilReminders(
  deps: Pick<JobDeps, "db" | "config">,
  council: CouncilRow,
  now: Date,
): Promise<{ plan: ReminderPlan; tasks: TaskWithProgress[]; warnings: string[] }> {
  // On SQLite the bulk reads take the raw connection (66,420 assignments for a national council).
  const tasks = await tasksWithProgressAt(deps.db.prisma, council.id, now, ["open"], deps.db.raw);
  const { schedule, warning } = councilScheduleOf(council);
  const taskIds = tasks.map((x) => x.id);
  const dispatched = deps.db.raw ? dispatchKeysOfTasks(deps.db.raw, taskIds) : await dispatchedKeysForTasks(deps.db.prisma, taskIds);
  const plan = planReminders({
    now,
    timezone: deps.config.timezone,
    quiet: quietPolicyOf(deps.config, council),
    councilSchedule: schedule,
    tasks: tasks.map(toPlanTask),
    dispatched,
  });
  return { plan, tasks, warnings: [...(warning ? [warning] : []), ...plan.warnings.map((w) => `task ${w.taskId}: ${w.message}`)] };
}

/** The button under a unit group's reminder: opens a private chat with the bot and starts /baocao. */
export function submitButton(deps: Pick<JobDeps, "platforms">, platform: string): Choice[][] | undefined {
  const link = deps.platforms?.[platform]?.deepLink(SUBMIT_COMMAND_NAME) ?? null;
  return link ? [[{ kind: "url", label: t.submitButton(), url: link }]] : undefined;
}

export function reminderMessages(deps: Pick<JobDeps, "config" | "platforms">, d: ReminderDispatch, to: UnitRecipients): PlannedMessage[] {
  const o = { timezone: deps.config.timezone };
  const out: PlannedMessage[] = [];
  for (const g of to.groups) {
    const choices = submitButton(deps, g.platform);
    const message: OutboundMessage = { kind: "text", text: renderUnitGroupReminder(d, o), ...(choices ? { choices } : {}) };
    out.push({ key: messageKey(d.key, g.chatId!), chatId: g.chatId!, message });
  }
  for (const p of to.viceChairs) {
    if (p.chatId === null) continue;
    out.push({
      key: messageKey(d.key, p.chatId),
      chatId: p.chatId,
      message: { kind: "text", text: renderVicechairReminder(d, { name: p.member!.fullName, title: p.member!.title }, o) },
    });
  }
  return out;
}

export function escalationMessages(deps: Pick<JobDeps, "config">, e: EscalationDispatch, standing: ChatTarget[]): PlannedMessage[] {
  const text = renderEscalation(e, { timezone: deps.config.timezone });
  return standing
    .filter((g) => g.chatId !== null)
    .map((g) => ({ key: messageKey(e.key, g.chatId!), chatId: g.chatId!, message: { kind: "text", text } }));
}

/**
 * Reminders already queued for a unit that has since submitted (or whose task is no longer open) and not
 * yet picked up by a sender are cancelled: a submission stops that unit's reminders at once.
 */
async function cancelObsolete(deps: JobDeps, tasks: TaskWithProgress[], now: Date): Promise<number> {
  const pending = await pendingOutboxWithPrefix(deps.db.prisma, "reminder:");
  if (pending.length === 0) return 0;
  const submitted = new Set<string>();
  for (const task of tasks)
    for (const u of task.units) if (u.first && u.first.submittedAt.getTime() <= now.getTime()) submitted.add(`${task.id}:${u.unit.id}`);
  const ids = pending.filter((p) => {
    const m = /^reminder:(\d+):(\d+):/.exec(p.idempotencyKey);
    return m !== null && submitted.has(`${m[1]}:${m[2]}`);
  });
  return cancelPendingOutbox(
    deps.db.prisma,
    ids.map((p) => p.id),
    "the unit has submitted",
  );
}

export async function runReminderTick(deps: JobDeps, now: Date): Promise<ReminderTickResult> {
  const result: ReminderTickResult = {
    reminders: 0,
    escalations: 0,
    skipped: 0,
    duplicates: 0,
    noRecipients: 0,
    cancelled: 0,
    announced: 0,
  };
  const log = deps.logger.child({ job: "reminders" });
  for (const council of await councilsToServe(deps.db.prisma, deps.config.councilCode)) {
    try {
      // Periodic series open their new periods first, so a period that began today is planned at once.
      for (const o of await openDuePeriods(deps.db, council, now, deps.config.timezone))
        log.info({ task: o.taskId, series: o.seriesId, period: o.periodKey }, "period opened");
      // New tasks created in quiet hours, and the periods just opened, are announced before any reminder.
      const announced = await announceWaitingTasks(deps.db, council.id, {
        now,
        timezone: deps.config.timezone,
        quiet: quietPolicyOf(deps.config, council),
      });
      if (announced.length > 0) {
        result.announced += announced.length;
        log.info({ tasks: announced }, "new tasks announced");
      }
      const { plan, tasks, warnings } = await planCouncilReminders(deps, council, now);
      for (const w of warnings) log.warn({ council: council.code }, w);
      result.cancelled += await cancelObsolete(deps, tasks, now);

      // Skipped points first, then what goes out, each in batched transactions (a national council's
      // reminder point is 3,321 dispatches).
      const skipOutcomes = await commitDispatches(
        deps.db,
        plan.skip.map((s) => ({
          row: {
            key: s.key,
            kind: "reminder",
            councilId: council.id,
            taskId: s.taskId,
            unitId: s.unitId,
            plannedFor: s.plannedFor,
            outcome: "skipped",
            detail: `${s.reason}: ${s.detail}`,
            createdAt: now,
          },
          messages: [],
        })),
      );
      plan.skip.forEach((s, i) => {
        if (skipOutcomes[i] !== "recorded") return;
        result.skipped++;
        log.info({ key: s.key, reason: s.reason, plannedFor: s.plannedFor.toISOString() }, `reminder skipped (${s.detail})`);
      });

      const reminderUnits = [...new Set(plan.send.filter((d): d is ReminderDispatch => d.kind === "reminder").map((d) => d.unitId))];
      const recipients = await unitRecipients(deps.db, council.id, reminderUnits, true);
      const standing = plan.send.some((d) => d.kind === "escalation") ? await standingRecipients(deps.db, council.id) : [];

      const planned = plan.send.map((d) => {
        const messages =
          d.kind === "reminder"
            ? reminderMessages(deps, d, recipients.get(d.unitId) ?? { groups: [], viceChairs: [] })
            : escalationMessages(deps, d, standing);
        const none = messages.length === 0;
        const detail = none
          ? d.kind === "reminder"
            ? "nobody to remind: no unit group registered and no vice-chair linked"
            : "no standing committee group registered"
          : `${messages.length} message(s)`;
        const row = {
          key: d.key,
          kind: d.kind,
          councilId: council.id,
          taskId: d.taskId,
          unitId: d.kind === "reminder" ? d.unitId : null,
          plannedFor: d.plannedFor,
          outcome: none ? ("skipped" as const) : ("sent" as const),
          detail,
          createdAt: now,
        };
        return { row, messages };
      });
      const outcomes = await commitDispatches(deps.db, planned);
      planned.forEach(({ row, messages }, i) => {
        if (outcomes[i] === "duplicate") {
          result.duplicates++;
          log.debug({ key: row.key }, "already dispatched by another tick or process");
          return;
        }
        if (messages.length === 0) {
          result.noRecipients++;
          log.warn({ key: row.key, council: council.code }, row.detail);
          return;
        }
        if (row.kind === "reminder") result.reminders++;
        else result.escalations++;
        log.info({ key: row.key, messages: messages.length }, row.kind === "reminder" ? "reminder queued" : "escalation queued");
      });
    } catch (err) {
      log.error({ err, council: council.code }, "reminder tick failed for a council");
    }
  }
  if (result.reminders + result.escalations + result.announced > 0) deps.notifyOutbox();
  return result;
}
