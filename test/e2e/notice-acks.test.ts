/**
 * Issue 12, item 4: an acknowledgement counts for a unit only when one of its own members gives it. The
 * office clerk or another unit's vice-chair pressing "✅ Đã nhận" in xã Phổ An's group is recorded as theirs
 * and shown apart (chat status, CLI, digest, console); Phổ An's counter does not rise and its reminder still
 * goes out. On Telegram (button) and on Zalo (typed "đã nhận").
 */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { E2E, person } from "../helpers/e2e.js";
import { FakeZaloApi, groupMessage, userMessage, type PersonZ } from "../zalo/fake-zalo.js";
import { createInvite } from "../../src/core/invites.js";
import { draftFromText } from "../../src/core/notices/draft.js";
import { publishNotice } from "../../src/core/notices/publish.js";
import { noticeStatus } from "../../src/core/notices/status.js";
import { noticeGapsAt, onDemandDigest } from "../../src/core/tasks/digest.js";
import { htmlToPlainText } from "../../src/text/html.js";
import { runCli } from "../../src/cli/main.js";
import { findUnitByCode } from "../../src/db/units.js";
import { testDatabaseUrl } from "../helpers/db.js";

const PHO_AN = -1007300000001;
const PHO_PHONG = -1007300000002;
const ZL_PHO_NINH = "7773001";
const ha = person(7301, "Hà", "Lê"); // office clerk
const an = person(7302, "An", "Nguyễn"); // vice-chair, Phổ An
const phong = person(7303, "Phong", "Trần"); // vice-chair, Phổ Phong
const ninhZ: PersonZ = { id: "3337001", name: "Võ Văn Ninh" }; // vice-chair, Phổ Ninh, on Zalo
const khanhZ: PersonZ = { id: "3337002", name: "Đỗ Văn Khánh" }; // vice-chair, Phổ Phong, on Zalo

let e: E2E;
let api: FakeZaloApi;

beforeEach(async () => {
  api = new FakeZaloApi();
  e = await E2E.start({ zalo: api, now: "2022-05-23T02:00:00Z" }); // Monday 09:00 in Vietnam
  e.fake.addChat({ id: PHO_AN, type: "supergroup", title: "HĐND xã Phổ An" });
  e.fake.addChat({ id: PHO_PHONG, type: "supergroup", title: "HĐND xã Phổ Phong" });
  await e.registerGroup(PHO_AN, "unit", "PHO_AN", "HĐND xã Phổ An");
  await e.registerGroup(PHO_PHONG, "unit", "PHO_PHONG", "HĐND xã Phổ Phong");
  await e.registerGroup(ZL_PHO_NINH, "unit", "PHO_NINH", "HĐND phường Phổ Ninh (Zalo)", "zalo");
  await e.link(ha, "office", null, "Lê Thị Hà");
  await e.link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
  await e.link(phong, "vice_chair", "PHO_PHONG", "Trần Văn Phong");
});
afterEach(() => e.close());

