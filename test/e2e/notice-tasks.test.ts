/** Publishing a notice offers its deadlines as reporting tasks; the office confirms, edits or skips each. */
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { E2E, buttons, person } from "../helpers/e2e.js";

const SEED = readFileSync(new URL("../fixtures/notices/00-seed-ket-luan-thuong-truc-hdnd.txt", import.meta.url));
const SYNTH = readFileSync(new URL("../fixtures/notices/synthetic/04-nghean-tb-ketluan-gpmb-2022.txt", import.meta.url));
const ha = person(9501, "Hà", "Lê");
let e: E2E;

beforeEach(async () => {
  e = await E2E.start({ now: "2022-05-05T02:00:00Z" });
  await e.registerGroup(-1009500000001, "unit", "PHO_AN");
  await e.registerGroup(-1009500000002, "unit", "PHO_PHONG");
  await e.link(ha, "office", null, "Lê Thị Hà");
});
afterEach(() => e.close());

/** Publishes a file to all units; resolves with the "Đã phát hành" answer (publishing ends there). */
async function publishOnly(bytes: Buffer, fileName: string) {
  await e.ask(ha, "/thongbao", /Gửi thông báo/);
  const since = e.fake.deliveredCount;
  e.fake.injectDocument({ chat: ha.id, from: ha, fileName, mimeType: "text/plain", bytes });
  const got = await e.next(ha.id, /Đã nhận tệp/, since);
  const title = await e.pressAndWait(ha, got, "Tiếp tục", /Tiêu đề thông báo/);
  const audience = await e.pressAndWait(ha, title, "Dùng tiêu đề này", /đến đâu/);
  const pin = await e.pressAndWait(ha, audience, "Tất cả đơn vị", /ghim/);
  const preview = await e.pressAndWait(ha, pin, "Không ghim", /XEM LẠI THÔNG BÁO/);
  return e.pressAndWait(ha, preview, "Gửi", /Đã phát hành/);
}

