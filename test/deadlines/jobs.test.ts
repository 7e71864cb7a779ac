/**
 * The jobs against a real SQLite database with fixed clocks: exactly once (repeated ticks, two processes),
 * catch-up, quiet hours, submissions and closing stopping reminders, escalation, stale digests, notice
 * acknowledgement reminders, expired flows, and the scheduler's start-up checks.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { runReminderTick } from "../../src/jobs/reminders.js";
import { runDigest } from "../../src/jobs/digests.js";
import { runNoticeAckReminders } from "../../src/jobs/notice-ack.js";
import { runMaintenance } from "../../src/jobs/maintenance.js";
import { createScheduler, validateScheduleConfig } from "../../src/jobs/scheduler.js";
import { previewAt } from "../../src/jobs/preview.js";
import { closeTask, deleteTask } from "../../src/core/tasks/change-status.js";
import { loadConfig, ConfigError } from "../../src/config.js";
import { silentLogger } from "../../src/logging/logger.js";
import type { JobDeps } from "../../src/jobs/deps.js";
import { COMMUNE_CODES, STANDING_CHAT, at, demoCouncil, newTask, outbox, submit, unitChat, type Council } from "./helpers.js";

const TICK_SCRIPT = path.resolve(import.meta.dirname, "tick-process.ts");
const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

/** Runs one reminder tick in a separate Node process on the same database file. */
async function tickInChild(c: Council, now: Date, go: number): Promise<{ reminders: number; duplicates: number }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", TICK_SCRIPT, c.t.file, now.toISOString(), String(go)],
    { env: { PATH: process.env.PATH! } },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as { reminders: number; duplicates: number };
}

let c: Council;
afterEach(() => c?.cleanup());

const reminderRows = (c: Council, where: Record<string, unknown> = {}) =>
  c.db.prisma.dispatchLog.findMany({ where: { kind: "reminder", ...where }, orderBy: { id: "asc" } });

