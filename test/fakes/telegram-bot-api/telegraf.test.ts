/**
 * The fake driven by the real telegraf over HTTP: polling, replies, inline keyboards and callback
 * presses, uploads and downloads, and the errors telegraf surfaces (429, 403, 400 migrate, 5xx).
 */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { Markup, TelegramError } from "telegraf";
import { message } from "telegraf/filters";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TINY_PNG } from "./files.js";
import type { FakeBotApi } from "./fake-bot-api.js";
import { startFakeBotApi } from "./server.js";
import { botFor, startPollingBot, type RunningBot } from "./testing.js";

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");
const AN = { id: 501, first_name: "An", last_name: "Nguyễn", username: "an_nguyen" };
const GROUP = { id: -4001, type: "group" as const, title: "HĐND xã Tân Phú" };

async function telegramError(p: Promise<unknown>): Promise<TelegramError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TelegramError) return err;
    throw err;
  }
  throw new Error("expected a TelegramError");
}

let fake: FakeBotApi;
let running: RunningBot | null = null;

beforeEach(async () => {
  // Plain group messages reach these handlers: privacy mode has its own tests (privacy.test.ts).
  fake = await startFakeBotApi({ rateLimits: false, privacyMode: false });
});

afterEach(async () => {
  await running?.stop();
  running = null;
  await fake.close();
});