/** Publishes, waits for the delivery summary and opens the proposals from its button. */
async function publishFile(bytes: Buffer, fileName: string) {
  const since = e.fake.deliveredCount;
  await publishOnly(bytes, fileName);
  const summary = await e.next(ha.id, /đã gửi đến \d+\/\d+ nhóm/, since);
  return e.pressAndWait(ha, summary, /^Xem \d+ yêu cầu báo cáo$/, /Yêu cầu \d+\//);
}

describe("tasks proposed from a notice", () => {
  it("offers the seed notice's requirement (all units, due 31/5/2022) and creates it as a task", async () => {
    const first = await publishFile(SEED, "ket-luan.txt");
    expect(first.plainText).toMatch(/Thông báo #\d+ có 1 yêu cầu báo cáo có thời hạn/);
    expect(first.plainText).toMatch(/kiểm tra, tổng hợp báo cáo cho Thường trực HĐND, các Ban HĐND thị xã trong tháng 5\/2022/);
    expect(first.plainText).toMatch(/tất cả 15 đơn vị/);
    expect(first.plainText).toMatch(/Hạn: 31\/5\/2022/);
    const done = await e.pressAndWait(ha, first, "Tạo nhiệm vụ", /Xong: đã tạo 1\/1/);
    expect(done).toBeTruthy();
    const task = await e.db.prisma.reportTask.findFirst({ include: { assignments: true } });
    expect(task!.assignments).toHaveLength(15);
    expect(task!.noticeId).not.toBeNull();
    expect(task!.dueAt.toISOString()).toBe("2022-05-31T10:00:00.000Z"); // 17:00 in Vietnam
    const created = e.fake.messagesTo(ha.id).find((m) => /Đã tạo nhiệm vụ #\d+/.test(m.plainText ?? ""));
    expect(created?.plainText).toMatch(/hạn 17:00 thứ Ba, ngày 31\/5\/2022, giao 15 đơn vị/);
  });

  it("lets the office edit a date and the units, and skip a requirement", async () => {
    let msg = await publishFile(SYNTH, "tb-ketluan.txt");
    const total = Number(/Yêu cầu 1\/(\d+)/.exec(msg.plainText!)![1]);
    expect(total).toBeGreaterThan(1);
    const askDue = await e.pressAndWait(ha, msg, "Sửa hạn", /gõ hạn nộp/);
    expect((await e.ask(ha, "30/02/2022", /không tồn tại/)).plainText).toBeTruthy();
    msg = await e.ask(ha, "20/6/2022 16:00", /Yêu cầu 1\//);
    expect(msg.plainText).toMatch(/Hạn: 20\/6\/2022/);
    void askDue;
    const toggles = await e.pressAndWait(ha, msg, "Sửa đơn vị", /Chọn|đơn vị/);
    const picked = await e.ask(ha, "Phổ An", /Đã chọn 1 đơn vị/);
    const chosenOnly = buttons(picked).find((b) => /^Xong/.test(b.text));
    expect(chosenOnly).toBeTruthy();
    void toggles;
    msg = await e.pressAndWait(ha, picked, /^Xong/, /Yêu cầu 1\//);
    expect(msg.plainText).toMatch(/→ Xã Phổ An/);
    const next = await e.pressAndWait(ha, msg, "Tạo nhiệm vụ", /Yêu cầu 2\//);
    expect(next).toBeTruthy();
    const task = await e.db.prisma.reportTask.findFirst({ include: { assignments: { include: { unit: true } } } });
    expect(task!.assignments.map((a) => a.unit.code)).toEqual(["PHO_AN"]);
    expect(task!.dueAt.toISOString()).toBe("2022-06-20T09:00:00.000Z");
    let current = e.fake.lastMessageTo(ha.id)!;
    for (let i = 2; i <= total; i++)
      current = await e.pressAndWait(ha, current, "Bỏ qua", i < total ? new RegExp(`Yêu cầu ${i + 1}/`) : /Xong: đã tạo 1\//);
    expect(await e.db.prisma.reportTask.count()).toBe(1);
  });
});

describe("proposals are their own step after publishing (issue 12, item 6)", () => {
  it("ends publishing at delivery: a new /thongbao starts at once, and the proposals wait under the summary", async () => {
    const sent = await publishOnly(SEED, "ket-luan.txt");
    expect(sent.plainText).toMatch(/Thông báo có 1 yêu cầu báo cáo có thời hạn.*\/thongbao_nhiemvu \d+/s);
    expect(await e.db.prisma.conversation.count()).toBe(0);
    const again = await e.ask(ha, "/thongbao", /Gửi thông báo|chưa xong/);
    expect(again.plainText).not.toMatch(/chưa xong/);
    expect(again.plainText).toMatch(/dán nội dung thông báo/);
    const summary = await e.next(ha.id, /đã gửi đến 2\/2 nhóm/);
    expect(summary.plainText).toMatch(/1 yêu cầu báo cáo có thời hạn chưa tạo nhiệm vụ/);
    expect(buttons(summary).map((b) => b.text)).toEqual(["Xem 1 yêu cầu báo cáo"]);
  });

  it("keeps what the office has not decided when the step is abandoned, and shows it again with /thongbao_nhiemvu", async () => {
    let msg = await publishFile(SYNTH, "tb-ketluan.txt");
    const total = Number(/Yêu cầu 1\/(\d+)/.exec(msg.plainText!)![1]);
    msg = await e.pressAndWait(ha, msg, "Bỏ qua", /Yêu cầu 2\//);
    const notice = await e.db.prisma.notice.findFirstOrThrow();
    // Another command asks to leave this step, by its own name, not "gửi thông báo".
    const ask = await e.ask(ha, "/thongbao", /chưa xong/);
    expect(ask.plainText).toContain("“tạo nhiệm vụ từ yêu cầu báo cáo của thông báo” chưa xong");
    await e.pressAndWait(ha, ask, "Bỏ và bắt đầu việc mới", /dán nội dung thông báo/);
    await e.ask(ha, "/huy", /hủy/i);
    const back = await e.ask(ha, `/thongbao_nhiemvu ${notice.id}`, /Yêu cầu \d+\//);
    expect(back.plainText).toContain(`Thông báo #${notice.id} còn ${total - 1}/${total} yêu cầu báo cáo chưa xử lý`);
    expect(back.plainText).toContain(`Yêu cầu 2/${total}`);
    // Without a number: the latest notice with requirements still open, at the same requirement.
    await e.ask(ha, "/huy", /hủy/i);
    const latest = await e.ask(ha, "/thongbao_nhiemvu", /Yêu cầu \d+\//);
    expect(latest.plainText).toContain(`Yêu cầu 2/${total}`);
  });

  it("gives the task a short editable title, not the quoted sentence with its old date", async () => {
    const first = await publishFile(SEED, "ket-luan.txt");
    expect(first.plainText).toContain("Nhiệm vụ: “Kiểm tra, tổng hợp báo cáo cho Thường trực HĐND, các Ban HĐND thị xã”");
    const askTitle = await e.pressAndWait(ha, first, "Sửa tiêu đề", /gõ tiêu đề/);
    expect(askTitle.plainText).toContain("Tiêu đề hiện tại: “Kiểm tra, tổng hợp báo cáo cho Thường trực HĐND, các Ban HĐND thị xã”");
    const edited = await e.ask(ha, "Báo cáo kết quả kiểm tra tháng 5", /Yêu cầu 1\/1/);
    expect(edited.plainText).toContain("Nhiệm vụ: “Báo cáo kết quả kiểm tra tháng 5”");
    await e.pressAndWait(ha, edited, "Tạo nhiệm vụ", /Xong: đã tạo 1\/1 nhiệm vụ từ thông báo #\d+/);
    const task = await e.db.prisma.reportTask.findFirstOrThrow();
    expect(task.title).toBe("Báo cáo kết quả kiểm tra tháng 5");
    const stored = JSON.parse((await e.db.prisma.notice.findFirstOrThrow()).proposalsJson!) as { state: string; taskId: number }[];
    expect(stored.map((p) => [p.state, p.taskId])).toEqual([["created", task.id]]);
    const again = await e.ask(ha, "/thongbao_nhiemvu", /thongbao_nhiemvu/);
    expect(again.plainText).toMatch(/Không có thông báo nào còn yêu cầu báo cáo chưa xử lý/);
  });
});

describe("a proposal whose date has passed", () => {
  beforeEach(async () => {
    await e.close();
    e = await E2E.start({ now: "2022-06-03T02:00:00Z" });
    await e.registerGroup(-1009500000001, "unit", "PHO_AN");
    await e.link(ha, "office", null, "Lê Thị Hà");
  });

  it("is flagged, and offers 'Tạo nhiệm vụ' only once a new date is typed", async () => {
    const first = await publishFile(SEED, "ket-luan.txt");
    expect(first.plainText).toMatch(/Hạn: 31\/5\/2022/);
    expect(first.plainText).toContain("⚠️ Hạn này đã qua.");
    expect(buttons(first).map((b) => b.text)).not.toContain("Tạo nhiệm vụ");
    await e.pressAndWait(ha, first, "Sửa hạn", /gõ hạn nộp/);
    const fixed = await e.ask(ha, "15/6/2022", /Yêu cầu 1\/1/);
    expect(fixed.plainText).not.toContain("Hạn này đã qua");
    expect(buttons(fixed).map((b) => b.text)).toContain("Tạo nhiệm vụ");
    await e.pressAndWait(ha, fixed, "Tạo nhiệm vụ", /Xong: đã tạo 1\/1/);
    expect((await e.db.prisma.reportTask.findFirstOrThrow()).dueAt.toISOString()).toBe("2022-06-15T10:00:00.000Z");
  });
});
