/**
 * Issue 20, item 5 and the issue card: texts are cut by grapheme, never inside an emoji; the outbox refuses
 * ill-formed text at the door; the fake Bot API refuses a lone surrogate as Telegram does; and the issue's
 * card in the standing group stays within 4,096 characters however long its history grows.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { E2E, buttons, person } from "../helpers/e2e.js";
import { clip, clipAfter, cutText, isWellFormed } from "../../src/text/graphemes.js";
import { enqueue, IllFormedTextError } from "../../src/delivery/outbox.js";
import { ensureChat } from "../../src/db/chats.js";
import { visibleLength } from "../../src/text/split-html.js";
import { trustedHtml } from "../../src/text/html.js";

const an = person(6101, "An", "Nguyễn");
const lan = person(6102, "Lan", "Phạm");
const STANDING = -1006100000001;

describe("cutting text", () => {
  it("never splits an emoji, a flag, a family or a letter from its accent", () => {
    expect(cutText("ab😀cd", 3)).toBe("ab");
    expect(cutText("ab😀cd", 4)).toBe("ab😀");
    expect(cutText("x🇻🇳y", 3)).toBe("x");
    expect(cutText("x👨‍👩‍👧y", 6)).toBe("x");
    // "ế" typed as e + circumflex + acute (decomposed): three code units, one letter
    expect(cutText("Hue\u0302\u0301", 3)).toBe("Hu");
    expect(clip("ab😀cd", 4)).toBe("ab…");
    expect(clipAfter(`${"a".repeat(2499)}😀b`, 2500)).toBe(`${"a".repeat(2499)}…`);
    expect(clip("ngắn", 10)).toBe("ngắn");
    for (let n = 0; n < 12; n++) expect(isWellFormed(cutText("a😀b🇻🇳c👨‍👩‍👧", n))).toBe(true);
  });
});

describe("the door and the fake", () => {
  let e: E2E;
  beforeEach(async () => {
    e = await E2E.start();
  });
  afterEach(() => e.close());

  it("the outbox refuses half an emoji; the fake refuses it, an over-long edit and long button data", async () => {
    const chat = await ensureChat(e.db.prisma, "telegram", String(an.id), "private", "An");
    await expect(
      e.db.transaction((tx) =>
        enqueue(tx, { key: "t:1", chatId: chat.id, message: { kind: "text", text: trustedHtml(`ab${"😀".slice(0, 1)}`) } }),
      ),
    ).rejects.toBeInstanceOf(IllFormedTextError);
    await expect(
      e.db.transaction((tx) =>
        enqueue(tx, {
          key: "t:2",
          chatId: chat.id,
          message: { kind: "text", text: trustedHtml("ok"), choices: [[{ kind: "action", label: "\ud83d", data: "x" }]] },
        }),
      ),
    ).rejects.toBeInstanceOf(IllFormedTextError);
    expect(await e.db.prisma.outboxMessage.count()).toBe(0);

    const call = async (method: string, body: Record<string, unknown>) =>
      (await fetch(`${e.fake.apiRoot}/bot${e.fake.token}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((r) => r.json())) as { ok: boolean; description?: string; result?: { message_id: number } };
    expect(await call("sendMessage", { chat_id: an.id, text: "ab\ud83d" })).toMatchObject({
      ok: false,
      description: "Bad Request: strings must be encoded in UTF-8",
    });
    expect(
      await call("sendMessage", {
        chat_id: an.id,
        text: "ok",
        reply_markup: { inline_keyboard: [[{ text: "\ude00", callback_data: "x" }]] },
      }),
    ).toMatchObject({ ok: false, description: "Bad Request: strings must be encoded in UTF-8" });
    expect(
      await call("sendMessage", {
        chat_id: an.id,
        text: "ok",
        reply_markup: { inline_keyboard: [[{ text: "x", callback_data: "đ".repeat(33) }]] },
      }),
    ).toMatchObject({ ok: false, description: "Bad Request: BUTTON_DATA_INVALID" });
    const sent = await call("sendMessage", { chat_id: an.id, text: "ok 😀" });
    expect(sent.ok).toBe(true);
    expect(await call("editMessageText", { chat_id: an.id, message_id: sent.result!.message_id, text: "x".repeat(4097) })).toMatchObject({
      ok: false,
      description: "Bad Request: message is too long",
    });
  });
});

describe("an urgent issue with an emoji across the cuts", () => {
  let e: E2E;
  beforeEach(async () => {
    e = await E2E.start({ now: "2022-05-23T02:00:00Z" });
    await e.registerGroup(STANDING, "standing");
    await e.link(an, "vice_chair", "PHO_AN", "Nguyễn Văn An");
    await e.link(lan, "standing", null, "Phạm Thị Lan");
  });
  afterEach(() => e.close());

  it("reaches the standing committee whole, and its card stays editable after 40 changes", async () => {
    const cat = await e.ask(an, "/vande", /lĩnh vực nào/);
    const urg = await e.pressAndWait(an, cat, "Môi trường", /Mức độ/);
    await e.pressAndWait(an, urg, "Khẩn", /ở đâu/);
    await e.ask(an, "Thôn 3 🌊", /mô tả sự việc/);
    // an emoji across the group copy's cut (2,500) and across the preview's (3,000)
    const description = `${"b".repeat(2499)}😀${"c".repeat(498)}🌊 hết.`;
    const got = await e.ask(an, description, /1 đoạn/);
    const preview = await e.pressAndWait(an, got, "Xem lại", /XEM LẠI VẤN ĐỀ/);
    expect(preview.plainText).toContain(`${"c".repeat(498)}…`);
    const receipt = await e.pressAndWait(an, preview, "Gửi", /Đã chuyển vấn đề số/);
    expect(receipt.plainText).toMatch(/VD-2022-0001/);
    const card = await e.next(STANDING, /VẤN ĐỀ VD-2022-0001/);
    expect(card.plainText).toContain(`${"b".repeat(2499)}…`);
    expect((await e.db.prisma.urgentIssue.findFirstOrThrow()).description).toBe(description);

    // 40 hand-overs between the two committees, each one an edit of the same card
    const issue = await e.db.prisma.urgentIssue.findFirstOrThrow();
    const committees = await e.db.prisma.unit.findMany({ where: { kind: "committee" }, orderBy: { id: "asc" } });
    for (let i = 0; i < 40; i++) {
      const press = e.fake.injectCallback({
        from: lan,
        chat: STANDING,
        messageId: card.messageId,
        data: `is:to:${issue.id}:${committees[i % 2]!.id}`,
      });
      expect((await press.waitForAnswer()).text).toMatch(/Đã cập nhật/);
    }
    await e.drain();
    expect(await e.db.prisma.issueEvent.count()).toBe(41);
    const shown = e.fake.sentMessage(STANDING, card.messageId)!;
    expect(shown.editCount).toBe(40);
    expect(visibleLength(shown.text!)).toBeLessThanOrEqual(4096);
    expect(shown.plainText).toMatch(/… \d+ thay đổi trước/);
    expect(buttons(shown).map((b) => b.text)).toEqual(["Chuyển Ban…", "Đã xử lý"]);
    expect(await e.db.prisma.outboxMessage.count({ where: { status: "failed" } })).toBe(0);
    expect(e.fake.stats().badRequests).toBe(0);
  }, 90_000);
});
