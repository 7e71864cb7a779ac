import { describe, expect, it } from "vitest";
import {
  planReminders,
  taskTimeline,
  type PlanRemindersInput,
  type PlanTask,
  type ReminderPlan,
} from "../../src/domain/reminders/plan-reminders.js";
import { DEFAULT_REMINDER_SCHEDULE, type ReminderSchedule } from "../../src/domain/reminders/schedule.js";
import { DEFAULT_QUIET_POLICY, type QuietPolicy } from "../../src/domain/time/quiet-hours.js";
import { TZ, at, describeSend, describeSkip, show, task, units } from "./helpers.js";

const schedule: ReminderSchedule = { ...DEFAULT_REMINDER_SCHEDULE, daysBefore: [7, 3, 1] };

function plan(now: Date, tasks: PlanTask[], extra: Partial<PlanRemindersInput> = {}): ReminderPlan {
  return planReminders({
    now,
    timezone: TZ,
    quiet: DEFAULT_QUIET_POLICY,
    councilSchedule: schedule,
    tasks,
    dispatched: new Set(),
    ...extra,
  });
}

function timeline(t: PlanTask, quiet: QuietPolicy = DEFAULT_QUIET_POLICY, s: ReminderSchedule = schedule) {
  const tl = taskTimeline(t.dueAt, { ...s, ...(t.schedule ?? {}) }, TZ, quiet);
  return { points: tl.points.map((p) => `${p.point} ${show(p.plannedFor)}`), escalation: show(tl.escalationAt) };
}

describe("the reminder timeline", () => {
  it("is 7, 3 and 1 days before, the due-day morning, 5 overdue days, then the escalation, at 08:00", () => {
    expect(timeline(task())).toEqual({
      points: [
        "before-7 2022-05-24 08:00",
        "before-3 2022-05-28 08:00",
        "before-1 2022-05-30 08:00",
        "due-day 2022-05-31 08:00",
        "overdue-1 2022-06-01 08:00",
        "overdue-2 2022-06-02 08:00",
        "overdue-3 2022-06-03 08:00",
        "overdue-4 2022-06-04 08:00",
        "overdue-5 2022-06-05 08:00",
      ],
      escalation: "2022-06-06 08:00",
    });
  });

  it("crosses the year end", () => {
    const t = task({ dueAt: at("2023-01-02", "17:00") });
    expect(timeline(t).points.slice(0, 5)).toEqual([
      "before-7 2022-12-26 08:00",
      "before-3 2022-12-30 08:00",
      "before-1 2023-01-01 08:00",
      "due-day 2023-01-02 08:00",
      "overdue-1 2023-01-03 08:00",
    ]);
  });

  it("knows 29 February 2024 and that 2023 has none", () => {
    expect(timeline(task({ dueAt: at("2024-03-01", "17:00") })).points.slice(1, 3)).toEqual([
      "before-3 2024-02-27 08:00",
      "before-1 2024-02-29 08:00",
    ]);
    expect(timeline(task({ dueAt: at("2023-03-01", "17:00") })).points.slice(1, 3)).toEqual([
      "before-3 2023-02-26 08:00",
      "before-1 2023-02-28 08:00",
    ]);
    expect(timeline(task({ dueAt: at("2024-02-28", "17:00") })).points.slice(3, 5)).toEqual([
      "due-day 2024-02-28 08:00",
      "overdue-1 2024-02-29 08:00",
    ]);
  });

  it("reads a deadline at 00:00 on 1 June as the end of 31 May", () => {
    expect(timeline(task({ dueAt: at("2022-06-01", "00:00") })).points.slice(2, 5)).toEqual([
      "before-1 2022-05-30 08:00",
      "due-day 2022-05-31 08:00",
      "overdue-1 2022-06-01 08:00",
    ]);
  });

  it("drops reminders that would come after the deadline (a 07:30 deadline has no due-day reminder)", () => {
    const tl = timeline(task({ dueAt: at("2022-05-31", "07:30") }));
    expect(tl.points.slice(2, 4)).toEqual(["before-1 2022-05-30 08:00", "overdue-1 2022-06-01 08:00"]);
  });

  it("moves a point out of quiet hours: 06:30 becomes 07:00; 22:00 becomes 07:00 the next morning", () => {
    const early = timeline(task({ schedule: { timeOfDay: "06:30" } }));
    expect(early.points[0]).toBe("before-7 2022-05-24 07:00");
    const late = timeline(task({ schedule: { timeOfDay: "22:00" } }));
    // before-1 (30/5 22:00) moves to 31/5 07:00; due-day (31/5 22:00) would fall after the 17:00 deadline: dropped.
    expect(late.points.slice(0, 4)).toEqual([
      "before-7 2022-05-25 07:00",
      "before-3 2022-05-29 07:00",
      "before-1 2022-05-31 07:00",
      "overdue-1 2022-06-02 07:00",
    ]);
  });

  it("moves weekend points to the reminder time on Monday, and keeps only the latest of points that meet", () => {
    const quiet: QuietPolicy = { ...DEFAULT_QUIET_POLICY, weekends: "weekend" };
    // before-3 (Saturday 28/5) moves to Monday 30/5 08:00, where before-1 already is: before-3 is dropped.
    // overdue-4 (Saturday 4/6) and overdue-5 (Sunday 5/6) move to Monday 6/6 08:00, the escalation time.
    expect(timeline(task(), quiet)).toEqual({
      points: [
        "before-7 2022-05-24 08:00",
        "before-1 2022-05-30 08:00",
        "due-day 2022-05-31 08:00",
        "overdue-1 2022-06-01 08:00",
        "overdue-2 2022-06-02 08:00",
        "overdue-3 2022-06-03 08:00",
      ],
      escalation: "2022-06-06 08:00",
    });
    const saturdayMornings: QuietPolicy = { ...quiet, saturdayMorningOnly: true };
    expect(timeline(task(), saturdayMornings).points[1]).toBe("before-3 2022-05-28 08:00");
  });
});

