/**
 * Issue 12, item 5: a typed title is confirmed before it replaces the proposed one; a published notice can
 * be corrected (đính chính) and recalled (thu hồi), from chat and from the CLI, with the reason recorded.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import path from "node:path";
import { E2E, buttons, person } from "../helpers/e2e.js";
import { runCli } from "../../src/cli/main.js";
import { FakeZaloApi } from "../zalo/fake-zalo.js";
import { draftFromText } from "../../src/core/notices/draft.js";
import { publishNotice } from "../../src/core/notices/publish.js";
import { findUnitByCode } from "../../src/db/units.js";
import { testDatabaseUrl } from "../helpers/db.js";

const ha = person(7201, "Hà", "Lê");
const PHO_AN = -1007200000001;
const PHO_PHONG = -1007200000002;
const ZL_PHO_NINH = "7772001";

let e: E2E;
beforeEach(async () => {
  e = await E2E.start();
  e.fake.addChat({ id: PHO_AN, type: "supergroup", title: "HĐND xã Phổ An" });
  e.fake.addChat({ id: PHO_PHONG, type: "supergroup", title: "HĐND xã Phổ Phong" });
  await e.registerGroup(PHO_AN, "unit", "PHO_AN", "HĐND xã Phổ An");
  await e.registerGroup(PHO_PHONG, "unit", "PHO_PHONG", "HĐND xã Phổ Phong");
  await e.link(ha, "office", null, "Lê Thị Hà");
});
afterEach(() => e.close());

const BODY = "Thông báo về việc tổ chức tiếp xúc cử tri trước kỳ họp thứ 5.\nĐề nghị các xã, phường chuẩn bị địa điểm.";

/** /thongbao up to the title question; returns that prompt. */
async function upToTitle() {
  await e.ask(ha, "/thongbao", /Gửi thông báo/);
  const got = await e.ask(ha, BODY, /Đã nhận/);
  return e.pressAndWait(ha, got, "Tiếp tục", /Tiêu đề thông báo/);
}

describe("the title step", () => {
  it("asks before a typed line replaces the title, and keeps the current one when asked to", async () => {
    const titleAsk = await upToTitle();
    const confirm = await e.ask(ha, "ok", /Đồng chí vừa gõ/);
    expect(confirm.plainText).toMatch(/Đồng chí vừa gõ: ok/);
    expect(buttons(confirm).map((b) => b.text)).toEqual(["Dùng tiêu đề mới", "Giữ tiêu đề hiện tại", "Hủy"]);
    const audience = await e.pressAndWait(ha, confirm, "Giữ tiêu đề hiện tại", /Gửi thông báo đến đâu/);
    const pin = await e.pressAndWait(ha, audience, "Tất cả đơn vị", /ghim/);
    const preview = await e.pressAndWait(ha, pin, "Không ghim", /XEM LẠI THÔNG BÁO/);
    expect(preview.plainText).toMatch(/Tiêu đề: Thông báo về việc tổ chức tiếp xúc cử tri/);
    expect(titleAsk).toBeTruthy();
  });

  it("uses a typed title once confirmed", async () => {
    await upToTitle();
    const confirm = await e.ask(ha, "Tiếp xúc cử tri kỳ họp thứ 5", /Đồng chí vừa gõ/);
    const audience = await e.pressAndWait(ha, confirm, "Dùng tiêu đề mới", /Gửi thông báo đến đâu/);
    const pin = await e.pressAndWait(ha, audience, "Tất cả đơn vị", /ghim/);
    const preview = await e.pressAndWait(ha, pin, "Không ghim", /XEM LẠI THÔNG BÁO/);
    expect(preview.plainText).toMatch(/Tiêu đề: Tiếp xúc cử tri kỳ họp thứ 5\n/);
  });
});

