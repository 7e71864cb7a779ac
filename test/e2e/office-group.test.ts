/**
 * Issue 12, item 8: the office registers its own group (/dangky, "Nhóm Văn phòng HĐND") and sees there every
 * report (with its files) and every urgent issue as the standing committee's group does; an issue handed to
 * a Ban reaches that Ban's registered group.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E, buttons, person } from "../helpers/e2e.js";

const an = person(7401, "An", "Nguyễn"); // vice-chair of PHO_AN
const ha = person(7402, "Hà", "Lê"); // office
const lan = person(7403, "Lan", "Phạm"); // standing committee
const STANDING = -4001;
const OFFICE = { id: -1001000004002, type: "supergroup" as const, title: "Văn phòng HĐND thị xã" };
const BAN_PC = -4003;
const BAN_KTXH = -4004;

let e: E2E;

beforeAll(async () => {
  e = await E2E.start({ now: "2022-05-23T02:00:00Z" });
  await e.registerGroup(STANDING, "standing");
  await e.registerGroup(BAN_PC, "committee", "BAN_PC", "Ban Pháp chế");
  await e.registerGroup(BAN_KTXH, "committee", "BAN_KTXH", "Ban Kinh tế - Xã hội");
  await e.link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
  await e.link(ha, "office", null, "Lê Thị Thu Hà");
  await e.link(lan, "standing", null, "Phạm Thị Lan");
}, 60_000);
afterAll(async () => {
  await e?.close();
});

describe("the office's group", () => {
  it("is registered with /dangky like the other groups", async () => {
    const ask = await e.ask(ha, "/dangky", /dùng để làm gì/, OFFICE.id);
    expect(buttons(ask).map((b) => b.text)).toContain("Nhóm Văn phòng HĐND");
    const done = await e.pressAndWait(ha, ask, "Nhóm Văn phòng HĐND", /Đã đăng ký nhóm này/);
    expect(done.plainText).toMatch(/^Đã đăng ký nhóm này là nhóm Văn phòng HĐND \(nhận bản sao báo cáo và vấn đề nổi cộm\)\./);
    const chat = await e.db.prisma.chat.findFirst({ where: { externalId: String(OFFICE.id) } });
    expect(chat).toMatchObject({ purpose: "office", unitId: null, active: true });
  }, 30_000);

  it("gets each report with its files, as the standing committee does", async () => {
    const first = await e.ask(an, "/baocao", /Gửi xong, bấm Xem lại/);
    expect(first.plainText).toMatch(/Báo cáo khác/);
    await e.ask(an, "Thôn An Thạch: 12 hộ chưa nhận tiền bồi thường.", /1 đoạn văn bản và 0 tệp/);
    const since = e.fake.deliveredCount;
    e.fake.injectDocument({
      chat: an.id,
      from: an,
      fileName: "bao-cao.pdf",
      mimeType: "application/pdf",
      bytes: Buffer.from("%PDF-1.4 t"),
    });
    const counted = await e.next(an.id, /1 đoạn văn bản và 1 tệp/, since);
    const preview = await e.pressAndWait(an, counted, "Xem lại", /XEM LẠI BÁO CÁO/);
    await e.pressAndWait(an, preview, "Gửi", /Đã nhận báo cáo số BC-2022-0001/);

    const standing = await e.next(STANDING, /BÁO CÁO BC-2022-0001/);
    const office = await e.next(OFFICE.id, /BÁO CÁO BC-2022-0001/);
    expect(office.plainText).toBe(standing.plainText);
    await e.drain();
    const filesIn = (chat: number) =>
      e.fake
        .messagesTo(chat)
        .filter((m) => m.document)
        .map((m) => m.document!.fileName);
    expect(filesIn(OFFICE.id)).toEqual(["bao-cao.pdf"]);
    expect(filesIn(STANDING)).toEqual(["bao-cao.pdf"]);
    // The committees' groups are not the office's.
    expect(e.fake.messagesTo(BAN_PC)).toHaveLength(0);
  }, 60_000);

  it("gets each new urgent issue; one handed to a Ban reaches that Ban's group with its files", async () => {
    const cat = await e.ask(an, "/vande", /lĩnh vực nào/);
    const urg = await e.pressAndWait(an, cat, "Bồi thường, giải phóng mặt bằng", /Mức độ/);
    await e.pressAndWait(an, urg, "Rất khẩn", /ở đâu/);
    await e.ask(an, "Thôn An Thạch, xã Phổ An", /mô tả sự việc/);
    await e.ask(an, "Người dân chặn thi công vì chưa nhận tiền bồi thường.", /1 đoạn/);
    const since = e.fake.deliveredCount;
    e.fake.injectDocument({
      chat: an.id,
      from: an,
      fileName: "bien-ban.pdf",
      mimeType: "application/pdf",
      bytes: Buffer.from("%PDF-1.4 b"),
    });
    const counted = await e.next(an.id, /1 tệp/, since);
    const preview = await e.pressAndWait(an, counted, "Xem lại", /XEM LẠI VẤN ĐỀ/);
    await e.pressAndWait(an, preview, "Gửi", /Đã chuyển vấn đề số VD-2022-0001/);

    const card = await e.next(STANDING, /VẤN ĐỀ VD-2022-0001/);
    const officeCard = await e.next(OFFICE.id, /VẤN ĐỀ VD-2022-0001/);
    expect(officeCard.plainText).toBe(card.plainText);
    expect(buttons(officeCard).map((b) => b.text)).toEqual(buttons(card).map((b) => b.text));

    // The standing committee hands it to the Ban Pháp chế.
    let at = e.fake.deliveredCount;
    await e.press(lan, card, "Chuyển Ban…");
    const committees = await e.next(STANDING, /cho Ban nào/, at);
    at = e.fake.deliveredCount;
    await e.press(lan, committees, "Ban Pháp chế HĐND thị xã");
    const handed = await e.next(BAN_PC, /VẤN ĐỀ VD-2022-0001/, at);
    expect(handed.plainText).toMatch(
      /^THƯỜNG TRỰC HĐND CHUYỂN VẤN ĐỀ ĐẾN BAN PHÁP CHẾ HĐND THỊ XÃ\nĐồng chí Phạm Thị Lan chuyển vấn đề dưới đây đến Ban Pháp chế HĐND thị xã để xem xét, xử lý\.\n\n/,
    );
    expect(handed.plainText).toMatch(/Người dân chặn thi công vì chưa nhận tiền bồi thường\./);
    expect(buttons(handed)).toEqual([]);
    const file = await e.fake.waitFor((m) => m.chatId === BAN_PC && m.document?.fileName === "bien-ban.pdf", { timeoutMs: 8000 });
    expect(file.plainCaption).toMatch(/^VD-2022-0001 – tệp 1\/1/);
    await e.drain();
    expect(e.fake.messagesTo(BAN_KTXH)).toHaveLength(0);
    expect(e.fake.messagesTo(BAN_PC).filter((m) => /VD-2022-0001/.test(m.plainText ?? m.plainCaption ?? ""))).toHaveLength(2);
  }, 60_000);
});
