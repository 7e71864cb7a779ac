/** The office publishes the seed notice to the demo council's 15 unit groups; communes acknowledge it. */
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { E2E, buttons, person } from "../helpers/e2e.js";
import { DEMO_UNITS } from "../../src/core/directory/demo-seed.js";
import { draftFromFile } from "../../src/core/notices/draft.js";
import { publishNotice } from "../../src/core/notices/publish.js";
import { noticeStatus } from "../../src/core/notices/status.js";
import { visibleLength } from "../../src/text/split-html.js";

const SEED = readFileSync(new URL("../fixtures/notices/00-seed-ket-luan-thuong-truc-hdnd.txt", import.meta.url));
const UNITS = DEMO_UNITS.filter((u) => u.kind !== "committee");
const groupId = (i: number) => -1007000000000 - i;
const ha = person(7001, "Hà", "Lê");
const an = person(7002, "An", "Nguyễn");
const mai = person(7003, "Mai", "Huỳnh");

let e: E2E;
beforeEach(async () => {
  e = await E2E.start();
  for (let i = 0; i < UNITS.length; i++) await e.registerGroup(groupId(i), "unit", UNITS[i]!.code, `HĐND ${UNITS[i]!.name}`);
  await e.link(ha, "office", null, "Lê Thị Hà");
});
afterEach(() => e.close());

async function publishSeed(opts: { pin?: boolean } = {}) {
  const draft = await draftFromFile({ bytes: SEED, fileName: "ket-luan.txt", dataDir: e.config.dataDir, timezone: e.config.timezone });
  if (!draft.ok) throw new Error(draft.message);
  const result = await e.db.transaction((tx) =>
    publishNotice(tx, {
      councilId: e.councilId,
      draft: draft.draft,
      title: "Kết luận buổi làm việc với Thường trực HĐND các xã, phường",
      audience: { kind: "all" },
      pin: opts.pin ?? false,
      authorMemberId: null,
      authorLabel: "test",
      reportChatId: null,
      now: e.clock.now(),
    }),
  );
  if (!result.ok) throw new Error("no targets");
  e.app.services.notifyOutbox();
  return result.noticeId;
}

function expectEachGroupGotItOnce() {
  for (let i = 0; i < UNITS.length; i++) {
    const msgs = e.fake.messagesTo(groupId(i));
    const texts = msgs.filter((m) => m.method === "sendMessage");
    const docs = msgs.filter((m) => m.method === "sendDocument");
    expect(texts.length, `texts in group ${i}`).toBe(2);
    expect(docs.length, `files in group ${i}`).toBe(1);
    expect(texts[0]!.plainText).toMatch(/^📢 THÔNG BÁO\nKết luận buổi làm việc với Thường trực HĐND các xã, phường\n\nNgày 28\/4\/2022/);
    // The header once: the body's own "THÔNG BÁO" and title lines are not repeated under it.
    expect(
      texts
        .map((m) => m.plainText)
        .join("\n")
        .match(/Kết luận buổi làm việc với Thường trực/g),
    ).toHaveLength(1);
    expect(texts[1]!.plainText).toMatch(/Trần Duy Khánh[\s\S]*Đã nhận/);
    for (const t of texts) expect(visibleLength(t.text!)).toBeLessThanOrEqual(4096);
    // "Đã nhận" on the first part, the one that is pinned and read first.
    expect(buttons(texts[0]!).map((b) => b.text)).toEqual(["✅ Đã nhận"]);
    expect(buttons(texts[1]!)).toEqual([]);
    expect(docs[0]!.document!.fileName).toBe("ket-luan.txt");
    expect(texts[0]!.messageId).toBeLessThan(texts[1]!.messageId);
  }
}

