/**
 * A week of a real council's deadlines, end to end. Monday 16/5/2022 the office publishes the conclusions
 * of the standing committee's session with the 15 communes and wards (a notice), and sets two reporting
 * tasks from it: a report on pressing local problems from five units due Wednesday 18/5 (created with
 * /hanmoi, choosing the units), and a report on voters' petitions from all 15 due Friday 20/5. Units answer
 * on time, late, or never; the test reads what arrives in every chat each day.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReportTask } from "../../src/core/tasks/create-task.js";
import { quietPolicyOf } from "../../src/core/tasks/settings.js";
import { addLocalDays } from "../../src/domain/time/vietnam-time.js";
import { CODES, CouncilE2E, STANDING, an, at, groupOf, ha, lan, mai, TZ } from "./e2e-helpers.js";

let c: CouncilE2E;
let noticeId = 0;
const TITLE_A = "Báo cáo kết quả tổng hợp ý kiến, kiến nghị cử tri";
const TITLE_B = "Báo cáo vấn đề nổi cộm, bức xúc tại địa phương";

// When each unit reports (Vietnam time). Task B: 5 units, due Wed 18/5 17:00. Task A: 15 units, due Fri 20/5 17:00.
const REPORTS_A: Record<string, string> = {
  PHO_CHAU: "2022-05-16 15:00", // before any reminder
  PHO_AN: "2022-05-17 10:00",
  PHO_THANH: "2022-05-18 14:00",
  PHO_VAN: "2022-05-18 14:00",
  PHO_HOA: "2022-05-19 09:00",
  PHO_MINH: "2022-05-19 09:00",
  PHO_NINH: "2022-05-20 10:00",
  PHO_QUANG: "2022-05-20 16:59",
  NGUYEN_NGHIEM: "2022-05-20 17:30", // late
  PHO_PHONG: "2022-05-21 09:00", // late
  PHO_VINH: "2022-05-23 10:00", // late
  // PHO_CUONG, PHO_KHANH, PHO_NHON, PHO_THUAN never report
};
const REPORTS_B: Record<string, string> = {
  PHO_CHAU: "2022-05-17 07:30",
  PHO_VINH: "2022-05-18 16:00",
  NGUYEN_NGHIEM: "2022-05-19 11:00", // late
  // PHO_AN reports through /baocao on 18/5 at 09:00; PHO_PHONG never does
};
// Units that pressed "Đã nhận" on the notice: ten on Monday, PHO_VINH on Tuesday at 11:00 (before the 24 hours
// ran out at the 12:00 tick, so it gets no reminder), four never.
const ACKS: Record<string, string> = Object.fromEntries(
  CODES.filter((x) => !["PHO_CUONG", "PHO_KHANH", "PHO_NHON", "PHO_THUAN", "PHO_VINH"].includes(x)).map((x) => [x, "2022-05-16 10:00"]),
);
ACKS.PHO_VINH = "2022-05-17 11:00";

const stamp = (s: string) => at(s.slice(0, 10), s.slice(11));

async function storeReport(taskId: number, code: string, when: string, n: number) {
  const db = c.e.db.prisma;
  const unit = (await db.unit.findFirstOrThrow({ where: { code } }))!;
  const member = await db.member.findFirstOrThrow({ where: { councilId: c.e.councilId } });
  const task = await db.reportTask.findUniqueOrThrow({ where: { id: taskId } });
  const submittedAt = stamp(when);
  await db.submission.create({
    data: {
      councilId: c.e.councilId,
      taskId,
      unitId: unit.id,
      memberId: member.id,
      receiptNo: `BC-2022-9${String(n).padStart(3, "0")}`,
      body: `Báo cáo của ${unit.name}`,
      late: submittedAt > task.dueAt,
      submittedAt,
    },
  });
}

beforeAll(async () => {
  c = await CouncilE2E.start(at("2022-05-16", "08:30"));
  const db = c.e.db.prisma;
  // The notice, as the notices feature stores it once delivered into the 15 unit groups.
  const published = at("2022-05-16", "09:00");
  const notice = await db.notice.create({
    data: {
      councilId: c.e.councilId,
      number: "12/TB-HĐND",
      title: "Thông báo kết luận của Thường trực HĐND thị xã tại buổi làm việc với Phó Chủ tịch HĐND các xã, phường",
      body: "…",
      audience: "all",
      status: "published",
      publishedAt: published,
      createdAt: published,
    },
  });
  noticeId = notice.id;
  for (const code of CODES) {
    const chat = await db.chat.findFirstOrThrow({ where: { externalId: String(groupOf(code)) } });
    await db.noticeDelivery.create({
      data: { noticeId, chatId: chat.id, unitId: chat.unitId, status: "delivered", deliveredAt: at("2022-05-16", "09:30") },
    });
  }
});
afterAll(() => c?.close());

describe("a week of a real council's deadlines", () => {
  it("the office sets task B with /hanmoi: chosen units (buttons and typed names), attached to the notice", async () => {
    const { e } = c;
    e.clock.set(at("2022-05-16", "09:10"));
    await e.ask(ha, "/newtask", /Tạo nhiệm vụ báo cáo/);
    expect((await e.ask(ha, "  ", /Tạo nhiệm vụ|không được để trống/)).plainText).toBeTruthy();
    await e.ask(ha, TITLE_B, /nội dung, yêu cầu cụ thể/);
    await e.ask(ha, "Nêu rõ vụ việc, địa điểm, số hộ dân liên quan và kiến nghị.", /Hạn nộp báo cáo là ngày nào/);
    expect((await e.ask(ha, "30/02/2022", /không tồn tại/)).plainText).toMatch(/Ngày 30\/02\/2022 không tồn tại/);
    expect((await e.ask(ha, "15/5/2022", /đã qua/)).plainText).toMatch(/Hạn nộp 17:00 Chủ nhật, ngày 15\/5\/2022 đã qua/);
    const mode = await e.ask(ha, "18/5/2022", /Giao nhiệm vụ cho những đơn vị nào/);
    let pick = await e.pressAndWait(ha, mode, "Chọn từng đơn vị", /Bấm vào tên đơn vị/);
    pick = await e.pressAndWait(ha, pick, "Xã Phổ An", /Đã chọn 1 đơn vị/);
    pick = await e.pressAndWait(ha, pick, "Phường Nguyễn Nghiêm", /Đã chọn 2 đơn vị/);
    expect(pick.plainText).toMatch(/Đã chọn 2 đơn vị: phường Nguyễn Nghiêm; xã Phổ An\./);
    expect(pick.plainText).toBeTruthy();
    const labels = (await import("../helpers/e2e.js")).buttons(pick).map((b) => b.text);
    expect(labels).toContain("✅ Xã Phổ An");
    expect(labels).toContain("Xong (2 đơn vị)");
    const typed = await e.ask(ha, "phổ châu, Phổ Phong; pho vinh, Phổ Xyz", /Đã chọn 5 đơn vị/);
    expect(e.fake.messagesTo(ha.id).some((m) => /Không tìm thấy đơn vị “Phổ Xyz”/.test(m.plainText ?? ""))).toBe(true);
    const notices = await e.pressAndWait(ha, typed, "Xong (5 đơn vị)", /theo thông báo nào/);
    const review = await e.pressAndWait(ha, notices, /^#\d+ Thông báo kết luận/, /XEM LẠI NHIỆM VỤ BÁO CÁO/);
    expect(review.plainText).toMatch(/Đơn vị thực hiện \(5\): các phường: Nguyễn Nghiêm, Phổ Vinh; các xã: Phổ An, Phổ Châu, Phổ Phong\n/);
    expect(review.plainText).toMatch(/Theo thông báo: #\d+ Thông báo kết luận/);
    expect(review.plainText).toMatch(
      /• 08:00 thứ Ba, ngày 17\/5\/2022 — trước hạn 1 ngày\n• 08:00 thứ Tư, ngày 18\/5\/2022 — ngày hết hạn/,
    );
    await e.pressAndWait(ha, review, "Tạo nhiệm vụ", /Đã tạo nhiệm vụ báo cáo #1/);
    const b = await e.db.prisma.reportTask.findUniqueOrThrow({ where: { id: 1 }, include: { assignments: true } });
    expect(b).toMatchObject({
      title: TITLE_B,
      noticeId,
      dueAt: at("2022-05-18", "17:00"),
      description: "Nêu rõ vụ việc, địa điểm, số hộ dân liên quan và kiến nghị.",
    });
    expect(b.assignments).toHaveLength(5);

    // Task A, for all units, as `council task create` would.
    const a = await createReportTask(
      e.db,
      { councilId: e.councilId, title: TITLE_A, dueDate: "2022-05-20", units: "all", noticeId },
      { memberId: null, label: "cli" },
      { now: at("2022-05-16", "09:15"), timezone: TZ, quiet: quietPolicyOf(e.config) },
    );
    expect(a.ok).toBe(true);
    c.collect();
  });

  it("delivers the right messages each day, once", async () => {
    const db = c.e.db.prisma;
    const _member = await db.member.findFirstOrThrow({ where: { councilId: c.e.councilId } });
    let n = 0;
    const pending: Array<{ when: string; run: () => Promise<unknown> }> = [
      ...Object.entries(REPORTS_A).map(([code, when]) => ({ when, run: () => storeReport(2, code, when, ++n) })),
      ...Object.entries(REPORTS_B).map(([code, when]) => ({ when, run: () => storeReport(1, code, when, ++n) })),
      ...Object.entries(ACKS).map(([code, when]) => ({
        when,
        run: async () => {
          // A member of the unit presses "Đã nhận" (as the notices feature records it).
          const unit = await db.unit.findFirstOrThrow({ where: { code } });
          const who = await db.member.create({
            data: { councilId: c.e.councilId, fullName: `Đại biểu ${unit.name}`, role: "delegate", unitId: unit.id },
          });
          return db.noticeAck.create({ data: { noticeId, memberId: who.id, unitId: unit.id, platform: "telegram", ackedAt: stamp(when) } });
        },
      })),
      { when: "2022-05-18 09:00", run: () => c.submitViaChat(an, /nổi cộm/, "Thôn An Thạch: 12 hộ chưa nhận tiền bồi thường.") },
    ].sort((x, y) => x.when.localeCompare(y.when));

    for (let i = 0; i < 9; i++) {
      const day = addLocalDays("2022-05-16", i);
      for (const time of ["07:00", "08:00", "12:00", "17:00", "22:00"]) {
        const moment = `${day} ${time}`;
        if (moment < "2022-05-16 12:00") continue;
        // What people did before this tick happens at its own time.
        while (pending.length > 0 && pending[0]!.when < moment) {
          const next = pending.shift()!;
          c.e.clock.set(stamp(next.when));
          await next.run();
        }
        await c.tickAt(stamp(moment));
      }
    }

    // Reminders per unit group, as "day task point" (A: 15 units due 20/5; B: 5 units due 18/5).
    const reminders = (code: string) =>
      c
        .timeline(groupOf(code), /NHẮC HẠN NỘP|QUÁ HẠN/)
        .map((l) => l.slice(5, 10))
        .map(
          (day, i) =>
            `${day} ${/ý kiến, kiến nghị cử tri/.test(c.arrivals.filter((a) => a.chatId === groupOf(code) && /NHẮC HẠN NỘP|QUÁ HẠN/.test(a.text))[i]!.text) ? "A" : "B"}`,
        )
        .sort(); // two reminders of one tick may arrive in either order
    expect(reminders("PHO_CHAU")).toEqual([]);
    expect(reminders("PHO_AN")).toEqual(["05-17 A", "05-17 B", "05-18 B"]);
    expect(reminders("PHO_THANH")).toEqual(["05-17 A"]);
    expect(reminders("PHO_HOA")).toEqual(["05-17 A", "05-19 A"]);
    expect(reminders("PHO_NINH")).toEqual(["05-17 A", "05-19 A", "05-20 A"]);
    expect(reminders("NGUYEN_NGHIEM")).toEqual(["05-17 A", "05-17 B", "05-18 B", "05-19 A", "05-19 B", "05-20 A"]);
    expect(reminders("PHO_PHONG")).toEqual([
      "05-17 A",
      "05-17 B",
      "05-18 B",
      "05-19 A",
      "05-19 B",
      "05-20 A",
      "05-20 B",
      "05-21 A",
      "05-21 B",
      "05-22 B",
      "05-23 B",
    ]);
    expect(reminders("PHO_VINH")).toEqual(["05-17 A", "05-17 B", "05-18 B", "05-19 A", "05-20 A", "05-21 A", "05-22 A", "05-23 A"]);
    for (const code of ["PHO_CUONG", "PHO_KHANH", "PHO_NHON", "PHO_THUAN"])
      expect(reminders(code), code).toEqual(["05-17 A", "05-19 A", "05-20 A", "05-21 A", "05-22 A", "05-23 A", "05-24 A"]);

    // Privately: Huỳnh Thị Mai (PHO_PHONG) gets the same reminders as her group; Nguyễn Văn An his three.
    // Each of them first got the two tasks' announcements, as they were created (issue 12).
    const announced = (id: number) => c.arrivals.filter((x) => x.chatId === id && /vừa giao nhiệm vụ báo cáo mới/.test(x.text));
    const privately = (id: number) =>
      c.arrivals
        .filter((x) => x.chatId === id && /^Kính gửi đồng chí/.test(x.text) && !/vừa giao nhiệm vụ báo cáo mới/.test(x.text))
        .map((x) => `${x.when} ${x.text.split("\n")[0]}`);
    expect(announced(mai.id).map((x) => x.text.match(/“(.*)”/)?.[1])).toEqual([TITLE_B, TITLE_A]);
    expect(announced(an.id)).toHaveLength(2);
    expect(privately(mai.id)).toHaveLength(11);
    expect(privately(an.id).map((l) => l.slice(0, 16))).toEqual(["2022-05-17 08:00", "2022-05-17 08:00", "2022-05-18 08:00"]);

    // The notice: one acknowledgement reminder, on Tuesday at noon, to the four units that never acknowledged.
    const acks = c.arrivals.filter((a) => /NHẮC XÁC NHẬN ĐÃ NHẬN THÔNG BÁO/.test(a.text));
    expect(acks.map((a) => `${a.when} ${CODES.find((x) => groupOf(x) === a.chatId)}`).sort()).toEqual(
      ["PHO_CUONG", "PHO_KHANH", "PHO_NHON", "PHO_THUAN"].map((x) => `2022-05-17 12:00 ${x}`),
    );

    // The standing committee: a digest every day at 17:00 (the first on Monday), one escalation for task B.
    const standing = c.timeline(STANDING, /TỔNG HỢP|QUÁ HẠN CHƯA NỘP/);
    expect(standing).toEqual(
      [
        ...["16", "17", "18", "19", "20", "21", "22", "23"].map((d) => `2022-05-${d} 17:00 TỔNG HỢP TÌNH HÌNH BÁO CÁO TRONG NGÀY`),
        "2022-05-23 08:00 TỔNG HỢP TÌNH HÌNH BÁO CÁO TRONG TUẦN",
        "2022-05-24 08:00 BÁO CÁO QUÁ HẠN CHƯA NỘP",
        "2022-05-24 17:00 TỔNG HỢP TÌNH HÌNH BÁO CÁO TRONG NGÀY",
      ].sort((x, y) => x.slice(0, 16).localeCompare(y.slice(0, 16))),
    );
    const escalation = c.arrivals.find((a) => a.chatId === STANDING && /QUÁ HẠN CHƯA NỘP/.test(a.text))!;
    expect(escalation.text).toMatch(
      /Nhiệm vụ Báo cáo vấn đề nổi cộm, bức xúc tại địa phương có hạn nộp báo cáo 17:00 thứ Tư, ngày 18\/5\/2022/,
    );
    expect(escalation.text).toMatch(/còn 1\/5 đơn vị chưa nộp báo cáo:\nxã Phổ Phong\./);

    const monday = c.arrivals
      .filter((a) => a.chatId === STANDING && a.when === "2022-05-23 17:00")
      .map((a) => a.text)
      .join("\n");
    expect(monday).toContain(
      [
        "1.1. Báo cáo vấn đề nổi cộm, bức xúc tại địa phương",
        "Hạn nộp: 17:00 thứ Tư, ngày 18/5/2022 — quá hạn 5 ngày. Đã nộp 4/5 đơn vị.",
        "• Đã nộp đúng hạn: 3/5 — các xã: Phổ An, Phổ Châu; phường Phổ Vinh.",
        "• Nộp muộn: 1/5 — phường Nguyễn Nghiêm.",
        "• Quá hạn, chưa nộp: 1/5 — xã Phổ Phong.",
      ].join("\n"),
    );
    expect(monday).toContain(
      [
        "1.2. Báo cáo kết quả tổng hợp ý kiến, kiến nghị cử tri",
        "Hạn nộp: 17:00 thứ Sáu, ngày 20/5/2022 — quá hạn 3 ngày. Đã nộp 11/15 đơn vị.",
        "• Đã nộp đúng hạn: 8/15 — các xã: Phổ An, Phổ Châu; các phường: Phổ Hòa, Phổ Minh, Phổ Ninh, Phổ Quang, Phổ Thạnh, Phổ Văn.",
        "• Nộp muộn: 3/15 — các phường: Nguyễn Nghiêm, Phổ Vinh; xã Phổ Phong.",
      ].join("\n"),
    );
    expect(monday).toMatch(/Quá hạn, chưa nộp: 4\/15 — các xã: Phổ Cường, Phổ Khánh, Phổ Nhơn, Phổ Thuận\./);
    expect(monday).toMatch(
      /Thông báo chưa được xác nhận đã nhận: 1[\s\S]*4 đơn vị chưa xác nhận — các xã: Phổ Cường, Phổ Khánh, Phổ Nhơn, Phổ Thuận\./,
    );
    expect(monday).toMatch(/Báo cáo mới nhận trong kỳ: 1[\s\S]*Phổ Vinh \(số BC-2022-9\d{3}, muộn\)/);

    // Nothing twice, nothing in quiet hours.
    const keys = await db.outboxMessage.findMany({ select: { idempotencyKey: true } });
    expect(new Set(keys.map((k) => k.idempotencyKey)).size).toBe(keys.length);
    expect(c.arrivals.filter((a) => a.when.slice(11) >= "21:00" || a.when.slice(11) < "07:00")).toEqual([]);
    // /tonghop on the last evening says the same as the digest.
    c.e.clock.set(at("2022-05-24", "18:00"));
    const now = await c.e.ask(lan, "/tonghop", /TỔNG HỢP TÌNH HÌNH BÁO CÁO/);
    expect(now.plainText).toMatch(/Quá hạn, chưa nộp: 4\/15/);
  }, 120_000); // a simulated week of ticks: over 30 s on a loaded machine
});
