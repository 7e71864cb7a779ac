import { describe, expect, it } from "vitest";
import { GroupEventType } from "zca-js";
import { groupEventToEvents, messageToEvent, reactionToEvent, undoToEvent, type InboundContext } from "../../src/platforms/zalo/inbound.js";
import { memoryMenuStore } from "../../src/platforms/zalo/menus.js";
import { choiceData } from "../../src/flows/engine.js";
import { OWN_ID, groupEvent, groupMessage, ownEcho, reactionTo, undoOf, userMessage, type SentRecord } from "./fake-zalo.js";

const an = { id: "1110001", name: "Nguyễn Văn An" };
const ha = { id: "1110002", name: "Lê Thị Hà" };
const GROUP = "5550001";

function context(): InboundContext & { menus: ReturnType<typeof memoryMenuStore> } {
  const menus = memoryMenuStore();
  return { ownId: OWN_ID, menus, findMenu: menus.find, groupTitle: async (id) => (id === GROUP ? "HĐND xã Phổ An" : undefined) };
}

const menuMessage = (msgId: string): SentRecord => ({
  threadId: GROUP,
  type: 1,
  content: { msg: "1. Đã tiếp nhận\n2. Giao Ban" },
  msgIds: [msgId],
  at: Date.now(),
});
const quote = (msgId: string, ownerId = OWN_ID) => ({
  ownerId,
  cliMsgId: 1,
  globalMsgId: Number(msgId),
  cliMsgType: 1,
  ts: 1,
  msg: "…",
  attach: "",
  fromD: "x",
  ttl: 0,
});

