/**
 * One office account cannot quietly redirect the standing committee's mail (issue 20, item 7): registering
 * or changing the standing or announcement group needs an admin, is confirmed, and is announced to the
 * standing group already registered and to the admins; a chat registered to another council is never moved.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { E2E, person } from "../helpers/e2e.js";
import { addGroup } from "../../src/core/directory/groups.js";
import { upsertCouncil } from "../../src/db/councils.js";

const STANDING = { id: -1009400000001, type: "supergroup" as const, title: "Thường trực HĐND thị xã" };
const NEW_GROUP = { id: -1009400000002, type: "supergroup" as const, title: "Nhóm mới" };
const PHO_AN = { id: -1009400000003, type: "supergroup" as const, title: "HĐND xã Phổ An" };
const clerk = person(9401, "Hà", "Lê");
const admin = person(9402, "Quân", "Trịnh");
const otherAdmin = person(9403, "Minh", "Đỗ");

let e: E2E;
beforeEach(async () => {
  e = await E2E.start();
  await e.registerGroup(STANDING.id, "standing", null, STANDING.title);
  await e.registerGroup(PHO_AN.id, "unit", "PHO_AN", PHO_AN.title);
  await e.link(clerk, "office", null, "Lê Thị Hà");
  await e.link(admin, "admin", null, "Trịnh Văn Quân");
  await e.link(otherAdmin, "admin", null, "Đỗ Văn Minh");
});
afterEach(() => e.close());

const purposeOf = async (chatId: number) =>
  (await e.db.prisma.chat.findFirst({ where: { platform: "telegram", externalId: String(chatId) } }))?.purpose ?? null;

describe("registering the standing or announcement group", () => {
  it("refuses an office member: a new group as the standing group, or the real one turned into a commune's", async () => {
    const ask = await e.ask(clerk, "/dangky", /dùng để làm gì/, NEW_GROUP.id);
    const refused = await e.pressAndWait(clerk, ask, "Nhóm Thường trực HĐND", /chỉ do Quản trị viên thực hiện/);
    expect(refused.plainText).toMatch(/Việc đăng ký hoặc thay đổi nhóm Thường trực HĐND chỉ do Quản trị viên/);
    expect(await purposeOf(NEW_GROUP.id)).toBeNull();

    const ask2 = await e.ask(clerk, "/dangky", /dùng để làm gì/, STANDING.id);
    await e.pressAndWait(clerk, ask2, "Nhóm của một xã, phường", /chỉ do Quản trị viên thực hiện/);
    expect(await purposeOf(STANDING.id)).toBe("standing");

    const ask3 = await e.ask(clerk, "/dangky", /dùng để làm gì/, NEW_GROUP.id);
    await e.pressAndWait(clerk, ask3, "Nhóm thông báo chung cho các đơn vị", /nhóm thông báo chung cho các đơn vị chỉ do Quản trị viên/);
    expect(await purposeOf(NEW_GROUP.id)).toBeNull();
    // A commune's group stays the office's work, without a confirmation.
    const ask4 = await e.ask(clerk, "/dangky", /dùng để làm gì/, NEW_GROUP.id);
    await e.pressAndWait(clerk, ask4, "Nhóm của một xã, phường", /đơn vị nào/);
    await e.ask(clerk, "pho phong", /Đã đăng ký nhóm này/, NEW_GROUP.id);
    expect(await purposeOf(NEW_GROUP.id)).toBe("unit");
  });

  it("lets an admin do it after a confirmation, and tells the standing group and the other admins", async () => {
    const ask = await e.ask(admin, "/dangky", /dùng để làm gì/, NEW_GROUP.id);
    const confirm = await e.pressAndWait(admin, ask, "Nhóm Thường trực HĐND", /xác nhận đăng ký/);
    expect(confirm.plainText).toMatch(/Mọi báo cáo kèm tệp, vấn đề nổi cộm và bản tổng hợp sẽ được gửi vào nhóm này/);
    expect(await purposeOf(NEW_GROUP.id)).toBeNull();
    const since = e.fake.deliveredCount;
    await e.pressAndWait(admin, confirm, "Xác nhận đăng ký", /Đã đăng ký nhóm này/);
    expect(await purposeOf(NEW_GROUP.id)).toBe("standing");
    const told = await e.next(STANDING.id, /Thông báo thay đổi nhóm/, since);
    expect(told.plainText).toMatch(
      /^🔔 Thông báo thay đổi nhóm: nhóm Chat -1009400000002 vừa được đăng ký là nhóm Thường trực HĐND, do đồng chí Trịnh Văn Quân thực hiện lúc 09:00 23\/5\./,
    );
    await e.next(otherAdmin.id, /Thông báo thay đổi nhóm/, since);
    await e.next(admin.id, /Thông báo thay đổi nhóm/, since);
    expect(await e.db.prisma.auditLog.count({ where: { action: "group.register", entityType: "chat" } })).toBeGreaterThan(0);
  });

  it("changes nothing when the admin cancels", async () => {
    const ask = await e.ask(admin, "/dangky", /dùng để làm gì/, STANDING.id);
    const list = await e.pressAndWait(admin, ask, "Nhóm của một xã, phường", /đơn vị nào/);
    const confirm = await e.ask(admin, "pho phong", /xác nhận đăng ký/, STANDING.id);
    expect(confirm.plainText).toMatch(/thay cho nhóm Thường trực HĐND/);
    expect(list).toBeDefined();
    await e.pressAndWait(admin, confirm, "Hủy", /Đã hủy, việc đăng ký nhóm không thay đổi/);
    expect(await purposeOf(STANDING.id)).toBe("standing");
  });

  it("never moves a chat registered to another council, by /dangky or by the CLI's use case", async () => {
    const other = await upsertCouncil(e.db.prisma, { code: "KHAC", name: "HĐND xã Khác", timezone: "Asia/Ho_Chi_Minh" });
    const r = await addGroup(
      e.db,
      other.council.id,
      { platform: "telegram", chatId: String(PHO_AN.id), purpose: "standing", unitCode: null, title: null },
      "cli",
      e.clock.now(),
    );
    expect(r).toEqual({ ok: false, problems: ["this group is registered to another council; it is never moved"] });
    const otherGroup = -1009400000009;
    expect(
      await addGroup(
        e.db,
        other.council.id,
        { platform: "telegram", chatId: String(otherGroup), purpose: "standing", unitCode: null, title: "Khác" },
        "cli",
        e.clock.now(),
      ),
    ).toMatchObject({ ok: true });
    const refused = await e.ask(admin, "/dangky", /Hội đồng nhân dân khác/, otherGroup);
    expect(refused.plainText).toMatch(/đã được đăng ký cho một Hội đồng nhân dân khác nên không thể đăng ký lại/);
    expect(await e.db.prisma.chat.findFirst({ where: { externalId: String(otherGroup) } })).toMatchObject({
      councilId: other.council.id,
      purpose: "standing",
    });
  });
});