/** Publishes BODY to both unit groups from chat, pinned; resolves with each group's notice message. */
async function publishPinned() {
  const titleAsk = await upToTitle();
  const audience = await e.pressAndWait(ha, titleAsk, "Dùng tiêu đề này", /Gửi thông báo đến đâu/);
  const pin = await e.pressAndWait(ha, audience, "Tất cả đơn vị", /ghim/);
  const preview = await e.pressAndWait(ha, pin, "Có, ghim", /XEM LẠI THÔNG BÁO/);
  await e.pressAndWait(ha, preview, "Gửi", /Đã phát hành thông báo/);
  await e.next(ha.id, /đã gửi đến 2\/2 nhóm/);
  await e.drain();
  const id = (await e.db.prisma.notice.findFirstOrThrow()).id;
  const inGroup = (chat: number) => e.fake.messagesTo(chat).find((m) => m.method === "sendMessage")!;
  return { id, an: inGroup(PHO_AN), phong: inGroup(PHO_PHONG) };
}

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ["node", "council", ...args],
    { DATABASE_URL: testDatabaseUrl(path.join(e.dir, "council.db")), LOG_LEVEL: "silent" },
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("correcting a notice (đính chính)", () => {
  it("from chat: replies to the original in each group and edits it to the corrected title", async () => {
    const { id, an: original } = await publishPinned();
    const pick = await e.ask(ha, "/dinhchinh", /chọn thông báo cần đính chính/);
    const what = await e.pressAndWait(ha, pick, new RegExp(`^#${id} `), /đính chính phần nào/);
    const change = await e.pressAndWait(ha, what, "Tiêu đề", /gõ tiêu đề đúng/);
    const reason = await e.ask(ha, "Tiếp xúc cử tri trước kỳ họp thứ 6", /lý do đính chính/);
    expect(change).toBeTruthy();
    const review = await e.ask(ha, "Ghi nhầm kỳ họp", /XEM LẠI ĐÍNH CHÍNH/);
    expect(review.plainText).toMatch(/Tiêu đề mới: Tiếp xúc cử tri trước kỳ họp thứ 6/);
    expect(review.plainText).toMatch(/Gửi đến 2 nhóm/);
    const done = await e.pressAndWait(ha, review, "Gửi đính chính", /Đã gửi đính chính/);
    expect(done.plainText).toBe("✅ Đã gửi đính chính lần 1 của thông báo #1 đến 2 nhóm (trả lời vào tin thông báo gốc).");
    void reason;

    const reply = await e.next(PHO_AN, /ĐÍNH CHÍNH THÔNG BÁO/);
    expect(reply.plainText).toBe(
      "📝 ĐÍNH CHÍNH THÔNG BÁO “Thông báo về việc tổ chức tiếp xúc cử tri trước kỳ họp thứ 5”\nTiêu đề được đính chính là: Tiếp xúc cử tri trước kỳ họp thứ 6\nLý do: Ghi nhầm kỳ họp\nĐề nghị các đồng chí lưu ý.",
    );
    expect(reply.replyToMessageId).toBe(original.messageId);
    await e.next(PHO_PHONG, /ĐÍNH CHÍNH THÔNG BÁO/);
    const edit = await e.fake.waitForEdit((x) => x.chatId === PHO_AN && x.messageId === original.messageId);
    expect(e.fake.sentMessage(PHO_AN, original.messageId)!.plainText).toMatch(
      /Tiếp xúc cử tri trước kỳ họp thứ 6[\s\S]*\(Đã đính chính ngày .*, xem tin nhắn đính chính\.\)$/,
    );
    expect(JSON.stringify(edit.replyMarkup)).toContain("✅ Đã nhận");
    const rows = await e.db.prisma.noticeCorrection.findMany();
    expect(rows.map((r) => [r.seq, r.previousTitle, r.newTitle, r.reason, r.byMemberId !== null])).toEqual([
      [1, "Thông báo về việc tổ chức tiếp xúc cử tri trước kỳ họp thứ 5", "Tiếp xúc cử tri trước kỳ họp thứ 6", "Ghi nhầm kỳ họp", true],
    ]);
    expect((await e.db.prisma.notice.findUniqueOrThrow({ where: { id } })).title).toBe("Tiếp xúc cử tri trước kỳ họp thứ 6");
    expect(await e.db.prisma.auditLog.count({ where: { action: "notice.correct" } })).toBe(1);
    expect(await e.db.prisma.outboxMessage.count({ where: { idempotencyKey: { startsWith: `notice:${id}:correction:1:c` } } })).toBe(4);
  });

  it("from the CLI: a corrected passage, and refusals", async () => {
    const { id, phong } = await publishPinned();
    const r = await cli(["notice", "correct", String(id), "--text", "Địa điểm là hội trường UBND xã.", "--reason", "Bổ sung địa điểm"]);
    expect(r).toMatchObject({ code: 0, stdout: `Correction 1 of notice #${id} queued for 2 group(s); the running service delivers it.` });
    e.app.services.notifyOutbox();
    const reply = await e.next(PHO_PHONG, /ĐÍNH CHÍNH/);
    expect(reply.plainText).toMatch(/Nội dung đính chính:\nĐịa điểm là hội trường UBND xã\.\nLý do: Bổ sung địa điểm/);
    expect(reply.replyToMessageId).toBe(phong.messageId);
    expect((await cli(["notice", "correct", String(id)])).stderr).toMatch(/Give --title and\/or --text/);
    expect((await cli(["notice", "correct", "99", "--title", "x"])).stderr).toMatch(/No notice #99/);
  });
});

describe("recalling a notice (thu hồi)", () => {
  it("from chat, within 48 hours: deletes the messages, tells each group, stops the reminders", async () => {
    const { id, an: original } = await publishPinned();
    expect(e.fake.pinnedIn(PHO_AN)).toEqual([original.messageId]);
    const pick = await e.ask(ha, "/thuhoi", /chọn thông báo cần thu hồi/);
    const reason = await e.pressAndWait(ha, pick, new RegExp(`^#${id} `), /lý do thu hồi/);
    expect(reason).toBeTruthy();
    const review = await e.ask(ha, "Thông báo ban hành nhầm đối tượng", /XÁC NHẬN THU HỒI/);
    const done = await e.pressAndWait(ha, review, "Thu hồi", /Đã thu hồi thông báo/);
    expect(done.plainText).toBe("✅ Đã thu hồi thông báo #1: báo cho 2 nhóm, xóa tin thông báo ở 2 nhóm; ngừng nhắc xác nhận.");
    const told = await e.next(PHO_AN, /THU HỒI THÔNG BÁO/);
    expect(told.plainText).toMatch(
      /^⛔ THU HỒI THÔNG BÁO “Thông báo về việc tổ chức tiếp xúc cử tri[\s\S]*Lý do: Thông báo ban hành nhầm đối tượng/,
    );
    await e.next(PHO_PHONG, /THU HỒI THÔNG BÁO/);
    await e.drain();
    expect(
      e.fake
        .deletions()
        .map((d) => d.chatId)
        .sort(),
    ).toEqual([PHO_AN, PHO_PHONG].sort());
    expect(e.fake.sentMessage(PHO_AN, original.messageId)).toBeUndefined();
    expect(e.fake.pinnedIn(PHO_AN)).toEqual([]);
    const notice = await e.db.prisma.notice.findUniqueOrThrow({ where: { id } });
    expect(notice.recallReason).toBe("Thông báo ban hành nhầm đối tượng");
    expect(notice.recalledAt?.toISOString()).toBe(e.clock.now().toISOString());
    expect(notice.recalledById).not.toBeNull();
    expect(await e.db.prisma.auditLog.count({ where: { action: "notice.recall" } })).toBe(1);
    // No acknowledgement reminder for a recalled notice, 25 hours on.
    await e.db.prisma.noticeDelivery.updateMany({ data: { deliveredAt: e.clock.now() } });
    e.clock.advance(25 * 3600_000);
    expect((await e.app.scheduler.tickNow(e.clock.now())).noticeAcks.sent).toBe(0);
    const status = await e.ask(ha, `/thongbao_tinhtrang ${id}`, /Tình trạng thông báo/);
    expect(status.plainText).toMatch(/⛔ Đã thu hồi .*\. Lý do: Thông báo ban hành nhầm đối tượng/);
    expect((await e.ask(ha, `/thuhoi ${id}`, /đã được thu hồi trước đó/)).plainText).toBe("Thông báo #1 đã được thu hồi trước đó.");
  });

  it("from the CLI, after 48 hours: unpins, strikes the original and takes its button away", async () => {
    const { id, an: original } = await publishPinned();
    // Delivered three days ago (the CLI runs on the wall clock).
    await e.db.prisma.noticeDelivery.updateMany({ data: { deliveredAt: new Date(Date.now() - 72 * 3600_000) } });
    // Without a reason nothing happens (commander refuses the missing option).
    expect((await cli(["notice", "recall", String(id)])).code).not.toBe(0);
    expect((await e.db.prisma.notice.findUniqueOrThrow({ where: { id } })).recalledAt).toBeNull();
    const r = await cli(["notice", "recall", String(id), "--reason", "Đã có văn bản thay thế"]);
    expect(r).toMatchObject({ code: 0, stdout: `Notice #${id} recalled: 2 group(s) told, messages deleted in 0; its reminders stopped.` });
    e.app.services.notifyOutbox();
    await e.next(PHO_AN, /THU HỒI THÔNG BÁO[\s\S]*Đã có văn bản thay thế/);
    await e.drain();
    expect(e.fake.deletions()).toEqual([]);
    expect(e.fake.pinnedIn(PHO_AN)).toEqual([]);
    const struck = e.fake.sentMessage(PHO_AN, original.messageId)!;
    expect(struck.text).toMatch(/^📢 <s>THÔNG BÁO: Thông báo về việc tổ chức tiếp xúc cử tri[^<]*<\/s>\n<b>ĐÃ THU HỒI<\/b> ngày /);
    expect(buttons(struck)).toEqual([]);
    // A press on a recalled notice's old button is answered, not counted.
    const late = e.fake.injectCallback({ from: ha, chat: PHO_AN, messageId: original.messageId, data: `nt:ack:${id}` });
    expect((await late.waitForAnswer()).text).toBe("Thông báo này đã được thu hồi, không cần xác nhận.");
    expect(await e.db.prisma.noticeAck.count()).toBe(0);
    expect((await cli(["notice", "correct", String(id), "--title", "x"])).stderr).toMatch(/was recalled already/);
    expect((await cli(["notice", "list"])).stdout).toMatch(/\[recalled\] Thông báo về việc tổ chức tiếp xúc cử tri/);
  });
});

describe("on Zalo", () => {
  it("a correction and a recall are told in the group (nothing to delete, edit or unpin there)", async () => {
    await e.close();
    const api = new FakeZaloApi();
    e = await E2E.start({ zalo: api });
    await e.registerGroup(ZL_PHO_NINH, "unit", "PHO_NINH", "HĐND phường Phổ Ninh (Zalo)", "zalo");
    const unit = (await findUnitByCode(e.db.prisma, e.councilId, "PHO_NINH"))!;
    const published = await e.db.transaction((tx) =>
      publishNotice(tx, {
        councilId: e.councilId,
        draft: draftFromText(BODY, e.config.timezone, null),
        title: "Về việc tiếp xúc cử tri",
        audience: { kind: "units", unitIds: [unit.id] },
        pin: true,
        authorMemberId: null,
        authorLabel: "test",
        reportChatId: null,
        now: e.clock.now(),
      }),
    );
    if (!published.ok) throw new Error("no targets");
    e.app.services.notifyOutbox();
    await api.waitForSent(ZL_PHO_NINH, /Về việc tiếp xúc cử tri/);
    await e.drain();
    const id = published.noticeId;
    expect((await cli(["notice", "correct", String(id), "--text", "Họp lúc 14 giờ."])).code).toBe(0);
    e.app.services.notifyOutbox();
    const correction = await api.waitForSent(ZL_PHO_NINH, /ĐÍNH CHÍNH THÔNG BÁO/);
    expect(correction.content.msg).toMatch(/Nội dung đính chính:\nHọp lúc 14 giờ\./);
    expect((await cli(["notice", "recall", String(id), "--reason", "Ban hành nhầm"])).code).toBe(0);
    e.app.services.notifyOutbox();
    const recall = await api.waitForSent(ZL_PHO_NINH, /THU HỒI THÔNG BÁO/);
    expect(recall.content.msg).toMatch(/Lý do: Ban hành nhầm/);
    await e.drain();
    expect(await e.db.prisma.outboxMessage.count({ where: { status: { notIn: ["sent", "cancelled"] } } })).toBe(0);
  });
});
