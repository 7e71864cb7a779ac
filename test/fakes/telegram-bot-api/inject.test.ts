/**
 * The injection helpers build the updates Telegram sends, with their side effects; plus media
 * groups, leaveChat and chat/member queries.
 */
import type { TelegramError } from "telegraf";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeBotApi } from "./fake-bot-api.js";
import { TINY_PNG } from "./files.js";
import { startFakeBotApi } from "./server.js";
import { botFor } from "./testing.js";
import type { TgUpdate } from "./types.js";

let fake: FakeBotApi;
beforeEach(async () => {
  fake = await startFakeBotApi({ rateLimits: false });
});
afterEach(async () => {
  await fake.close();
});

const CHI = { id: 11, first_name: "Chi", username: "chi_hdnd" };
const GROUP = { id: -3001, title: "Ban Pháp chế" };

async function drain(): Promise<TgUpdate[]> {
  return botFor(fake).telegram.getUpdates(0, 100, 0, undefined as never) as Promise<TgUpdate[]>;
}

describe("injection helpers", () => {
  it("builds messages with users, chats, replies and increasing ids", async () => {
    const a = fake.injectMessage({ chat: CHI.id, from: CHI, text: "/deadline@fake_council_bot tháng 5" });
    const b = fake.injectMessage({ chat: CHI.id, from: CHI, text: "ok", replyToMessageId: a.message.message_id });
    expect(a.message).toMatchObject({
      chat: { id: 11, type: "private", first_name: "Chi", username: "chi_hdnd" },
      from: { id: 11, is_bot: false, first_name: "Chi" },
      entities: [{ type: "bot_command", offset: 0, length: 26 }],
    });
    expect(b.message.reply_to_message?.message_id).toBe(a.message.message_id);
    expect(b.updateId).toBe(a.updateId + 1);
    expect((await drain()).map((u) => u.update_id)).toEqual([a.updateId, b.updateId]);
    expect(() => fake.injectMessage({ chat: -1, text: "who?" })).toThrow(/"from" is required/);
  });

  it("stickers, voices, photos: file ids that getFile resolves", async () => {
    const sticker = fake.injectSticker({ chat: GROUP, from: CHI, emoji: "🎉" });
    const voice = fake.injectVoice({ chat: GROUP, from: CHI, bytes: Buffer.from("OggS-voice"), duration: 7 });
    const photo = fake.injectPhoto({ chat: GROUP, from: CHI, bytes: TINY_PNG, caption: "Ảnh biên bản" });
    expect(sticker.message.sticker).toMatchObject({ emoji: "🎉", type: "regular" });
    expect(voice.message.voice).toMatchObject({ duration: 7, mime_type: "audio/ogg", file_size: 10 });
    expect(photo.message.photo!.at(-1)).toMatchObject({ width: 1, height: 1, file_size: TINY_PNG.length });
    const tg = botFor(fake).telegram;
    const file = await tg.getFile((voice.message.voice as { file_id: string }).file_id);
    expect(file.file_path).toMatch(/^voice\/file_\d+\.oga$/);
    const res = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe("OggS-voice");
    const bad = await tg.getFile("nope").catch((e: TelegramError) => e);
    expect((bad as TelegramError).description).toBe("Bad Request: invalid file_id");
  });

  it("my_chat_member changes the bot's rights; new and left members update the member list", async () => {
    const tg = botFor(fake).telegram;
    fake.injectMyChatMember({ chat: GROUP, from: CHI, oldStatus: "left", newStatus: "member" });
    expect((await tg.getChatMember(GROUP.id, fake.botInfo.id)).status).toBe("member");
    fake.injectMyChatMember({
      chat: GROUP,
      from: CHI,
      oldStatus: "member",
      newStatus: "administrator",
      rights: { can_pin_messages: false },
    });
    expect(await tg.getChatMember(GROUP.id, fake.botInfo.id)).toMatchObject({ status: "administrator", can_pin_messages: false });

    const joined = fake.injectNewMembers({
      chat: GROUP,
      from: CHI,
      members: [
        { id: 21, first_name: "Dũng" },
        { id: 22, first_name: "Em" },
      ],
    });
    expect(joined.message.new_chat_members!.map((u) => u.id)).toEqual([21, 22]);
    expect((await tg.getChatMember(GROUP.id, 21)).status).toBe("member");
    fake.injectLeftMember({ chat: GROUP, from: { id: 21 }, member: { id: 21, first_name: "Dũng" } });
    expect((await tg.getChatMember(GROUP.id, 21)).status).toBe("left");
    fake.setChatMember(GROUP.id, { id: 30, first_name: "Chủ tịch" }, "creator");
    expect((await tg.getChatAdministrators(GROUP.id)).map((m) => m.status)).toEqual(["creator", "administrator"]);
    expect(await tg.getChatMembersCount(GROUP.id)).toBe(4); // Chi, Em, Chủ tịch + the bot

    const updates = await drain();
    expect(updates.map((u) => Object.keys(u)[1])).toEqual(["my_chat_member", "my_chat_member", "message", "message"]);
    expect(updates[1]!.my_chat_member!.new_chat_member).toMatchObject({ status: "administrator", can_pin_messages: false });
  });

  it("injectMigration sends both service messages and moves members to the supergroup", async () => {
    fake.injectMessage({ chat: GROUP, from: CHI, text: "hi" });
    const { updates } = fake.injectMigration({ fromChatId: GROUP.id, toChatId: -1003001 });
    expect(updates[0]!.message).toMatchObject({ chat: { id: GROUP.id, type: "group" }, migrate_to_chat_id: -1003001 });
    expect(updates[1]!.message).toMatchObject({
      chat: { id: -1003001, type: "supergroup", title: GROUP.title },
      migrate_from_chat_id: GROUP.id,
    });
    expect((await botFor(fake).telegram.getChatMember(-1003001, CHI.id)).status).toBe("member");
    expect(() => fake.injectMessage({ chat: GROUP, from: CHI, text: "old" })).toThrow(/migrated/);
  });

  it("injectCallback refuses unknown messages and returns a waitForAnswer helper", async () => {
    expect(() => fake.injectCallback({ from: CHI, chat: CHI.id, messageId: 99, data: "x" })).toThrow(/no message 99/);
    const tg = botFor(fake).telegram;
    const m = await tg.sendMessage(CHI.id, "Chọn", { reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } });
    const press = fake.injectCallback({ from: CHI, chat: CHI.id, messageId: m.message_id, data: "a" });
    expect(press.update.callback_query!.message!.reply_markup).toEqual(m.reply_markup);
    const waiting = press.waitForAnswer({ timeoutMs: 2000 });
    await tg.answerCbQuery(press.callbackQueryId, "xong", { show_alert: true });
    expect(await waiting).toMatchObject({ text: "xong", showAlert: true });
    await expect(fake.waitForCallbackAnswer("unknown", { timeoutMs: 50 })).rejects.toThrow(/timed out after 50 ms/);
  });
});

