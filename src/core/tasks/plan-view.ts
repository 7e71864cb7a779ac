/**
 * The reminder plan of one task as the office sees it when creating it: the points still ahead (after
 * quiet-hours shifting) and the escalation, from `taskTimeline`. Points already past when the task is
 * created are left out: they are never sent.
 */
import type { Config } from "../../config.js";
import { taskTimeline, type ReminderPointName } from "../../domain/reminders/plan-reminders.js";
import type { ReminderScheduleOverride } from "../../domain/reminders/schedule.js";
import { councilScheduleOf, effectiveSchedule, quietPolicyOf } from "./settings.js";

export interface PlanPoint {
  point: ReminderPointName;
  at: Date;
}

export interface TaskPlanView {
  points: PlanPoint[];
  /** when the standing committee hears who is still missing; null when the schedule does not escalate */
  escalationAt: Date | null;
  /** how many points were already past at creation */
  pastPoints: number;
}

export function taskPlanView(input: {
  dueAt: Date;
  override: ReminderScheduleOverride | null;
  council: { settingsJson: string };
  config: Config;
  now: Date;
}): TaskPlanView {
  const schedule = effectiveSchedule(councilScheduleOf(input.council).schedule, input.override);
  const timeline = taskTimeline(input.dueAt, schedule, input.config.timezone, quietPolicyOf(input.config, input.council));
  const ahead = timeline.points.filter((p) => p.plannedFor.getTime() >= input.now.getTime());
  return {
    points: ahead.map((p) => ({ point: p.point, at: p.plannedFor })),
    escalationAt: schedule.escalate && timeline.escalationAt.getTime() >= input.now.getTime() ? timeline.escalationAt : null,
    pastPoints: timeline.points.length - ahead.length,
  };
}
