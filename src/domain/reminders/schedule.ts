/**
 * The reminder schedule of a reporting task: a council-wide default, optionally overridden per task.
 * Validation messages are English: they are for the operators who edit settings, not for council members.
 */
import { z } from "zod";

export interface ReminderSchedule {
  /** Remind this many days before the deadline day, e.g. [7, 3, 1]. Whole days, 1..60, at most 10. */
  daysBefore: number[];
  /** Remind on the morning of the deadline day. */
  dueDayMorning: boolean;
  /** Local time of every reminder, "HH:mm". */
  timeOfDay: string;
  /** After the deadline, remind once a day for this many days (0..30). */
  overdueDailyFor: number;
  /** After the overdue reminders, tell the standing committee once who is still missing. */
  escalate: boolean;
}

export const DEFAULT_REMINDER_SCHEDULE: Readonly<ReminderSchedule> = Object.freeze({
  daysBefore: [7, 3, 1],
  dueDayMorning: true,
  timeOfDay: "08:00",
  overdueDailyFor: 5,
  escalate: true,
});

const fields = {
  daysBefore: z
    .array(
      z
        .number({ error: "daysBefore must contain numbers of days" })
        .int({ error: "daysBefore must contain whole numbers of days" })
        .min(1, { error: "daysBefore values must be at least 1 day" })
        .max(60, { error: "daysBefore values must be at most 60 days" }),
      { error: "daysBefore must be a list of numbers of days, e.g. [7, 3, 1]" },
    )
    .max(10, { error: "daysBefore may hold at most 10 values" }),
  dueDayMorning: z.boolean({ error: "dueDayMorning must be true or false" }),
  timeOfDay: z
    .string({ error: "timeOfDay must be a time HH:mm" })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "timeOfDay must be a time HH:mm (24-hour), e.g. 08:00" }),
  overdueDailyFor: z
    .number({ error: "overdueDailyFor must be a number of days" })
    .int({ error: "overdueDailyFor must be a whole number of days" })
    .min(0, { error: "overdueDailyFor must be 0 or more" })
    .max(30, { error: "overdueDailyFor must be at most 30 days" }),
  escalate: z.boolean({ error: "escalate must be true or false" }),
};

/** A task's override: any subset of the fields, nothing else. */
export const reminderScheduleOverrideSchema = z.object(fields).partial().strict();

/** A full schedule; missing fields take the defaults. daysBefore is sorted (largest first) and de-duplicated. */
export const reminderScheduleSchema = z
  .object({
    daysBefore: fields.daysBefore.default([...DEFAULT_REMINDER_SCHEDULE.daysBefore]),
    dueDayMorning: fields.dueDayMorning.default(DEFAULT_REMINDER_SCHEDULE.dueDayMorning),
    timeOfDay: fields.timeOfDay.default(DEFAULT_REMINDER_SCHEDULE.timeOfDay),
    overdueDailyFor: fields.overdueDailyFor.default(DEFAULT_REMINDER_SCHEDULE.overdueDailyFor),
    escalate: fields.escalate.default(DEFAULT_REMINDER_SCHEDULE.escalate),
  })
  .strict()
  .transform((s): ReminderSchedule => ({ ...s, daysBefore: normalizeDaysBefore(s.daysBefore) }));

export type ReminderScheduleOverride = Partial<ReminderSchedule>;

export type ScheduleResult = { ok: true; value: ReminderSchedule } | { ok: false; errors: string[] };

function normalizeDaysBefore(days: readonly number[]): number[] {
  return [...new Set(days)].sort((a, b) => b - a);
}

function issues(error: z.ZodError): string[] {
  return error.issues.map((i) =>
    i.path.length > 0 && !i.message.startsWith(String(i.path[0])) ? `${i.path.join(".")}: ${i.message}` : i.message,
  );
}

/** Validates a full schedule (e.g. a council's settings); missing fields take the defaults. */
export function parseReminderSchedule(input: unknown): ScheduleResult {
  const r = reminderScheduleSchema.safeParse(input ?? {});
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: issues(r.error) };
}

/** Validates a task's override (any subset of the fields). */
export function parseReminderScheduleOverride(
  input: unknown,
): { ok: true; value: ReminderScheduleOverride } | { ok: false; errors: string[] } {
  const r = reminderScheduleOverrideSchema.safeParse(input ?? {});
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: issues(r.error) };
}

/**
 * The schedule that applies to a task: the council's schedule with the task's override on top
 * (field by field; an override's daysBefore replaces the council's list, it is not merged).
 * Undefined fields of the override are ignored.
 */
export function resolveSchedule(
  council: Partial<ReminderSchedule> | null | undefined,
  override?: Partial<ReminderSchedule> | null,
): ScheduleResult {
  const merged: Record<string, unknown> = { ...(council ?? {}) };
  for (const [k, v] of Object.entries(override ?? {})) if (v !== undefined) merged[k] = v;
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  return parseReminderSchedule(merged);
}
