/**
 * A simulated year (2027) of a council's monthly and quarterly reporting, with the fixed clock and the real
 * jobs: periods open on their own, units answer on time, late, "Không phát sinh" or not at all, one commune
 * gets an extension each quarter, reports are completed after the deadline, and the weekly digest goes out
 * with its Word document. Checks what a council would: one task per period, nothing sent on Sundays or
 * public holidays, nobody reminded after answering, every reminder once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { at, demoCouncil, TZ, type Council } from "../deadlines/helpers.js";
import { runReminderTick } from "../../src/jobs/reminders.js";
import { runDigest } from "../../src/jobs/digests.js";
import { createSeries } from "../../src/core/tasks/series.js";
import { extendTask } from "../../src/core/tasks/extend.js";
import { listTasksWithStatus } from "../../src/core/tasks/list-tasks.js";
import { addLocalDays, localDateOf, weekdayOf } from "../../src/domain/time/vietnam-time.js";
import { WorkCalendar } from "../../src/domain/calendar/work-calendar.js";
import { addition, report } from "./helpers.js";

let c: Council;
const calendar = new WorkCalendar();
const stats = { ticks: 0, reminders: 0, escalations: 0, digests: 0, extensions: 0, nothing: 0, additions: 0, reports: 0 };
const ON_TIME = [
  "PHO_CHAU",
  "PHO_CUONG",
  "PHO_HOA",
  "PHO_KHANH",
  "PHO_MINH",
  "PHO_NHON",
  "PHO_NINH",
  "PHO_QUANG",
  "PHO_THANH",
  "PHO_THUAN",
];

beforeAll(async () => {
  c = await demoCouncil({ start: at("2026-12-28", "09:00"), env: { QUIET_WEEKENDS: "sunday" } });
  const council = await c.db.prisma.council.findUniqueOrThrow({ where: { id: c.councilId } });
  for (const [title, every] of [
    ["Báo cáo kết quả giải quyết kiến nghị cử tri", "month"],
    ["Báo cáo tình hình an ninh, trật tự", "quarter"],
  ] as const) {
    const r = await createSeries(
      c.db,
      council,
      { councilId: c.councilId, title, every, day: 20, units: "all", startsOn: "1/1/2027", until: "31/12/2027" },
      { memberId: null, label: "test" },
      { now: c.clock.now(), timezone: TZ },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
  }
  for (let day = "2027-01-01"; day <= "2027-12-31"; day = addLocalDays(day, 1)) {
    const now = at(day, "08:00");
    c.clock.set(now);
    const r = await runReminderTick(c.deps, now);
    stats.ticks++;
    stats.reminders += r.reminders;
    stats.escalations += r.escalations;
    if (weekdayOf(day) === 1) stats.digests += (await runDigest(c.deps, at(day, "07:30"))).sent;
    // The units answer the periods due in the coming days.
    const open = await c.db.prisma.reportTask.findMany({ where: { councilId: c.councilId, status: "open", seriesId: { not: null } } });
    for (const task of open) {
      const due = localDateOf(task.dueAt, TZ);
      if (day === calendar.onOrBefore(addLocalDays(due, -5))) {
        for (const code of ON_TIME) {
          await report(c, code, task.id, at(day, "10:00"));
          stats.reports++;
        }
      }
      if (day === addLocalDays(due, -3)) {
        for (const code of ["PHO_AN", "PHO_PHONG"])
          await report(c, code, task.id, at(day, "11:00"), { nothing: true, text: "Không có vụ việc mới" });
        stats.nothing += 2;
        if (task.periodKey?.includes("Q")) {
          const r = await extendTask(c.db, {
            councilId: c.councilId,
            taskId: task.id,
            due: "thêm 5 ngày làm việc",
            units: { codes: ["PHO_VAN"] },
            reason: "Xã đề nghị do thiên tai",
            actor: { memberId: null, label: "test" },
            now: at(day, "14:00"),
            timezone: TZ,
            council,
          });
          if (!r.ok) throw new Error(JSON.stringify(r.errors));
          stats.extensions++;
        }
      }
      if (day === addLocalDays(due, 2)) {
        const late = await report(c, "PHO_VINH", task.id, at(day, "09:30"));
        stats.reports++;
        const first = await c.db.prisma.submission.findFirstOrThrow({ where: { taskId: task.id, unitId: c.units.get("PHO_CHAU") } });
        await addition(c, "PHO_CHAU", first.id, at(day, "10:00"), "Bổ sung số liệu cuối kỳ");
        stats.additions++;
        expect(late.status).toBe("late");
      }
    }
  }
}, 300_000);

afterAll(async () => {
  await c?.cleanup();
});

describe("a year of monthly and quarterly reporting (2027)", () => {
  it("opens exactly one task per period, each due on the 20th", async () => {
    const tasks = await c.db.prisma.reportTask.findMany({
      where: { councilId: c.councilId },
      orderBy: [{ seriesId: "asc" }, { dueAt: "asc" }],
    });
    expect(tasks.map((t) => t.periodKey)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, "0")}`),
      "2027-Q1",
      "2027-Q2",
      "2027-Q3",
      "2027-Q4",
    ]);
    for (const t of tasks) expect(localDateOf(t.dueAt, TZ).slice(8)).toBe("20");
    console.info(`year simulation: ${JSON.stringify(stats)}`);
  });

  it("sends nothing on Sundays and public holidays, and every reminder once", async () => {
    const rows = await c.db.prisma.dispatchLog.findMany({ where: { councilId: c.councilId, outcome: "sent" } });
    const days = rows.map((r) => localDateOf(r.createdAt, TZ));
    for (const d of days) {
      expect(weekdayOf(d)).not.toBe(7);
      expect(calendar.isHoliday(d)).toBe(false);
    }
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    expect(stats.reminders).toBeGreaterThan(0);
    expect(stats.digests).toBeGreaterThanOrEqual(50);
  });

  it("never reminds a unit after it answered, 'Không phát sinh' included", async () => {
    const reminders = await c.db.prisma.dispatchLog.findMany({ where: { councilId: c.councilId, kind: "reminder", outcome: "sent" } });
    const subs = await c.db.prisma.submission.findMany({ where: { councilId: c.councilId } });
    const first = new Map<string, Date>();
    for (const s of subs) {
      const k = `${s.taskId}:${s.unitId}`;
      if (!first.has(k) || first.get(k)! > s.submittedAt) first.set(k, s.submittedAt);
    }
    for (const r of reminders) {
      const answered = first.get(`${r.taskId}:${r.unitId}`);
      if (answered) expect(r.createdAt.getTime()).toBeLessThan(answered.getTime());
    }
  });

  it("ends the year with each period's statuses as the units answered", async () => {
    const views = await listTasksWithStatus(c.db.prisma, c.councilId, at("2028-01-05", "09:00"));
    for (const v of views) {
      const by = Object.fromEntries(v.units.map((u) => [u.code, u.status]));
      for (const code of ON_TIME) expect(by[code]).toBe("on_time");
      expect([by.PHO_AN, by.PHO_PHONG]).toEqual(["on_time", "on_time"]);
      expect(v.units.find((u) => u.code === "PHO_AN")!.nothing).toBe(true);
      expect(by.PHO_VINH).toBe("late");
      expect(by.NGUYEN_NGHIEM).toBe("missing");
      // Phổ Văn: extended for the quarterly periods, never answered.
      expect(by.PHO_VAN).toBe("missing");
      expect(v.units.find((u) => u.code === "PHO_VAN")!.extended).toBe(v.periodKey?.includes("Q") === true);
    }
    // The additions kept the reports' on-time status and are late themselves.
    const adds = await c.db.prisma.submissionAddition.findMany({ include: { submission: true } });
    expect(adds).toHaveLength(16);
    for (const a of adds) expect([a.late, a.submission.late]).toEqual([true, false]);
    // One escalation per period, plus one for Phổ Văn's own deadline in Q1-Q3 (Q4's falls in January 2028).
    const esc = await c.db.prisma.dispatchLog.findMany({ where: { councilId: c.councilId, kind: "escalation", outcome: "sent" } });
    expect(esc.length).toBe(16 + 3);
    expect(esc.filter((e) => /:d\d+$/.test(e.key))).toHaveLength(3);
    // The weekly digest carried the Word document each week.
    const weekly = await c.db.prisma.dispatchLog.count({
      where: { councilId: c.councilId, key: { contains: ":weekly:" }, outcome: "sent" },
    });
    const docs = await c.db.prisma.outboxMessage.count({ where: { idempotencyKey: { endsWith: ":docx" } } });
    // 52 Mondays in 2027; two are days off (08/02 Tết, 03/05 nghỉ bù), when nothing goes out.
    expect(weekly).toBe(50);
    expect(docs).toBe(weekly);
  });
});
