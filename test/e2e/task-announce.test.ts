/**
 * Issue 12, item 3: a new task is announced at once to each assigned unit's group and its vice-chairs, with
 * a button that opens /baocao on that task; in quiet hours it waits for their end, unless the deadline
 * comes first. Tasks are given through /hanmoi and the CLI (in this process, on the test's fixed clock).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/main.js";
import { createCliContext } from "../../src/cli/context.js";
import { atLocal } from "../../src/domain/time/vietnam-time.js";
import { E2E, buttons, person } from "../helpers/e2e.js";
import { testDatabaseUrl } from "../helpers/db.js";

const TZ = "Asia/Ho_Chi_Minh";
const an = person(7301, "An", "Nguyễn"); // vice-chair of PHO_AN
const ha = person(7302, "Hà", "Lê"); // office
const GROUP_AN = -3001;
const GROUP_PHONG = -3002;

let e: E2E;

/** `council ...` as an operator would type it, in this process, on the app's fixed clock. */
async function council(args: string[]): Promise<string> {
  const out: string[] = [];
  const ctx = createCliContext(
    { DATABASE_URL: testDatabaseUrl(path.join(e.dir, "council.db")), DATA_DIR: e.dir, LOG_LEVEL: "silent", QUIET_WEEKENDS: "none" },
    (l) => out.push(l),
  );
  ctx.clock = e.clock;
  try {
    await buildProgram(() => ctx).parseAsync(["node", "council", ...args]);
  } finally {
    await ctx.close();
  }
  return out.join("\n");
}

const texts = (chatId: number, match: RegExp) => e.fake.messagesTo(chatId).filter((m) => match.test(m.plainText ?? ""));

beforeAll(async () => {
  // Monday 23/5/2022 09:00 in Vietnam.
  e = await E2E.start({ now: "2022-05-23T02:00:00Z", env: { QUIET_WEEKENDS: "none" } });
  await e.registerGroup(GROUP_AN, "unit", "PHO_AN", "HĐND xã Phổ An");
  await e.registerGroup(GROUP_PHONG, "unit", "PHO_PHONG", "HĐND xã Phổ Phong");
  await e.link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
  await e.link(ha, "office", null, "Lê Thị Thu Hà");
}, 60_000);

afterAll(async () => {
  await e?.close();
});