describe("reminders", () => {
  beforeEach(async () => {
    c = await demoCouncil();
  });

  it("sends each reminder once to the unit group and every linked account of the vice-chair, however often it ticks", async () => {
    const task = await newTask(c); // created 23/5 09:00, due 31/5 17:00
    const first = await runReminderTick(c.deps, at("2022-05-28", "08:00"));
    expect(first).toMatchObject({ reminders: 15, skipped: 15, duplicates: 0 }); // before-3 sent; before-7 (24/5) superseded
    for (const when of [at("2022-05-28", "08:00"), at("2022-05-28", "08:05"), at("2022-05-28", "16:00")]) {
      expect((await runReminderTick(c.deps, when)).reminders).toBe(0);
    }
    const rows = await outbox(c, "reminder:");
    expect(rows).toHaveLength(15 + 3);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    const an = rows.filter((r) => r.key.startsWith(`reminder:${task.id}:${c.units.get("PHO_AN")}:before-3`));
    expect(an.map((r) => `${r.platform}:${r.chat}`).sort()).toEqual([`telegram:${unitChat("PHO_AN")}`, "telegram:7001", "zalo:zalo-an"]);
    const group = an.find((r) => r.chat === unitChat("PHO_AN"))!;
    expect(group.text).toMatch(
      /NHẮC HẠN NỘP BÁO CÁO[\s\S]*Kính gửi: Thường trực HĐND xã Phổ An[\s\S]*17:00 thứ Ba, ngày 31\/5\/2022 — còn 3 ngày[\s\S]*\/baocao/,
    );
    expect(an.find((r) => r.chat === "7001")!.text).toMatch(/^Kính gửi đồng chí Nguyễn Văn An, Phó Chủ tịch HĐND xã Phổ An\./);
    expect(await c.db.prisma.dispatchLog.count({ where: { kind: "reminder", outcome: "sent" } })).toBe(15);
    expect(await c.db.prisma.dispatchLog.count({ where: { kind: "reminder", outcome: "skipped" } })).toBe(15);
    // The task was announced as it was created (issue 12), once.
    expect(await c.db.prisma.dispatchLog.count({ where: { kind: "task_announce", taskId: task.id, outcome: "sent" } })).toBe(1);
    expect(c.notified.count).toBe(1);
  });

  it("adds the /baocao button when the platform has a deep link", async () => {
    await newTask(c, { units: { codes: ["PHO_AN"] } });
    const deps: JobDeps = { ...c.deps, platforms: { telegram: { deepLink: (p) => `https://t.me/council_bot?start=${p}` } } };
    await runReminderTick(deps, at("2022-05-28", "08:00"));
    const group = (await outbox(c, "reminder:")).find((r) => r.chat === unitChat("PHO_AN"))!;
    expect(group.payload.choices).toEqual([[{ kind: "url", label: "📝 Gửi báo cáo", url: "https://t.me/council_bot?start=baocao" }]]);
    expect((await outbox(c, "reminder:")).find((r) => r.chat === "7001")!.payload.choices).toBeUndefined();
  });

  it("overlapping ticks in one process send everything once", async () => {
    await newTask(c);
    const now = at("2022-05-28", "08:00");
    const results = await Promise.all([runReminderTick(c.deps, now), runReminderTick(c.deps, now), runReminderTick(c.deps, now)]);
    expect(results.reduce((n, r) => n + r.reminders, 0)).toBe(15);
    expect(await c.db.prisma.dispatchLog.count({ where: { kind: "reminder", outcome: "sent" } })).toBe(15);
    expect(await outbox(c, "reminder:")).toHaveLength(18);
  });

  it("two processes ticking at the same moment on the same database send everything once", async () => {
    await newTask(c);
    const now = at("2022-05-28", "08:00");
    // Two real processes (a busy SQLite lock must not block the other's event loop), plus this one, all at once.
    const go = Date.now() + 2500;
    const results = await Promise.all([
      tickInChild(c, now, go),
      tickInChild(c, now, go),
      sleepUntil(go).then(() => runReminderTick(c.deps, now)),
    ]);
    const sent = results.map((r) => r.reminders);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(15);
    expect(await c.db.prisma.dispatchLog.count({ where: { kind: "reminder", outcome: "sent" } })).toBe(15);
    expect(await c.db.prisma.dispatchLog.count({ where: { kind: "reminder", outcome: "skipped" } })).toBe(15);
    const rows = await outbox(c, "reminder:");
    expect(rows).toHaveLength(18);
    expect(new Set(rows.map((r) => r.key)).size).toBe(18);
  });

  it("after downtime sends only the latest missed point, inside working hours only", async () => {
    const task = await newTask(c, { createdAt: at("2022-05-20", "09:00") });
    // Down from 23/5 to the evening of 30/5: 22:00 is quiet, nothing goes out.
    expect((await runReminderTick(c.deps, at("2022-05-30", "22:00"))).reminders).toBe(0);
    expect((await runReminderTick(c.deps, at("2022-05-31", "06:59"))).reminders).toBe(0);
    expect(await outbox(c, "reminder:")).toHaveLength(0);
    // 07:00: the before-1 point (30/5 08:00) is still the latest and its window lasts until 31/5 08:00.
    const r = await runReminderTick(c.deps, at("2022-05-31", "07:00"));
    expect(r.reminders).toBe(15);
    const points = new Set((await reminderRows(c, { outcome: "sent" })).map((x) => x.key.split(":")[3]));
    expect([...points]).toEqual(["before-1"]);
    const skipped = await reminderRows(c, { outcome: "skipped" });
    expect(new Set(skipped.map((x) => x.key.split(":")[3]))).toEqual(new Set(["before-7", "before-3"]));
    expect(c.logs.some((l) => l.includes(`reminder:${task.id}:`) && l.includes("reminder skipped"))).toBe(true);
    // 08:00: the due-day reminder, once more each.
    expect((await runReminderTick(c.deps, at("2022-05-31", "08:00"))).reminders).toBe(15);
  });

  it("waits for Monday when Sundays are quiet", async () => {
    await c.cleanup();
    c = await demoCouncil({ env: { QUIET_WEEKENDS: "sunday" } });
    await newTask(c, { dueDate: "1/6/2022" }); // before-3 falls on Sunday 29/5
    expect((await runReminderTick(c.deps, at("2022-05-25", "08:00"))).reminders).toBe(15); // before-7
    expect((await runReminderTick(c.deps, at("2022-05-29", "08:00"))).reminders).toBe(0);
    expect((await runReminderTick(c.deps, at("2022-05-29", "15:00"))).reminders).toBe(0);
    expect((await runReminderTick(c.deps, at("2022-05-30", "07:00"))).reminders).toBe(0);
    expect((await runReminderTick(c.deps, at("2022-05-30", "08:00"))).reminders).toBe(15);
    expect((await reminderRows(c, { outcome: "sent" })).filter((r) => r.key.endsWith(":before-3"))[0]!.plannedFor).toEqual(
      at("2022-05-30", "08:00"),
    );
  });

  it("a submission stops that unit's reminders at once, including ones still waiting in the outbox", async () => {
    const task = await newTask(c);
    await runReminderTick(c.deps, at("2022-05-28", "08:00"));
    // Nothing sends in this test: the reminders wait in the outbox (as with no platform connected).
    await submit(c, task.id, "PHO_AN", at("2022-05-28", "09:00"));
    const tick = await runReminderTick(c.deps, at("2022-05-28", "09:05"));
    expect(tick.cancelled).toBe(3);
    const rows = await outbox(c, "reminder:");
    expect(
      rows
        .filter((r) => r.status === "cancelled")
        .map((r) => r.chat)
        .sort(),
    ).toEqual([unitChat("PHO_AN"), "7001", "zalo-an"].sort());
    await runReminderTick(c.deps, at("2022-05-30", "08:00"));
    const later = (await reminderRows(c, { outcome: "sent" })).filter((x) => x.key.includes(":before-1"));
    expect(later).toHaveLength(14);
    expect(later.some((x) => x.unitId === c.units.get("PHO_AN"))).toBe(false);
  });

  it("closing or deleting a task stops its reminders and cancels the queued ones", async () => {
    const a = await newTask(c, { title: "Nhiệm vụ A" });
    const b = await newTask(c, { title: "Nhiệm vụ B", units: { codes: ["PHO_AN"] } });
    await runReminderTick(c.deps, at("2022-05-28", "08:00"));
    const closed = await closeTask(c.db, {
      councilId: c.councilId,
      taskId: a.id,
      actor: { memberId: null, label: "test" },
      now: at("2022-05-28", "10:00"),
    });
    expect(closed.ok && closed.cancelledMessages).toBe(18);
    const deleted = await deleteTask(c.db, {
      councilId: c.councilId,
      taskId: b.id,
      actor: { memberId: null, label: "test" },
      now: at("2022-05-28", "10:00"),
    });
    expect(deleted.ok && deleted.cancelledMessages).toBe(3);
    expect((await outbox(c, "reminder:")).every((r) => r.status === "cancelled")).toBe(true);
    for (const day of ["2022-05-30", "2022-05-31", "2022-06-01", "2022-06-07"])
      expect((await runReminderTick(c.deps, at(day, "08:00"))).reminders).toBe(0);
    expect(await c.db.prisma.dispatchLog.count({ where: { kind: "escalation" } })).toBe(0);
  });

  it("escalates once to the standing committee, listing who is still missing", async () => {
    const task = await newTask(c, { units: { codes: ["PHO_AN", "PHO_CHAU", "PHO_VAN"] } });
    await submit(c, task.id, "PHO_CHAU", at("2022-06-02", "10:00"));
    for (const day of ["2022-06-01", "2022-06-02", "2022-06-03", "2022-06-04", "2022-06-05"])
      await runReminderTick(c.deps, at(day, "08:00"));
    expect((await runReminderTick(c.deps, at("2022-06-06", "07:59"))).escalations).toBe(0);
    expect((await runReminderTick(c.deps, at("2022-06-06", "08:00"))).escalations).toBe(1);
    expect((await runReminderTick(c.deps, at("2022-06-06", "09:00"))).escalations).toBe(0);
    expect((await runReminderTick(c.deps, at("2022-06-10", "09:00"))).escalations).toBe(0);
    const esc = await outbox(c, "escalation:");
    expect(esc).toHaveLength(1);
    expect(esc[0]!.chat).toBe(STANDING_CHAT);
    expect(esc[0]!.text).toMatch(/BÁO CÁO QUÁ HẠN CHƯA NỘP[\s\S]*còn <b>2\/3<\/b> đơn vị chưa nộp[\s\S]*xã Phổ An; phường Phổ Văn\./);
    // Overdue reminders went out daily to the units still missing (PHO_CHAU stopped after submitting on 2/6).
    const overdue = (await reminderRows(c, { outcome: "sent" })).map(
      (r) => `${r.key.split(":")[3]}:${[...c.units].find(([, id]) => id === r.unitId)![0]}`,
    );
    expect(overdue.filter((k) => k.startsWith("overdue-1"))).toHaveLength(3);
    expect(overdue.filter((k) => k.startsWith("overdue-5")).sort()).toEqual(["overdue-5:PHO_AN", "overdue-5:PHO_VAN"]);
  });

  it("keeps a reminder owed to a unit with nobody to receive it out of the outbox, recorded as skipped", async () => {
    await c.db.prisma.chat.updateMany({ where: { externalId: unitChat("PHO_CHAU") }, data: { active: false } });
    await newTask(c, { units: { codes: ["PHO_CHAU"] } });
    const r = await runReminderTick(c.deps, at("2022-05-28", "08:00"));
    expect(r).toMatchObject({ reminders: 0, noRecipients: 1 });
    expect(await outbox(c)).toHaveLength(0);
    expect((await reminderRows(c)).find((r) => r.key.endsWith(":before-3"))).toMatchObject({
      outcome: "skipped",
      detail: expect.stringMatching(/nobody to remind/),
    });
  });
});

