/**
 * A flood from one person delays nobody else (issue 20, item 3). Replies and notices to one group go out in
 * order at 20 a minute, so every answer the bot gives a flooder is a message ahead of the commune's notice.
 * The outcome is counted in messages queued ahead of the notice, never in wall time.
 */
import { readFileSync } from "node:fs";
import { expect as pollExpect } from "vitest";
import { afterEach, describe, expect, it } from "vitest";
import { E2E, person } from "../helpers/e2e.js";
import { draftFromFile } from "../../src/core/notices/draft.js";
import { publishNotice } from "../../src/core/notices/publish.js";

const SEED = readFileSync(new URL("../fixtures/notices/00-seed-ket-luan-thuong-truc-hdnd.txt", import.meta.url));
const GROUP = -1009100000001;
const OTHER_GROUP = -1009100000002;
const stranger = person(9101, "Lạ", "Người");
const vice = person(9102, "Bình", "Trần");
const delegate = person(9103, "Cúc", "Phan");

let e: E2E;
afterEach(() => e?.close());

const FLOOD_LIMITS = {
  INBOUND_PER_PERSON_PER_MINUTE: "20",
  INBOUND_PER_GROUP_PER_MINUTE: "60",
  STRANGER_ANSWERS_PER_HOUR: "3",
  REPEAT_REFUSAL_MINUTES: "10",
};

async function start(): Promise<void> {
  e = await E2E.start({ env: FLOOD_LIMITS });
  await e.registerGroup(GROUP, "unit", "PHO_AN", "HĐND xã Phổ An");
  await e.registerGroup(OTHER_GROUP, "unit", "PHO_THANH", "HĐND phường Phổ Thạnh");
}

/** Every injected update was fetched and handled (telegraf confirms a batch after handling it). */
async function handled(): Promise<void> {
  await pollExpect.poll(() => e.fake.pendingUpdates().length, { timeout: 20_000 }).toBe(0);
}

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

/** Outbox entries for a group written before the notice's first entry there: what the notice waits behind. */
async function queuedAhead(groupExternalId: number, noticeId: number): Promise<string[]> {
  const chat = await e.db.prisma.chat.findFirstOrThrow({ where: { platform: "telegram", externalId: String(groupExternalId) } });
  const first = await e.db.prisma.outboxMessage.findFirstOrThrow({
    where: { chatId: chat.id, idempotencyKey: { startsWith: `notice:${noticeId}:` } },
    orderBy: { id: "asc" },
  });
  const ahead = await e.db.prisma.outboxMessage.findMany({ where: { chatId: chat.id, id: { lt: first.id } }, orderBy: { id: "asc" } });
  return ahead.map((r) => (JSON.parse(r.payloadJson) as { text?: string }).text ?? r.kind);
}

describe("a flood from one person", () => {
  it("60 /trogiup from an unlinked member leave one answer ahead of the commune's notice", async () => {
    await start();
    for (let i = 0; i < 60; i++) e.say(stranger, "/trogiup", { id: GROUP, type: "supergroup", title: "HĐND xã Phổ An" });
    await handled();
    const noticeId = await publish();
    const ahead = await queuedAhead(GROUP, noticeId);
    // Before: 60 answers (3 minutes at Telegram's 20 a minute per group). Now: the first, said once.
    expect(ahead).toHaveLength(1);
    expect(ahead[0]).toMatch(/\/start MÃ-MỜI/);
    await e.drain();
    const texts = e.fake.messagesTo(GROUP).map((m) => m.plainText ?? m.method);
    expect(texts[0]).toMatch(/\/start MÃ-MỜI/);
    expect(texts[1]).toMatch(/^📢 THÔNG BÁO/);
  });

  it("a linked member's flood is cut at the per-person budget; another member is still answered", async () => {
    await start();
    await e.link(vice, "vice_chair", "PHO_AN", "Trần Văn Bình");
    await e.link(delegate, "delegate", "PHO_THANH", "Phan Thị Cúc");
    const before = e.fake.messagesTo(vice.id).length;
    for (let i = 0; i < 30; i++) e.say(vice, "/hanbaocao");
    await handled();
    await e.drain();
    // 20 updates a minute (the app's clock stands still), and the /start that linked them was one of them:
    // 19 answers, the other 11 commands ignored without a word.
    expect(e.fake.messagesTo(vice.id).length - before).toBe(19);
    // Someone else is answered at once.
    const answer = await e.ask(delegate, "/hanbaocao");
    expect(answer.plainText).toMatch(/Phổ Thạnh/);
    // A minute later the budget is back.
    e.clock.advance(61_000);
    const again = await e.ask(vice, "/hanbaocao");
    expect(again.plainText).toMatch(/Phổ An/);
  });

  it("an identical refusal is said once per interval in a group; a stranger in private is answered 3 times an hour", async () => {
    await start();
    await e.link(delegate, "delegate", "PHO_AN", "Phan Thị Cúc");
    for (let i = 0; i < 5; i++) e.say(delegate, "/thongbao_tinhtrang", { id: GROUP, type: "supergroup" });
    await handled();
    await e.drain();
    const refusals = e.fake.messagesTo(GROUP).filter((m) => /dành cho/.test(m.plainText ?? ""));
    expect(refusals).toHaveLength(1);
    e.clock.advance(11 * 60_000);
    const since = e.fake.deliveredCount;
    e.say(delegate, "/thongbao_tinhtrang", { id: GROUP, type: "supergroup" });
    await e.next(GROUP, /dành cho/, since);

    for (let i = 0; i < 6; i++) e.say(stranger, "xin chào");
    await handled();
    await e.drain();
    expect(e.fake.messagesTo(stranger.id)).toHaveLength(3);
    e.clock.advance(61 * 60_000);
    const later = await e.ask(stranger, "xin chào");
    expect(later.plainText).toMatch(/chưa được liên kết/);
  });
});