describe("Zalo messages to inbound events", () => {
  it("ignores the account's own messages", async () => {
    expect(await messageToEvent(ownEcho(GROUP, "Đã đăng ký nhóm"), context())).toBeNull();
    expect(await messageToEvent(userMessage({ id: OWN_ID, name: "Bot" }, "x"), context())).toBeNull();
  });

  it("maps a private /start with its argument to a command, keyed by the message id", async () => {
    const m = userMessage(an, "/start K7QX3MPA");
    expect(await messageToEvent(m, context())).toEqual({
      type: "command",
      eventKey: `zl:${m.data.msgId}`,
      chat: { platform: "zalo", id: an.id, kind: "private" },
      user: { platform: "zalo", id: an.id, displayName: "Nguyễn Văn An" },
      command: "start",
      args: "K7QX3MPA",
      messageId: m.data.msgId,
    });
  });

  it("maps a group command with the group's name, also after an @mention of the account", async () => {
    const plain = await messageToEvent(groupMessage(GROUP, ha, "/DangKy"), context());
    expect(plain).toMatchObject({
      type: "command",
      command: "dangky",
      args: "",
      chat: { id: GROUP, kind: "group", title: "HĐND xã Phổ An" },
    });
    const mention = "@Văn phòng HĐND ";
    const mentioned = await messageToEvent(
      groupMessage(GROUP, ha, `${mention}/baocao tháng 5`, { mentions: [{ uid: OWN_ID, pos: 0, len: mention.length, type: 0 }] }),
      context(),
    );
    expect(mentioned).toMatchObject({ type: "command", command: "baocao", args: "tháng 5" });
  });

  it("maps other text to text, with the quoted message id", async () => {
    expect(await messageToEvent(groupMessage(GROUP, an, "đã nhận"), context())).toMatchObject({ type: "text", text: "đã nhận" });
    const replied = await messageToEvent(groupMessage(GROUP, an, "cảm ơn", { quote: quote("7000000000123", ha.id) }), context());
    expect(replied).toMatchObject({ type: "text", text: "cảm ơn", replyToMessageId: "7000000000123" });
  });

  it("turns a reply quoting a saved menu into the item's choice, by number or by words", async () => {
    const ctx = context();
    const sent = menuMessage("7000000000200");
    await ctx.menus.save(GROUP, "7000000000200", [
      { label: "Đã tiếp nhận", data: "is:ack:7" },
      { label: "Giao Ban", data: "is:asg:7" },
    ]);
    const byNumber = await messageToEvent(groupMessage(GROUP, ha, "2", { quote: quote(sent.msgIds[0]!) }), ctx);
    expect(byNumber).toMatchObject({ type: "choice", data: "is:asg:7", messageId: "7000000000200", user: { id: ha.id } });
    expect(await messageToEvent(groupMessage(GROUP, ha, "số 1", { quote: quote(sent.msgIds[0]!) }), ctx)).toMatchObject({
      type: "choice",
      data: "is:ack:7",
    });
    expect(await messageToEvent(groupMessage(GROUP, ha, "giao ban", { quote: quote(sent.msgIds[0]!) }), ctx)).toMatchObject({
      type: "choice",
      data: "is:asg:7",
    });
    // An unknown number, or a quote of someone else's message, stays text for the core to answer.
    expect(await messageToEvent(groupMessage(GROUP, ha, "9", { quote: quote(sent.msgIds[0]!) }), ctx)).toMatchObject({
      type: "text",
      text: "9",
      replyToMessageId: "7000000000200",
    });
    expect(await messageToEvent(groupMessage(GROUP, ha, "1", { quote: quote(sent.msgIds[0]!, an.id) }), ctx)).toMatchObject({
      type: "text",
    });
    // A bare number without a quote is text: the flow engine matches it to the person's current question.
    expect(await messageToEvent(groupMessage(GROUP, ha, "1"), ctx)).toMatchObject({ type: "text", text: "1" });
  });

  it("keeps a flow menu's data (with its nonce) so an old menu is recognised as stale by the engine", async () => {
    const ctx = context();
    await ctx.menus.save(GROUP, "7000000000300", [{ label: "Nhóm Thường trực HĐND", data: choiceData("Ab12", "standing") }]);
    expect(await messageToEvent(groupMessage(GROUP, ha, "1", { quote: quote("7000000000300") }), ctx)).toMatchObject({
      type: "choice",
      data: "f:Ab12:standing",
    });
  });

  it("maps photos and files, which Zalo sends as links, to file events whose id is the URL", async () => {
    const photo = await messageToEvent(
      userMessage(
        an,
        {
          title: "Sạt lở tại thôn 3",
          description: "",
          href: "https://photo.zdn.vn/a.jpg",
          thumb: "",
          childnumber: 0,
          action: "",
          params: JSON.stringify({ hd: "https://photo.zdn.vn/a-hd.jpg" }),
          type: "",
        },
        { msgType: "chat.photo" },
      ),
      context(),
    );
    expect(photo).toMatchObject({
      type: "file",
      file: { fileId: "https://photo.zdn.vn/a.jpg", kind: "photo", mime: "image/jpeg" },
      caption: "Sạt lở tại thôn 3",
    });
    const doc = await messageToEvent(
      userMessage(
        an,
        {
          title: "Báo cáo tháng 5.docx",
          description: "",
          href: "https://f21.zdn.vn/bc.docx",
          thumb: "",
          childnumber: 0,
          action: "",
          params: JSON.stringify({ fileSize: "24576", fileExt: "docx" }),
          type: "",
        },
        { msgType: "share.file" },
      ),
      context(),
    );
    expect(doc).toMatchObject({
      type: "file",
      file: {
        fileId: "https://f21.zdn.vn/bc.docx",
        kind: "document",
        fileName: "Báo cáo tháng 5.docx",
        size: 24576,
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      },
    });
  });

  it("maps stickers, voice and video to unsupported, and a shared link to text", async () => {
    const ctx = context();
    expect(await messageToEvent(userMessage(an, { id: 1 }, { msgType: "chat.sticker" }), ctx)).toMatchObject({
      type: "unsupported",
      what: "sticker",
    });
    expect(await messageToEvent(userMessage(an, { href: "https://v.zdn.vn/a.aac" }, { msgType: "chat.voice" }), ctx)).toMatchObject({
      type: "unsupported",
      what: "voice",
    });
    expect(await messageToEvent(userMessage(an, { href: "https://v.zdn.vn/a.mp4" }, { msgType: "chat.video.msg" }), ctx)).toMatchObject({
      type: "unsupported",
      what: "video",
    });
    expect(
      await messageToEvent(
        userMessage(
          an,
          { title: "https://dangcongsan.vn/x", href: "https://dangcongsan.vn/x", action: "recommened.link" },
          { msgType: "chat.recommended" },
        ),
        ctx,
      ),
    ).toMatchObject({ type: "text", text: "https://dangcongsan.vn/x" });
  });

  it("maps an undo to a recall of the original message, and reactions", async () => {
    const original = groupMessage(GROUP, an, "nhầm");
    const recall = await undoToEvent(undoOf(original), context());
    expect(recall).toMatchObject({
      type: "recall",
      messageId: original.data.msgId,
      user: { id: an.id },
      chat: { id: GROUP, kind: "group" },
    });
    expect(recall!.eventKey).toMatch(/^zl:undo:/);
    const like = await reactionToEvent(reactionTo("7000000000400", an, "/-strong", GROUP, true), context());
    expect(like).toMatchObject({ type: "reaction", messageId: "7000000000400", reaction: "👍", chat: { id: GROUP, kind: "group" } });
    expect(await reactionToEvent(reactionTo("7000000000400", an, "", GROUP, true), context())).toBeNull();
  });

  it("maps the account's own arrival and removal to bot_added / bot_removed, others to members joined / left", async () => {
    const ctx = context();
    const added = await groupEventToEvents(
      groupEvent(GroupEventType.JOIN, GROUP, [{ id: OWN_ID, name: "Văn phòng HĐND" }, an], ha.id),
      ctx,
    );
    expect(added).toEqual([
      expect.objectContaining({
        type: "bot_added",
        joined: true,
        chat: { platform: "zalo", id: GROUP, kind: "group", title: "HĐND xã Phổ An" },
        by: expect.objectContaining({ id: ha.id }),
      }),
      expect.objectContaining({ type: "members_joined", users: [expect.objectContaining({ id: an.id, displayName: an.name })] }),
    ]);
    expect(
      await groupEventToEvents(groupEvent(GroupEventType.REMOVE_MEMBER, GROUP, [{ id: OWN_ID, name: "Văn phòng HĐND" }], ha.id), ctx),
    ).toEqual([expect.objectContaining({ type: "bot_removed" })]);
    expect(await groupEventToEvents(groupEvent(GroupEventType.LEAVE, GROUP, [an], an.id), ctx)).toEqual([
      expect.objectContaining({ type: "member_left", user: expect.objectContaining({ id: an.id }) }),
    ]);
  });
});