describe("publishing a notice", () => {
  it("reaches all 15 unit groups exactly once, split at 4096 with valid HTML, and counts acknowledgements", async () => {
    const id = await publishSeed();
    await e.drain();
    expectEachGroupGotItOnce();
    expect(e.fake.stats().badRequests).toBe(0);
    // The whole text arrives: the split loses nothing.
    const joined = e.fake
      .messagesTo(groupId(0))
      .filter((m) => m.method === "sendMessage")
      .map((m) => m.plainText)
      .join(" ");
    expect(joined).toMatch(/Thừa lệnh Thường trực HĐND thị xã/);

    await e.link(an, "vice_chair", UNITS[0]!.code, "Nguyễn Văn An");
    await e.link(mai, "delegate", UNITS[0]!.code, "Huỳnh Thị Mai");
    const ackMessage = e.fake.messagesTo(groupId(0)).filter((m) => m.method === "sendMessage")[0]!;
    const first = await e.press(an, ackMessage, "✅ Đã nhận");
    expect((await first.waitForAnswer()).text).toMatch(/Đã ghi nhận/);
    await e.fake.waitForEdit((x) => x.chatId === groupId(0) && JSON.stringify(x.replyMarkup).includes("Đã nhận (1)"));
    await e.press(mai, e.fake.sentMessage(groupId(0), ackMessage.messageId)!, /Đã nhận/);
    await e.fake.waitForEdit((x) => x.chatId === groupId(0) && JSON.stringify(x.replyMarkup).includes("Đã nhận (2)"));
    const again = await e.press(an, e.fake.sentMessage(groupId(0), ackMessage.messageId)!, /Đã nhận/);
    expect((await again.waitForAnswer()).text).toMatch(/đã xác nhận/);

    const status = (await noticeStatus(e.db.prisma, id))!;
    expect(status.totals).toMatchObject({ units: 15, delivered: 15, acked: 1 });
    const phoFirst = status.units.find((u) => u.unitCode === UNITS[0]!.code)!;
    expect(phoFirst.acks.map((a) => a.member)).toEqual(["Nguyễn Văn An", "Huỳnh Thị Mai"]);

    const reply = await e.ask(ha, `/thongbao_tinhtrang ${id}`, /Tình trạng thông báo/);
    expect(reply.plainText).toMatch(/đã xác nhận: 1\/15/);
    expect(reply.plainText).toMatch(/Nguyễn Văn An/);
  });

  it("takes a typed 'đã nhận' in a Telegram group when it replies to the notice (privacy mode hides the rest)", async () => {
    const id = await publishSeed();
    await e.drain();
    await e.link(an, "vice_chair", UNITS[0]!.code, "Nguyễn Văn An");
    const notice = e.fake.messagesTo(groupId(0)).find((m) => m.method === "sendMessage")!;
    expect(e.say(an, "đã nhận", groupId(0)).delivered).toBe(false);
    e.fake.injectMessage({ chat: groupId(0), from: an, text: "Đã nhận", replyToMessageId: notice.messageId });
    await e.fake.waitForEdit((x) => x.chatId === groupId(0) && JSON.stringify(x.replyMarkup).includes("Đã nhận (1)"));
    const acks = await e.db.prisma.noticeAck.findMany({ where: { noticeId: id } });
    expect(acks.map((a) => a.via)).toEqual(["reply"]);
  });

  it("reports a group that answers 403 as undelivered, and goes on with the others", async () => {
    e.fake.setForbidden(groupId(3), true);
    const id = await publishSeed();
    await e.drain();
    const status = (await noticeStatus(e.db.prisma, id))!;
    const gone = status.units.find((u) => u.unitCode === UNITS[3]!.code)!;
    expect(gone.state).toBe("failed");
    expect(gone.chats[0]!.reasonText).toMatch(/bị xóa khỏi nhóm/);
    expect(status.totals.delivered).toBe(14);
    const chat = await e.db.prisma.chat.findFirst({ where: { externalId: String(groupId(3)) } });
    expect(chat!.active).toBe(false);
  });

  it("finishes a publish interrupted by a restart, without duplicates", async () => {
    // Our sender and the fake both at 8 messages a second, so the restart lands in the middle of the fan-out.
    await e.stopApp();
    e.fake.configure({ rateLimits: { global: { limit: 8, windowMs: 1000 }, group: false, private: false } });
    e.config.telegram.rate.globalPerSecond = 8;
    await e.boot();
    await publishSeed();
    await e.fake.waitForCount(12, { timeoutMs: 10_000 });
    await e.restart();
    expect(e.fake.deliveredCount).toBeLessThan(45);
    await e.drain();
    expectEachGroupGotItOnce();
    // A restarted sender does not know what the previous one sent in the last second: Telegram may answer
    // 429, which is waited out; nothing fails.
    expect(await e.db.prisma.outboxMessage.count({ where: { status: { not: "sent" } } })).toBe(0);
  });

  it("lets the office publish from chat: pasted text, title, chosen units, pin, preview, and a delivery report", async () => {
    const ask = await e.ask(ha, "/thongbao", /Gửi thông báo/);
    expect(ask).toBeTruthy();
    const one = await e.ask(ha, SEED.toString("utf8").slice(0, 3000), /Đã nhận nội dung/);
    expect(one.plainText).toBe("Đã nhận nội dung. Đồng chí gửi tiếp hoặc bấm Tiếp tục.");
    const more = await e.ask(ha, SEED.toString("utf8").slice(3000), /Đã nhận nội dung \(2 tin nhắn\)/);
    expect(more.plainText).not.toMatch(/ký tự/);
    const titleAsk = await e.pressAndWait(ha, more, "Tiếp tục", /Tiêu đề thông báo/);
    expect(titleAsk.plainText).toMatch(/Kết luận buổi làm việc/);
    const audience = await e.pressAndWait(ha, titleAsk, "Dùng tiêu đề này", /Gửi thông báo đến đâu/);
    let units = await e.pressAndWait(ha, audience, "Chọn đơn vị", /Chọn các đơn vị nhận/);
    units = await e.pressAndWait(ha, units, new RegExp(UNITS[8]!.name), /Đã chọn: /);
    units = await e.ask(ha, "phổ phong", /Đã chọn: .*Phổ Phong/);
    const pin = await e.pressAndWait(ha, units, "Xong", /ghim/);
    const preview = await e.pressAndWait(ha, pin, "Có, ghim", /XEM LẠI THÔNG BÁO/);
    expect(preview.plainText).toMatch(/2 nhóm \(2 đơn vị\), có ghim/);
    await e.pressAndWait(ha, preview, "Gửi", /Đã phát hành thông báo/);
    const report = await e.next(ha.id, /đã gửi đến 2\/2 nhóm/);
    expect(report.plainText).toMatch(/\/thongbao_tinhtrang/);
    const phoPhong = UNITS.findIndex((u) => u.code === "PHO_PHONG");
    expect(e.fake.pinnedIn(groupId(phoPhong)).length).toBe(1);
    expect(e.fake.messagesTo(groupId(0)).length).toBe(0);
  });

  it("refuses an empty notice and an audience with no registered groups", async () => {
    const ask = await e.ask(ha, "/thongbao", /Gửi thông báo/);
    expect((await e.pressAndWait(ha, ask, "Tiếp tục", /chưa có nội dung/)).plainText).toBeTruthy();
    await e.ask(ha, 'Thông báo thử <b>&</b> "ngoặc kép', /Đã nhận/);
    const t = await e.pressAndWait(ha, e.fake.lastMessageTo(ha.id)!, "Tiếp tục", /Tiêu đề/);
    const a = await e.pressAndWait(ha, t, "Dùng tiêu đề này", /đến đâu/);
    const p = await e.pressAndWait(ha, a, "Chỉ Thường trực HĐND", /ghim/);
    const pv = await e.pressAndWait(ha, p, "Không ghim", /XEM LẠI/);
    expect((await e.pressAndWait(ha, pv, "Gửi", /Chưa có nhóm nào được đăng ký/)).plainText).toBeTruthy();
  });
});
