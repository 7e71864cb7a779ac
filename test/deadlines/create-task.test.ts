/** Creating, closing, deleting and listing tasks in the core: validation as values, each bad input. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createReportTask, validateNewTask, type NewTaskInput } from "../../src/core/tasks/create-task.js";
import { quietPolicyOf } from "../../src/core/tasks/settings.js";
import { changeTaskStatus } from "../../src/core/tasks/change-status.js";
import { listTasksWithStatus } from "../../src/core/tasks/list-tasks.js";
import { readDue } from "../../src/flows/new-task.js";
import { tasks as t } from "../../src/i18n/vi/tasks.js";
import { htmlToPlainText } from "../../src/text/html.js";
import { TZ, at, demoCouncil, newTask, submit, type Council } from "./helpers.js";

let c: Council;
describe("with a database", () => {
  beforeEach(async () => {
    c = await demoCouncil({ groups: false });
  });
  afterEach(() => c.cleanup());

  const base = (over: Partial<NewTaskInput> = {}): NewTaskInput => ({
    councilId: c.councilId,
    title: "Báo cáo kết quả giám sát",
    dueDate: "31/5/2022",
    units: "all",
    ...over,
  });
  const validate = (over: Partial<NewTaskInput> = {}) => validateNewTask(c.db.prisma, base(over), { now: c.clock.now(), timezone: TZ });
  const errorsOf = async (over: Partial<NewTaskInput>) => {
    const r = await validate(over);
    if (r.ok) throw new Error("expected errors");
    return r.errors;
  };

  describe("validateNewTask", () => {
    it("accepts a good task: all = the 15 communes and wards (committees left out), due 17:00 by default", async () => {
      const r = await validate();
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.units).toHaveLength(15);
      expect(r.value.units.some((u) => u.kind === "committee")).toBe(false);
      expect(r.value.dueAt).toEqual(at("2022-05-31", "17:00"));
      expect(r.value.allUnits).toBe(true);
    });

    it("reads codes in any case and a time", async () => {
      const r = await validate({ units: { codes: ["pho_an", " PHO_PHONG "] }, dueDate: "2022-05-31", dueTime: "10h30" });
      expect(r.ok && r.value.units.map((u) => u.code)).toEqual(["PHO_AN", "PHO_PHONG"]);
      expect(r.ok && r.value.dueAt).toEqual(at("2022-05-31", "10:30"));
    });

    it("refuses an empty or over-long title", async () => {
      expect(await errorsOf({ title: "  " })).toEqual([{ code: "title-missing" }]);
      expect(await errorsOf({ title: "x".repeat(301) })).toEqual([{ code: "title-too-long", max: 300, length: 301 }]);
    });

    it("refuses 30 February with a Vietnamese message, and an impossible time", async () => {
      const [e] = await errorsOf({ dueDate: "30/02/2022" });
      expect(e).toMatchObject({ code: "due-date", reason: "does-not-exist" });
      expect(htmlToPlainText(t.error(e!))).toBe(
        "Ngày 30/02/2022 không tồn tại. Đề nghị đồng chí nhập lại theo dạng ngày/tháng/năm, ví dụ 31/5/2022.",
      );
      expect((await errorsOf({ dueDate: "2022-02-30" }))[0]).toMatchObject({ code: "due-date", reason: "does-not-exist" });
      expect((await errorsOf({ dueTime: "25:00" }))[0]).toMatchObject({ code: "due-time" });
    });

    it("refuses a due date in the past unless allowed", async () => {
      expect(await errorsOf({ dueDate: "20/5/2022" })).toEqual([{ code: "due-in-past", dueAt: at("2022-05-20", "17:00") }]);
      expect((await validate({ dueDate: "20/5/2022", allowPastDue: true })).ok).toBe(true);
      // Today 09:00 with the default 17:00 is still ahead; today 08:00 is not.
      expect((await validate({ dueDate: "23/5/2022" })).ok).toBe(true);
      expect((await errorsOf({ dueDate: "23/5/2022", dueTime: "08:00" }))[0]!.code).toBe("due-in-past");
    });

    it("names unknown unit codes, refuses no units and inactive units", async () => {
      expect(await errorsOf({ units: { codes: ["PHO_AN", "PHO_XYZ", "nope"] } })).toEqual([
        { code: "unknown-units", codes: ["PHO_XYZ", "NOPE"] },
      ]);
      expect(await errorsOf({ units: { codes: [] } })).toEqual([{ code: "no-units" }]);
      expect(await errorsOf({ units: { ids: [] } })).toEqual([{ code: "no-units" }]);
      await c.db.prisma.unit.update({ where: { id: c.units.get("PHO_VAN")! }, data: { active: false } });
      expect(await errorsOf({ units: { codes: ["PHO_VAN"] } })).toEqual([{ code: "inactive-units", codes: ["PHO_VAN"] }]);
      expect((await validate()).ok && ((await validate()) as { value: { units: unknown[] } }).value.units).toHaveLength(14);
    });

    it("checks the notice and the schedule override", async () => {
      expect(await errorsOf({ noticeId: 99 })).toEqual([{ code: "unknown-notice", noticeId: "99" }]);
      const e = await errorsOf({ schedule: { daysBefore: [0], colour: "red" } });
      expect(e[0]!.code).toBe("bad-schedule");
      const ok = await validate({ schedule: { daysBefore: [2], overdueDailyFor: 1 } });
      expect(ok.ok && ok.value.schedule).toEqual({ daysBefore: [2], overdueDailyFor: 1 });
    });

    it("returns every problem at once", async () => {
      const codes = (await errorsOf({ title: "", dueDate: "31/4/2022", units: { codes: ["X"] } })).map((e) => e.code);
      expect(codes).toEqual(["title-missing", "due-date", "unknown-units"]);
    });
  });

  describe("tasks in the database", () => {
    it("creates with assignments and an audit entry; closing and deleting are audited and stop being open", async () => {
      const r = await createReportTask(
        c.db,
        base({ units: { codes: ["PHO_AN", "PHO_CHAU"] } }),
        { memberId: null, label: "cli" },
        { now: c.clock.now(), timezone: TZ, quiet: quietPolicyOf(c.config) },
      );
      expect(r.ok).toBe(true);
      const id = r.ok ? r.value.task.id : 0;
      expect(await c.db.prisma.taskAssignment.count({ where: { taskId: id } })).toBe(2);
      const close = await changeTaskStatus(c.db, {
        councilId: c.councilId,
        taskId: id,
        to: "closed",
        actor: { memberId: null, label: "cli" },
        now: c.clock.now(),
      });
      expect(close).toMatchObject({ ok: true, from: "open", to: "closed" });
      expect(
        await changeTaskStatus(c.db, {
          councilId: c.councilId,
          taskId: id,
          to: "closed",
          actor: { memberId: null, label: "cli" },
          now: c.clock.now(),
        }),
      ).toEqual({ ok: false, reason: "already", status: "closed" });
      expect(
        (
          await changeTaskStatus(c.db, {
            councilId: c.councilId,
            taskId: id,
            to: "deleted",
            actor: { memberId: null, label: "cli" },
            now: c.clock.now(),
          })
        ).ok,
      ).toBe(true);
      expect(
        await changeTaskStatus(c.db, {
          councilId: c.councilId,
          taskId: id,
          to: "closed",
          actor: { memberId: null, label: "cli" },
          now: c.clock.now(),
        }),
      ).toEqual({ ok: false, reason: "not-found" });
      expect(
        await changeTaskStatus(c.db, {
          councilId: c.councilId,
          taskId: 999,
          to: "closed",
          actor: { memberId: null, label: "cli" },
          now: c.clock.now(),
        }),
      ).toEqual({ ok: false, reason: "not-found" });
      const actions = (await c.db.prisma.auditLog.findMany({ where: { entityType: "task" }, orderBy: { id: "asc" } })).map((a) => a.action);
      expect(actions).toEqual(["task.create", "task.close", "task.delete"]);
    });

    it("lists per-unit status: on time, late (by the first report), missing, not due", async () => {
      const task = await newTask(c, { units: { codes: ["PHO_AN", "PHO_CHAU", "PHO_CUONG", "PHO_KHANH"] } });
      await submit(c, task.id, "PHO_AN", at("2022-05-30", "10:00"));
      await submit(c, task.id, "PHO_AN", at("2022-06-02", "10:00")); // a correction after the deadline
      await submit(c, task.id, "PHO_CHAU", at("2022-06-01", "09:00"));
      const [before] = await listTasksWithStatus(c.db.prisma, c.councilId, at("2022-05-31", "09:00"));
      expect(before!.units.map((u) => `${u.code}:${u.status}`)).toEqual([
        "PHO_AN:on_time",
        "PHO_CHAU:not_due",
        "PHO_CUONG:not_due",
        "PHO_KHANH:not_due",
      ]);
      const [after] = await listTasksWithStatus(c.db.prisma, c.councilId, at("2022-06-03", "09:00"));
      expect(after!.units.map((u) => `${u.code}:${u.status}`)).toEqual([
        "PHO_AN:on_time",
        "PHO_CHAU:late",
        "PHO_CUONG:missing",
        "PHO_KHANH:missing",
      ]);
      expect(after!.counts).toEqual({ on_time: 1, late: 1, missing: 2, not_due: 0, total: 4 });
      expect(after!.units[0]!.versions).toBe(2);
    });
  });
});

describe("the due date as typed in chat", () => {
  const now = at("2022-05-23", "09:00");
  it.each([
    ["31/5/2022", "2022-05-31", "17:00"],
    ["31/5/2022 10:00", "2022-05-31", "10:00"],
    ["10h30 31/5/2022", "2022-05-31", "10:30"],
    ["31/5 lúc 8 giờ sáng", "2022-05-31", "08:00"],
    ["ngày 15 tháng 6 năm 2022", "2022-06-15", "17:00"],
  ])("%s", (typed, date, time) => {
    expect(readDue(typed, now, TZ)).toEqual({ ok: true, date, time });
  });
  it("explains 30/02 even with a time", () => {
    const r = readDue("30/02/2022 17:00", now, TZ);
    expect(!r.ok && htmlToPlainText(r.message)).toMatch(/^Ngày 30\/02\/2022 không tồn tại/);
    const bad = readDue("hôm qua", now, TZ);
    expect(!bad.ok && htmlToPlainText(bad.message)).toMatch(/Không đọc được ngày/);
  });
});
