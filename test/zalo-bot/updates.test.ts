/**
 * Zalo Bot Platform updates become the core's events, and outbound texts become plain text with numbered
 * lists: commands, a typed number answering the chat's latest list of actions (but not a guided step's
 * list, which the flow engine matches itself), photos by URL, stickers, the bot's own messages ignored.
 */
import { describe, expect, it } from "vitest";
import { updateToEvent, type UpdateContext } from "../../src/platforms/zalo-bot/updates.js";
import { renderText } from "../../src/platforms/zalo-bot/render.js";
import { classify } from "../../src/platforms/zalo-bot/sender.js";
import { ZaloBotApiError, ZaloBotNetworkError, type ZaloBotUpdate } from "../../src/platforms/zalo-bot/api.js";
import type { MenuChoice } from "../../src/db/menus.js";

const msg = (fields: Record<string, unknown>, chat: "PRIVATE" | "GROUP" = "PRIVATE", event = "message.text.received"): ZaloBotUpdate => ({
  event_name: event,
  message: {
    message_id: "m1",
    date: 1,
    chat: { id: chat === "GROUP" ? "grp01abc" : "u1abcdef", chat_type: chat },
    from: { id: "u1abcdef", display_name: "Nguyễn Văn An" },
    ...fields,
  },
});

const ctx = (menu: MenuChoice[] | null = null): UpdateContext => ({ botId: "bot1", latestMenu: async () => menu });

describe("Zalo Bot updates", () => {
  it("reads a command with its arguments, and plain text", async () => {
    expect(await updateToEvent(msg({ text: "/start K7QX3MPA" }), ctx())).toMatchObject({
      type: "command",
      command: "start",
      args: "K7QX3MPA",
      eventKey: "zb:m1",
      chat: { platform: "zalo_bot", id: "u1abcdef", kind: "private" },
      user: { platform: "zalo_bot", id: "u1abcdef", displayName: "Nguyễn Văn An" },
    });
    expect(await updateToEvent(msg({ text: "Đã nhận" }, "GROUP"), ctx())).toMatchObject({
      type: "text",
      text: "Đã nhận",
      chat: { id: "grp01abc", kind: "group" },
    });
  });

  it("turns a typed number into the chosen action of the chat's latest list, not a guided step's", async () => {
    const actions = [{ label: "✅ Đã nhận", data: "nt:ack:7" }];
    expect(await updateToEvent(msg({ text: "1" }, "GROUP"), ctx(actions))).toMatchObject({ type: "choice", data: "nt:ack:7" });
    expect(await updateToEvent(msg({ text: "số 1" }, "GROUP"), ctx(actions))).toMatchObject({ type: "choice", data: "nt:ack:7" });
    // Words stay text (they may be meant for a question without a list); a number beyond the list too.
    expect(await updateToEvent(msg({ text: "Đã nhận" }, "GROUP"), ctx(actions))).toMatchObject({ type: "text" });
    expect(await updateToEvent(msg({ text: "2" }, "GROUP"), ctx(actions))).toMatchObject({ type: "text", text: "2" });
    const step = [{ label: "Có", data: "f:abc:yes" }];
    expect(await updateToEvent(msg({ text: "1" }), ctx(step))).toMatchObject({ type: "text", text: "1" });
    // A list mixing a step's choice and an action: the step's own choice is left to the flow engine.
    const mixed = [
      { label: "Xem lại", data: "f:abc:review" },
      { label: "Hủy", data: "cancel" },
    ];
    expect(await updateToEvent(msg({ text: "1" }), ctx(mixed))).toMatchObject({ type: "text", text: "1" });
    expect(await updateToEvent(msg({ text: "2" }), ctx(mixed))).toMatchObject({ type: "choice", data: "cancel" });
  });

  it("reads a photo by its URL, a sticker as unsupported, and ignores the bot's own messages", async () => {
    expect(
      await updateToEvent(
        msg({ photo_url: "https://f.zalo.me/p/1.jpg", caption: "Ảnh hiện trường" }, "PRIVATE", "message.image.received"),
        ctx(),
      ),
    ).toMatchObject({
      type: "file",
      file: { fileId: "https://f.zalo.me/p/1.jpg", kind: "photo" },
      caption: "Ảnh hiện trường",
    });
    expect(await updateToEvent(msg({ sticker: "abc" }, "PRIVATE", "message.sticker.received"), ctx())).toMatchObject({
      type: "unsupported",
      what: "sticker",
    });
    const own = msg({ text: "xin chào" });
    own.message!.from.id = "bot1";
    expect(await updateToEvent(own, ctx())).toBeNull();
  });
});

describe("Zalo Bot outbound text", () => {
  it("is plain text with the choices numbered and a hint", () => {
    const r = renderText("<b>Thông báo</b> &amp; kế hoạch", [
      [{ kind: "action", label: "✅ Đã nhận", data: "nt:ack:1" }],
      [{ kind: "url", label: "Mở", url: "https://x.vn" }],
    ]);
    expect(r.text).toBe("Thông báo & kế hoạch\n\n1. ✅ Đã nhận\nMở: https://x.vn\nĐồng chí vui lòng gõ số thứ tự để chọn (ví dụ: 1).");
    expect(r.menu).toEqual([{ label: "✅ Đã nhận", data: "nt:ack:1" }]);
  });

  it("classifies the platform's answers for the retry policy", () => {
    expect(classify(new ZaloBotApiError("sendMessage", 429, "Too Many Requests", 3))).toMatchObject({
      kind: "rate_limited",
      retryAfterMs: 3000,
    });
    expect(classify(new ZaloBotApiError("sendMessage", 503, "Unavailable"))).toMatchObject({ kind: "transient" });
    expect(classify(new ZaloBotNetworkError("sendMessage", "ECONNRESET"))).toMatchObject({ kind: "transient" });
    expect(classify(new ZaloBotApiError("sendMessage", 403, "Forbidden"))).toMatchObject({ kind: "chat_gone" });
    expect(classify(new ZaloBotApiError("sendMessage", 400, "Bad Request: chat not found"))).toMatchObject({ kind: "permanent" });
    // The token is in the URL; no error built by the client carries it.
    expect(new ZaloBotApiError("sendMessage", 401, "Unauthorized").message).toBe("Zalo Bot API sendMessage: 401 Unauthorized");
  });
});
