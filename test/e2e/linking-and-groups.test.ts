/** A member links their Telegram account with an invite code; the office registers groups; refusals are polite. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { E2E, buttons, person } from "../helpers/e2e.js";
import { createInvite } from "../../src/core/invites.js";

const an = person(5001, "An", "Nguyễn");
const ha = person(5002, "Hà", "Lê");
const stranger = person(5999, "Khách");
const GROUP = { id: -1001000000077, type: "supergroup" as const, title: "HĐND xã Phổ An" };

let e: E2E;
beforeEach(async () => {
  e = await E2E.start();
});
afterEach(() => e.close());

describe("linking an account", () => {
  it("greets by name and role and sets the role's command menu", async () => {
    const greeting = await e.link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
    expect(greeting.plainText).toMatch(/Kính chào đồng chí Nguyễn Văn An, Phó Chủ tịch HĐND \(chuyên trách\) – Xã Phổ An/);
    expect(greeting.plainText).toMatch(/\/baocao/);
    expect(greeting.plainText).not.toMatch(/\/dangky/);
    const menu = e.fake.commands({ type: "chat", chat_id: an.id });
    expect(menu.map((c) => c.command)).toEqual(expect.arrayContaining(["baocao", "vande", "hanbaocao", "trogiup", "huy"]));
    const member = await e.db.prisma.member.findFirst({ where: { fullName: "Nguyễn Văn An", code: null }, include: { identities: true } });
    expect(member!.identities[0]!.platformUserId).toBe(String(an.id));
  });

  it("refuses a used, an expired and a wrong code with guidance", async () => {
    const invite = await createInvite(e.db, {
      councilId: e.councilId,
      role: "delegate",
      unitCode: "PHO_AN",
      fullName: "A",
      ttlDays: 7,
      now: e.clock.now(),
      actorLabel: "t",
      secret: e.secret,
    });
    if (!invite.ok) throw new Error("invite");
    await e.ask(an, `/start ${invite.code}`, /Kính chào/);
    expect((await e.ask(stranger, `/start ${invite.code}`)).plainText).toMatch(/đã được sử dụng/);
    expect((await e.ask(stranger, "/start ABCD2345")).plainText).toMatch(/Mã mời không đúng/);
    const old = await createInvite(e.db, {
      councilId: e.councilId,
      role: "delegate",
      unitCode: "PHO_AN",
      fullName: "B",
      ttlDays: 7,
      now: new Date(e.clock.now().getTime() - 8 * 86_400_000),
      actorLabel: "t",
      secret: e.secret,
    });
    if (!old.ok) throw new Error("invite");
    expect((await e.ask(stranger, `/start ${old.code}`)).plainText).toMatch(/hết hạn/);
  });

  it("answers an unknown user, unknown commands, stickers and long text with short Vietnamese guidance", async () => {
    expect((await e.ask(stranger, "/baocao")).plainText).toMatch(/chưa được liên kết/);
    expect((await e.ask(stranger, "xin chào")).plainText).toMatch(/chưa được liên kết/);
    await e.link(an, "vice_chair", "PHO_AN");
    expect((await e.ask(an, "/khongco")).plainText).toMatch(/Không có lệnh \/khongco/);
    const since = e.fake.deliveredCount;
    e.fake.injectSticker({ chat: an.id, from: an });
    expect((await e.next(an.id, undefined, since)).plainText).toMatch(/nhãn dán/);
    expect((await e.ask(an, "x".repeat(5000))).plainText).toMatch(/quá dài/);
    expect((await e.ask(an, "/dangky")).plainText).toMatch(/chỉ dùng trong nhóm/);
  });
});

describe("registering a group", () => {
  it("lets the office register a commune's group with buttons and typed search", async () => {
    await e.link(ha, "office", null, "Lê Thị Hà");
    e.fake.injectMyChatMember({ chat: GROUP, from: ha, oldStatus: "left", newStatus: "member" });
    await e.next(GROUP.id, /Chuyên viên Văn phòng gõ \/dangky/);
    const ask = await e.ask(ha, "/dangky", /dùng để làm gì/, GROUP.id);
    const since = e.fake.deliveredCount;
    const unitList = await e.pressAndWait(ha, ask, "Nhóm của một xã, phường", /đơn vị nào/);
    expect(buttons(unitList).map((b) => b.text)).toContain("Xem tiếp ▶");
    // Under Telegram's privacy mode plain group text never reaches the bot: it asks for a reply, to Hà only.
    const typeHere = await e.next(GROUP.id, /trả lời \(reply\) tin nhắn này/, since);
    expect(typeHere.replyMarkup).toEqual({ force_reply: true, selective: true });
    expect(typeHere.text).toContain(`<a href="tg://user?id=${ha.id}">Hà Lê</a>`);
    expect(e.say(ha, "pho an", GROUP.id).delivered).toBe(false);
    const done = await e.replyTo(ha, typeHere, "pho an", /Đã đăng ký nhóm này/);
    expect(done.plainText).toMatch(/Đã đăng ký nhóm này là nhóm của xã Phổ An\./);
    const chat = await e.db.prisma.chat.findFirst({ where: { externalId: String(GROUP.id) }, include: { unit: true } });
    expect(chat).toMatchObject({ purpose: "unit", active: true });
    expect(chat!.unit!.code).toBe("PHO_AN");
  });

  it("refuses /dangky from a vice-chair and ignores a stranger's press on the office's buttons", async () => {
    await e.link(an, "vice_chair", "PHO_AN");
    await e.link(ha, "office");
    const refusal = await e.ask(an, "/dangky", /không có quyền/, GROUP.id);
    expect(refusal.plainText).toMatch(/Lệnh \/dangky dành cho: Chuyên viên Văn phòng, Quản trị viên/);
    const ask = await e.ask(ha, "/dangky", /dùng để làm gì/, GROUP.id);
    const press = await e.press(an, ask, "Nhóm Thường trực HĐND");
    const answer = await press.waitForAnswer();
    expect(answer.text).toMatch(/cũ|dành cho/);
    expect(await e.db.prisma.chat.count({ where: { purpose: { not: null } } })).toBe(0);
  });

  it("marks a group inactive when the bot is removed and moves it on migration", async () => {
    await e.registerGroup(-4001, "unit", "PHO_PHONG");
    e.fake.injectMigration({ fromChatId: -4001, toChatId: -1004001 });
    await expect
      .poll(async () => (await e.db.prisma.chat.findFirst({ where: { externalId: "-1004001" } }))?.purpose, { timeout: 5000 })
      .toBe("unit");
    e.fake.injectMyChatMember({
      chat: { id: -1004001, type: "supergroup", title: "x" },
      from: ha,
      oldStatus: "member",
      newStatus: "kicked",
    });
    await expect
      .poll(async () => (await e.db.prisma.chat.findFirst({ where: { externalId: "-1004001" } }))?.active, { timeout: 5000 })
      .toBe(false);
  });
});
