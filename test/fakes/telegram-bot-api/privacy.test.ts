/**
 * Group privacy mode, as Telegram applies it to every new bot: in a group the bot receives commands, replies
 * to its own messages, messages that mention it and service messages; everything else stays among people.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { FakeBotApi } from "./fake-bot-api.js";
import { startFakeBotApi } from "./server.js";
import { botFor } from "./testing.js";
import type { TgUpdate } from "./types.js";

let fake: FakeBotApi;
afterEach(async () => {
  await fake.close();
});

const AN = { id: 21, first_name: "An" };
const GROUP = { id: -4001, title: "Xã Phổ An" };

async function received(): Promise<string[]> {
  const updates = (await botFor(fake).telegram.getUpdates(0, 100, 0, undefined as never)) as TgUpdate[];
  return updates.map((u) => u.message?.text ?? u.message?.caption ?? (u.message?.new_chat_members ? "(joined)" : "?"));
}

describe("group privacy mode", () => {
  it("is on by default: only commands, replies to the bot and mentions reach it", async () => {
    fake = await startFakeBotApi({ rateLimits: false });
    const bot = botFor(fake);
    const prompt = await bot.telegram.sendMessage(GROUP.id, "Đồng chí gõ tên xã");
    const said = [
      fake.injectMessage({ chat: GROUP, from: AN, text: "phổ an" }),
      fake.injectMessage({ chat: GROUP, from: AN, text: "/dangky" }),
      fake.injectMessage({ chat: GROUP, from: AN, text: "/dangky@fake_council_bot" }),
      fake.injectMessage({ chat: GROUP, from: AN, text: "/dangky@other_bot" }),
      fake.injectMessage({ chat: GROUP, from: AN, text: "phổ phong", replyToMessageId: prompt.message_id }),
      fake.injectMessage({ chat: GROUP, from: AN, text: "@Fake_Council_Bot đã nhận" }),
      fake.injectMessage({ chat: GROUP, from: AN, text: "đã nhận @fake_council_botx" }),
      fake.injectMessage({ chat: AN.id, from: AN, text: "riêng" }),
    ];
    fake.injectDocument({ chat: GROUP, from: AN, fileName: "a.txt", bytes: "x", caption: "tệp" });
    fake.injectNewMembers({ chat: GROUP, from: AN, members: [{ id: 22, first_name: "Bình" }] });
    expect(said.map((m) => m.delivered)).toEqual([false, true, true, false, true, true, false, true]);
    expect(said[0]!.updateId).toBe(0);
    expect(await received()).toEqual([
      "/dangky",
      "/dangky@fake_council_bot",
      "phổ phong",
      "@Fake_Council_Bot đã nhận",
      "riêng",
      "(joined)",
    ]);
    expect(fake.stats().updatesWithheld).toBe(4);
    // People still see the message: it exists in the chat and can be replied to.
    expect(fake.message(GROUP.id, said[0]!.message.message_id)?.text).toBe("phổ an");
  });

  it("can be turned off, at start or while running, and admins can be exempted as on Telegram", async () => {
    fake = await startFakeBotApi({ rateLimits: false, privacyMode: false });
    expect(fake.injectMessage({ chat: GROUP, from: AN, text: "phổ an" }).delivered).toBe(true);
    fake.configure({ privacyMode: true });
    expect(fake.injectMessage({ chat: GROUP, from: AN, text: "phổ an" }).delivered).toBe(false);
    fake.configure({ privacyExemptsAdmins: true });
    expect(fake.injectMessage({ chat: GROUP, from: AN, text: "phổ an" }).delivered).toBe(true);
    fake.setBotRights(GROUP.id, { status: "member" });
    expect(fake.injectMessage({ chat: GROUP, from: AN, text: "phổ an" }).delivered).toBe(false);
    expect(await received()).toEqual(["phổ an", "phổ an"]);
  });
});