describe("telegraf long polling against the fake", () => {
  it("delivers injected messages to handlers and records the replies", async () => {
    running = await startPollingBot(fake, (bot) => {
      bot.start((ctx) => ctx.reply(`Chào ${ctx.from.first_name}!`));
      bot.on(message("text"), (ctx) =>
        ctx.reply(`echo: ${ctx.message.text}`, { reply_parameters: { message_id: ctx.message.message_id } }),
      );
    });

    const start = fake.injectMessage({ chat: { id: AN.id, type: "private" }, from: AN, text: "/start" });
    expect(start.message.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
    const greeting = await fake.waitFor((m) => m.chatId === AN.id);
    expect(greeting.text).toBe("Chào An!");

    const { message: asked } = fake.injectMessage({ chat: GROUP, from: AN, text: "Lịch họp kỳ 5?" });
    const reply = await fake.waitFor((m) => m.chatId === GROUP.id);
    expect(reply).toMatchObject({
      method: "sendMessage",
      text: "echo: Lịch họp kỳ 5?",
      replyToMessageId: asked.message_id,
      messageId: asked.message_id + 1,
    });
    expect(fake.messagesTo(GROUP.id)).toHaveLength(1);
    expect(fake.allMessages().map((m) => m.seq)).toEqual([1, 2]);
    expect(fake.stats().byMethod).toMatchObject({ getMe: 1, deleteWebhook: 1, sendMessage: 2 });
    expect(running.errors).toEqual([]);
  });

  it("confirms updates through the offset so each is handled once", async () => {
    const seen: number[] = [];
    running = await startPollingBot(fake, (bot) => {
      bot.on(message("text"), (ctx) => {
        seen.push(ctx.update.update_id);
        return ctx.reply("ok");
      });
    });
    const ids = [1, 2, 3].map((i) => fake.injectMessage({ chat: 600 + i, text: `m${i}` }).updateId);
    await fake.waitForCount(3);
    await running.stop();
    expect(seen).toEqual(ids);
    expect(ids[1]! - ids[0]!).toBe(1);
    expect(fake.pendingUpdates()).toEqual([]); // telegraf's final getUpdates(offset) confirmed them
  });

  it("sends inline keyboards, routes button presses and records answers and edits", async () => {
    running = await startPollingBot(fake, (bot) => {
      bot.command("report", (ctx) =>
        ctx.replyWithHTML(
          "<b>Báo cáo tháng 5</b>\nHạn nộp: 30/5",
          Markup.inlineKeyboard([
            [Markup.button.callback("Xác nhận", "confirm:5"), Markup.button.url("Biểu mẫu", "https://example.gov.vn/form")],
          ]),
        ),
      );
      bot.action(/^confirm:(\d+)$/, async (ctx) => {
        await ctx.answerCbQuery("Đã ghi nhận");
        await ctx.editMessageText(`Đã xác nhận báo cáo tháng ${ctx.match[1]}`);
      });
    });

    fake.injectMessage({ chat: GROUP, from: AN, text: "/report" });
    const card = await fake.waitFor((m) => m.chatId === GROUP.id);
    expect(card.plainText).toBe("Báo cáo tháng 5\nHạn nộp: 30/5");
    expect(card.parseMode).toBe("HTML");
    expect(card.entities).toEqual([{ type: "bold", offset: 0, length: 15 }]);
    expect(card.replyMarkup).toEqual({
      inline_keyboard: [
        [
          { text: "Xác nhận", callback_data: "confirm:5", hide: false },
          { text: "Biểu mẫu", url: "https://example.gov.vn/form", hide: false },
        ],
      ],
    });

    const press = fake.injectCallback({ from: AN, chat: GROUP.id, messageId: card.messageId, data: "confirm:5" });
    const answer = await fake.waitForCallbackAnswer(press.callbackQueryId);
    expect(answer.text).toBe("Đã ghi nhận");
    const edit = await fake.waitForEdit((e) => e.messageId === card.messageId);
    expect(edit.text).toBe("Đã xác nhận báo cáo tháng 5");

    // the live record shows the final state: new text, keyboard removed (no reply_markup in the edit)
    const final = fake.sentMessage(GROUP.id, card.messageId)!;
    expect(final.text).toBe("Đã xác nhận báo cáo tháng 5");
    expect(final.replyMarkup).toBeUndefined();
    expect(final.editCount).toBe(1);
    expect(fake.message(GROUP.id, card.messageId)?.edit_date).toBeTypeOf("number");

    // Telegram refuses a second answer to the same query
    const again = await telegramError(running.bot.telegram.answerCbQuery(press.callbackQueryId));
    expect(again.description).toBe("Bad Request: query is too old and response timeout expired or query ID is invalid");
  });

  it("uploads Buffers and streams with sendDocument, re-sends by file_id, and sends photos", async () => {
    const bot = botFor(fake);
    const pdf = Buffer.from("%PDF-1.4 biên bản kỳ họp thứ 5 ".repeat(200));
    const sent = await bot.telegram.sendDocument(
      GROUP.id,
      { source: pdf, filename: "Biên bản kỳ 5.pdf" },
      { caption: "<b>Biên bản</b> &amp; phụ lục", parse_mode: "HTML" },
    );
    expect(sent.document).toMatchObject({ file_name: "Biên bản kỳ 5.pdf", mime_type: "application/pdf", file_size: pdf.length });
    expect(sent.caption).toBe("Biên bản & phụ lục");

    const record = fake.lastMessageTo(GROUP.id)!;
    expect(record.method).toBe("sendDocument");
    expect(record.caption).toBe("<b>Biên bản</b> &amp; phụ lục");
    expect(record.document).toMatchObject({
      fileName: "Biên bản kỳ 5.pdf",
      size: pdf.length,
      sha256: sha256(pdf),
      fileId: sent.document.file_id,
      byFileId: false,
    });

    const resent = await bot.telegram.sendDocument(-4002, sent.document.file_id);
    expect(resent.document.file_unique_id).toBe(sent.document.file_unique_id);
    expect(fake.lastMessageTo(-4002)!.document).toMatchObject({ byFileId: true, sha256: sha256(pdf) });

    const streamed = await bot.telegram.sendDocument(-4003, {
      source: Readable.from([Buffer.from("a,b\n"), Buffer.from("1,2\n")]),
      filename: "data.csv",
    });
    expect(streamed.document.file_size).toBe(8);
    expect(fake.lastMessageTo(-4003)!.document!.sha256).toBe(sha256("a,b\n1,2\n"));

    const photo = await bot.telegram.sendPhoto(AN.id, { source: TINY_PNG }, { caption: "Ảnh" });
    expect(photo.photo.at(-1)).toMatchObject({ width: 1, height: 1, file_size: TINY_PNG.length });
    expect(fake.lastMessageTo(AN.id)!.photo!.sha256).toBe(sha256(TINY_PNG));

    const notImage = await telegramError(bot.telegram.sendPhoto(AN.id, { source: Buffer.from("not an image") }));
    expect(notImage.description).toBe("Bad Request: IMAGE_PROCESS_FAILED");
    const tooLong = await telegramError(bot.telegram.sendDocument(AN.id, { source: pdf }, { caption: "x".repeat(1025) }));
    expect(tooLong.description).toBe("Bad Request: message caption is too long");
  });

  it("serves injected user files through getFile and the download route", async () => {
    const bytes = Buffer.from("Họ tên,Đơn vị\nAn,Xã Tân Phú\n");
    running = await startPollingBot(fake, (bot) => {
      bot.on(message("document"), async (ctx) => {
        const link = await ctx.telegram.getFileLink(ctx.message.document.file_id);
        const res = await fetch(link);
        const body = Buffer.from(await res.arrayBuffer());
        await ctx.reply(`${ctx.message.document.file_name}: ${body.length} bytes, ${sha256(body)}`);
      });
      bot.on(message("photo"), async (ctx) => {
        const largest = ctx.message.photo.at(-1)!;
        const res = await fetch(await ctx.telegram.getFileLink(largest.file_id));
        await ctx.reply(`photo ${largest.width}x${largest.height} ${(await res.arrayBuffer()).byteLength}`);
      });
    });
    const injected = fake.injectDocument({ chat: AN.id, from: AN, fileName: "danh-sach.csv", mimeType: "text/csv", bytes });
    expect(injected.message.document).toMatchObject({ file_name: "danh-sach.csv", mime_type: "text/csv", file_size: bytes.length });
    const reply = await fake.waitFor((m) => m.chatId === AN.id);
    expect(reply.text).toBe(`danh-sach.csv: ${bytes.length} bytes, ${sha256(bytes)}`);

    fake.injectPhoto({ chat: GROUP, from: AN, bytes: TINY_PNG });
    expect((await fake.waitFor((m) => m.chatId === GROUP.id)).text).toBe(`photo 1x1 ${TINY_PNG.length}`);
  });

  it("stores commands per scope and language", async () => {
    const bot = botFor(fake);
    await bot.telegram.setMyCommands([{ command: "start", description: "Bắt đầu" }]);
    await bot.telegram.setMyCommands(
      [
        { command: "report", description: "Nộp báo cáo" },
        { command: "deadline", description: "Hạn nộp" },
      ],
      { scope: { type: "all_group_chats" }, language_code: "vi" },
    );
    await bot.telegram.setMyCommands([{ command: "admin", description: "Quản trị" }], {
      scope: { type: "chat_administrators", chat_id: GROUP.id },
    });
    expect(fake.commands().map((c) => c.command)).toEqual(["start"]);
    expect(fake.commands({ type: "all_group_chats" }, "vi").map((c) => c.command)).toEqual(["report", "deadline"]);
    expect(fake.commands({ type: "all_group_chats" })).toEqual([]);
    expect(fake.commands({ type: "chat_administrators", chat_id: GROUP.id })).toHaveLength(1);
    expect(await bot.telegram.getMyCommands({ scope: { type: "all_group_chats" }, language_code: "vi" })).toHaveLength(2);
    await bot.telegram.deleteMyCommands({ scope: { type: "all_group_chats" }, language_code: "vi" });
    expect(fake.allCommands()).toHaveLength(2);
    const invalid = await telegramError(bot.telegram.setMyCommands([{ command: "Báo_cáo", description: "x" }]));
    expect(invalid.description).toBe("Bad Request: BOT_COMMAND_INVALID");
  });

  it("pins with rights and refuses without them", async () => {
    const bot = botFor(fake);
    const m = await bot.telegram.sendMessage(GROUP.id, "Thông báo quan trọng");
    await bot.telegram.pinChatMessage(GROUP.id, m.message_id, { disable_notification: true });
    expect(fake.pins()).toMatchObject([{ action: "pin", chatId: GROUP.id, messageId: m.message_id, disableNotification: true }]);
    expect(fake.sentMessage(GROUP.id, m.message_id)!.pinned).toBe(true);
    expect((await bot.telegram.getChat(GROUP.id)) as { pinned_message?: { message_id: number } }).toMatchObject({
      pinned_message: { message_id: m.message_id },
    });
    await bot.telegram.unpinChatMessage(GROUP.id, m.message_id);
    expect(fake.pinnedIn(GROUP.id)).toEqual([]);

    fake.setBotRights(-4010, { status: "member" });
    const m2 = await bot.telegram.sendMessage(-4010, "x");
    const denied = await telegramError(bot.telegram.pinChatMessage(-4010, m2.message_id));
    expect(denied.description).toBe("Bad Request: not enough rights to manage pinned messages in the chat");
    const member = await bot.telegram.getChatMember(-4010, fake.botInfo.id);
    expect(member.status).toBe("member");
    fake.setBotRights(-4010, { status: "administrator", can_pin_messages: true });
    const admin = await bot.telegram.getChatMember(-4010, fake.botInfo.id);
    expect(admin).toMatchObject({ status: "administrator", can_pin_messages: true });
    expect((await bot.telegram.getChatAdministrators(-4010)).map((a) => a.user.id)).toEqual([fake.botInfo.id]);
  });
});

describe("errors as telegraf sees them", () => {
  it("429 with parameters.retry_after, not delivered, counted per chat", async () => {
    fake.configure({ rateLimits: {} }); // Telegram-like defaults
    const bot = botFor(fake);
    await bot.telegram.sendMessage(AN.id, "một");
    const err = await telegramError(bot.telegram.sendMessage(AN.id, "hai"));
    expect(err.code).toBe(429);
    expect(err.description).toBe("Too Many Requests: retry after 1");
    expect(err.parameters?.retry_after).toBe(1);
    expect(fake.messagesTo(AN.id).map((m) => m.text)).toEqual(["một"]);

    for (let i = 0; i < 20; i++) await bot.telegram.sendMessage(GROUP.id, `tin ${i}`).catch(() => undefined);
    const groupErr = await telegramError(bot.telegram.sendMessage(GROUP.id, "tin 21"));
    expect(groupErr.parameters?.retry_after).toBeGreaterThanOrEqual(1);
    expect(groupErr.parameters?.retry_after).toBeLessThanOrEqual(60);
    const stats = fake.stats();
    expect(stats.rateLimitedByChat).toMatchObject({ [String(AN.id)]: 1 });
    expect(stats.rateLimited429).toBeGreaterThanOrEqual(2);
    expect(fake.messagesTo(GROUP.id).length).toBeLessThanOrEqual(20);
  });

  it("403 for a kicked group and a blocking user, also after my_chat_member", async () => {
    const seen: string[] = [];
    running = await startPollingBot(fake, (bot) => {
      bot.on("my_chat_member", (ctx) => {
        seen.push(`${ctx.myChatMember.chat.id}:${ctx.myChatMember.new_chat_member.status}`);
      });
    });
    const bot = running.bot;
    fake.setForbidden(GROUP.id);
    const kicked = await telegramError(bot.telegram.sendMessage(GROUP.id, "x"));
    expect([kicked.code, kicked.description]).toEqual([403, "Forbidden: bot was kicked from the group chat"]);
    fake.setForbidden(GROUP.id, false);
    await bot.telegram.sendMessage(GROUP.id, "back");

    fake.injectMyChatMember({ chat: { id: AN.id, type: "private" }, from: AN, oldStatus: "member", newStatus: "kicked" });
    await expect.poll(() => seen).toEqual([`${AN.id}:kicked`]);
    const blocked = await telegramError(bot.telegram.sendMessage(AN.id, "x"));
    expect(blocked.description).toBe("Forbidden: bot was blocked by the user");

    fake.injectMyChatMember({ chat: -1001234567890, from: AN, oldStatus: "administrator", newStatus: "kicked" });
    await expect.poll(() => seen.length).toBe(2);
    const superKicked = await telegramError(bot.telegram.sendMessage(-1001234567890, "x"));
    expect(superKicked.description).toBe("Forbidden: bot was kicked from the supergroup chat");
    expect(fake.stats().forbidden403).toBe(3);
  });

  it("400 with migrate_to_chat_id after a group migration; the new id works", async () => {
    const migrations: Array<[number, number]> = [];
    running = await startPollingBot(fake, (bot) => {
      bot.on(message("migrate_to_chat_id"), (ctx) => {
        migrations.push([ctx.chat.id, ctx.message.migrate_to_chat_id]);
      });
    });
    const newId = -1009876543210;
    fake.injectMigration({ fromChatId: GROUP.id, toChatId: newId });
    await expect.poll(() => migrations).toEqual([[GROUP.id, newId]]);
    const err = await telegramError(running.bot.telegram.sendMessage(GROUP.id, "x"));
    expect(err.code).toBe(400);
    expect(err.description).toBe("Bad Request: group chat was upgraded to a supergroup chat");
    expect(err.parameters?.migrate_to_chat_id).toBe(newId);
    await running.bot.telegram.sendMessage(newId, "ok");
    expect(fake.lastMessageTo(newId)!.text).toBe("ok");
    expect((await running.bot.telegram.getChat(newId)).type).toBe("supergroup");
    expect(fake.stats().migrated400).toBe(1);
  });

  it("5xx with the status text as description; before delivery by default", async () => {
    const bot = botFor(fake);
    fake.configure({ faults: { serverErrorRate: 1, serverErrorCodes: [502] } });
    const err = await telegramError(bot.telegram.sendMessage(GROUP.id, "x"));
    expect([err.code, err.description]).toEqual([502, "Bad Gateway"]);
    expect(fake.allMessages()).toEqual([]);

    fake.configure({ faults: { serverErrorCodes: [500], serverErrorAfterDeliveryRate: 1 } });
    const after = await telegramError(bot.telegram.sendMessage(GROUP.id, "delivered anyway"));
    expect([after.code, after.description]).toEqual([500, "Internal Server Error"]);
    expect(fake.allMessages().map((m) => m.text)).toEqual(["delivered anyway"]);
    expect(fake.stats()).toMatchObject({ injected5xx: 2, injected5xxAfterDelivery: 1 });
  });

  it("validation errors come back as 400 TelegramErrors", async () => {
    const bot = botFor(fake);
    const cases: Array<[Promise<unknown>, string]> = [
      [bot.telegram.sendMessage(GROUP.id, ""), "Bad Request: message text is empty"],
      [bot.telegram.sendMessage(GROUP.id, "x".repeat(4097)), "Bad Request: message is too long"],
      [
        bot.telegram.sendMessage(GROUP.id, "<b>x</i>", { parse_mode: "HTML" }),
        'Bad Request: can\'t parse entities: Unmatched end tag at byte offset 4, expected "</b>", found "</i>"',
      ],
      [
        bot.telegram.sendMessage(GROUP.id, "x", Markup.inlineKeyboard([Markup.button.callback("a", "d".repeat(65))])),
        "Bad Request: BUTTON_DATA_INVALID",
      ],
      [bot.telegram.sendMessage(GROUP.id, "x", { reply_parameters: { message_id: 999 } }), "Bad Request: message to be replied not found"],
      [bot.telegram.editMessageText(GROUP.id, 12345, undefined, "x"), "Bad Request: message to edit not found"],
    ];
    for (const [call, description] of cases) {
      const err = await telegramError(call);
      expect([err.code, err.description]).toEqual([400, description]);
    }
    expect(fake.allMessages()).toEqual([]);
    expect(fake.stats().badRequests).toBe(cases.length);
  });
});

describe("reset", () => {
  it("clears logs and state while a polling bot keeps receiving (update ids keep increasing)", async () => {
    running = await startPollingBot(fake, (bot) => {
      bot.on(message("text"), (ctx) => ctx.reply(`re: ${ctx.message.text}`));
    });
    const first = fake.injectMessage({ chat: AN.id, text: "trước" });
    await fake.waitFor((m) => m.text === "re: trước");
    fake.failNext("sendMessage", 5, 500);
    fake.reset();
    expect(fake.allMessages()).toEqual([]);
    expect(fake.stats()).toMatchObject({ requests: 0, delivered: 0 });

    const second = fake.injectMessage({ chat: AN.id, text: "sau" });
    expect(second.updateId).toBeGreaterThan(first.updateId);
    const reply = await fake.waitFor((m) => m.text === "re: sau");
    expect(reply.seq).toBe(1);
    expect(reply.messageId).toBeGreaterThan(first.message.message_id); // message ids never repeat in a chat
  });
});