describe("digests", () => {
  beforeEach(async () => {
    c = await demoCouncil();
  });

  it("sends the daily digest once at 17:00, holds it in quiet hours, and skips a stale one with a log line", async () => {
    const task = await newTask(c, { dueDate: "25/5/2022", units: { codes: ["PHO_AN", "PHO_CHAU", "PHO_VAN"] } });
    await submit(c, task.id, "PHO_AN", at("2022-05-24", "10:00"));
    await submit(c, task.id, "PHO_CHAU", at("2022-05-26", "09:00"));
    // The service was down over 23/5, 24/5 and 25/5 at 17:00; it comes back at 22:00 on 26/5 (quiet), then 17:05.
    expect(await runDigest(c.deps, at("2022-05-26", "22:00"))).toMatchObject({ sent: 0, held: true });
    const back = await runDigest(c.deps, at("2022-05-27", "07:00"));
    expect(back).toMatchObject({ sent: 1, skipped: 3 }); // 26/5 17:00 (14 h late) goes; 25/5, 24/5 and 23/5 are stale
    expect(c.logs.filter((l) => l.includes("daily digest skipped")).map((l) => JSON.parse(l).key)).toEqual(
      ["25", "24", "23"].map((d) => `digest:${c.councilId}:daily:2022-05-${d}`),
    );
    expect((await runDigest(c.deps, at("2022-05-27", "08:00"))).sent).toBe(0);
    const d = await outbox(c, "digest:");
    expect(d.map((x) => x.key)).toEqual([
      `digest:${c.councilId}:daily:2022-05-26:c${(await c.db.prisma.chat.findFirst({ where: { externalId: STANDING_CHAT } }))!.id}`,
    ]);
    expect(d[0]!.text).toMatch(/TỔNG HỢP TÌNH HÌNH BÁO CÁO TRONG NGÀY/);
    expect(d[0]!.text).toMatch(/Đã nộp đúng hạn: 1\/3 — xã Phổ An/);
    expect(d[0]!.text).toMatch(/Nộp muộn: 1\/3 — xã Phổ Châu/);
    expect(d[0]!.text).toMatch(/Quá hạn, chưa nộp: 1\/3<\/b> — phường Phổ Văn/);
    // 17:00: the next daily one, with only the period's new reports.
    await submit(c, task.id, "PHO_VAN", at("2022-05-27", "11:00"));
    expect((await runDigest(c.deps, at("2022-05-27", "17:00"))).sent).toBe(1);
    const second = (await outbox(c, `digest:${c.councilId}:daily:2022-05-27`))[0]!;
    expect(second.text).toMatch(/Báo cáo mới nhận trong kỳ: 1/);
    expect(second.text).toMatch(/Nộp muộn: 2\/3 — xã Phổ Châu; phường Phổ Văn/);
  });

  it("does not send digests from before the council existed, and sends the weekly one on Monday", async () => {
    expect((await runDigest(c.deps, at("2022-05-23", "09:00"))).sent).toBe(0); // council set up 23/5 09:00: 07:30 was before
    expect(await c.db.prisma.dispatchLog.count({ where: { kind: "digest" } })).toBe(0);
    expect((await runDigest(c.deps, at("2022-05-29", "17:00"))).sent).toBe(1); // daily
    expect((await runDigest(c.deps, at("2022-05-30", "07:30"))).sent).toBe(1); // weekly
    expect((await runDigest(c.deps, at("2022-05-30", "07:35"))).sent).toBe(0);
    const rows = await outbox(c, "digest:");
    expect(rows.map((r) => r.key.split(":").slice(2, 4).join(":"))).toEqual(["daily:2022-05-29", "weekly:2022-W22", "weekly:2022-W22"]);
    expect(rows[1]!.text).toMatch(/TỔNG HỢP TÌNH HÌNH BÁO CÁO TRONG TUẦN/);
    // The weekly digest also carries the official Word report (issue 17).
    expect(rows[2]!.key).toMatch(/:docx$/);
    expect(rows[2]!.payload).toMatchObject({ kind: "file", fileKind: "document", fileName: "bao-cao-tong-hop-2022-05-30.docx" });
  });
});

