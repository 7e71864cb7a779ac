/**
 * The reporting regime through the core with a real database and the reminder job: periodic series, extensions
 * for one unit, "Không phát sinh", additions after the deadline, holidays, and the official digest document.
 */
import { afterEach, describe, expect, it } from "vitest";
import mammoth from "mammoth";
import { at, demoCouncil, newTask, outbox, TZ, unitChat, type Council } from "../deadlines/helpers.js";
import { runReminderTick } from "../../src/jobs/reminders.js";
import { createSeries, endSeries } from "../../src/core/tasks/series.js";
import { extendTask } from "../../src/core/tasks/extend.js";
import { listTasksWithStatus } from "../../src/core/tasks/list-tasks.js";
import { onDemandDigest } from "../../src/core/tasks/digest.js";
import { digestDocxBytes } from "../../src/core/tasks/digest-file.js";
import { submissionsCsv } from "../../src/cli/commands/export.js";
import { addition, report } from "./helpers.js";

let c: Council;
afterEach(async () => {
  await c?.cleanup();
});

const council = async () => c.db.prisma.council.findUniqueOrThrow({ where: { id: c.councilId } });
const keysSent = async (prefix: string) =>
  (await c.db.prisma.dispatchLog.findMany({ where: { key: { startsWith: prefix }, outcome: "sent" } })).map((r) => r.key);

