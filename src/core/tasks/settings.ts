/**
 * The schedule settings a task's reminders follow: quiet hours from the config, the council's reminder
 * schedule from its settings, and a task's own override. Bad stored values never stop the reminders:
 * they fall back to the defaults and say why (English, for the log).
 */
import type { Config } from "../../config.js";
import { parseCouncilSettings } from "../../domain/council-settings.js";
import {
  DEFAULT_REMINDER_SCHEDULE,
  parseReminderSchedule,
  resolveSchedule,
  type ReminderSchedule,
  type ReminderScheduleOverride,
} from "../../domain/reminders/schedule.js";
import type { QuietPolicy } from "../../domain/time/quiet-hours.js";
import { parseCalendarAdjustments, WorkCalendar } from "../../domain/calendar/work-calendar.js";

/** The council's working days: Vietnam's holidays with the office's adjustments (settings.workCalendar). */
export function workCalendarOf(council: { settingsJson: string } | null | undefined): WorkCalendar {
  if (!council) return new WorkCalendar();
  return new WorkCalendar(parseCalendarAdjustments(parseCouncilSettings(council.settingsJson).workCalendar).adjustments);
}

/**
 * Quiet hours and weekends as configured (QUIET_HOURS_START/END, QUIET_WEEKENDS) and, with QUIET_HOLIDAYS,
 * the council's holidays and days off (its working Saturdays are not quiet).
 */
export function quietPolicyOf(config: Config, council?: { settingsJson: string } | null): QuietPolicy {
  return {
    hours: { start: config.schedule.quietStart, end: config.schedule.quietEnd },
    weekends: config.schedule.quietWeekends,
    ...(config.schedule.quietHolidays ? { calendar: workCalendarOf(council) } : {}),
  };
}

/** The council's reminder schedule (settings.reminderSchedule over the defaults). */
export function councilScheduleOf(council: { settingsJson: string }): { schedule: ReminderSchedule; warning: string | null } {
  const settings = parseCouncilSettings(council.settingsJson);
  const parsed = parseReminderSchedule(settings.reminderSchedule ?? {});
  if (parsed.ok) return { schedule: parsed.value, warning: null };
  return {
    schedule: { ...DEFAULT_REMINDER_SCHEDULE, daysBefore: [...DEFAULT_REMINDER_SCHEDULE.daysBefore] },
    warning: `invalid council reminder schedule, defaults used: ${parsed.errors.join("; ")}`,
  };
}

/** A task's stored override (JSON), or null when there is none or it does not parse as JSON. */
export function taskOverrideOf(scheduleJson: string | null): ReminderScheduleOverride | null {
  if (!scheduleJson) return null;
  try {
    const value = JSON.parse(scheduleJson) as unknown;
    return value && typeof value === "object" ? (value as ReminderScheduleOverride) : null;
  } catch {
    return null;
  }
}

/** The schedule a task follows: the council's with the task's override on top (an invalid override is ignored). */
export function effectiveSchedule(council: ReminderSchedule, override: ReminderScheduleOverride | null): ReminderSchedule {
  const merged = resolveSchedule(council, override);
  return merged.ok ? merged.value : council;
}