describe("more methods", () => {
  it("sendMediaGroup uploads several files and logs one record per message", async () => {
    const tg = botFor(fake).telegram;
    const msgs = await tg.sendMediaGroup(GROUP.id, [
      { type: "document", media: { source: Buffer.from("one"), filename: "1.txt" }, caption: "<b>Tài liệu</b>", parse_mode: "HTML" },
      { type: "document", media: { source: Buffer.from("two"), filename: "2.txt" } },
    ]);
    expect(msgs).toHaveLength(2);
    expect(msgs[0]!.media_group_id).toBe(msgs[1]!.media_group_id);
    const records = fake.messagesTo(GROUP.id);
    expect(records.map((r) => [r.method, r.document?.fileName, r.plainCaption])).toEqual([
      ["sendMediaGroup", "1.txt", "Tài liệu"],
      ["sendMediaGroup", "2.txt", undefined],
    ]);
    const mixed = await tg
      .sendMediaGroup(GROUP.id, [
        { type: "document", media: { source: Buffer.from("x"), filename: "x.txt" } },
        { type: "photo", media: { source: TINY_PNG } },
      ] as never) // telegraf's types forbid the mix too; the fake must refuse it like Telegram
      .catch((e: TelegramError) => e);
    expect((mixed as TelegramError).description).toBe("Bad Request: document can't be mixed with other media types");
  });

  it("leaveChat makes the chat answer 403 and queues a my_chat_member update", async () => {
    const tg = botFor(fake).telegram;
    await tg.sendMessage(GROUP.id, "tạm biệt");
    expect(await tg.leaveChat(GROUP.id)).toBe(true);
    const err = (await tg.sendMessage(GROUP.id, "x").catch((e: unknown) => e)) as TelegramError;
    expect([err.code, err.description]).toEqual([403, "Forbidden: bot is not a member of the group chat"]);
    const updates = await drain();
    expect(updates.at(-1)!.my_chat_member!.new_chat_member.status).toBe("left");
  });

  it("getChat describes known and inferred chats", async () => {
    const tg = botFor(fake).telegram;
    fake.addChat({ id: -4444, title: "Thường trực HĐND" });
    expect(await tg.getChat(-4444)).toMatchObject({ id: -4444, type: "group", title: "Thường trực HĐND" });
    expect(await tg.getChat(-1001112223334)).toMatchObject({ type: "supergroup" });
    fake.injectMessage({ chat: CHI.id, from: CHI, text: "x" });
    expect(await tg.getChat(CHI.id)).toMatchObject({ type: "private", first_name: "Chi", username: "chi_hdnd" });
    expect(await tg.sendChatAction(CHI.id, "typing")).toBe(true);
  });
});