async function series(over: Record<string, unknown> = {}) {
  const r = await createSeries(
    c.db,
    await council(),
    { councilId: c.councilId, title: "Báo cáo tình hình an ninh, trật tự", every: "month", day: 20, units: "all", ...over },
    { memberId: null, label: "test" },
    { now: c.clock.now(), timezone: TZ },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe("periodic tasks", () => {
  it("opens one task per period across the year end and February, each with its own deadline; ending stops the next ones", async () => {
    c = await demoCouncil({ start: at("2026-11-05", "09:00") });
    const s = await series({ day: 31 });
    expect(s.opened.map((o) => [o.periodKey, o.title])).toEqual([["2026-11", "Báo cáo tình hình an ninh, trật tự – tháng 11/2026"]]);
    expect(s.opened[0]!.dueAt).toEqual(at("2026-11-30", "17:00"));
    // The tick opens each period on its first day, once, whatever the number of ticks.
    for (const day of ["2026-11-30", "2026-12-01", "2026-12-01", "2027-01-01", "2027-02-01", "2027-02-15"])
      await runReminderTick(c.deps, at(day, "08:00"));
    const tasks = await c.db.prisma.reportTask.findMany({ where: { seriesId: s.series.id }, orderBy: { dueAt: "asc" } });
    expect(tasks.map((t) => [t.periodKey, t.dueAt.toISOString()])).toEqual([
      ["2026-11", at("2026-11-30", "17:00").toISOString()],
      ["2026-12", at("2026-12-31", "17:00").toISOString()],
      ["2027-01", at("2027-01-31", "17:00").toISOString()],
      ["2027-02", at("2027-02-28", "17:00").toISOString()],
    ]);
    // Each period has its own status: a unit reports for December only.
    await report(c, "PHO_AN", tasks[1]!.id, at("2026-12-10", "09:00"));
    const views = await listTasksWithStatus(c.db.prisma, c.councilId, at("2027-02-15", "09:00"), { openOnly: true });
    const statusOf = (id: number) => views.find((v) => v.id === id)!.units.find((u) => u.code === "PHO_AN")!.status;
    expect([statusOf(tasks[0]!.id), statusOf(tasks[1]!.id), statusOf(tasks[3]!.id)]).toEqual(["missing", "on_time", "not_due"]);

    const ended = await endSeries(c.db, {
      councilId: c.councilId,
      seriesId: s.series.id,
      actor: { memberId: null, label: "test" },
      now: at("2027-02-15", "09:00"),
      timezone: TZ,
    });
    expect(ended).toMatchObject({ ok: true, closedTasks: [tasks[3]!.id] });
    await runReminderTick(c.deps, at("2027-03-01", "08:00"));
    expect(await c.db.prisma.reportTask.count({ where: { seriesId: s.series.id } })).toBe(4);
    expect((await c.db.prisma.reportTask.findUniqueOrThrow({ where: { id: tasks[3]!.id } })).status).toBe("closed");
  });

  it("quarterly and yearly series, and refusals a user would hit", async () => {
    c = await demoCouncil({ start: at("2026-11-05", "09:00") });
    const q = await series({ every: "quarter", day: 20, title: "Báo cáo quý" });
    expect(q.opened.map((o) => o.periodKey)).toEqual(["2026-Q4"]);
    expect(q.valid.upcoming.map((p) => p.dueDate)).toEqual(["2026-12-20", "2027-03-20", "2027-06-20"]);
    const y = await series({ every: "year", day: 15, month: 11, title: "Báo cáo năm" });
    expect(y.opened.map((o) => [o.periodKey, o.title])).toEqual([["2026", "Báo cáo năm – năm 2026"]]);
    const bad = await createSeries(
      c.db,
      await council(),
      { councilId: c.councilId, title: "", every: "week", day: 40, until: "1/1/2026", units: { codes: ["NOPE"] } },
      { memberId: null, label: "test" },
      { now: c.clock.now(), timezone: TZ },
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors.map((e) => e.code).sort()).toEqual(["day", "every", "title-missing", "unknown-units", "until-before-start"]);
  });
});

describe("extensions", () => {
  it("an extension for one unit moves only its reminders, tells it, and keeps the history", async () => {
    c = await demoCouncil({ start: at("2022-05-20", "09:00") });
    const task = await newTask(c, { dueDate: "31/5/2022" });
    const r = await extendTask(c.db, {
      councilId: c.councilId,
      taskId: task.id,
      due: "3/6/2022",
      units: { codes: ["PHO_AN"] },
      reason: "Xã bị ảnh hưởng mưa lũ",
      actor: { memberId: null, label: "test" },
      now: at("2022-05-27", "10:00"),
      timezone: TZ,
      council: await council(),
    });
    expect(r.ok).toBe(true);
    // The unit's group and its vice-chair (Telegram and Zalo) are told, nobody else.
    const told = await outbox(c, "extension:");
    expect(told.map((m) => m.chat).sort()).toEqual([unitChat("PHO_AN"), "7001", "zalo-an"].sort());
    expect(told[0]!.text).toMatch(/GIA HẠN[\s\S]*đến <b>17:00 thứ Sáu, ngày 3\/6\/2022<\/b>[\s\S]*mưa lũ/);

    const anId = c.units.get("PHO_AN")!;
    // The due-day morning of the task: 14 units reminded, not PHO_AN.
    await runReminderTick(c.deps, at("2022-05-31", "08:00"));
    const dueDay = await keysSent(`reminder:${task.id}:`);
    expect(dueDay.filter((k) => k.endsWith(":due-day"))).toHaveLength(14);
    expect(dueDay.some((k) => k.startsWith(`reminder:${task.id}:${anId}:`) && k.endsWith("due-day"))).toBe(false);
    // PHO_AN's own due day (3/6): its due-day reminder, keyed by the extension.
    await runReminderTick(c.deps, at("2022-06-03", "08:00"));
    const an = (await keysSent(`reminder:${task.id}:${anId}:`)).filter((k) => k.includes(":x"));
    expect(an.some((k) => /:due-day:x\d+$/.test(k))).toBe(true);
    // The task's escalation (6/6 08:00) lists the others, not PHO_AN, whose own escalation comes after its own reminders.
    await runReminderTick(c.deps, at("2022-06-06", "08:00"));
    const esc = await c.db.prisma.dispatchLog.findMany({ where: { kind: "escalation", taskId: task.id } });
    expect(esc.map((e) => e.key)).toEqual([`escalation:${task.id}`]);
    const escText = (await outbox(c, `escalation:${task.id}:`))[0]!.text;
    expect(escText).toMatch(/14\/15/);
    expect(escText).not.toMatch(/Phổ An/);
    await runReminderTick(c.deps, at("2022-06-09", "08:00"));
    expect((await c.db.prisma.dispatchLog.findMany({ where: { kind: "escalation", taskId: task.id } })).map((e) => e.key)).toContain(
      `escalation:${task.id}:d${Math.round(at("2022-06-03", "17:00").getTime() / 60000)}`,
    );
    // On time against its own deadline.
    const sub = await report(c, "PHO_AN", task.id, at("2022-06-02", "15:00"));
    expect(sub.status).toBe("on_time");
    const history = await c.db.prisma.taskExtension.findMany({ where: { taskId: task.id } });
    expect(history.map((h) => [h.unitId, h.previousDueAt.toISOString(), h.newDueAt.toISOString(), h.reason])).toEqual([
      [anId, at("2022-05-31", "17:00").toISOString(), at("2022-06-03", "17:00").toISOString(), "Xã bị ảnh hưởng mưa lũ"],
    ]);
  });

  it("an extension for all units re-judges late reports and refuses what makes no sense", async () => {
    c = await demoCouncil({ start: at("2022-05-20", "09:00") });
    const task = await newTask(c, { dueDate: "31/5/2022" });
    const late = await report(c, "PHO_PHONG", task.id, at("2022-06-01", "09:00"));
    expect(late.status).toBe("late");
    const base = {
      councilId: c.councilId,
      taskId: task.id,
      units: "all" as const,
      actor: { memberId: null, label: "test" },
      now: at("2022-06-01", "10:00"),
      timezone: TZ,
      council: await council(),
    };
    const refused = await extendTask(c.db, { ...base, due: "30/5/2022", reason: "" });
    expect(refused.ok ? [] : refused.errors.map((e) => e.code).sort()).toEqual(["in-past", "reason-missing"]);
    const notLater = await extendTask(c.db, { ...base, due: "31/5/2022", reason: "x", now: at("2022-05-25", "10:00") });
    expect(notLater.ok ? [] : notLater.errors.map((e) => e.code)).toEqual(["not-later"]);
    const ok = await extendTask(c.db, { ...base, due: "thêm 3 ngày làm việc", reason: "Theo đề nghị của các xã" });
    expect(ok.ok && ok.value.newDueAt).toEqual(at("2022-06-03", "17:00")); // Wed 1, Thu 2, Fri 3 June
    const row = await c.db.prisma.submission.findFirstOrThrow({ where: { taskId: task.id } });
    expect(row.late).toBe(false);
    // Units that already reported are not told again.
    expect((await outbox(c, "extension:")).some((m) => m.chat === unitChat("PHO_PHONG"))).toBe(false);
  });
});

describe("Không phát sinh and additions", () => {
  it("'Không phát sinh' counts as submitted and ends the unit's reminders", async () => {
    c = await demoCouncil({ start: at("2022-05-20", "09:00") });
    const task = await newTask(c, { dueDate: "31/5/2022" });
    await runReminderTick(c.deps, at("2022-05-24", "08:00"));
    const r = await report(c, "PHO_AN", task.id, at("2022-05-24", "09:00"), { nothing: true, text: "Trong kỳ không có vụ việc" });
    expect(r.kind).toBe("nothing");
    expect((await outbox(c, `report:${r.submissionId}:`))[0]!.text).toMatch(/KHÔNG PHÁT SINH[\s\S]*Trong kỳ không có vụ việc/);
    await runReminderTick(c.deps, at("2022-05-28", "08:00"));
    await runReminderTick(c.deps, at("2022-06-01", "08:00"));
    const anId = c.units.get("PHO_AN")!;
    expect((await keysSent(`reminder:${task.id}:${anId}:`)).sort()).toEqual([`reminder:${task.id}:${anId}:before-7`]);
    const view = (await listTasksWithStatus(c.db.prisma, c.councilId, at("2022-06-01", "09:00")))[0]!;
    expect(view.units.find((u) => u.code === "PHO_AN")).toMatchObject({ status: "on_time", nothing: true });
  });

  it("an addition after the deadline keeps the report's on-time status and is itself late; both are exported", async () => {
    c = await demoCouncil({ start: at("2022-05-20", "09:00") });
    const task = await newTask(c, { dueDate: "31/5/2022" });
    const first = await report(c, "PHO_AN", task.id, at("2022-05-30", "09:00"));
    const add = await addition(c, "PHO_AN", first.submissionId, at("2022-06-02", "10:00"), "Bổ sung: thêm 5 hộ đã nhận tiền");
    expect(add).toMatchObject({ receiptNo: first.receiptNo, seq: 1, late: true, originalLate: false });
    const second = await addition(c, "PHO_AN", first.submissionId, at("2022-06-03", "10:00"));
    expect(second.seq).toBe(2);
    // Nothing changes the report's status, its version or the receipt count.
    const view = (await listTasksWithStatus(c.db.prisma, c.councilId, at("2022-06-03", "11:00")))[0]!;
    expect(view.units.find((u) => u.code === "PHO_AN")).toMatchObject({ status: "on_time", versions: 1, receiptNo: first.receiptNo });
    expect((await outbox(c, `addition:${(await c.db.prisma.submissionAddition.findFirstOrThrow()).id}:`))[0]!.text).toMatch(
      new RegExp(`BỔ SUNG BÁO CÁO ${first.receiptNo}[\\s\\S]*bổ sung sau hạn`),
    );
    const { csv } = await submissionsCsv(c.db.prisma, c.councilId, {}, TZ);
    const rows = csv.slice(1).trim().split("\r\n");
    expect(rows).toHaveLength(4);
    // every field is quoted (issue 20)
    expect(rows[1]).toMatch(new RegExp(`^"${first.receiptNo}","PHO_AN",.*,"Đúng hạn",.*,"Báo cáo"$`));
    expect(rows[2]).toMatch(
      new RegExp(`^"${first.receiptNo}","PHO_AN",.*"2022-06-02 10:00","Trễ hạn",.*Bổ sung: thêm 5 hộ đã nhận tiền.*,"Bổ sung lần 1"$`),
    );
    // Another unit cannot add to it.
    await expect(addition(c, "PHO_PHONG", first.submissionId, at("2022-06-03", "11:00"))).rejects.toThrow(/not_found/);
  });
});

describe("holidays", () => {
  for (const [weekends, firstDay] of [
    ["sunday", "2026-02-21"],
    ["weekend", "2026-02-23"],
  ] as const) {
    it(`no reminder goes out on Tết or a quiet ${weekends} day; the point moves to the next working morning (${firstDay})`, async () => {
      c = await demoCouncil({ start: at("2026-02-05", "09:00"), env: { QUIET_WEEKENDS: weekends } });
      const task = await newTask(c, { dueDate: "27/2/2026" }); // before-7 = 20/02 (Tết break), before-3 = 24/02, before-1 = 26/02
      const sentDays = new Set<string>();
      for (let d = 14; d <= 27; d++) {
        const day = `2026-02-${String(d).padStart(2, "0")}`;
        for (const time of ["08:00", "10:00"]) {
          const r = await runReminderTick(c.deps, at(day, time));
          if (r.reminders > 0) sentDays.add(day);
        }
      }
      expect([...sentDays].sort()).toEqual([firstDay, "2026-02-24", "2026-02-26", "2026-02-27"]);
      // before-7 (Friday 20/02, in the Tết break) was held to the next allowed morning.
      const planned = await c.db.prisma.dispatchLog.findFirstOrThrow({
        where: { key: `reminder:${task.id}:${c.units.get("PHO_AN")}:before-7` },
      });
      expect(planned.plannedFor).toEqual(at(firstDay, "08:00"));
    });
  }
});

describe("the official digest document", () => {
  it("opens, and holds the quốc hiệu, the number placeholder and the right numbers", async () => {
    c = await demoCouncil({ start: at("2022-05-20", "09:00") });
    const task = await newTask(c, { dueDate: "31/5/2022", title: "Báo cáo kết quả giám sát" });
    await report(c, "PHO_AN", task.id, at("2022-05-25", "09:00"));
    await report(c, "PHO_PHONG", task.id, at("2022-05-26", "09:00"), { nothing: true });
    await report(c, "PHO_CHAU", task.id, at("2022-06-01", "09:00"));
    const now = at("2022-06-02", "09:00");
    const { content } = await onDemandDigest(c.db.prisma, c.councilId, now, TZ);
    const { bytes, fileName } = await digestDocxBytes(c.db.prisma, c.councilId, content);
    expect(fileName).toBe("bao-cao-tong-hop-2022-06-02.docx");
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    const text = (await mammoth.extractRawText({ buffer: bytes })).value;
    const lines = text.split("\n").filter((l) => l.trim() !== "");
    expect(lines).toContain("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(lines).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(lines).toContain("Số: .../BC-HĐND");
    expect(lines).toContain("Đức Phổ, ngày 02 tháng 6 năm 2022");
    expect(lines).toContain("BÁO CÁO");
    expect(lines).toContain("Nơi nhận:");
    expect(lines).toContain("TL. THƯỜNG TRỰC HĐND");
    // The task's row: TT, title, deadline, 15 units, 2 on time, 1 late, 1 "Không phát sinh", 12 overdue, 0 not due.
    const row = lines.indexOf("Báo cáo kết quả giám sát");
    expect(lines.slice(row - 1, row + 8)).toEqual([
      "1",
      "Báo cáo kết quả giám sát",
      "17:00 thứ Ba, ngày 31/5/2022",
      "15",
      "2",
      "1",
      "1",
      "12",
      "0",
    ]);
    expect(text).toMatch(/“Báo cáo kết quả giám sát”: nộp trễ hạn: xã Phổ Châu\./);
  });
});