describe("planReminders", () => {
  it("sends nothing before the first point and the first point exactly at its time", () => {
    expect(plan(at("2022-05-24", "07:59"), [task()]).send).toEqual([]);
    const p = plan(at("2022-05-24", "08:00"), [task()]);
    expect(describeSend(p)).toEqual(["reminder 1:1 before-7 @2022-05-24 08:00 (7)", "reminder 1:2 before-7 @2022-05-24 08:00 (7)"]);
    expect(p.send[0]).toMatchObject({
      kind: "reminder",
      key: "reminder:1:1:before-7",
      taskId: 1,
      unitId: 1,
      point: "before-7",
      dueAt: at("2022-05-31", "17:00"),
    });
    expect(p.skip).toEqual([]);
  });

  it("does not send a dispatched key again, and keeps sending a point until it is recorded", () => {
    const first = plan(at("2022-05-24", "08:00"), [task()]);
    const again = plan(at("2022-05-24", "08:15"), [task()]);
    expect(again.send.map((d) => d.key)).toEqual(first.send.map((d) => d.key));
    const recorded = new Set(first.send.map((d) => d.key));
    expect(plan(at("2022-05-24", "08:15"), [task()], { dispatched: recorded }).send).toEqual([]);
    expect(plan(at("2022-05-27", "16:00"), [task()], { dispatched: recorded }).send).toEqual([]);
  });

  it("tells the days left at sending time, crossing the year end", () => {
    const t = task({ dueAt: at("2023-01-02", "17:00") });
    expect(describeSend(plan(at("2023-01-01", "08:00"), [t]))[0]).toBe("reminder 1:1 before-1 @2023-01-01 08:00 (1)");
    expect(describeSend(plan(at("2023-01-04", "08:00"), [t]))[0]).toBe("reminder 1:1 overdue-2 @2023-01-04 08:00 (-2)");
  });

  it("handles a task due at 00:00: due-day on the previous morning, overdue from that day", () => {
    const t = task({ dueAt: at("2022-06-01", "00:00") });
    expect(describeSend(plan(at("2022-05-31", "08:00"), [t]))[0]).toBe("reminder 1:1 due-day @2022-05-31 08:00 (0)");
    expect(describeSend(plan(at("2022-06-01", "08:00"), [t]))[0]).toBe("reminder 1:1 overdue-1 @2022-06-01 08:00 (-1)");
    // At 23:00 on 31/5 the deadline has not passed: an unsent due-day reminder may still go out.
    const noQuiet = { quiet: { hours: null, weekends: "none" } as QuietPolicy };
    expect(describeSend(plan(at("2022-05-31", "23:00"), [t], noQuiet))[0]).toBe("reminder 1:1 due-day @2022-05-31 08:00 (0)");
    // Between the 00:00 deadline and 08:00 nothing is sent: the due-day point's window closed at the deadline.
    const night = plan(at("2022-06-01", "03:00"), [t], noQuiet);
    expect(night.send).toEqual([]);
    expect(night.skip.map((s) => s.reason)).toContain("deadline-passed");
  });

  it("does not send points from before the task was created, nor report them as skipped", () => {
    const t = task({ createdAt: at("2022-05-26", "10:00") });
    expect(plan(at("2022-05-26", "10:15"), [t])).toEqual({ send: [], skip: [], warnings: [] });
    const p = plan(at("2022-05-28", "08:00"), [t]);
    expect(describeSend(p)).toEqual(["reminder 1:1 before-3 @2022-05-28 08:00 (3)", "reminder 1:2 before-3 @2022-05-28 08:00 (3)"]);
    expect(p.skip).toEqual([]);
    // Created on the morning of a point, before it: that point counts.
    const early = task({ createdAt: at("2022-05-24", "07:30") });
    expect(describeSend(plan(at("2022-05-24", "08:00"), [early]))[0]).toBe("reminder 1:1 before-7 @2022-05-24 08:00 (7)");
    // Created after the first point but before its 15-minute tick: not sent either.
    const justAfter = task({ createdAt: at("2022-05-24", "08:05") });
    expect(plan(at("2022-05-24", "08:15"), [justAfter]).send).toEqual([]);
  });

  it("sends nothing while now is in quiet hours, and the pending point once allowed", () => {
    // Service down from before 08:00 on 24/5 until 22:00.
    expect(plan(at("2022-05-24", "22:00"), [task()])).toEqual({ send: [], skip: [], warnings: [] });
    expect(plan(at("2022-05-25", "06:59"), [task()]).send).toEqual([]);
    expect(describeSend(plan(at("2022-05-25", "07:00"), [task()]))[0]).toBe("reminder 1:1 before-7 @2022-05-24 08:00 (6)");
  });

  it("after 3 days down sends only the latest point and skips the older ones", () => {
    const dispatched = new Set(["reminder:1:1:before-7", "reminder:1:2:before-7"]);
    // Down from 27/5 12:00 to 31/5 09:00: before-3, before-1 and due-day are all owed.
    const p = plan(at("2022-05-31", "09:00"), [task()], { dispatched });
    expect(describeSend(p)).toEqual(["reminder 1:1 due-day @2022-05-31 08:00 (0)", "reminder 1:2 due-day @2022-05-31 08:00 (0)"]);
    expect(describeSkip(p)).toEqual([
      "reminder:1:1:before-3 superseded",
      "reminder:1:1:before-1 superseded",
      "reminder:1:2:before-3 superseded",
      "reminder:1:2:before-1 superseded",
    ]);
    const after = new Set([...dispatched, ...p.send.map((d) => d.key), ...p.skip.map((s) => s.key)]);
    expect(plan(at("2022-05-31", "09:15"), [task()], { dispatched: after })).toEqual({ send: [], skip: [], warnings: [] });
  });

  it("skips a due-day reminder that could only go out after the deadline", () => {
    const dispatched = new Set(["reminder:1:1:before-7", "reminder:1:1:before-3", "reminder:1:1:before-1"]);
    const t = task({ units: units(1) });
    const p = plan(at("2022-05-31", "18:00"), [t], { dispatched });
    expect(p.send).toEqual([]);
    expect(describeSkip(p)).toEqual(["reminder:1:1:due-day deadline-passed"]);
    expect(describeSend(plan(at("2022-06-01", "08:00"), [t], { dispatched }))).toEqual(["reminder 1:1 overdue-1 @2022-06-01 08:00 (-1)"]);
  });

  it("skips an older point whose successor is already dispatched", () => {
    const t = task({ units: units(1) });
    const p = plan(at("2022-05-30", "09:00"), [t], { dispatched: new Set(["reminder:1:1:before-1"]) });
    expect(p.send).toEqual([]);
    expect(describeSkip(p)).toEqual(["reminder:1:1:before-7 superseded", "reminder:1:1:before-3 superseded"]);
  });

  it("stops reminding a unit once it has submitted (at or before now)", () => {
    const t = task({
      units: units(3, { 1: at("2022-05-29", "10:00"), 2: at("2022-05-30", "08:00"), 3: at("2022-05-30", "08:30") }),
    });
    // Unit 1 submitted the day before; unit 2 exactly at 08:00; unit 3's submission is still in the future.
    expect(describeSend(plan(at("2022-05-30", "08:00"), [t]))).toEqual(["reminder 1:3 before-1 @2022-05-30 08:00 (1)"]);
    expect(plan(at("2022-05-30", "08:45"), [t]).send).toEqual([]);
  });

  it("gives closed and deleted tasks nothing", () => {
    for (const status of ["closed", "deleted"] as const) {
      expect(plan(at("2022-05-31", "08:00"), [task({ status })])).toEqual({ send: [], skip: [], warnings: [] });
      expect(plan(at("2022-06-06", "08:00"), [task({ status })])).toEqual({ send: [], skip: [], warnings: [] });
    }
  });

  it("escalates exactly once after the overdue days, listing who is still missing", () => {
    const t = task({ units: units(4, { 2: at("2022-06-03", "10:00") }) });
    const dispatched = new Set<string>();
    const seen: string[] = [];
    for (let now = at("2022-06-04", "08:00"); now < at("2022-06-09", "07:00"); now = new Date(now.getTime() + 3_600_000)) {
      const p = plan(now, [t], { dispatched });
      for (const d of p.send) {
        seen.push(`${show(now)} ${d.key}`);
        dispatched.add(d.key);
      }
      for (const s of p.skip) dispatched.add(s.key);
    }
    expect(seen).toEqual([
      // The first call finds overdue-4 owed; the older points are skipped as superseded.
      "2022-06-04 08:00 reminder:1:1:overdue-4",
      "2022-06-04 08:00 reminder:1:3:overdue-4",
      "2022-06-04 08:00 reminder:1:4:overdue-4",
      "2022-06-05 08:00 reminder:1:1:overdue-5",
      "2022-06-05 08:00 reminder:1:3:overdue-5",
      "2022-06-05 08:00 reminder:1:4:overdue-5",
      "2022-06-06 08:00 escalation:1",
    ]);
    const esc = plan(at("2022-06-06", "08:00"), [t], { dispatched: new Set() }).send.find((d) => d.kind === "escalation");
    expect(esc).toMatchObject({
      kind: "escalation",
      key: "escalation:1",
      missingUnitIds: [1, 3, 4],
      totalUnits: 4,
      daysOverdue: 6,
      overdueReminderDays: 5,
      plannedFor: at("2022-06-06", "08:00"),
    });
  });

  it("does not escalate when everyone has submitted, or when the schedule says not to", () => {
    const done = task({ units: units(2, { 1: at("2022-06-01", "09:00"), 2: at("2022-06-02", "09:00") }) });
    expect(plan(at("2022-06-06", "08:00"), [done]).send).toEqual([]);
    const quietTask = task({ schedule: { escalate: false } });
    expect(plan(at("2022-06-06", "08:00"), [quietTask]).send).toEqual([]);
  });

  it("escalates the morning after the deadline day when there are no overdue reminders", () => {
    const t = task({ schedule: { overdueDailyFor: 0 } });
    expect(timeline(t).escalation).toBe("2022-06-01 08:00");
    expect(describeSend(plan(at("2022-06-01", "08:00"), [t]))).toEqual(["escalation 1 @2022-06-01 08:00 [1,2]"]);
  });

  it("applies a task's override over the council's schedule, and ignores an invalid one with a warning", () => {
    const t = task({ schedule: { daysBefore: [2], dueDayMorning: false } });
    expect(timeline(t).points.slice(0, 2)).toEqual(["before-2 2022-05-29 08:00", "overdue-1 2022-06-01 08:00"]);
    const bad = task({ schedule: { timeOfDay: "8h" } as Partial<ReminderSchedule> });
    const p = plan(at("2022-05-24", "08:00"), [bad]);
    expect(p.send).toHaveLength(2);
    expect(p.warnings).toEqual([
      { taskId: 1, message: "invalid reminder schedule override ignored: timeOfDay must be a time HH:mm (24-hour), e.g. 08:00" },
    ]);
  });

  it("plans several tasks in order of planned time, with unique, stable keys", () => {
    const a = task({ id: 7 });
    const b = task({ id: 3, dueAt: at("2022-05-27", "17:00") });
    const p1 = plan(at("2022-05-24", "08:00"), [a, b]);
    expect(p1.send.map((d) => d.key)).toEqual([
      "reminder:3:1:before-3",
      "reminder:3:2:before-3",
      "reminder:7:1:before-7",
      "reminder:7:2:before-7",
    ]);
    const p2 = plan(at("2022-05-24", "08:00"), [b, a]);
    expect(p2.send.map((d) => d.key)).toEqual(p1.send.map((d) => d.key));
    expect(new Set(p1.send.map((d) => d.key)).size).toBe(p1.send.length);
  });
});
