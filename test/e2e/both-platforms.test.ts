/**
 * Telegram and Zalo at once, through the real app: a notice reaches groups on both platforms and is
 * acknowledged on both; a Zalo vice-chair reports and raises an issue with numbered choices and the
 * standing committee on Telegram receives them; one member linked on both platforms is one person.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { E2E, buttons, person } from "../helpers/e2e.js";
import { FakeZaloApi, groupMessage, userMessage, type PersonZ } from "../zalo/fake-zalo.js";
import { createInvite } from "../../src/core/invites.js";
import { draftFromText } from "../../src/core/notices/draft.js";
import { publishNotice } from "../../src/core/notices/publish.js";
import { noticeStatus } from "../../src/core/notices/status.js";
import { createTask } from "../../src/db/tasks.js";
import { findUnitByCode } from "../../src/db/units.js";

const TG_STANDING = -1009000000001;
const TG_PHO_PHONG = -1009000000002;
const ZL_PHO_AN = "7770001";
const anZ: PersonZ = { id: "3330001", name: "Nguyễn Văn An" };
const maiTg = person(9002, "Mai", "Huỳnh");
const lanTg = person(9003, "Lan", "Phạm");

let e: E2E;
let api: FakeZaloApi;

async function zaloSay(from: PersonZ, text: string, match: RegExp, group?: string) {
  const before = api.sent.length;
  api.emitMessage(group ? groupMessage(group, from, text) : userMessage(from, text));
  const thread = group ?? from.id;
  const deadline = Date.now() + 8000;
  for (;;) {
    const found = api.sent.slice(before).find((s) => s.threadId === thread && match.test(s.content.msg));
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(
        `no Zalo reply matching ${match}; got: ${api.sent
          .slice(before)
          .map((s) => s.content.msg.slice(0, 80))
          .join(" | ")}`,
      );
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function zaloLink(p: PersonZ, role: string, unit: string | null, name: string, memberId?: number) {
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
  return zaloSay(p, `/start ${invite.code}`, /Kính chào/);
}

beforeEach(async () => {
  api = new FakeZaloApi();
  e = await E2E.start({ zalo: api });
  await e.registerGroup(TG_STANDING, "standing");
  await e.registerGroup(TG_PHO_PHONG, "unit", "PHO_PHONG");
  await e.registerGroup(ZL_PHO_AN, "unit", "PHO_AN", "HĐND xã Phổ An (Zalo)", "zalo");
  await e.link(lanTg, "standing", null, "Phạm Thị Lan");
});
afterEach(() => e.close());

describe("Telegram and Zalo together", () => {
  it("publishes one notice to a Telegram and a Zalo group and records acknowledgements from both", async () => {
    await zaloLink(anZ, "vice_chair", "PHO_AN", "Nguyễn Văn An");
    await e.link(maiTg, "vice_chair", "PHO_PHONG", "Huỳnh Thị Mai");
    const draft = draftFromText("THÔNG BÁO\nKết luận buổi làm việc\nĐề nghị các xã báo cáo trong tháng 6/2022.", e.config.timezone, null);
    const published = await e.db.transaction((tx) =>
      publishNotice(tx, {
        councilId: e.councilId,
        draft,
        title: "Kết luận buổi làm việc",
        audience: { kind: "all" },
        pin: false,
        authorMemberId: null,
        authorLabel: "test",
        reportChatId: null,
        now: e.clock.now(),
      }),
    );
    if (!published.ok) throw new Error("no targets");
    e.app.services.notifyOutbox();
    const tg = await e.next(TG_PHO_PHONG, /Kết luận buổi làm việc/);
    await api.waitForSent(ZL_PHO_AN, /Kết luận buổi làm việc[\s\S]*1\. ✅ Đã nhận/);
    await e.press(maiTg, tg, "✅ Đã nhận");
    const typed = groupMessage(ZL_PHO_AN, anZ, "đã nhận");
    api.emitMessage(typed);
    await api.waitForReaction(typed);
    await expect.poll(async () => (await noticeStatus(e.db.prisma, published.noticeId))!.totals.acked, { timeout: 5000 }).toBe(2);
    const acks = await e.db.prisma.noticeAck.findMany({ orderBy: { id: "asc" } });
    expect(acks.map((a) => a.platform).sort()).toEqual(["telegram", "zalo"]);
  });

  it("lets a Zalo vice-chair report with numbered choices; the standing committee on Telegram gets it", async () => {
    await zaloLink(anZ, "vice_chair", "PHO_AN", "Nguyễn Văn An");
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
    const list = await zaloSay(anZ, "/baocao", /chọn yêu cầu báo cáo/);
    expect(list.content.msg).toMatch(/1\. Báo cáo vấn đề nổi cộm tháng 5 – hạn 31\/5\n2\. Báo cáo khác/);
    await zaloSay(anZ, "1", /Gửi xong, bấm Xem lại/);
    await zaloSay(anZ, "Thôn 3 còn 12 hộ chưa nhận tiền bồi thường.", /1 đoạn văn bản/);
    await zaloSay(anZ, "xem lại", /XEM LẠI BÁO CÁO/);
    const receipt = await zaloSay(anZ, "1", /Đã nhận báo cáo số/);
    expect(receipt.content.msg).toMatch(/BC-2022-0001[\s\S]*đúng hạn/);
    const header = await e.next(TG_STANDING, /BÁO CÁO BC-2022-0001/);
    expect(header.plainText).toMatch(/Đơn vị: Xã Phổ An[\s\S]*12 hộ chưa nhận tiền bồi thường/);
  });

  it("lets a Zalo vice-chair raise an urgent issue; the standing committee acts on Telegram and the reporter hears on Zalo", async () => {
    await zaloLink(anZ, "vice_chair", "PHO_AN", "Nguyễn Văn An");
    await zaloSay(anZ, "/vande", /lĩnh vực nào/);
    await zaloSay(anZ, "3", /Mức độ/); // An ninh, trật tự
    await zaloSay(anZ, "khẩn", /ở đâu/);
    await zaloSay(anZ, "Chợ Phổ An", /mô tả sự việc/);
    await zaloSay(anZ, "Tranh chấp mặt bằng kinh doanh, có nguy cơ xô xát.", /1 đoạn/);
    await zaloSay(anZ, "1", /XEM LẠI VẤN ĐỀ/);
    await zaloSay(anZ, "gửi", /Đã chuyển vấn đề số/);
    const card = await e.next(TG_STANDING, /VẤN ĐỀ VD-2022-0001/);
    expect(card.plainText).toMatch(/KHẨN[\s\S]*Lĩnh vực: An ninh, trật tự/);
    await e.press(lanTg, card, "Tiếp nhận");
    const heard = await api.waitForSent(anZ.id, /đã được cập nhật: đã tiếp nhận/);
    expect(heard.content.msg).toMatch(/Phạm Thị Lan/);
    expect(buttons(e.fake.sentMessage(TG_STANDING, card.messageId)!)).toBeTruthy();
  });

  it("treats a member linked on Telegram and Zalo as one person", async () => {
    const greeting = await e.link(maiTg, "vice_chair", "PHO_PHONG", "Huỳnh Thị Mai");
    expect(greeting.plainText).toMatch(/Huỳnh Thị Mai/);
    const member = (await e.db.prisma.chatIdentity.findFirst({
      where: { platform: "telegram", platformUserId: String(maiTg.id) },
      include: { member: true },
    }))!.member;
    const maiZ: PersonZ = { id: "3330009", name: "Mai Huỳnh" };
    await zaloLink(maiZ, "vice_chair", "PHO_PHONG", "Huỳnh Thị Mai", member.id);
    const identities = await e.db.prisma.chatIdentity.findMany({ where: { memberId: member.id } });
    expect(identities.map((i) => i.platform).sort()).toEqual(["telegram", "zalo"]);
    expect(await e.db.prisma.chatIdentity.count({ where: { platformUserId: maiZ.id } })).toBe(1);
  });
});
