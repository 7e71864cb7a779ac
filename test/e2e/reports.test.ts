/** A commune vice-chair answers the council: /baocao, /vande, /hanbaocao, as a person would on a phone. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { E2E, buttons, person } from "../helpers/e2e.js";
import { createTask } from "../../src/db/tasks.js";
import { findUnitByCode } from "../../src/db/units.js";
import { TINY_PNG } from "../fakes/telegram-bot-api/index.js";

const an = person(6001, "An", "Nguyễn");
const lan = person(6002, "Lan", "Phạm");
const ha = person(6003, "Hà", "Lê");
const STANDING = -1006000000001;
const PHO_AN_GROUP = -1006000000002;

let e: E2E;

async function task(title: string, dueAt: string, units = ["PHO_AN", "PHO_PHONG"]) {
  const unitIds = await Promise.all(units.map(async (c) => (await findUnitByCode(e.db.prisma, e.councilId, c))!.id));
  return e.db.transaction((tx) =>
    createTask(tx, {
      councilId: e.councilId,
      title,
      description: null,
      dueAt: new Date(dueAt),
      dueRule: null,
      noticeId: null,
      scheduleJson: null,
      createdById: null,
      createdByLabel: "test",
      createdAt: e.clock.now(),
      unitIds,
    }),
  );
}

beforeEach(async () => {
  e = await E2E.start({ now: "2022-05-23T02:00:00Z" }); // 09:00 Monday 23/5/2022 in Vietnam
  await e.registerGroup(STANDING, "standing");
  await e.registerGroup(PHO_AN_GROUP, "unit", "PHO_AN");
  await e.link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
  await e.link(lan, "standing", null, "Phạm Thị Lan");
});
afterEach(() => e.close());

describe("/baocao", () => {
  it("submits text and two files on time, then a late second version", async () => {
    await task("Báo cáo vấn đề nổi cộm tháng 5", "2022-05-31T10:00:00Z");
    await task("Báo cáo tiếp xúc cử tri", "2022-06-15T10:00:00Z");
    const list = await e.ask(an, "/baocao", /chọn yêu cầu báo cáo/);
    expect(buttons(list).map((b) => b.text)).toEqual([
      "Báo cáo vấn đề nổi cộm tháng 5 – hạn 31/5",
      "Báo cáo tiếp xúc cử tri – hạn 15/6",
      "Báo cáo khác",
    ]);
    await e.pressAndWait(an, list, /nổi cộm/, /Gửi xong, bấm Xem lại/);
    await e.ask(an, "Thôn An Thạch: 12 hộ chưa nhận tiền bồi thường dự án cao tốc Bắc - Nam.", /1 đoạn văn bản và 0 tệp/);
    let since = e.fake.deliveredCount;
    e.fake.injectDocument({
      chat: an.id,
      from: an,
      fileName: "bao-cao-thang-5.pdf",
      mimeType: "application/pdf",
      bytes: Buffer.from("%PDF-1.4 test"),
    });
    await e.next(an.id, /0 tệp|1 tệp/, since);
    since = e.fake.deliveredCount;
    e.fake.injectPhoto({ chat: an.id, from: an, bytes: TINY_PNG, caption: "Hiện trường" });
    const counted = await e.next(an.id, /2 đoạn văn bản và 2 tệp/, since);
    const preview = await e.pressAndWait(an, counted, "Xem lại", /XEM LẠI BÁO CÁO/);
    expect(preview.plainText).toMatch(/Đơn vị: Xã Phổ An/);
    expect(preview.plainText).toMatch(/bao-cao-thang-5\.pdf/);
    const receipt = await e.pressAndWait(an, preview, "Gửi", /Đã nhận báo cáo số/);
    expect(receipt.plainText).toMatch(/BC-2022-0001/);
    expect(receipt.plainText).toMatch(/đúng hạn/);

    const header = await e.next(STANDING, /BÁO CÁO BC-2022-0001/);
    expect(header.plainText).toMatch(/Đơn vị: Xã Phổ An/);
    expect(header.plainText).toMatch(/Người gửi: Nguyễn Văn An/);
    expect(header.plainText).toMatch(/12 hộ chưa nhận tiền bồi thường/);
    await e.drain();
    const files = e.fake.messagesTo(STANDING).filter((m) => m.document || m.photo);
    expect(files.map((m) => m.document?.fileName ?? "photo")).toEqual(["bao-cao-thang-5.pdf", "photo"]);

    // Two days after the deadline, a corrected version.
    e.clock.set("2022-06-02T03:00:00Z");
    const list2 = await e.ask(an, "/baocao", /chọn yêu cầu/);
    // The unit already reported: the bot offers an addition or a replacement, and says a replacement replaces it all.
    const already = await e.pressAndWait(an, list2, /nổi cộm/, /Đơn vị đã gửi báo cáo số BC-2022-0001/);
    expect(already.plainText).toMatch(/thay thế toàn bộ/);
    await e.pressAndWait(an, already, "Gửi bản thay thế", /Gửi xong/);
    const got = await e.ask(an, "Bổ sung: đã chi trả thêm 5 hộ.", /1 đoạn văn bản/);
    const p2 = await e.pressAndWait(an, got, "Xem lại", /XEM LẠI/);
    const r2 = await e.pressAndWait(an, p2, "Gửi", /Đã nhận báo cáo số/);
    expect(r2.plainText).toMatch(/BC-2022-0002/);
    expect(r2.plainText).toMatch(/trễ hạn \(2 ngày\)/);
    expect(r2.plainText).toMatch(/lần gửi thứ 2/);
    expect(r2.plainText).toMatch(/thay thế toàn bộ báo cáo số BC-2022-0001/);
    const rows = await e.db.prisma.submission.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.version, r.late])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(await e.db.prisma.auditLog.count({ where: { action: "report.submit" } })).toBe(2);
  });

  it("refuses empty reports, stickers and unsupported files, and keeps what was entered", async () => {
    await task("Báo cáo A", "2022-05-31T10:00:00Z");
    const list = await e.ask(an, "/baocao", /chọn yêu cầu/);
    const ask = await e.pressAndWait(an, list, /Báo cáo A/, /Gửi xong/);
    expect((await e.pressAndWait(an, ask, "Xem lại", /chưa có nội dung/)).plainText).toMatch(/chưa có nội dung/);
    let since = e.fake.deliveredCount;
    e.fake.injectSticker({ chat: an.id, from: an });
    expect((await e.next(an.id, undefined, since)).plainText).toMatch(/Nhãn dán/);
    since = e.fake.deliveredCount;
    e.fake.injectDocument({ chat: an.id, from: an, fileName: "virus.exe", mimeType: "application/x-msdownload", bytes: Buffer.from("MZ") });
    expect((await e.next(an.id, undefined, since)).plainText).toMatch(/không thuộc loại được nhận/);
    since = e.fake.deliveredCount;
    e.fake.injectDocument({
      chat: an.id,
      from: an,
      fileName: "ok.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      bytes: Buffer.from("PK"),
    });
    expect((await e.next(an.id, undefined, since)).plainText).toMatch(/0 đoạn văn bản và 1 tệp/);
  });

  it("resumes at the same step after a restart, with everything entered", async () => {
    await task("Báo cáo A", "2022-05-31T10:00:00Z");
    const list = await e.ask(an, "/baocao", /chọn yêu cầu/);
    await e.pressAndWait(an, list, /Báo cáo A/, /Gửi xong/);
    await e.ask(an, "Nội dung trước khi khởi động lại.", /1 đoạn văn bản/);
    await e.restart();
    const after = await e.ask(an, "Nội dung sau khi khởi động lại.", /2 đoạn văn bản/);
    const preview = await e.pressAndWait(an, after, "Xem lại", /XEM LẠI/);
    expect(preview.plainText).toMatch(/trước khi khởi động lại[\s\S]*sau khi khởi động lại/);
    await e.pressAndWait(an, preview, "Gửi", /Đã nhận báo cáo số/);
  });

  it("rejects an old preview's button, cancels at each step, and expires after 24 hours", async () => {
    await task("Báo cáo A", "2022-05-31T10:00:00Z");
    // cancel at the task list
    let list = await e.ask(an, "/baocao", /chọn yêu cầu/);
    expect((await e.ask(an, "/huy")).plainText).toMatch(/Đã hủy/);
    const stale = await e.press(an, list, /Báo cáo A/);
    expect((await stale.waitForAnswer()).text).toMatch(/cũ/);
    // cancel at content, with the Hủy button
    list = await e.ask(an, "/baocao", /chọn yêu cầu/);
    const content = await e.pressAndWait(an, list, /Báo cáo A/, /Gửi xong/);
    expect((await e.pressAndWait(an, content, "Hủy", /Đã hủy/)).plainText).toMatch(/không được lưu/);
    // cancel at review, by typing
    list = await e.ask(an, "/baocao", /chọn yêu cầu/);
    await e.pressAndWait(an, list, /Báo cáo A/, /Gửi xong/);
    const got = await e.ask(an, "abc", /1 đoạn/);
    const preview = await e.pressAndWait(an, got, "Xem lại", /XEM LẠI/);
    expect((await e.ask(an, "3", /Đã hủy/)).plainText).toMatch(/Đã hủy/); // "3" = the third choice, Hủy
    const old = await e.press(an, preview, "Gửi");
    expect((await old.waitForAnswer()).text).toMatch(/cũ/);
    expect(await e.db.prisma.submission.count()).toBe(0);
    // expiry
    await e.ask(an, "/baocao", /chọn yêu cầu/);
    e.clock.advance(25 * 3600_000);
    expect((await e.ask(an, "1")).plainText).toMatch(/quá 24 giờ/);
  });

  it("tells the person when the task closed while they were typing, and offers 'Báo cáo khác'", async () => {
    const t = await task("Báo cáo A", "2022-05-31T10:00:00Z");
    const list = await e.ask(an, "/baocao", /chọn yêu cầu/);
    await e.pressAndWait(an, list, /Báo cáo A/, /Gửi xong/);
    const got = await e.ask(an, "Nội dung", /1 đoạn/);
    const preview = await e.pressAndWait(an, got, "Xem lại", /XEM LẠI/);
    await e.db.prisma.reportTask.update({ where: { id: t.id }, data: { status: "closed" } });
    const closed = await e.pressAndWait(an, preview, "Gửi", /vừa được Văn phòng đóng/);
    const receipt = await e.pressAndWait(an, closed, "Gửi như báo cáo khác", /Đã nhận báo cáo số/);
    expect(receipt.plainText).toMatch(/Báo cáo khác/);
    expect((await e.db.prisma.submission.findFirst())!.taskId).toBeNull();
  });

  it("in a group, answers with a button that opens a private chat", async () => {
    const reply = await e.ask(an, "/baocao", /tin nhắn riêng/, PHO_AN_GROUP);
    expect(buttons(reply)[0]!.url).toBe("https://t.me/fake_council_bot?start=baocao");
    // the deep link runs /baocao in private
    expect((await e.ask(an, "/start baocao", /Gửi báo cáo của xã Phổ An|không có yêu cầu báo cáo/)).plainText).toBeTruthy();
  });

  it("refuses /baocao to the office, and asks before abandoning an open flow", async () => {
    await e.link(ha, "office");
    expect((await e.ask(ha, "/baocao")).plainText).toMatch(/không có quyền/);
    await task("Báo cáo A", "2022-05-31T10:00:00Z");
    const list = await e.ask(an, "/baocao", /chọn yêu cầu/);
    await e.pressAndWait(an, list, /Báo cáo A/, /Gửi xong/);
    const ask = await e.ask(an, "/vande", /bỏ thao tác đó/);
    const kept = await e.pressAndWait(an, ask, "Tiếp tục việc đang làm", /Gửi xong|tiếp tục/);
    expect(kept.plainText).toBeTruthy();
    const again = await e.ask(an, "/vande", /bỏ thao tác đó/);
    expect((await e.pressAndWait(an, again, "Bỏ và bắt đầu việc mới", /lĩnh vực nào/)).plainText).toMatch(/vấn đề nổi cộm/i);
  });
});

describe("bad input around flows", () => {
  it("keeps both of two quick messages, and refuses forged buttons", async () => {
    await task("Báo cáo A", "2022-05-31T10:00:00Z");
    const list = await e.ask(an, "/baocao", /chọn yêu cầu/);
    await e.pressAndWait(an, list, /Báo cáo A/, /Gửi xong/);
    const since = e.fake.deliveredCount;
    e.say(an, "Đoạn một");
    e.say(an, "Đoạn hai");
    e.say(an, "Đoạn ba");
    const third = await e.next(an.id, /3 đoạn văn bản/, since);
    const preview = await e.pressAndWait(an, third, "Xem lại", /XEM LẠI/);
    expect(preview.plainText).toMatch(/Đoạn một[\s\S]*Đoạn hai[\s\S]*Đoạn ba/);
    for (const data of ["is:ack:99999", "nt:ack:abc", "zzz", "f:AAAA:submit"]) {
      const forged = e.fake.injectCallback({ from: an, chat: an.id, messageId: preview.messageId, data });
      expect((await forged.waitForAnswer()).text).toMatch(/cũ|không còn|Không tìm thấy|Chỉ Thường trực/);
    }
    expect(await e.db.prisma.submission.count()).toBe(0);
  });
});

describe("/hanbaocao", () => {
  it("lists open tasks with due dates and what was submitted", async () => {
    await task("Báo cáo A", "2022-05-31T10:00:00Z");
    await task("Báo cáo B", "2022-05-20T10:00:00Z");
    const r = await e.ask(an, "/hanbaocao", /Hạn báo cáo của xã Phổ An/);
    expect(r.plainText).toMatch(/Báo cáo B[\s\S]*quá hạn 3 ngày[\s\S]*Chưa gửi[\s\S]*Báo cáo A[\s\S]*còn 8 ngày/);
  });
});

describe("/vande", () => {
  it("reaches the standing committee, who acknowledge, hand it to a committee and close it; the reporter sees each change", async () => {
    const cat = await e.ask(an, "/vande", /lĩnh vực nào/);
    const urg = await e.pressAndWait(an, cat, "Bồi thường, giải phóng mặt bằng", /Mức độ/);
    const loc = await e.pressAndWait(an, urg, "Rất khẩn", /ở đâu/);
    await e.ask(an, "Thôn An Thạch, xã Phổ An", /mô tả sự việc/);
    const got = await e.ask(an, "Người dân chặn thi công đoạn qua thôn vì chưa nhận tiền bồi thường.", /1 đoạn/);
    expect(loc).toBeTruthy();
    const preview = await e.pressAndWait(an, got, "Xem lại", /XEM LẠI VẤN ĐỀ/);
    const receipt = await e.pressAndWait(an, preview, "Gửi", /Đã chuyển vấn đề số/);
    expect(receipt.plainText).toMatch(/VD-2022-0001/);

    const card = await e.next(STANDING, /VẤN ĐỀ VD-2022-0001/);
    expect(card.plainText).toMatch(/RẤT KHẨN/);
    expect(buttons(card).map((b) => b.text)).toEqual(["Tiếp nhận", "Chuyển Ban…", "Đã xử lý"]);

    // only the standing committee may act
    const denied = await e.press(an, card, "Tiếp nhận");
    expect((await denied.waitForAnswer()).text).toMatch(/Chỉ Thường trực HĐND/);

    expect(card.plainText).toContain("Trạng thái: chưa tiếp nhận");
    let since = e.fake.deliveredCount;
    const ack = await e.press(lan, card, "Tiếp nhận");
    expect((await ack.waitForAnswer()).text).toBe("Đã tiếp nhận vấn đề VD-2022-0001. Người báo cáo đã được báo.");
    expect((await e.next(an.id, /đã được cập nhật: đã tiếp nhận/, since)).plainText).toMatch(/Phạm Thị Lan/);
    await e.fake.waitForEdit((x) => x.chatId === STANDING && (x.plainText ?? "").includes("Trạng thái: đã tiếp nhận"));

    since = e.fake.deliveredCount;
    await e.press(lan, e.fake.sentMessage(STANDING, card.messageId)!, "Chuyển Ban…");
    const committees = await e.next(STANDING, /cho Ban nào/, since);
    since = e.fake.deliveredCount;
    const toBan = await e.press(lan, committees, "Ban Pháp chế HĐND thị xã");
    expect((await toBan.waitForAnswer()).text).toBe(
      "Đã chuyển vấn đề VD-2022-0001 cho Ban Pháp chế HĐND thị xã. Người báo cáo đã được báo.",
    );
    expect((await e.next(an.id, /đã chuyển Ban \(Ban Pháp chế HĐND thị xã\)/, since)).plainText).toBeTruthy();

    since = e.fake.deliveredCount;
    await e.press(lan, e.fake.sentMessage(STANDING, card.messageId)!, "Đã xử lý");
    await e.next(STANDING, /nhập ghi chú kết quả/, since);
    // The note is typed as a reply (privacy mode hides other group text from the bot), asked of Lan only.
    const typeHere = await e.next(STANDING, /trả lời \(reply\) tin nhắn này/, since);
    expect(typeHere.replyMarkup).toEqual({ force_reply: true, selective: true });
    expect(e.say(lan, "Đã phối hợp UBND xã chi trả xong cho 12 hộ.", STANDING).delivered).toBe(false);
    since = e.fake.deliveredCount;
    e.fake.injectMessage({
      chat: STANDING,
      from: lan,
      text: "Đã phối hợp UBND xã chi trả xong cho 12 hộ.",
      replyToMessageId: typeHere.messageId,
    });
    const closed = await e.next(an.id, /đã được cập nhật: đã xử lý/, since);
    expect(closed.plainText).toMatch(/Ghi chú: Đã phối hợp UBND xã chi trả xong cho 12 hộ\./);
    await e.fake.waitForEdit((x) => x.chatId === STANDING && (x.plainText ?? "").includes("Trạng thái: đã xử lý"));
    const final = e.fake.sentMessage(STANDING, card.messageId)!;
    expect(buttons(final)).toEqual([]);
    const events = await e.db.prisma.issueEvent.findMany({ orderBy: { id: "asc" } });
    expect(events.map((x) => x.toStatus)).toEqual(["new", "acknowledged", "assigned", "resolved"]);
    expect(await e.db.prisma.auditLog.count({ where: { action: { startsWith: "issue." } } })).toBe(4);
  });

  it("resumes after a restart in the middle and refuses an over-long place name", async () => {
    const cat = await e.ask(an, "/vande", /lĩnh vực nào/);
    const urg = await e.pressAndWait(an, cat, "Môi trường", /Mức độ/);
    await e.pressAndWait(an, urg, "Khẩn", /ở đâu/);
    await e.restart();
    expect((await e.ask(an, "x".repeat(250))).plainText).toMatch(/Địa điểm quá dài/);
    await e.ask(an, "Bãi rác thôn 3", /mô tả sự việc/);
    const got = await e.ask(an, "Rác tồn đọng", /1 đoạn/);
    const preview = await e.pressAndWait(an, got, "Xem lại", /XEM LẠI VẤN ĐỀ/);
    expect(preview.plainText).toMatch(/Lĩnh vực: Môi trường[\s\S]*Mức độ: Khẩn[\s\S]*Địa điểm: Bãi rác thôn 3/);
  });
});
