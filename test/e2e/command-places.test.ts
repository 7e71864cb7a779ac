/**
 * What a command shows is for the people it is meant for (issue 20): /thongbao_tinhtrang and /hanbaocao
 * answer in private chat or in the standing committee's group only (not in a commune's group, another
 * council's or an unregistered one); with several councils in one database, an office member of one cannot
 * read another's notice status by number, by command or by a forged button; and a number like 1e308 is
 * "not found", never an internal error.
 */
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { E2E, person } from "../helpers/e2e.js";
import { draftFromFile } from "../../src/core/notices/draft.js";
import { publishNotice } from "../../src/core/notices/publish.js";
import { createInvite } from "../../src/core/invites.js";
import { addGroup } from "../../src/core/directory/groups.js";
import { upsertCouncil } from "../../src/db/councils.js";

const SEED = readFileSync(new URL("../fixtures/notices/00-seed-ket-luan-thuong-truc-hdnd.txt", import.meta.url));
const STANDING = -1009500000001;
const PHO_AN = -1009500000002;
const UNREGISTERED = -1009500000003;
const OTHER_STANDING = -1009500000004;
const ha = person(9501, "Hà", "Lê");
const an = person(9502, "An", "Nguyễn");
const outsider = person(9503, "Tư", "Võ");

let e: E2E;
beforeEach(async () => {
  e = await E2E.start();
  await e.registerGroup(STANDING, "standing", null, "Thường trực");
  await e.registerGroup(PHO_AN, "unit", "PHO_AN", "HĐND xã Phổ An");
  await e.link(ha, "office", null, "Lê Thị Hà");
  await e.link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
});
afterEach(() => e.close());

async function publish(): Promise<number> {
  const draft = await draftFromFile({ bytes: SEED, fileName: "ket-luan.txt", dataDir: e.config.dataDir, timezone: e.config.timezone });
  if (!draft.ok) throw new Error(draft.message);
  const result = await e.db.transaction((tx) =>
    publishNotice(tx, {
      councilId: e.councilId,
      draft: draft.draft,
      title: "Kết luận buổi làm việc",
      audience: { kind: "all" },
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

const ONLY_HERE = /chỉ dùng trong tin nhắn riêng với bot hoặc trong nhóm Thường trực HĐND/;

describe("where /thongbao_tinhtrang and /hanbaocao answer", () => {
  it("not in a commune's group or an unregistered one; in private and in the standing group", async () => {
    await publish();
    await e.drain();
    const only = (command: string) => `Lệnh /${command} chỉ dùng trong tin nhắn riêng với bot hoặc trong nhóm Thường trực HĐND.`;
    const since = e.fake.deliveredCount;
    expect((await e.ask(an, "/hanbaocao", undefined, PHO_AN)).plainText).toBe(only("hanbaocao"));
    expect((await e.ask(an, "/hanbaocao")).plainText).toMatch(/Xã Phổ An/);
    expect((await e.ask(ha, "/thongbao_tinhtrang", undefined, PHO_AN)).plainText).toBe(only("thongbao_tinhtrang"));
    expect((await e.ask(ha, "/thongbao_tinhtrang", undefined, UNREGISTERED)).plainText).toBe(only("thongbao_tinhtrang"));
    expect((await e.ask(ha, "/thongbao_tinhtrang", undefined, STANDING)).plainText).toMatch(/Tình trạng thông báo/);
    // Nothing of the status reached the commune's group.
    expect(e.fake.messagesTo(PHO_AN).filter((m) => m.seq > since && /Tình trạng/.test(m.plainText ?? ""))).toHaveLength(0);
  });

  it("validates the number: 1e308 and other non-numbers are 'not found', not an internal error", async () => {
    for (const arg of ["1e308", "99999999999", "-1", "0x10", "２"])
      expect((await e.ask(ha, `/thongbao_tinhtrang ${arg}`)).plainText).toMatch(/^Không tìm thấy thông báo #/);
  });
});

describe("several councils in one database", () => {
  it("an office member of another council cannot read this council's notice status, by number or by a forged button", async () => {
    const id = await publish();
    const other = await upsertCouncil(e.db.prisma, { code: "KHAC", name: "HĐND xã Khác", timezone: "Asia/Ho_Chi_Minh" });
    await addGroup(
      e.db,
      other.council.id,
      { platform: "telegram", chatId: String(OTHER_STANDING), purpose: "standing", unitCode: null, title: "Thường trực xã Khác" },
      "test",
      e.clock.now(),
    );
    const invite = await createInvite(e.db, {
      councilId: other.council.id,
      role: "office",
      fullName: "Võ Văn Tư",
      ttlDays: 7,
      now: e.clock.now(),
      actorLabel: "test",
      secret: e.secret,
    });
    if (!invite.ok) throw new Error(invite.reason);
    await e.ask(outsider, `/start ${invite.code}`, /Kính chào/);

    expect((await e.ask(outsider, `/thongbao_tinhtrang ${id}`)).plainText).toBe(`Không tìm thấy thông báo #${id}.`);
    // Nor in this council's standing group, nor in their own council's standing group.
    expect((await e.ask(outsider, `/thongbao_tinhtrang ${id}`, undefined, STANDING)).plainText).toMatch(ONLY_HERE);
    expect((await e.ask(outsider, `/thongbao_tinhtrang ${id}`, undefined, OTHER_STANDING)).plainText).toBe(
      `Không tìm thấy thông báo #${id}.`,
    );
    // A forged "Tình trạng" button on a message in their own private chat.
    const mine = await e.ask(outsider, "/trogiup");
    const press = e.fake.injectCallback({ from: outsider, chat: outsider.id, messageId: mine.messageId, data: `nt:st:${id}` });
    expect((await press.waitForAnswer()).text).toBe("Không tìm thấy thông báo này.");
    // The council's own office member still reads it.
    expect((await e.ask(ha, `/thongbao_tinhtrang ${id}`)).plainText).toMatch(/Tình trạng thông báo/);
  });
});
