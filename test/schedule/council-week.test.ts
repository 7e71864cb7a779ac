/**
 * A week (and a bit) of a real council: one reporting task due Tuesday 31/5/2022 17:00 for the 15
 * communes and wards of the seed notice, the planner called every 15 minutes for 12 days, dispatched
 * keys fed back as the job would record them, units submitting along the way, and a 3-hour outage.
 */
import { describe, expect, it } from "vitest";
import { planReminders, type PlanTask } from "../../src/domain/reminders/plan-reminders.js";
import { DEFAULT_REMINDER_SCHEDULE } from "../../src/domain/reminders/schedule.js";
import { FixedClock } from "../../src/domain/time/clock.js";
import { DEFAULT_QUIET_POLICY, isAllowed, type QuietPolicy } from "../../src/domain/time/quiet-hours.js";
import { TZ, at, show, units } from "./helpers.js";

const quiet: QuietPolicy = { ...DEFAULT_QUIET_POLICY, weekends: "sunday" };

// When each unit submits (unit id -> moment); 14 and 15 never do.
const submissions: Record<number, Date> = {
  1: at("2022-05-27", "14:00"), // before any reminder
  2: at("2022-05-28", "09:30"),
  3: at("2022-05-28", "09:30"),
  4: at("2022-05-30", "10:00"),
  5: at("2022-05-30", "10:00"),
  6: at("2022-05-30", "10:00"),
  7: at("2022-05-30", "10:00"),
  8: at("2022-05-30", "10:00"),
  9: at("2022-05-31", "08:00"), // exactly at the due-day reminder
  10: at("2022-05-31", "08:00"),
  11: at("2022-05-31", "16:59"),
  12: at("2022-06-01", "09:00"), // late, during the outage
  13: at("2022-06-02", "14:00"),
};

const outage = { from: at("2022-06-01", "07:00"), to: at("2022-06-01", "10:00") };

function run(): { sent: string[]; keys: string[]; skipped: string[]; sentAt: Date[] } {
  const clock = new FixedClock(at("2022-05-26", "00:00"));
  const end = at("2022-06-07", "00:00");
  const dispatched = new Set<string>();
  const sent: string[] = [];
  const keys: string[] = [];
  const skipped: string[] = [];
  const sentAt: Date[] = [];
  const allUnits = units(15);
  while (clock.now() < end) {
    const now = clock.now();
    clock.advance(15 * 60_000);
    if (now >= outage.from && now < outage.to) continue;
    const task: PlanTask = {
      id: 12,
      title: "Báo cáo vấn đề nổi cộm, bức xúc tại địa phương",
      dueAt: at("2022-05-31", "17:00"),
      createdAt: at("2022-05-25", "10:00"), // after its first (7-day) point on 24/5
      status: "open",
      schedule: null,
      // The database as it is at `now`: submissions in the future are not there yet.
      units: allUnits.map((u) => {
        const s = submissions[u.unitId];
        return { ...u, submittedAt: s && s <= now ? s : null };
      }),
    };
    const plan = planReminders({
      now,
      timezone: TZ,
      quiet,
      councilSchedule: DEFAULT_REMINDER_SCHEDULE,
      tasks: [task],
      dispatched,
    });
    for (const d of plan.send) {
      keys.push(d.key);
      sentAt.push(now);
      sent.push(
        d.kind === "reminder"
          ? `${show(now)} U${String(d.unitId).padStart(2, "0")} ${d.point} (${d.daysLeft})`
          : `${show(now)} escalation ${d.missingUnits.map((u) => u.unitCode).join(",")}`,
      );
      dispatched.add(d.key);
    }
    for (const s of plan.skip) {
      skipped.push(`${show(now)} ${s.key} ${s.reason}`);
      dispatched.add(s.key);
    }
  }
  return { sent, keys, skipped, sentAt };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const lines = (when: string, ids: number[], point: string, daysLeft: number) =>
  ids.map((id) => `${when} U${String(id).padStart(2, "0")} ${point} (${daysLeft})`);

describe("a council's reporting week", () => {
  const result = run();

  it("sends exactly this sequence of reminders and one escalation", () => {
    expect(result.sent).toEqual([
      // Saturday 28/5 is a working morning (only Sundays are quiet); 7-day point was before the task existed.
      ...lines("2022-05-28 08:00", range(2, 15), "before-3", 3),
      ...lines("2022-05-30 08:00", range(4, 15), "before-1", 1),
      // Units 9 and 10 submitted at 08:00 sharp: not reminded.
      ...lines("2022-05-31 08:00", range(11, 15), "due-day", 0),
      // The 08:00 point of 1/6 goes out when the service is back at 10:00; unit 12 submitted at 09:00.
      ...lines("2022-06-01 10:00", range(13, 15), "overdue-1", -1),
      ...lines("2022-06-02 08:00", range(13, 15), "overdue-2", -2),
      ...lines("2022-06-03 08:00", [14, 15], "overdue-3", -3),
      ...lines("2022-06-04 08:00", [14, 15], "overdue-4", -4),
      // Sunday 5/6 is quiet: overdue-5 would move to Monday 08:00, the escalation time, so it is dropped.
      "2022-06-06 08:00 escalation U14,U15",
    ]);
  });

  it("sends every key once, skips nothing, and never sends in quiet time", () => {
    expect(new Set(result.keys).size).toBe(result.keys.length);
    expect(result.keys).toContain("escalation:12");
    expect(result.keys).toContain("reminder:12:15:before-3");
    expect(result.skipped).toEqual([]);
    for (const t of result.sentAt) expect(isAllowed(t, quiet, TZ)).toBe(true);
  });

  it("never reminds a unit after it submitted", () => {
    for (const [id, when] of Object.entries(submissions)) {
      const code = `U${String(id).padStart(2, "0")}`;
      const after = result.sent.filter((l) => l.includes(` ${code} `) && at(l.slice(0, 10), l.slice(11, 16)) >= when);
      expect(after).toEqual([]);
    }
  });
});