async function publish(): Promise<number> {
  const units = await Promise.all(["PHO_AN", "PHO_PHONG", "PHO_NINH"].map((c) => findUnitByCode(e.db.prisma, e.councilId, c)));
  const draft = draftFromText("THÔNG BÁO\nVề việc tiếp xúc cử tri\nĐề nghị các xã chuẩn bị địa điểm.", e.config.timezone, null);
  const result = await e.db.transaction((tx) =>
    publishNotice(tx, {
      councilId: e.councilId,
      draft,
      title: "Về việc tiếp xúc cử tri",
      audience: { kind: "units", unitIds: units.map((u) => u!.id) },
      pin: false,
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

async function zaloLink(p: PersonZ, unit: string, name: string) {
  const invite = await createInvite(e.db, {
    councilId: e.councilId,
    role: "vice_chair",
    unitCode: unit,
    fullName: name,
    ttlDays: 7,
    now: e.clock.now(),
    actorLabel: "test",
    secret: e.secret,
  });
  if (!invite.ok) throw new Error(invite.reason);
  await zaloSay(p, `/start ${invite.code}`, /Kính chào/);
}

async function zaloSay(from: PersonZ, text: string, match: RegExp, group?: string) {
  const before = api.sent.length;
  api.emitMessage(group ? groupMessage(group, from, text) : userMessage(from, text));
  const thread = group ?? from.id;
  await expect
    .poll(
      () =>
        api.sent.slice(before).find((s) => s.threadId === thread && match.test(s.content.msg)) ??
        api.sent.slice(before).map((s) => s.content.msg),
      {
        timeout: 8000,
      },
    )
    .toHaveProperty("threadId", thread);
}

async function cli(args: string[]) {
  const out: string[] = [];
  const code = await runCli(
    ["node", "council", ...args],
    { DATABASE_URL: testDatabaseUrl(path.join(e.dir, "council.db")), LOG_LEVEL: "silent" },
    (l) => out.push(l),
    () => undefined,
  );
  return { code, stdout: out.join("\n") };
}

const ackCountEdits = (chatId: number) =>
  e.fake.edits().filter((x) => x.chatId === chatId && /Đã nhận \(\d+\)/.test(JSON.stringify(x.replyMarkup)));

describe("acknowledgements by people outside the group's unit", () => {
  it("records the office's and another unit's presses as theirs, shows them apart, and counts only the unit's own", async () => {
    const id = await publish();
    const notice = await e.next(PHO_AN, /Về việc tiếp xúc cử tri/);
    const phongNotice = await e.next(PHO_PHONG, /Về việc tiếp xúc cử tri/);
    await e.drain();
    // The senders stamp deliveries with the wall clock; the jobs read them against the test's fixed clock.
    await e.db.prisma.noticeDelivery.updateMany({ data: { deliveredAt: e.clock.now() } });

    // The clerk presses in Phổ An's group: theirs, not Phổ An's.
    const byClerk = await e.press(ha, notice, "✅ Đã nhận");
    expect((await byClerk.waitForAnswer()).text).toBe(
      "Đã ghi nhận đồng chí đã nhận thông báo. Đồng chí không thuộc đơn vị của nhóm này nên xác nhận được ghi riêng cho đồng chí, không tính cho đơn vị.",
    );
    // Phổ Phong's vice-chair presses in Phổ An's group: theirs, counted for neither unit.
    const byPhong = await e.press(phong, notice, "✅ Đã nhận");
    expect((await byPhong.waitForAnswer()).text).toMatch(/không tính cho đơn vị/);
    await e.drain();
    expect(ackCountEdits(PHO_AN)).toHaveLength(0);

    let status = (await noticeStatus(e.db.prisma, id))!;
    expect(status.totals.acked).toBe(0);
    expect(status.units.map((u) => [u.unitCode, u.state, u.acks.length]).sort()).toEqual([
      ["PHO_AN", "delivered", 0],
      ["PHO_NINH", "delivered", 0],
      ["PHO_PHONG", "delivered", 0],
    ]);
    expect(status.otherAcks.map((a) => [a.member, a.memberUnit, a.chatTitle, a.outsider])).toEqual([
      ["Lê Thị Hà", null, "HĐND xã Phổ An", true],
      ["Trần Văn Phong", "Xã Phổ Phong", "HĐND xã Phổ An", true],
    ]);
    const rows = await e.db.prisma.noticeAck.findMany({ orderBy: { id: "asc" }, include: { unit: true } });
    expect(rows.map((r) => [r.unit?.code ?? null, r.outsider])).toEqual([
      [null, true],
      ["PHO_PHONG", true],
    ]);

    // The chat status, the CLI and the digest say it apart.
    const reply = await e.ask(ha, `/thongbao_tinhtrang ${id}`, /Tình trạng thông báo/);
    expect(reply.plainText).toMatch(/đã xác nhận: 0\/3/);
    expect(reply.plainText).toContain("Xác nhận không tính cho đơn vị (người ngoài đơn vị của nhóm): 2");
    expect(reply.plainText).toMatch(/• Lê Thị Hà \(Chuyên viên Văn phòng\) – tại nhóm HĐND xã Phổ An, /);
    expect(reply.plainText).toMatch(/• Trần Văn Phong \(Xã Phổ Phong\) – tại nhóm HĐND xã Phổ An, /);
    const printed = await cli(["notice", "status", String(id)]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/đã xác nhận: 0\/3/);
    expect(printed.stdout).toMatch(/Lê Thị Hà \(Chuyên viên Văn phòng\) – tại nhóm HĐND xã Phổ An/);
    const asJson = JSON.parse((await cli(["notice", "status", String(id), "--json"])).stdout);
    expect(asJson.otherAcks).toHaveLength(2);
    const gaps = await noticeGapsAt(e.db.prisma, e.councilId, e.clock.now());
    expect(gaps).toHaveLength(1);
    expect([...gaps[0]!.missingUnitNames].sort()).toEqual(["Phường Phổ Ninh", "Xã Phổ An", "Xã Phổ Phong"]);
    expect(gaps[0]!.outsiderAcks).toEqual([
      "Lê Thị Hà xác nhận tại nhóm HĐND xã Phổ An",
      "Trần Văn Phong xác nhận tại nhóm HĐND xã Phổ An",
    ]);
    const digest = await onDemandDigest(e.db.prisma, e.councilId, e.clock.now(), e.config.timezone);
    expect(htmlToPlainText(digest.messages.map((m) => m.value).join("\n"))).toContain(
      "  Không tính cho đơn vị: Lê Thị Hà xác nhận tại nhóm HĐND xã Phổ An; Trần Văn Phong xác nhận tại nhóm HĐND xã Phổ An.",
    );

    // 25 hours later every unit is still reminded: outsiders' presses stop no reminder.
    e.clock.set("2022-05-24T03:00:00Z");
    const tick = await e.app.scheduler.tickNow(e.clock.now());
    expect(tick.noticeAcks.sent).toBe(3);

    // Phổ An's own vice-chair presses: Phổ An counts, its counter shows 1.
    const byAn = await e.press(an, e.fake.sentMessage(PHO_AN, notice.messageId)!, /Đã nhận/);
    expect((await byAn.waitForAnswer()).text).toMatch(/^Đã ghi nhận đồng chí đã nhận thông báo\. Cảm ơn/);
    await e.fake.waitForEdit((x) => x.chatId === PHO_AN && JSON.stringify(x.replyMarkup).includes("Đã nhận (1)"));
    // Phổ Phong's vice-chair now presses in his own group: his earlier press moves there and Phổ Phong counts.
    const own = await e.press(phong, phongNotice, "✅ Đã nhận");
    expect((await own.waitForAnswer()).text).toMatch(/Cảm ơn/);
    await e.fake.waitForEdit((x) => x.chatId === PHO_PHONG && JSON.stringify(x.replyMarkup).includes("Đã nhận (1)"));
    status = (await noticeStatus(e.db.prisma, id))!;
    expect(status.totals.acked).toBe(2);
    expect(status.units.find((u) => u.unitCode === "PHO_AN")!.acks.map((a) => a.member)).toEqual(["Nguyễn Văn An"]);
    expect(status.units.find((u) => u.unitCode === "PHO_PHONG")!.acks.map((a) => a.member)).toEqual(["Trần Văn Phong"]);
    expect(status.otherAcks.map((a) => a.member)).toEqual(["Lê Thị Hà"]);
  });

  it("on Zalo, a typed “đã nhận” by another unit's vice-chair is theirs; the unit's own counts", async () => {
    await zaloLink(ninhZ, "PHO_NINH", "Võ Văn Ninh");
    await zaloLink(khanhZ, "PHO_PHONG", "Đỗ Văn Khánh");
    const id = await publish();
    await api.waitForSent(ZL_PHO_NINH, /Về việc tiếp xúc cử tri/);
    await e.drain();
    await zaloSay(khanhZ, "đã nhận", /không tính cho đơn vị/, ZL_PHO_NINH);
    let status = (await noticeStatus(e.db.prisma, id))!;
    expect(status.units.find((u) => u.unitCode === "PHO_NINH")!.state).toBe("delivered");
    expect(status.units.find((u) => u.unitCode === "PHO_PHONG")!.state).not.toBe("acked");
    expect(status.otherAcks.map((a) => [a.member, a.chatTitle, a.platform])).toEqual([
      ["Đỗ Văn Khánh", "HĐND phường Phổ Ninh (Zalo)", "zalo"],
    ]);
    // The unit's own member: a reaction to the message says it was recorded.
    const typed = groupMessage(ZL_PHO_NINH, ninhZ, "đã nhận");
    api.emitMessage(typed);
    await api.waitForReaction(typed);
    status = (await noticeStatus(e.db.prisma, id))!;
    expect(status.units.find((u) => u.unitCode === "PHO_NINH")!.acks.map((a) => a.member)).toEqual(["Võ Văn Ninh"]);
    expect(status.totals.acked).toBe(1);
  });
});
