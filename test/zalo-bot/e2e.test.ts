/**
 * The official Zalo Bot Platform through the real app, against a fake of its HTTP API on 127.0.0.1
 * (long polling): linking, /dangky in a group, a notice (no pin, the reply hint) and its acknowledgements
 * by "đã nhận" and by the list's number, /baocao with a photo reaching the standing committee on Telegram,
 * /vande with the standing committee acting on Telegram, reminders in the group and in private; a person
 * linked on Telegram, Zalo (zca-js) and the Zalo bot is one member.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { E2E, person } from "../helpers/e2e.js";
import { TINY_PNG } from "../fakes/telegram-bot-api/index.js";
import type { FakeUser, SentRecord } from "../fakes/zalo-bot-api/index.js";
import { FakeZaloApi, userMessage, type PersonZ } from "../zalo/fake-zalo.js";
import { createInvite } from "../../src/core/invites.js";
import { draftFromText } from "../../src/core/notices/draft.js";
import { publishNotice } from "../../src/core/notices/publish.js";
import { noticeStatus } from "../../src/core/notices/status.js";
import { createTask } from "../../src/db/tasks.js";
import { findUnitByCode } from "../../src/db/units.js";
import { ensureChat } from "../../src/db/chats.js";

let e: E2E;

/** A person types in a private chat (or a group) and gets the bot's next message there matching `match`. */
async function say(from: FakeUser, text: string, match: RegExp, group?: string): Promise<SentRecord> {
  const fake = e.zaloBot!;
  const chat = group ?? from.id;
  const before = fake.sentTo(chat).length;
  fake.injectText(from, text, group ? { id: group, type: "GROUP" } : undefined);
  return fake.waitForSent(chat, (s) => fake.sentTo(chat).indexOf(s) >= before && match.test(s.text ?? s.caption ?? ""));
}

async function link(p: FakeUser, role: string, unit: string | null, name: string, memberId?: number) {
  const invite = await createInvite(e.db, {
    councilId: e.councilId,
    role,
    unitCode: unit,
    fullName: name,
    memberId: memberId ?? null,
    ttlDays: 7,
    now: e.clock.now(),
    actorLabel: "test",
    secret: e.secret,
  });
  if (!invite.ok) throw new Error(invite.reason);
  return say(p, `/start ${invite.code}`, /Kính chào/);
}

async function publish(title: string, pin: boolean, reportChatId: number | null = null) {
  const draft = draftFromText(`THÔNG BÁO\n${title}\nĐề nghị các xã báo cáo trong tháng 6/2022.`, e.config.timezone, null);
  const published = await e.db.transaction((tx) =>
    publishNotice(tx, {
      councilId: e.councilId,
      draft,
      title,
      audience: { kind: "all" },
      pin,
      authorMemberId: null,
      authorLabel: "test",
      reportChatId,
      now: e.clock.now(),
    }),
  );
  if (!published.ok) throw new Error("no targets");
  e.app.services.notifyOutbox();
  return published.noticeId;
}

const an: FakeUser = { id: "a1b2c3d4e5f60001", name: "Nguyễn Văn An" };
const binh: FakeUser = { id: "a1b2c3d4e5f60002", name: "Trần Văn Bình" };
const office: FakeUser = { id: "a1b2c3d4e5f60003", name: "Lê Thị Hoa" };
const GROUP_PHO_AN = "g0f1e2d3c4b5a6978";
const TG_STANDING = -1009000000001;
const lanTg = person(9003, "Lan", "Phạm");

beforeEach(async () => {
  e = await E2E.start({ zaloBot: true });
});
afterEach(() => e.close());

