/** The small texts people read (issue 12, "Text and small things"): help, a misunderstood answer, unit names. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { E2E, buttons, person } from "../helpers/e2e.js";

const an = person(9601, "An", "Nguyễn");
const ha = person(9602, "Hà", "Lê");
const GROUP = { id: -1009600000001, type: "supergroup" as const, title: "HĐND xã Phổ An" };
let e: E2E;

beforeEach(async () => {
  e = await E2E.start({ now: "2022-05-23T02:00:00Z" });
});
afterEach(() => e.close());

describe("/trogiup", () => {
  it("leaves out /start for a linked person, and tells the office about /dangky, typed in a group", async () => {
    await e.link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
    await e.link(ha, "office", null, "Lê Thị Hà");
    const vice = await e.ask(an, "/trogiup", /Các lệnh đồng chí có thể dùng/);
    expect(vice.plainText).toContain("/baocao (/report)");
    expect(vice.plainText).not.toMatch(/\/start/);
    expect(vice.plainText).not.toMatch(/\/dangky/);
    const office = await e.ask(ha, "/trogiup", /Các lệnh đồng chí có thể dùng/);
    expect(office.plainText).not.toMatch(/\/start/);
    expect(office.plainText).toContain("/dangky (/register) – Đăng ký nhóm với hệ thống (Văn phòng) (gõ lệnh trong nhóm)");
    const inGroup = await e.ask(ha, "/trogiup", /Các lệnh đồng chí có thể dùng/, GROUP.id);
    expect(inGroup.plainText).toContain("/dangky (/register) – Đăng ký nhóm với hệ thống (Văn phòng)\n");
    // Someone not linked yet still learns how to link.
    const stranger = person(9603, "Bình");
    expect((await e.ask(stranger, "/trogiup", /.+/)).plainText).toMatch(/\/start/);
  });
});

describe("a misunderstood answer on Telegram", () => {
  it("gets one message with the buttons, not a second line meant for Zalo's numbered lists", async () => {
    await e.link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
    const ask = await e.ask(an, "/vande", /lĩnh vực nào/);
    const since = e.fake.deliveredCount;
    const hint = await e.ask(an, "không biết", /.+/);
    expect(hint.plainText).toBe("Đề nghị đồng chí chọn một mục trong danh sách (bấm nút hoặc gõ số thứ tự).");
    expect(buttons(hint).map((b) => b.text)).toEqual(buttons(ask).map((b) => b.text));
    // The buttons of the hint work, and nothing else was said in between.
    const next = await e.pressAndWait(an, hint, buttons(ask)[0]!.text, /Mức độ/);
    expect(
      e.fake
        .messagesTo(an.id)
        .filter((m) => m.seq > since)
        .map((m) => m.messageId),
    ).toEqual([hint.messageId, next.messageId]);
  });
});