describe("a new task is announced at once", () => {
  it("from /hanmoi: the unit's group and its vice-chair get it, and the button opens /baocao on that task", async () => {
    await e.ask(ha, "/hanmoi", /Tạo nhiệm vụ báo cáo/);
    await e.ask(ha, "Báo cáo tiến độ giải phóng mặt bằng", /nội dung, yêu cầu cụ thể/);
    await e.ask(ha, "Nêu số hộ đã nhận tiền bồi thường.", /Hạn nộp báo cáo là ngày nào/);
    const mode = await e.ask(ha, "24/5/2022 09:00", /Giao nhiệm vụ cho những đơn vị nào/);
    let pick = await e.pressAndWait(ha, mode, "Chọn từng đơn vị", /Bấm vào tên đơn vị/);
    pick = await e.pressAndWait(ha, pick, "Xã Phổ An", /Đã chọn 1 đơn vị/);
    const review = await e.pressAndWait(ha, pick, "Xong (1 đơn vị)", /XEM LẠI NHIỆM VỤ BÁO CÁO/);
    const since = e.fake.deliveredCount;
    await e.pressAndWait(ha, review, "Tạo nhiệm vụ", /Đã tạo nhiệm vụ báo cáo #1/);

    const group = await e.next(GROUP_AN, /NHIỆM VỤ BÁO CÁO MỚI/, since);
    expect(group.plainText).toBe(
      [
        "NHIỆM VỤ BÁO CÁO MỚI",
        "Kính gửi: Thường trực HĐND Xã Phổ An.",
        "Nhiệm vụ: “Báo cáo tiến độ giải phóng mặt bằng”",
        "Nội dung: Nêu số hộ đã nhận tiền bồi thường.",
        "Hạn nộp: 09:00 thứ Ba, ngày 24/5/2022.",
        "Đề nghị đồng chí Phó Chủ tịch HĐND Xã Phổ An gửi báo cáo trước thời hạn bằng lệnh /baocao, hoặc chọn “Gửi báo cáo” dưới đây.",
        "Trân trọng.",
      ].join("\n"),
    );
    expect(buttons(group).map((b) => [b.text, b.callback_data])).toEqual([["📝 Gửi báo cáo", "bc:1"]]);
    const mine = await e.next(an.id, /vừa giao nhiệm vụ báo cáo mới/, since);
    expect(mine.plainText).toMatch(
      /^Kính gửi đồng chí Nguyễn Văn An\.\nVăn phòng HĐND vừa giao nhiệm vụ báo cáo mới cho Xã Phổ An: “Báo cáo tiến độ giải phóng mặt bằng”\./,
    );
    expect(buttons(mine).map((b) => b.text)).toEqual(["📝 Gửi báo cáo"]);

    // Pressed the moment it appears, in private: /baocao on that task, no list to choose from.
    const content = await e.pressAndWait(an, mine, "📝 Gửi báo cáo", /Báo cáo cho:/);
    expect(content.plainText).toMatch(/^Báo cáo cho: Báo cáo tiến độ giải phóng mặt bằng\n/);
    await e.ask(an, "/huy", /Đã hủy/);

    // In the group: Telegram opens the private chat with the bot, which receives "/start baocao-1".
    const press = await e.press(an, group, "📝 Gửi báo cáo");
    const answer = await press.waitForAnswer();
    expect(answer.url).toBe("https://t.me/fake_council_bot?start=baocao-1");
    const viaLink = await e.ask(an, "/start baocao-1", /Báo cáo cho:/);
    expect(viaLink.plainText).toMatch(/^Báo cáo cho: Báo cáo tiến độ giải phóng mặt bằng\n/);
    await e.ask(an, "/huy", /Đã hủy/);

    // Once per chat, and only to the units assigned.
    await e.drain();
    expect(texts(GROUP_AN, /NHIỆM VỤ BÁO CÁO MỚI/)).toHaveLength(1);
    expect(texts(GROUP_PHONG, /NHIỆM VỤ BÁO CÁO MỚI/)).toHaveLength(0);
    const keys = await e.db.prisma.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: "task:1:announce:" } } });
    expect(keys.map((k) => k.idempotencyKey).sort()).toEqual([...new Set(keys.map((k) => `task:1:announce:c${k.chatId}`))].sort());
    expect(keys).toHaveLength(2);
  }, 60_000);

  it("from the CLI: the same announcement, at once", async () => {
    const since = e.fake.deliveredCount;
    const out = await council([
      "task",
      "create",
      "--title",
      "Báo cáo kết quả tiếp xúc cử tri",
      "--due",
      "2022-05-27",
      "--units",
      "PHO_AN,PHO_PHONG",
    ]);
    expect(out).toMatch(/#2/);
    const group = await e.next(GROUP_PHONG, /NHIỆM VỤ BÁO CÁO MỚI/, since);
    expect(group.plainText).toMatch(/Nhiệm vụ: “Báo cáo kết quả tiếp xúc cử tri”\nHạn nộp: 17:00 thứ Sáu, ngày 27\/5\/2022\./);
    await e.next(GROUP_AN, /Báo cáo kết quả tiếp xúc cử tri/, since);
    const mine = await e.next(an.id, /Báo cáo kết quả tiếp xúc cử tri/, since);
    const content = await e.pressAndWait(an, mine, "📝 Gửi báo cáo", /Báo cáo cho:/);
    expect(content.plainText).toMatch(/^Báo cáo cho: Báo cáo kết quả tiếp xúc cử tri\n/);
    await e.ask(an, "/huy", /Đã hủy/);
  }, 60_000);

  it("in quiet hours: at their end, or at once when the deadline comes before", async () => {
    await e.drain();
    e.clock.set(atLocal("2022-05-23", "23:00", TZ));
    const since = e.fake.deliveredCount;
    await council([
      "task",
      "create",
      "--title",
      "Báo cáo thiệt hại do mưa lớn",
      "--due",
      "2022-05-24",
      "--time",
      "15:00",
      "--units",
      "PHO_AN",
    ]);
    await council([
      "task",
      "create",
      "--title",
      "Báo cáo số hộ phải sơ tán",
      "--due",
      "2022-05-24",
      "--time",
      "06:00",
      "--units",
      "PHO_AN",
    ]);
    // The 06:00 one goes now; the 15:00 one waits.
    const urgent = await e.next(GROUP_AN, /NHIỆM VỤ BÁO CÁO MỚI/, since);
    expect(urgent.plainText).toMatch(/“Báo cáo số hộ phải sơ tán”/);
    await e.next(an.id, /Báo cáo số hộ phải sơ tán/, since);
    await e.drain();
    expect(texts(GROUP_AN, /Báo cáo thiệt hại do mưa lớn/)).toHaveLength(0);
    expect((await e.app.scheduler.tickNow(atLocal("2022-05-24", "06:55", TZ))).reminders.announced).toBe(0);
    await e.drain();
    expect(texts(GROUP_AN, /Báo cáo thiệt hại do mưa lớn/)).toHaveLength(0);

    // 07:00, the end of quiet hours: the reminder tick announces it, once.
    const at7 = e.fake.deliveredCount;
    e.clock.set(atLocal("2022-05-24", "07:00", TZ));
    expect((await e.app.scheduler.tickNow(atLocal("2022-05-24", "07:00", TZ))).reminders.announced).toBe(1);
    const late = await e.next(GROUP_AN, /NHIỆM VỤ BÁO CÁO MỚI/, at7);
    expect(late.plainText).toMatch(/“Báo cáo thiệt hại do mưa lớn”\nHạn nộp: 15:00 thứ Ba, ngày 24\/5\/2022\./);
    const mine = await e.next(an.id, /Báo cáo thiệt hại do mưa lớn/, at7);
    expect((await e.app.scheduler.tickNow(atLocal("2022-05-24", "07:05", TZ))).reminders.announced).toBe(0);
    await e.drain();
    expect(texts(GROUP_AN, /Báo cáo thiệt hại do mưa lớn/)).toHaveLength(1);
    const content = await e.pressAndWait(an, mine, "📝 Gửi báo cáo", /Báo cáo cho:/);
    expect(content.plainText).toMatch(/^Báo cáo cho: Báo cáo thiệt hại do mưa lớn\n/);
    await e.ask(an, "/huy", /Đã hủy/);
  }, 90_000);

  it("a periodic series: each period it opens is announced by the next reminder tick", async () => {
    e.clock.set(atLocal("2022-05-24", "09:00", TZ));
    const out = await council([
      "task",
      "create",
      "--title",
      "Báo cáo tình hình an ninh trật tự",
      "--every",
      "month",
      "--day",
      "28",
      "--units",
      "PHO_AN",
    ]);
    expect(out).toMatch(/ĐK1/);
    const at = e.fake.deliveredCount;
    expect((await e.app.scheduler.tickNow(atLocal("2022-05-24", "09:05", TZ))).reminders.announced).toBe(1);
    const period = await e.next(GROUP_AN, /NHIỆM VỤ BÁO CÁO MỚI/, at);
    expect(period.plainText).toMatch(/“Báo cáo tình hình an ninh trật tự – tháng 5\/2022”\nHạn nộp: 17:00 thứ Bảy, ngày 28\/5\/2022\./);
    const mine = await e.next(an.id, /an ninh trật tự – tháng 5\/2022/, at);
    const content = await e.pressAndWait(an, mine, "📝 Gửi báo cáo", /Báo cáo cho:/);
    expect(content.plainText).toMatch(/^Báo cáo cho: Báo cáo tình hình an ninh trật tự – tháng 5\/2022\n/);
    expect((await e.app.scheduler.tickNow(atLocal("2022-05-24", "09:10", TZ))).reminders.announced).toBe(0);
  }, 60_000);
});