describe("the Zalo Bot Platform", () => {
  it("links a person with /start CODE, in plain text with the role's commands", async () => {
    const greeting = await link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
    expect(greeting.text).toMatch(/Kính chào đồng chí Nguyễn Văn An/);
    expect(greeting.text).not.toMatch(/<\/?b>|&amp;|&lt;/);
    const identity = await e.db.prisma.chatIdentity.findFirst({ where: { platform: "zalo_bot", platformUserId: an.id } });
    expect(identity?.platformUserId).toBe(an.id);
  });

  it("registers a group with /dangky answered by numbers", async () => {
    await link(office, "office", null, "Lê Thị Hoa");
    const ask = await say(office, "/dangky", /Nhóm này dùng để làm gì/, GROUP_PHO_AN);
    expect(ask.text).toMatch(/1\. Nhóm của một xã, phường\n2\. Nhóm thông báo chung[\s\S]*gõ số thứ tự/);
    await say(office, "1", /Nhóm của đơn vị nào/, GROUP_PHO_AN);
    const done = await say(office, "Phổ An", /Đã đăng ký nhóm này/, GROUP_PHO_AN);
    expect(done.text).toMatch(/nhóm của xã Phổ An\. Từ nay thông báo/);
    // No pin hint: this platform cannot pin at all.
    const chat = await e.db.prisma.chat.findFirst({ where: { platform: "zalo_bot", externalId: GROUP_PHO_AN } });
    expect(chat?.purpose).toBe("unit");
    expect(e.zaloBot!.sentTo(GROUP_PHO_AN).some((s) => /ghim/.test(s.text ?? ""))).toBe(false);
  });

  it("publishes a notice without a pin, with the reply hint, and records 'đã nhận' and the list's number", async () => {
    await e.registerGroup(GROUP_PHO_AN, "unit", "PHO_AN", "HĐND xã Phổ An (Zalo Bot)", "zalo_bot");
    e.zaloBot!.joinGroup(GROUP_PHO_AN);
    await link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
    await link(binh, "delegate", "PHO_AN", "Trần Văn Bình");
    await e.link(lanTg, "office", null, "Phạm Thị Lan");
    const officeChat = await ensureChat(e.db.prisma, "telegram", String(lanTg.id), "private");
    const noticeId = await publish("Kết luận buổi làm việc", true, officeChat.id);
    const sent = await e.zaloBot!.waitForSent(GROUP_PHO_AN, (s) => /Kết luận buổi làm việc/.test(s.text ?? ""));
    expect(sent.text).toMatch(/\(Trên Zalo Bot: trả lời “đã nhận” để xác nhận\.\)\n\n1\. ✅ Đã nhận\nĐồng chí vui lòng gõ số thứ tự/);
    // The office hears that this platform could not pin, and nothing else went wrong.
    const summary = await e.next(lanTg.id, /Thông báo #\d+/);
    expect(summary.plainText).toMatch(/đã gửi đến 1\/1 nhóm[\s\S]*Không ghim được ở 1 nhóm do nền tảng không hỗ trợ ghim tin nhắn/);
    await say(an, "Đã nhận", /Đã ghi nhận đồng chí đã nhận thông báo/, GROUP_PHO_AN);
    await say(binh, "1", /Đã ghi nhận đồng chí đã nhận thông báo/, GROUP_PHO_AN);
    const status = (await noticeStatus(e.db.prisma, noticeId))!;
    expect(status.totals.acked).toBe(1);
    const acks = await e.db.prisma.noticeAck.findMany({ orderBy: { id: "asc" }, include: { member: true } });
    expect(acks.map((a) => [a.member.fullName, a.platform, a.via])).toEqual([
      ["Nguyễn Văn An", "zalo_bot", "reply"],
      ["Trần Văn Bình", "zalo_bot", "button"],
    ]);
    expect(e.zaloBot!.calls.filter((c) => /pin|note/i.test(c.method))).toEqual([]);
  });

  it("takes a report with a photo; the standing committee on Telegram gets the text and the picture", async () => {
    await e.registerGroup(TG_STANDING, "standing");
    await link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
    const unit = (await findUnitByCode(e.db.prisma, e.councilId, "PHO_AN"))!;
    await e.db.transaction((tx) =>
      createTask(tx, {
        councilId: e.councilId,
        title: "Báo cáo vấn đề nổi cộm tháng 5",
        description: null,
        dueAt: new Date("2022-05-31T10:00:00Z"),
        dueRule: null,
        noticeId: null,
        scheduleJson: null,
        createdById: null,
        createdByLabel: "test",
        createdAt: e.clock.now(),
        unitIds: [unit.id],
      }),
    );
    const list = await say(an, "/baocao", /chọn yêu cầu báo cáo/);
    expect(list.text).toMatch(/1\. Báo cáo vấn đề nổi cộm tháng 5 – hạn 31\/5\n2\. Báo cáo khác/);
    await say(an, "1", /Gửi xong, bấm Xem lại/);
    await say(an, "Thôn 3 còn 12 hộ chưa nhận tiền bồi thường.", /1 đoạn văn bản/);
    const before = e.zaloBot!.sentTo(an.id).length;
    e.zaloBot!.injectPhoto(an, TINY_PNG);
    await e.zaloBot!.waitForSent(an.id, (s) => e.zaloBot!.sentTo(an.id).indexOf(s) >= before && /1 tệp\/ảnh/.test(s.text ?? ""));
    await say(an, "xem lại", /XEM LẠI BÁO CÁO/);
    const receipt = await say(an, "1", /Đã nhận báo cáo số/);
    expect(receipt.text).toMatch(/BC-2022-0001[\s\S]*đúng hạn/);
    const header = await e.next(TG_STANDING, /BÁO CÁO BC-2022-0001/);
    expect(header.plainText).toMatch(/Đơn vị: Xã Phổ An[\s\S]*12 hộ chưa nhận tiền bồi thường/);
    // The photo came from another platform: the server downloaded it from Zalo and sends its own copy.
    const photo = await e.fake.waitFor((m) => m.chatId === TG_STANDING && (m.photo !== undefined || m.document !== undefined), {
      timeoutMs: 15_000,
    });
    expect(photo.method).toBe("sendPhoto");
  });

  it("raises an urgent issue; the standing committee acts on Telegram and the reporter hears on the Zalo bot", async () => {
    await e.registerGroup(TG_STANDING, "standing");
    await e.link(lanTg, "standing", null, "Phạm Thị Lan");
    await link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
    await say(an, "/vande", /lĩnh vực nào/);
    await say(an, "3", /Mức độ/);
    await say(an, "khẩn", /ở đâu/);
    await say(an, "Chợ Phổ An", /mô tả sự việc/);
    await say(an, "Tranh chấp mặt bằng kinh doanh, có nguy cơ xô xát.", /1 đoạn/);
    await say(an, "1", /XEM LẠI VẤN ĐỀ/);
    await say(an, "gửi", /Đã chuyển vấn đề số/);
    const card = await e.next(TG_STANDING, /VẤN ĐỀ VD-2022-0001/);
    expect(card.plainText).toMatch(/KHẨN[\s\S]*Lĩnh vực: An ninh, trật tự/);
    await e.press(lanTg, card, "Tiếp nhận");
    const heard = await e.zaloBot!.waitForSent(an.id, (s) => /đã được cập nhật: đã tiếp nhận/.test(s.text ?? ""));
    expect(heard.text).toMatch(/Phạm Thị Lan/);
  });

  it("reminds the unit in its group and its vice-chair in private, once", async () => {
    await e.registerGroup(GROUP_PHO_AN, "unit", "PHO_AN", "HĐND xã Phổ An (Zalo Bot)", "zalo_bot");
    e.zaloBot!.joinGroup(GROUP_PHO_AN);
    await link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
    const unit = (await findUnitByCode(e.db.prisma, e.councilId, "PHO_AN"))!;
    await e.db.transaction((tx) =>
      createTask(tx, {
        councilId: e.councilId,
        title: "Báo cáo kết quả tiếp xúc cử tri",
        description: null,
        dueAt: new Date("2022-05-27T10:00:00Z"),
        dueRule: null,
        noticeId: null,
        scheduleJson: null,
        createdById: null,
        createdByLabel: "test",
        createdAt: e.clock.now(),
        unitIds: [unit.id],
      }),
    );
    // Tuesday 24/5 at 08:00: three days before the deadline.
    e.clock.set("2022-05-24T01:00:00Z");
    await e.app.scheduler.tickNow();
    await e.app.scheduler.tickNow();
    await e.drain();
    const inGroup = e.zaloBot!.sentTo(GROUP_PHO_AN).filter((s) => /Báo cáo kết quả tiếp xúc cử tri/.test(s.text ?? ""));
    const inPrivate = e.zaloBot!.sentTo(an.id).filter((s) => /Báo cáo kết quả tiếp xúc cử tri/.test(s.text ?? ""));
    expect(inGroup).toHaveLength(1);
    expect(inPrivate).toHaveLength(1);
    expect(inGroup[0]!.text).toMatch(/27\/5/);
  });

  it("treats a person linked on Telegram, Zalo and the Zalo bot as one member", async () => {
    await e.close();
    const zca = new FakeZaloApi();
    e = await E2E.start({ zaloBot: true, zalo: zca });
    const mai = person(9002, "Mai", "Huỳnh");
    await e.link(mai, "vice_chair", "PHO_PHONG", "Huỳnh Thị Mai");
    const member = (await e.db.prisma.chatIdentity.findFirst({
      where: { platform: "telegram", platformUserId: String(mai.id) },
    }))!;
    const maiZ: PersonZ = { id: "3330009", name: "Mai Huỳnh" };
    const zInvite = await createInvite(e.db, {
      councilId: e.councilId,
      role: "vice_chair",
      unitCode: "PHO_PHONG",
      fullName: "Huỳnh Thị Mai",
      memberId: member.memberId,
      ttlDays: 7,
      now: e.clock.now(),
      actorLabel: "test",
      secret: e.secret,
    });
    if (!zInvite.ok) throw new Error(zInvite.reason);
    zca.emitMessage(userMessage(maiZ, `/start ${zInvite.code}`));
    await zca.waitForSent(maiZ.id, /Kính chào/);
    const maiB: FakeUser = { id: "b0b1b2b3b4b5b6b7", name: "Mai" };
    await link(maiB, "vice_chair", "PHO_PHONG", "Huỳnh Thị Mai", member.memberId);
    const identities = await e.db.prisma.chatIdentity.findMany({ where: { memberId: member.memberId } });
    expect(identities.map((i) => i.platform).sort()).toEqual(["telegram", "zalo", "zalo_bot"]);
    // Each account is linked once, and all three to the same member.
    const byAccount = await e.db.prisma.chatIdentity.findMany({ where: { platformUserId: { in: [String(mai.id), maiZ.id, maiB.id] } } });
    expect(byAccount).toHaveLength(3);
    expect(new Set(byAccount.map((i) => i.memberId))).toEqual(new Set([member.memberId]));
  });

  it("gives a standing group on the Zalo bot a Telegram report's PDF as a line naming it", async () => {
    const STANDING_ZB = "s0a1b2c3d4e5f6071";
    await e.registerGroup(STANDING_ZB, "standing", null, "Thường trực HĐND (Zalo Bot)", "zalo_bot");
    e.zaloBot!.joinGroup(STANDING_ZB);
    const anTg = person(9001, "An", "Nguyễn");
    await e.link(anTg, "vice_chair", "PHO_AN", "Nguyễn Văn An");
    // Without open tasks, /baocao goes straight to "Báo cáo khác".
    await e.ask(anTg, "/baocao", /gửi nội dung báo cáo/);
    await e.ask(anTg, "Kết quả tiếp xúc cử tri tháng 5.", /1 đoạn văn bản và 0 tệp/);
    const since = e.fake.deliveredCount;
    e.fake.injectDocument({
      chat: anTg.id,
      from: anTg,
      fileName: "bao-cao-thang-5.pdf",
      mimeType: "application/pdf",
      bytes: Buffer.from("%PDF-1.4 test"),
    });
    const counted = await e.next(anTg.id, /1 đoạn văn bản và 1 tệp/, since);
    const preview = await e.pressAndWait(anTg, counted, "Xem lại", /XEM LẠI BÁO CÁO/);
    await e.pressAndWait(anTg, preview, "Gửi", /Đã nhận báo cáo số/);
    const header = await e.zaloBot!.waitForSent(STANDING_ZB, (s) => /BÁO CÁO BC-2022-0001/.test(s.text ?? ""));
    expect(header.text).toMatch(/Đơn vị: Xã Phổ An/);
    const line = await e.zaloBot!.waitForSent(STANDING_ZB, (s) => /📎/.test(s.text ?? ""));
    expect(line.text).toMatch(/📎 Tệp đính kèm: bao-cao-thang-5\.pdf\. Zalo Bot không gửi được tệp văn bản/);
  });

  it("reminds a unit on the Zalo bot that has not acknowledged a notice to reply 'đã nhận'", async () => {
    // Deliveries are stamped with real time; the reminder is due a day later, on any day of the week.
    await e.close();
    e = await E2E.start({ zaloBot: true, env: { QUIET_WEEKENDS: "none", QUIET_HOLIDAYS: "false" } });
    await e.registerGroup(GROUP_PHO_AN, "unit", "PHO_AN", "HĐND xã Phổ An (Zalo Bot)", "zalo_bot");
    e.zaloBot!.joinGroup(GROUP_PHO_AN);
    await publish("Kết luận buổi làm việc", false);
    await e.zaloBot!.waitForSent(GROUP_PHO_AN, (s) => /Kết luận buổi làm việc/.test(s.text ?? ""));
    await e.drain();
    const later = new Date(Date.now() + 48 * 3600_000);
    later.setUTCHours(3, 0, 0, 0); // 10:00 in Vietnam, between 24 and 48 hours after delivery
    e.clock.set(later);
    await e.app.scheduler.tickNow();
    const reminder = await e.zaloBot!.waitForSent(GROUP_PHO_AN, (s) => /NHẮC XÁC NHẬN ĐÃ NHẬN THÔNG BÁO/.test(s.text ?? ""));
    expect(reminder.text).toMatch(/trả lời “đã nhận” trong nhóm để xác nhận/);
    expect(reminder.text).not.toMatch(/bấm nút/);
  });
});
