/** Turns planned dispatches into the Vietnamese messages people read (texts in i18n/vi/schedule.ts). */
import type { SafeHtml } from "../../text/html.js";
import { escalationToStanding, unitGroupReminder, vicechairReminder } from "../../i18n/vi/schedule.js";
import { formatDeadline } from "../time/vietnamese-format.js";
import type { EscalationDispatch, ReminderDispatch } from "./plan-reminders.js";

export interface RenderOptions {
  timezone: string;
  /** The submit command, default /baocao. */
  command?: string;
}

function reminderInput(d: ReminderDispatch, o: RenderOptions) {
  return {
    taskTitle: d.taskTitle,
    unitName: d.unitName,
    deadline: formatDeadline(d.dueAt, o.timezone),
    daysLeft: d.daysLeft,
    // Reminders before the deadline are only ever sent before the deadline moment.
    pastDue: d.point.startsWith("overdue-"),
    ...(o.command !== undefined ? { command: o.command } : {}),
  };
}

/** The reminder posted in the unit's group chat. */
export function renderUnitGroupReminder(d: ReminderDispatch, o: RenderOptions): SafeHtml {
  return unitGroupReminder(reminderInput(d, o));
}

/** The private reminder to the unit's vice-chair ("Kính gửi đồng chí ..."). */
export function renderVicechairReminder(
  d: ReminderDispatch,
  recipient: { name: string; title?: string | null },
  o: RenderOptions,
): SafeHtml {
  return vicechairReminder({ ...reminderInput(d, o), recipientName: recipient.name, recipientTitle: recipient.title ?? null });
}

/** The escalation to the standing committee. */
export function renderEscalation(e: EscalationDispatch, o: Pick<RenderOptions, "timezone">): SafeHtml {
  return escalationToStanding({
    taskTitle: e.taskTitle,
    deadline: formatDeadline(e.dueAt, o.timezone),
    daysOverdue: e.daysOverdue,
    overdueReminderDays: e.overdueReminderDays,
    totalUnits: e.totalUnits,
    missingUnitNames: e.missingUnits.map((u) => u.unitName),
  });
}
