/**
 * The reporting regime played through the real app and the fake Bot API, as the office and the vice-chairs
 * would: a monthly task created with /hanmoi, "Không phát sinh" in one step, a report completed after the
 * deadline with the receipt's button, an extension for one commune from /nhiemvu, and the digest as a Word
 * document from /tonghop. Default quiet days (Sundays and holidays).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { an, at, CouncilE2E, groupOf, ha, lan, mai, STANDING } from "../deadlines/e2e-helpers.js";
import { buttons } from "../helpers/e2e.js";

let c: CouncilE2E;
beforeAll(async () => {
  c = await CouncilE2E.start(at("2026-11-05", "09:00"), {}); // Thursday 5/11/2026
}, 60_000);
afterAll(async () => {
  await c?.close();
});

describe("a month of periodic reporting in chat", () => {
  it("the office sets a monthly report, due on the 20th, with /hanmoi; this month's period opens at once", async () => {
    const { e } = c;
    await e.ask(ha, "/hanmoi", /Tạo nhiệm vụ báo cáo/);
    const desc = await e.ask(ha, "Báo cáo kết quả giải quyết kiến nghị cử tri", /nội dung, yêu cầu cụ thể/);
    const due = await e.pressAndWait(ha, desc, "Bỏ qua", /Hạn nộp báo cáo là ngày nào/);
    expect(buttons(due).map((b) => b.text)).toContain("Hằng tháng");
    await e.pressAndWait(ha, due, "Hằng tháng", /ngày nào trong tháng/);
    const bad = await e.ask(ha, "35", /không phải một ngày từ 1 đến 31/);
    expect(bad.plainText).toMatch(/35/);
    const until = await e.ask(ha, "20", /áp dụng đến khi nào/);
    const mode = await e.pressAndWait(ha, until, "Không thời hạn", /Giao nhiệm vụ cho những đơn vị nào/);
    const review = await e.pressAndWait(ha, mode, /Tất cả đơn vị/, /XEM LẠI NHIỆM VỤ/);
    expect(review.plainText).toMatch(/Định kỳ: hằng tháng, hạn ngày 20, không thời hạn/);
    expect(review.plainText).toMatch(
      /tháng 11\/2026 \(hạn 20\/11\/2026\); tháng 12\/2026 \(hạn 20\/12\/2026\); tháng 1\/2027 \(hạn 20\/1\/2027\)/,
    );
    const done = await e.pressAndWait(ha, review, "Tạo nhiệm vụ", /chế độ báo cáo định kỳ/);
    expect(done.plainText).toMatch(/ĐK1 “Báo cáo kết quả giải quyết kiến nghị cử tri” \(hằng tháng, hạn ngày 20\), giao cho 15 đơn vị/);
    expect(done.plainText).toMatch(/Kỳ đầu tiên: tháng 11\/2026, nhiệm vụ #1, hạn 17:00 thứ Sáu, ngày 20\/11\/2026/);
  });

  it("a vice-chair answers 'Không phát sinh' with a note in one step; the standing committee sees it", async () => {
    const { e } = c;
    const list = await e.ask(an, "/baocao", /chọn yêu cầu báo cáo/);
    const content = await e.pressAndWait(an, list, /tháng 11\/2026/, /Gửi xong, bấm Xem lại/);
    expect(buttons(content).map((b) => b.text)).toContain("Không phát sinh");
    const confirm = await e.pressAndWait(an, content, "Không phát sinh", /Báo cáo Không phát sinh cho/);
    expect(buttons(confirm).map((b) => b.text)).toEqual(["Gửi “Không phát sinh”", "◂ Quay lại"]);
    const since = e.fake.deliveredCount;
    const receipt = await e.ask(an, "Trong tháng không có kiến nghị mới", /Đã nhận báo cáo Không phát sinh/);
    expect(receipt.plainText).toMatch(/Ghi chú: Trong tháng không có kiến nghị mới[\s\S]*đúng hạn[\s\S]*thôi nhắc hạn/);
    const standing = await e.next(STANDING, /KHÔNG PHÁT SINH/, since);
    expect(standing.plainText).toMatch(/Xã Phổ An/);
  });

  it("no reminder reaches a unit that answered; the others are reminded on working mornings only", async () => {
    // before-7 is Friday 13/11; Sunday 15/11 carries nothing.
    const out = [...(await c.tickAt(at("2026-11-13", "08:00"))), ...(await c.tickAt(at("2026-11-15", "08:00")))];
    const reminded = out.filter((a) => /NHẮC HẠN NỘP BÁO CÁO/.test(a.text)).map((a) => a.chatId);
    expect(reminded).toHaveLength(14);
    expect(reminded).not.toContain(groupOf("PHO_AN"));
    expect(out.every((a) => a.when.startsWith("2026-11-13"))).toBe(true);
  });

  it("the office extends the deadline for one commune from /nhiemvu; only that commune is told", async () => {
    const { e } = c;
    const list = await e.ask(ha, "/nhiemvu", /Nhiệm vụ báo cáo/);
    const card = await e.pressAndWait(ha, list, /#1 /, /Đồng chí chọn việc cần làm/);
    const scope = await e.pressAndWait(ha, card, "Gia hạn", /tất cả các đơn vị hay chỉ một số/);
    const pick = await e.pressAndWait(ha, scope, "Chọn đơn vị được gia hạn", /Bấm vào tên đơn vị/);
    expect(buttons(pick).length).toBeGreaterThanOrEqual(8); // the task's 15 units, a page at a time
    const chosen = await e.ask(ha, "Phổ Châu", /Đã chọn 1 đơn vị/);
    await e.pressAndWait(ha, chosen, /^Xong/, /Hạn hiện tại: 17:00 thứ Sáu, ngày 20\/11\/2026/);
    await e.ask(ha, "25/11/2026", /lý do gia hạn/);
    const since = e.fake.deliveredCount;
    const ok = await e.ask(ha, "Xã bị ảnh hưởng bão số 13", /Đã gia hạn/);
    expect(ok.plainText).toMatch(/đến 17:00 thứ Tư, ngày 25\/11\/2026 cho 1 đơn vị/);
    const told = await e.next(groupOf("PHO_CHAU"), /THÔNG BÁO GIA HẠN/, since);
    expect(told.plainText).toMatch(/từ 17:00 thứ Sáu, ngày 20\/11\/2026 đến 17:00 thứ Tư, ngày 25\/11\/2026[\s\S]*bão số 13/);
    await e.drain();
    expect(
      e.fake
        .allMessages()
        .filter((m) => m.seq > since && /GIA HẠN/.test(m.plainText ?? ""))
        .map((m) => m.chatId),
    ).toEqual([groupOf("PHO_CHAU")]);
    // The due-day morning: the 13 units still missing hear "hạn là hôm nay"; Phổ Châu hears its own, later deadline.
    const dueDay = (await c.tickAt(at("2026-11-20", "08:00"))).filter((a) => /NHẮC HẠN/.test(a.text));
    expect(dueDay.filter((a) => /hạn là hôm nay/.test(a.text)).map((a) => a.chatId)).toHaveLength(13);
    const chau = dueDay.filter((a) => a.chatId === groupOf("PHO_CHAU"));
    expect(chau.map((a) => a.text.match(/Hạn nộp: [^—]+/)?.[0].trim())).toEqual(["Hạn nộp: 17:00 thứ Tư, ngày 25/11/2026"]);
  });

  it("a report completed after the deadline with the receipt's button keeps its on-time status", async () => {
    const { e } = c;
    c.e.clock.set(at("2026-11-20", "10:00"));
    const receipt = await c.submitViaChat(mai, /tháng 11\/2026/, "Đã tiếp nhận 12 kiến nghị, giải quyết 9.");
    expect(receipt).toMatch(/đúng hạn/);
    const msg = e.fake
      .allMessages()
      .filter((m) => m.chatId === mai.id && /Đã nhận báo cáo số/.test(m.plainText ?? ""))
      .at(-1)!;
    expect(buttons(msg).map((b) => b.text)).toEqual(["➕ Bổ sung báo cáo này"]);
    c.e.clock.set(at("2026-11-23", "09:00")); // Monday, after the deadline
    const ask = await e.pressAndWait(mai, msg, "➕ Bổ sung báo cáo này", /Bổ sung cho báo cáo số/, mai.id);
    expect(ask.plainText).toMatch(/BC-2026-\d{4}/);
    const got = await e.ask(mai, "Bổ sung: 3 kiến nghị còn lại đã chuyển UBND thị xã.", /1 đoạn văn bản/);
    const preview = await e.pressAndWait(mai, got, "Xem lại", /XEM LẠI PHẦN BỔ SUNG/);
    const since = e.fake.deliveredCount;
    const done = await e.pressAndWait(mai, preview, "Gửi", /Đã nhận phần bổ sung lần 1/);
    expect(done.plainText).toMatch(/bổ sung trễ hạn[\s\S]*giữ nguyên \(đúng hạn\)/);
    expect((await e.next(STANDING, /BỔ SUNG BÁO CÁO/, since)).plainText).toMatch(/lần 1[\s\S]*bổ sung sau hạn[\s\S]*3 kiến nghị còn lại/);
    // /bosung lists the report too.
    const list = await e.ask(mai, "/bosung", /Bổ sung báo cáo của/);
    expect(buttons(list).map((b) => b.text)[0]).toMatch(/^BC-2026-\d{4} – Báo cáo kết quả giải quyết/);
  });

  it("the standing committee gets the digest as a Word document from /tonghop", async () => {
    const { e } = c;
    const parts = await e.ask(lan, "/tonghop", /TỔNG HỢP TÌNH HÌNH BÁO CÁO/);
    await e.drain();
    const last = e.fake
      .allMessages()
      .filter((m) => m.chatId === lan.id && m.seq >= parts.seq)
      .at(-1)!;
    const since = e.fake.deliveredCount;
    await e.press(lan, last, "📄 Tải bản Word (báo cáo chính thức)");
    const doc = await e.fake.waitFor((m) => m.chatId === lan.id && m.seq > since && m.document !== undefined, { timeoutMs: 8000 });
    expect(doc.document!.fileName).toBe("bao-cao-tong-hop-2026-11-23.docx");
    const row = await e.db.prisma.outboxMessage.findFirstOrThrow({
      where: { chat: { externalId: String(lan.id) }, payloadJson: { contains: ".docx" } },
    });
    const stored = (JSON.parse(row.payloadJson) as { source: { path: string } }).source.path;
    const text = (await mammoth.extractRawText({ buffer: readFileSync(path.join(e.dir, stored)) })).value;
    expect(text).toMatch(/CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
    expect(text).toMatch(
      /Báo cáo kết quả giải quyết kiến nghị cử tri – tháng 11\/2026\n\n17:00 thứ Sáu, ngày 20\/11\/2026\n\n15\n\n2\n\n0\n\n1\n\n12\n\n1/,
    );
  });
});
