import { describe, expect, it } from "vitest";
import {
  DEFAULT_REMINDER_SCHEDULE,
  parseReminderSchedule,
  parseReminderScheduleOverride,
  resolveSchedule,
} from "../../src/domain/reminders/schedule.js";

describe("reminder schedule", () => {
  it("defaults to 7, 3, 1 days before, due-day morning, 08:00, 5 overdue days, escalation", () => {
    expect(parseReminderSchedule({})).toEqual({
      ok: true,
      value: { daysBefore: [7, 3, 1], dueDayMorning: true, timeOfDay: "08:00", overdueDailyFor: 5, escalate: true },
    });
    expect(parseReminderSchedule(undefined)).toEqual({ ok: true, value: { ...DEFAULT_REMINDER_SCHEDULE } });
  });

  it("sorts and de-duplicates daysBefore", () => {
    const r = parseReminderSchedule({ daysBefore: [1, 3, 3, 10] });
    expect(r.ok && r.value.daysBefore).toEqual([10, 3, 1]);
  });

  it("refuses invalid settings with English messages for operators", () => {
    expect(parseReminderSchedule({ timeOfDay: "8:00" })).toEqual({
      ok: false,
      errors: ["timeOfDay must be a time HH:mm (24-hour), e.g. 08:00"],
    });
    expect(parseReminderSchedule({ daysBefore: [0, 2.5], overdueDailyFor: 31, escalate: "yes" })).toEqual({
      ok: false,
      errors: [
        "daysBefore values must be at least 1 day",
        "daysBefore must contain whole numbers of days",
        "overdueDailyFor must be at most 30 days",
        "escalate must be true or false",
      ],
    });
    const unknown = parseReminderSchedule({ daysbefore: [7] });
    expect(unknown.ok).toBe(false);
    expect(parseReminderScheduleOverride({ timeOfDay: "25:00" }).ok).toBe(false);
    expect(parseReminderScheduleOverride({ timeOfDay: "07:30" })).toEqual({ ok: true, value: { timeOfDay: "07:30" } });
  });

  it("merges a task's override over the council's schedule, field by field", () => {
    const council = { ...DEFAULT_REMINDER_SCHEDULE, timeOfDay: "09:00", daysBefore: [5, 2] };
    expect(resolveSchedule(council, { daysBefore: [1], escalate: false })).toEqual({
      ok: true,
      value: { daysBefore: [1], dueDayMorning: true, timeOfDay: "09:00", overdueDailyFor: 5, escalate: false },
    });
    expect(resolveSchedule(council, null)).toEqual({ ok: true, value: council });
    expect(resolveSchedule(null, { overdueDailyFor: 0 })).toEqual({
      ok: true,
      value: { ...DEFAULT_REMINDER_SCHEDULE, overdueDailyFor: 0 },
    });
    expect(resolveSchedule(council, { timeOfDay: undefined })).toEqual({ ok: true, value: council });
    expect(resolveSchedule(council, { overdueDailyFor: -1 }).ok).toBe(false);
  });
});