describe("notice acknowledgement reminders", () => {
  beforeEach(async () => {
    c = await demoCouncil();
  });

  async function publishNotice(title: string, deliveredAt: Date, codes: string[]) {
    const notice = await c.db.prisma.notice.create({
      data: {
        councilId: c.councilId,
        title,
        body: "Nội dung",
        audience: "all",
        status: "published",
        publishedAt: deliveredAt,
        createdAt: deliveredAt,
      },
    });
    for (const code of codes) {
      const chat = (await c.db.prisma.chat.findFirst({ where: { externalId: unitChat(code) } }))!;
      await c.db.prisma.noticeDelivery.create({
        data: { noticeId: notice.id, chatId: chat.id, unitId: c.units.get(code)!, status: "delivered", deliveredAt, ackMessageId: "77" },
      });
    }
    return notice;
  }

  it("reminds each unit with no acknowledgement once, 24 hours after delivery, never in quiet hours", async () => {
    const n1 = await publishNotice("Thông báo kết luận của Thường trực HĐND", at("2022-05-23", "10:00"), ["PHO_AN", "PHO_CHAU", "PHO_VAN"]);
    const n2 = await publishNotice("Kế hoạch giám sát", at("2022-05-23", "22:30"), ["PHO_AN"]);
    const an = (await c.db.prisma.member.findFirst({ where: { code: "DEMO_PHOAN" } }))!;
    await c.db.prisma.noticeAck.create({
      data: { noticeId: n1.id, memberId: an.id, unitId: c.units.get("PHO_AN")!, platform: "telegram", ackedAt: at("2022-05-23", "11:00") },
    });

    expect((await runNoticeAckReminders(c.deps, at("2022-05-24", "09:59"))).sent).toBe(0);
    expect((await runNoticeAckReminders(c.deps, at("2022-05-24", "10:00"))).sent).toBe(2);
    expect((await runNoticeAckReminders(c.deps, at("2022-05-24", "10:05"))).sent).toBe(0);
    expect((await runNoticeAckReminders(c.deps, at("2022-05-24", "23:00"))).sent).toBe(0); // n2 due 22:30: quiet
    expect((await runNoticeAckReminders(c.deps, at("2022-05-25", "07:00"))).sent).toBe(1);
    expect((await runNoticeAckReminders(c.deps, at("2022-05-26", "07:00"))).sent).toBe(0);

    const rows = await outbox(c, "notice-ack:");
    expect(rows.map((r) => r.key).sort()).toEqual(
      [
        `notice-ack:${n1.id}:${c.units.get("PHO_CHAU")}:c${(await c.db.prisma.chat.findFirst({ where: { externalId: unitChat("PHO_CHAU") } }))!.id}`,
        `notice-ack:${n1.id}:${c.units.get("PHO_VAN")}:c${(await c.db.prisma.chat.findFirst({ where: { externalId: unitChat("PHO_VAN") } }))!.id}`,
        `notice-ack:${n2.id}:${c.units.get("PHO_AN")}:c${(await c.db.prisma.chat.findFirst({ where: { externalId: unitChat("PHO_AN") } }))!.id}`,
      ].sort(),
    );
    expect(rows[0]!.text).toMatch(
      /NHẮC XÁC NHẬN ĐÃ NHẬN THÔNG BÁO[\s\S]*Thông báo kết luận của Thường trực HĐND[\s\S]*bấm nút <b>Đã nhận<\/b>/,
    );
    expect(rows[0]!.payload.replyTo).toBe("77");
    const dl = await c.db.prisma.dispatchLog.findMany({ where: { kind: "notice_ack_reminder" }, orderBy: { id: "asc" } });
    expect(dl.map((d) => d.plannedFor)).toEqual([at("2022-05-24", "10:00"), at("2022-05-24", "10:00"), at("2022-05-25", "07:00")]);
    expect(await c.db.prisma.noticeDelivery.count({ where: { ackReminderAt: { not: null } } })).toBe(3);
  });

  it("lists acknowledgement gaps in the digest", async () => {
    await publishNotice("Thông báo kết luận", at("2022-05-23", "10:00"), ["PHO_AN", "PHO_CHAU"]);
    await runDigest(c.deps, at("2022-05-23", "17:00"));
    expect((await outbox(c, "digest:"))[0]!.text).toMatch(
      /Thông báo chưa được xác nhận đã nhận: 1[\s\S]*“Thông báo kết luận” \(ban hành 23\/5\/2022\): 2 đơn vị chưa xác nhận — các xã: Phổ An, Phổ Châu/,
    );
  });
});

