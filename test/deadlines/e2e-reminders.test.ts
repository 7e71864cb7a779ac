/**
 * End to end over the fake Bot API: the office creates a task due in three days with /hanmoi, the clock
 * moves step by step over a week, reminders arrive in the unit groups and privately to the vice-chairs, in
 * order and once; /baocao stops a unit's reminders; a restart duplicates nothing; the daily digest names the
 * late and missing units; /tonghop answers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttons } from "../helpers/e2e.js";
import { addLocalDays } from "../../src/domain/time/vietnam-time.js";
import { CODES, CouncilE2E, STANDING, an, at, groupOf, ha, lan, mai } from "./e2e-helpers.js";

const TIMES = ["06:30", "07:00", "08:00", "12:00", "17:00", "22:00"];
let c: CouncilE2E;

beforeAll(async () => {
  c = await CouncilE2E.start(at("2022-05-23", "09:00")); // Monday 23/5/2022, 09:00
});
afterAll(() => c?.close());

describe("a task due in three days, over a week", () => {
  it("is created by the office with /hanmoi, showing the reminder plan", async () => {
    const { e } = c;
    await e.ask(ha, "/hanmoi", /Tạo nhiệm vụ báo cáo/);
    const desc = await e.ask(ha, "Báo cáo tình hình bồi thường, giải phóng mặt bằng dự án cao tốc Bắc - Nam", /nội dung, yêu cầu cụ thể/);
    await e.pressAndWait(ha, desc, "Bỏ qua", /Hạn nộp báo cáo là ngày nào/);
    expect((await e.ask(ha, "26/5/2022", /Giao nhiệm vụ cho những đơn vị nào/)).plainText).toBeTruthy();
    const mode = e.fake.lastMessageTo(ha.id)!;
    const review = await e.pressAndWait(ha, mode, "Tất cả đơn vị (15)", /XEM LẠI NHIỆM VỤ BÁO CÁO/);
    expect(review.plainText).toMatch(/Hạn nộp: 17:00 thứ Năm, ngày 26\/5\/2022 \(còn 3 ngày\)/);
    expect(review.plainText).toMatch(/Đơn vị thực hiện: tất cả 15 đơn vị/);
    // 23/5 08:00 (3 days before) had passed when the task was created: the first reminder is the day before.
    expect(review.plainText).toMatch(
      /• 08:00 thứ Tư, ngày 25\/5\/2022 — trước hạn 1 ngày\n• 08:00 thứ Năm, ngày 26\/5\/2022 — ngày hết hạn\n• 08:00 thứ Sáu, ngày 27\/5\/2022 — quá hạn 1 ngày/,
    );
    expect(review.plainText).toMatch(/• 08:00 thứ Tư, ngày 1\/6\/2022 — báo Thường trực HĐND danh sách đơn vị chưa nộp/);
    const created = await e.pressAndWait(ha, review, "Tạo nhiệm vụ", /Đã tạo nhiệm vụ báo cáo #1/);
    expect(created.plainText).toMatch(/hạn nộp 17:00 thứ Năm, ngày 26\/5\/2022, giao cho 15 đơn vị/);
    const task = await e.db.prisma.reportTask.findFirstOrThrow({ include: { assignments: true } });
    expect(task.assignments).toHaveLength(15);
    expect(await e.db.prisma.auditLog.count({ where: { action: "task.create" } })).toBe(1);
    c.collect();
  });

  it("reminds in order and once, stops for units that submit, survives a restart, escalates once", async () => {
    const days = Array.from({ length: 10 }, (_, i) => addLocalDays("2022-05-23", i)); // 23/5 .. 1/6
    for (const day of days) {
      for (const time of TIMES) {
        if (day === "2022-05-23" && time < "12:00") continue;
        await c.tickAt(at(day, time));
        if (day === "2022-05-25" && time === "08:00") {
          // Nguyễn Văn An answers the reminder at 10:00, on time.
          c.e.clock.set(at(day, "10:00"));
          expect(await c.submitViaChat(an, /bồi thường/, "Đã chi trả 80% số hộ; còn 12 hộ chưa nhận.")).toMatch(/đúng hạn/);
        }
        if (day === "2022-05-26" && time === "12:00") {
          // The service restarts between ticks and ticks the same moment again: nothing is sent twice.
          await c.restart();
          expect(await c.tickAt(at(day, time))).toEqual([]);
        }
        if (day === "2022-05-27" && time === "08:00") {
          // Huỳnh Thị Mai submits at 10:00 the day after the deadline: late.
          c.e.clock.set(at(day, "10:00"));
          expect(await c.submitViaChat(mai, /bồi thường/, "Báo cáo bổ sung của xã Phổ Phong.")).toMatch(/trễ hạn/);
        }
      }
    }

    // Nothing arrives in quiet hours.
    const hours = c.arrivals.map((a) => a.when.slice(11));
    expect(hours.filter((h) => h < "07:00" || h >= "21:00")).toEqual([]);

    const reminders = (chat: number) => c.timeline(chat, /NHẮC HẠN NỘP|QUÁ HẠN/);
    expect(reminders(groupOf("PHO_AN"))).toEqual(["2022-05-25 08:00 NHẮC HẠN NỘP BÁO CÁO"]);
    expect(reminders(groupOf("PHO_PHONG"))).toEqual([
      "2022-05-25 08:00 NHẮC HẠN NỘP BÁO CÁO",
      "2022-05-26 08:00 NHẮC HẠN NỘP BÁO CÁO",
      "2022-05-27 08:00 BÁO CÁO ĐÃ QUÁ HẠN",
    ]);
    const full = [
      "2022-05-25 08:00 NHẮC HẠN NỘP BÁO CÁO",
      "2022-05-26 08:00 NHẮC HẠN NỘP BÁO CÁO",
      ...["27", "28", "29", "30", "31"].map((d) => `2022-05-${d} 08:00 BÁO CÁO ĐÃ QUÁ HẠN`),
    ];
    for (const code of CODES.filter((x) => x !== "PHO_AN" && x !== "PHO_PHONG")) expect(reminders(groupOf(code)), code).toEqual(full);

    // Privately to the vice-chairs who linked their accounts.
    // The first is the task's announcement, as it was created (issue 12).
    expect(c.timeline(an.id, /^Kính gửi đồng chí/)).toEqual([
      "2022-05-23 12:00 Kính gửi đồng chí Nguyễn Văn An.",
      "2022-05-25 08:00 Kính gửi đồng chí Nguyễn Văn An.",
    ]);
    expect(c.timeline(mai.id, /^Kính gửi đồng chí/).map((l) => l.slice(0, 16))).toEqual([
      "2022-05-23 12:00",
      "2022-05-25 08:00",
      "2022-05-26 08:00",
      "2022-05-27 08:00",
    ]);

    // Texts: the deadline in Vietnamese form, days left or overdue, how to submit, and the button.
    // (The group's first message is the task's announcement, with its own button: see test/e2e/task-announce.test.ts.)
    const announced = c.arrivals.filter((a) => a.chatId === groupOf("PHO_CHAU") && /NHIỆM VỤ BÁO CÁO MỚI/.test(a.text));
    expect(announced.map((a) => a.when)).toEqual(["2022-05-23 12:00"]);
    const first = c.arrivals.find((a) => a.chatId === groupOf("PHO_CHAU") && /NHẮC HẠN/.test(a.text))!;
    expect(first.text).toMatch(/Hạn nộp: 17:00 thứ Năm, ngày 26\/5\/2022 — còn 1 ngày \(hạn ngày mai\)\./);
    expect(first.text).toMatch(/bằng lệnh \/baocao/);
    expect(buttons(first.message)).toEqual([
      expect.objectContaining({ text: "📝 Gửi báo cáo", url: "https://t.me/fake_council_bot?start=baocao" }),
    ]);
    const last = c.arrivals.filter((a) => a.chatId === groupOf("PHO_CHAU")).at(-1)!;
    expect(last.text).toMatch(/quá hạn 5 ngày/);

    // The standing committee: one escalation, on 1/6 at 08:00, naming the 13 units still missing.
    const escalations = c.arrivals.filter((a) => a.chatId === STANDING && /BÁO CÁO QUÁ HẠN CHƯA NỘP/.test(a.text));
    expect(escalations.map((a) => a.when)).toEqual(["2022-06-01 08:00"]);
    expect(escalations[0]!.text).toMatch(/còn 13\/15 đơn vị chưa nộp báo cáo/);
    expect(escalations[0]!.text).not.toMatch(/Phổ An|Phổ Phong/);

    // Each reminder key once in the whole run, restart included.
    const keys = await c.e.db.prisma.outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: "reminder:" } },
      select: { idempotencyKey: true, status: true },
    });
    expect(keys.every((k) => k.status === "sent")).toBe(true);
    expect(keys).toHaveLength(15 + 14 + 14 + 13 * 4 + 2 + 1 + 1); // groups, then An's and Mai's private reminders
  }, 120_000); // ten simulated days of ticks and a restart: over 30 s on a loaded machine

  it("sends a daily digest each day at 17:00 naming the late and missing units, and the weekly one on Monday", async () => {
    const digests = c.timeline(STANDING, /TỔNG HỢP TÌNH HÌNH BÁO CÁO/);
    expect(digests).toEqual([
      ...["23", "24", "25", "26", "27", "28", "29"].map((d) => `2022-05-${d} 17:00 TỔNG HỢP TÌNH HÌNH BÁO CÁO TRONG NGÀY`),
      "2022-05-30 08:00 TỔNG HỢP TÌNH HÌNH BÁO CÁO TRONG TUẦN",
      "2022-05-30 17:00 TỔNG HỢP TÌNH HÌNH BÁO CÁO TRONG NGÀY",
      "2022-05-31 17:00 TỔNG HỢP TÌNH HÌNH BÁO CÁO TRONG NGÀY",
      "2022-06-01 17:00 TỔNG HỢP TÌNH HÌNH BÁO CÁO TRONG NGÀY",
    ]);
    const friday = c.arrivals
      .filter((a) => a.chatId === STANDING && a.when === "2022-05-27 17:00")
      .map((a) => a.text)
      .join("\n");
    expect(friday).toMatch(/Đã nộp đúng hạn: 1\/15 — xã Phổ An\./);
    expect(friday).toMatch(/Nộp muộn: 1\/15 — xã Phổ Phong\./);
    expect(friday).toMatch(
      /Quá hạn, chưa nộp: 13\/15 — các phường: Nguyễn Nghiêm, Phổ Hòa, Phổ Minh, Phổ Ninh, Phổ Quang, Phổ Thạnh, Phổ Văn, Phổ Vinh; các xã: Phổ Châu, Phổ Cường, Phổ Khánh, Phổ Nhơn, Phổ Thuận\./,
    );
    expect(friday).toMatch(/Báo cáo mới nhận trong kỳ: 1[\s\S]*xã Phổ Phong \(số BC-2022-0002, muộn\)/);
    const wednesday = c.arrivals
      .filter((a) => a.chatId === STANDING && a.when === "2022-05-25 17:00")
      .map((a) => a.text)
      .join("\n");
    expect(wednesday).toMatch(/Chưa nộp \(chưa đến hạn\): 14\/15/);
  });

  it("answers /tonghop for the standing committee in private and in its group, not in a unit's group", async () => {
    const { e } = c;
    const reply = await e.ask(lan, "/tonghop", /TỔNG HỢP TÌNH HÌNH BÁO CÁO/);
    expect(reply.plainText).toMatch(/Số liệu tính đến/);
    expect(reply.plainText).toMatch(/Quá hạn, chưa nộp: 13\/15/);
    expect((await e.ask(lan, "/digest", /TỔNG HỢP/, STANDING)).plainText).toMatch(/Quá hạn, chưa nộp: 13\/15/);
    expect((await e.ask(ha, "/tonghop", /nhóm Thường trực/, groupOf("PHO_AN"))).plainText).toMatch(/tin nhắn riêng/);
    expect((await e.ask(an, "/tonghop")).plainText).toMatch(/không có quyền/);
  });
});