describe("maintenance and the scheduler", () => {
  beforeEach(async () => {
    c = await demoCouncil({ groups: false });
  });

  it("closes guided steps idle for 24 hours with a message, and prunes old markers", async () => {
    await c.db.prisma.conversation.create({
      data: {
        platform: "telegram",
        platformUserId: "7001",
        flow: "report",
        step: "content",
        chatExternalId: "7001",
        expiresAt: at("2022-05-24", "09:00"),
        revision: 1,
      },
    });
    await c.db.prisma.processedEvent.create({ data: { key: "old", createdAt: at("2022-05-01") } });
    const deps: JobDeps = { ...c.deps, flows: { get: (name) => (name === "report" ? { title: "gửi báo cáo" } : undefined) } };
    expect(await runMaintenance(deps, at("2022-05-24", "08:59"))).toEqual({
      expired: 0,
      prunedEvents: 1,
      prunedMenus: 0,
      prunedOutbox: 0,
      removedFiles: 0,
    });
    expect(await runMaintenance(deps, at("2022-05-24", "09:00"))).toEqual({
      expired: 1,
      prunedEvents: 0,
      prunedMenus: 0,
      prunedOutbox: 0,
      removedFiles: 0,
    });
    expect(await c.db.prisma.conversation.count()).toBe(0);
    const [m] = await outbox(c, "flow-expired:");
    expect(m!.chat).toBe("7001");
    expect(m!.text).toMatch(/Thao tác “gửi báo cáo” đã quá 24 giờ/);
  });

  it("refuses an invalid cron expression with one line naming the variable", () => {
    const config = loadConfig({ DATABASE_URL: "file:./x.db", DIGEST_DAILY_CRON: "0 25 * * *" });
    expect(() => validateScheduleConfig(config)).toThrow(ConfigError);
    expect(() => validateScheduleConfig(config)).toThrow(/^Invalid configuration: DIGEST_DAILY_CRON must be a cron expression/);
    const scheduler = createScheduler({ ...c.deps, config });
    expect(() => scheduler.start()).toThrow(/DIGEST_DAILY_CRON/);
    scheduler.stop();
    const tick = loadConfig({ DATABASE_URL: "file:./x.db", REMINDER_TICK_CRON: "every five minutes" });
    expect(() => validateScheduleConfig(tick)).toThrow(/REMINDER_TICK_CRON/);
  });

  it("runs the jobs from node-cron in the council's time zone with the injected clock", async () => {
    await c.cleanup();
    c = await demoCouncil({ env: { REMINDER_TICK_CRON: "* * * * * *" }, start: at("2022-05-28", "08:00") });
    await newTask(c, { createdAt: at("2022-05-23", "09:00"), units: { codes: ["PHO_AN"] } });
    const scheduler = createScheduler({ ...c.deps, logger: silentLogger() });
    scheduler.start();
    try {
      const deadline = Date.now() + 5000;
      while ((await c.db.prisma.dispatchLog.count({ where: { kind: "reminder", outcome: "sent" } })) === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
    } finally {
      scheduler.stop();
    }
    expect(await c.db.prisma.dispatchLog.count({ where: { kind: "reminder", outcome: "sent" } })).toBe(1);
    const summary = await scheduler.tickNow(at("2022-05-28", "08:30"));
    expect(summary.reminders.reminders).toBe(0);
    expect(summary.maintenance).not.toBeNull();
  });

  it("previews what would go out without writing anything", async () => {
    await c.cleanup();
    c = await demoCouncil();
    await newTask(c);
    const before = await c.db.prisma.dispatchLog.count();
    // The task's announcements (issue 12) are queued as it is created; the preview adds nothing.
    const outboxBefore = await c.db.prisma.outboxMessage.count();
    const privateBefore = await c.db.prisma.chat.count({ where: { kind: "private" } });
    expect(outboxBefore).toBeGreaterThan(0);
    const p = await previewAt(c.deps, at("2022-05-28", "08:00"));
    expect(p.reminders).toHaveLength(15);
    expect(p.reminders.find((r) => r.unit === "PHO_AN")!.recipients.map((r) => `${r.kind}:${r.platform}:${r.chatId}`)).toEqual([
      `group:telegram:${unitChat("PHO_AN")}`,
      "private:telegram:7001",
      "private:zalo:zalo-an",
    ]);
    expect(p.skipped.filter((s) => s.reason === "superseded")).toHaveLength(15);
    expect((await previewAt(c.deps, at("2022-05-28", "22:00"))).quiet).toBe(true);
    expect(await c.db.prisma.dispatchLog.count()).toBe(before);
    expect(await c.db.prisma.outboxMessage.count()).toBe(outboxBefore);
    expect(await c.db.prisma.chat.count({ where: { kind: "private" } })).toBe(privateBefore);
    expect(COMMUNE_CODES).toHaveLength(15);
  });
});
