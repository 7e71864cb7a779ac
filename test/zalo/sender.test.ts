import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TextStyle, ThreadType, ZaloApiError } from "zca-js";
import { PNG } from "pngjs";
import { ZaloSender } from "../../src/platforms/zalo/sender.js";
import { adaptZcaApi } from "../../src/platforms/zalo/zalo-api.js";
import { THROTTLE_WAIT_MS } from "../../src/platforms/zalo/errors.js";
import type { ChatRow } from "../../src/db/chats.js";
import type { SendContext } from "../../src/delivery/platform-sender.js";
import { action } from "../../src/messaging/outbound.js";
import { memoryMenuStore } from "../../src/platforms/zalo/menus.js";
import { FakeZaloApi } from "./fake-zalo.js";

const group: ChatRow = {
  id: 1,
  platform: "zalo",
  externalId: "5550001",
  kind: "group",
  title: "HĐND xã Phổ An",
  councilId: 1,
  purpose: "unit",
  unitId: 1,
  active: true,
  inactiveReason: null,
  canPin: null,
};
const person: ChatRow = { ...group, id: 2, externalId: "1110001", kind: "private", title: "An", purpose: null, unitId: null };

let dir: string;
let ctx: SendContext;
let targets: Record<string, string[]>;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "zalo-sender-"));
  targets = {};
  ctx = { resolveTarget: async (key) => targets[key] ?? null, resolveStoredFile: (p) => path.join(dir, p) };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function make(api: FakeZaloApi | null, extra: Partial<ConstructorParameters<typeof ZaloSender>[0]> = {}) {
  const menus = memoryMenuStore();
  const sessionErrors: string[] = [];
  const sender = new ZaloSender({
    sendGapMs: 1000,
    groupGapMs: 3000,
    session: () => (api ? adaptZcaApi(api) : null),
    saveMenu: menus.save,
    onSessionError: (r) => sessionErrors.push(r),
    ...extra,
  });
  return { sender, menus, sessionErrors };
}

describe("ZaloSender", () => {
  it("paces by gaps: one message per account every ZALO_SEND_GAP_MS, one per group every ZALO_GROUP_GAP_MS", () => {
    const { sender } = make(new FakeZaloApi());
    expect(sender.platform).toBe("zalo");
    expect(sender.limits).toEqual({
      globalPerSecond: 1000,
      groupPerMinute: 1000,
      privatePerSecond: 1000,
      accountGapMs: 1000,
      groupGapMs: 3000,
    });
  });

  it("sends bold text to a group as ThreadType.Group and to a person as ThreadType.User", async () => {
    const api = new FakeZaloApi();
    const { sender } = make(api, { sendGapMs: 0 });
    const a = await sender.send(group, { kind: "text", text: "Kính gửi <b>các đồng chí</b>" }, ctx);
    const b = await sender.send(person, { kind: "text", text: "Chào đồng chí" }, ctx);
    expect(a).toEqual({ ok: true, messageIds: api.sent[0]!.msgIds });
    expect(b.ok).toBe(true);
    expect(api.sent.map((s) => [s.threadId, s.type])).toEqual([
      ["5550001", ThreadType.Group],
      ["1110001", ThreadType.User],
    ]);
    expect(api.sent[0]!.content).toEqual({ msg: "Kính gửi các đồng chí", styles: [{ start: 9, len: 12, st: TextStyle.Bold }] });
  });

  it("remembers a numbered menu under the message id it was sent as", async () => {
    const api = new FakeZaloApi();
    const { sender, menus } = make(api, { sendGapMs: 0 });
    const out = await sender.send(
      group,
      { kind: "text", text: "Vấn đề 1/2026", choices: [[action("Đã tiếp nhận", "is:ack:1"), action("Giao Ban", "is:asg:1")]] },
      ctx,
    );
    expect(out.ok).toBe(true);
    expect(api.sent[0]!.content.msg).toMatch(/\n1\. Đã tiếp nhận\n2\. Giao Ban\n/);
    expect(await menus.find("5550001", api.sent[0]!.msgIds[0]!)).toEqual([
      { label: "Đã tiếp nhận", data: "is:ack:1" },
      { label: "Giao Ban", data: "is:asg:1" },
    ]);
  });

  it("reacts to the person's message instead of sending a thanks, and sends the text when the message is not known", async () => {
    const api = new FakeZaloApi();
    const known = { msgId: "7100000000001", cliMsgId: "7100000000002" };
    const { sender } = make(api, {
      quoteFor: (chat, id) =>
        chat === group.externalId && id === known.msgId
          ? { content: "đã nhận", msgType: "webchat", propertyExt: undefined, uidFrom: "1110002", ...known, ts: "1", ttl: 0 }
          : undefined,
    });
    const thanks = (replyTo: string) => ({ kind: "text" as const, text: "Đã ghi nhận.", replyTo, reactInstead: "👍" as const });
    expect(await sender.send(group, thanks(known.msgId), ctx)).toMatchObject({ ok: true, messageIds: [] });
    expect(api.reactions).toEqual([
      expect.objectContaining({ icon: "/-strong", dest: { data: known, threadId: group.externalId, type: ThreadType.Group } }),
    ]);
    expect(api.sent).toEqual([]);
    expect(await sender.send(group, thanks("7100000000009"), ctx)).toMatchObject({ ok: true });
    expect(api.sent.map((x) => x.content.msg)).toEqual(["Đã ghi nhận."]);
    expect(api.reactions).toHaveLength(1);
  });

  it("runs one call at a time and keeps the account gap between them", async () => {
    const api = new FakeZaloApi();
    api.sendDelayMs = 15;
    let now = 0;
    const sleeps: number[] = [];
    const { sender } = make(api, {
      sendGapMs: 1000,
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    });
    await Promise.all([
      sender.send(group, { kind: "text", text: "một" }, ctx),
      sender.send(person, { kind: "text", text: "hai" }, ctx),
      sender.send(person, { kind: "text", text: "ba" }, ctx),
    ]);
    expect(api.maxInFlight).toBe(1);
    expect(api.sent.map((s) => s.content.msg)).toEqual(["một", "hai", "ba"]);
    expect(sleeps).toEqual([1000, 1000]);
  });

  it("classifies Zalo's answers for the retry policy", async () => {
    const api = new FakeZaloApi();
    const { sender, sessionErrors } = make(api, { sendGapMs: 0 });
    const send = (chat: ChatRow, failure: unknown) => {
      api.failures.push(failure);
      return sender.send(chat, { kind: "text", text: "x" }, ctx);
    };
    expect(
      await send(
        person,
        new ZaloApiError("Bạn chưa thể gửi tin nhắn đến người này vì người này chặn không nhận tin nhắn từ người lạ.", 122),
      ),
    ).toMatchObject({ ok: false, kind: "permanent", reason: expect.stringMatching(/122.*friend/) });
    expect(await send(group, new ZaloApiError("Bạn không còn là thành viên của nhóm này", 165))).toMatchObject({
      ok: false,
      kind: "chat_gone",
    });
    expect(await send(group, new ZaloApiError("not in group", 999))).toMatchObject({ ok: false, kind: "chat_gone" });
    expect(await send(person, new ZaloApiError("Người này đã chặn tin nhắn của bạn", 144))).toMatchObject({ ok: false, kind: "chat_gone" });
    expect(await send(group, new ZaloApiError("Lỗi không xác định", 114))).toMatchObject({ ok: false, kind: "transient" });
    expect(await send(group, new ZaloApiError("Request failed with status code 502"))).toMatchObject({ ok: false, kind: "transient" });
    expect(await send(group, new ZaloApiError("Request failed with status code 429"))).toMatchObject({
      ok: false,
      kind: "rate_limited",
      retryAfterMs: 60_000,
    });
    expect(await send(group, new ZaloApiError("Tham số không hợp lệ", -1))).toMatchObject({ ok: false, kind: "permanent" });
    expect(await send(group, new ZaloApiError('File extension "exe" is not allowed'))).toMatchObject({ ok: false, kind: "permanent" });
    expect(await send(group, Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } }))).toMatchObject({
      ok: false,
      kind: "transient",
      reason: expect.stringMatching(/ECONNRESET/),
    });
    expect(sessionErrors).toEqual([]);
    expect(await send(group, new ZaloApiError("The session key was improperly submitted or has reached its timeout", 102))).toMatchObject({
      ok: false,
      kind: "transient",
    });
    expect(sessionErrors).toHaveLength(1);
  });

  it("treats Zalo's anti-spam answer (123) as a long wait, and gives up after three in a row for one chat", async () => {
    const api = new FakeZaloApi();
    const { sender } = make(api, { sendGapMs: 0 });
    const refuse = () => api.failures.push(new ZaloApiError("Không thể nhận tin nhắn từ bạn.", 123));
    refuse();
    expect(await sender.send(person, { kind: "text", text: "x" }, ctx)).toMatchObject({
      ok: false,
      kind: "rate_limited",
      retryAfterMs: THROTTLE_WAIT_MS,
    });
    refuse();
    expect(await sender.send(person, { kind: "text", text: "x" }, ctx)).toMatchObject({ kind: "rate_limited" });
    refuse();
    expect(await sender.send(person, { kind: "text", text: "x" }, ctx)).toMatchObject({
      ok: false,
      kind: "permanent",
      reason: expect.stringMatching(/refused 3 times in a row/),
    });
    // A success in between resets the count.
    refuse();
    await sender.send(group, { kind: "text", text: "x" }, ctx);
    expect(await sender.send(group, { kind: "text", text: "y" }, ctx)).toMatchObject({ ok: true });
  });

  it("counts a send that returns no message id as throttling, not as sent", async () => {
    const api = new FakeZaloApi();
    vi.spyOn(api, "sendMessage").mockResolvedValue({ message: null, attachment: [] });
    const { sender } = make(api, { sendGapMs: 0 });
    expect(await sender.send(group, { kind: "text", text: "x" }, ctx)).toMatchObject({ ok: false, kind: "rate_limited" });
  });

  it("fails a call that hangs (transient) instead of blocking the account", async () => {
    const api = new FakeZaloApi();
    vi.spyOn(api, "sendMessage").mockReturnValue(new Promise(() => undefined));
    const { sender } = make(api, { sendGapMs: 0, callTimeoutMs: 30 });
    expect(await sender.send(group, { kind: "text", text: "x" }, ctx)).toMatchObject({
      ok: false,
      kind: "transient",
      reason: expect.stringMatching(/TimeoutError/),
    });
  });

  it("waits without counting an attempt while Zalo is not connected", async () => {
    const { sender } = make(null);
    expect(await sender.send(group, { kind: "text", text: "x" }, ctx)).toMatchObject({
      ok: false,
      kind: "rate_limited",
      retryAfterMs: 60_000,
    });
  });

  it("does not edit (no-op, ok) and refuses a pin with a reason the office can read", async () => {
    const api = new FakeZaloApi();
    const { sender } = make(api, { sendGapMs: 0 });
    targets["notice:1"] = ["7001"];
    expect(await sender.send(group, { kind: "edit", targetKey: "notice:1", text: "Đã nhận: 3/15" }, ctx)).toMatchObject({
      ok: true,
      messageIds: ["7001"],
    });
    expect(await sender.send(group, { kind: "pin", targetKey: "notice:1" }, ctx)).toMatchObject({
      ok: false,
      kind: "permanent",
      reason: expect.stringMatching(/Zalo has no message pin/),
    });
    expect(api.sent).toHaveLength(0);
  });

  it("creates a pinned group note (title and short summary) for a note, only in groups", async () => {
    const api = new FakeZaloApi();
    const { sender } = make(api, { sendGapMs: 0 });
    const out = await sender.send(
      group,
      { kind: "note", title: "Thông báo số 12/TB-HĐND", text: `Kết luận <b>phiên làm việc</b> ${"x".repeat(900)}` },
      ctx,
    );
    expect(out).toMatchObject({ ok: true, messageIds: ["note-1"] });
    expect(api.notes[0]).toMatchObject({ groupId: "5550001", pinAct: true });
    expect(api.notes[0]!.title).toMatch(/^Thông báo số 12\/TB-HĐND\nKết luận phiên làm việc x+…$/);
    expect(api.notes[0]!.title.length).toBeLessThanOrEqual(500);
    expect(await sender.send(person, { kind: "note", title: "T", text: "x" }, ctx)).toMatchObject({ ok: false, kind: "permanent" });
  });

  it("sends a stored file as an attachment with its name and photo size; refuses a Telegram file", async () => {
    const api = new FakeZaloApi();
    const { sender } = make(api, { sendGapMs: 0 });
    const png = new PNG({ width: 40, height: 30 });
    writeFileSync(path.join(dir, "ab12cd"), PNG.sync.write(png));
    writeFileSync(path.join(dir, "doc1"), "PDF");
    const photo = await sender.send(
      group,
      {
        kind: "file",
        fileKind: "photo",
        source: { type: "stored", path: "ab12cd" },
        fileName: "anh-hien-truong",
        mime: "image/png",
        caption: "Ảnh <b>hiện trường</b>",
      },
      ctx,
    );
    expect(photo.ok).toBe(true);
    const att = api.sent[0]!.content.attachments![0] as {
      filename: string;
      metadata: { totalSize: number; width?: number; height?: number };
    };
    expect(att.filename).toBe("anh-hien-truong.png");
    expect(att.metadata).toMatchObject({ width: 40, height: 30 });
    expect(api.sent[0]!.content.msg).toBe("Ảnh hiện trường");
    await sender.send(
      group,
      { kind: "file", fileKind: "document", source: { type: "stored", path: "doc1" }, fileName: "Báo cáo tháng 5.pdf" },
      ctx,
    );
    expect((api.sent[1]!.content.attachments![0] as { filename: string }).filename).toBe("Báo cáo tháng 5.pdf");
    expect(
      await sender.send(group, { kind: "file", fileKind: "document", source: { type: "stored", path: "missing" } }, ctx),
    ).toMatchObject({ ok: false, kind: "permanent" });
    expect(
      await sender.send(
        group,
        { kind: "file", fileKind: "document", source: { type: "platform", platform: "telegram", fileId: "BQACAg" } },
        ctx,
      ),
    ).toMatchObject({ ok: false, kind: "permanent", reason: expect.stringMatching(/telegram file/) });
  });

  it("forwards a Zalo attachment by downloading its link", async () => {
    const api = new FakeZaloApi();
    const fetchMock = vi.fn(async () => new Response("PDFDATA", { status: 200, headers: { "content-length": "7" } }));
    const { sender } = make(api, { sendGapMs: 0, fetch: fetchMock as unknown as typeof fetch });
    const out = await sender.send(
      group,
      {
        kind: "file",
        fileKind: "document",
        source: { type: "platform", platform: "zalo", fileId: "https://f1.zdn.vn/abc/bao-cao.pdf" },
        fileName: "bao-cao.pdf",
      },
      ctx,
    );
    expect(out.ok).toBe(true);
    expect((api.sent[0]!.content.attachments![0] as { data: Buffer }).data.toString()).toBe("PDFDATA");
    fetchMock.mockResolvedValueOnce(new Response("gone", { status: 404 }));
    expect(
      await sender.send(
        group,
        { kind: "file", fileKind: "document", source: { type: "platform", platform: "zalo", fileId: "https://f1.zdn.vn/old.pdf" } },
        ctx,
      ),
    ).toMatchObject({ ok: false, kind: "permanent" });
  });
});

describe("login failures", () => {
  it("tells a refused session from a network or server problem", async () => {
    const { isLoginRejection } = await import("../../src/platforms/zalo/errors.js");
    expect(isLoginRejection(new ZaloApiError("Đăng nhập thất bại"))).toBe(true);
    expect(isLoginRejection(new ZaloApiError("The session key was improperly submitted or has reached its timeout", 102))).toBe(true);
    expect(isLoginRejection(new ZaloApiError("Failed to fetch login info: Bad Gateway"))).toBe(false);
    expect(isLoginRejection(new ZaloApiError("Request failed with status code 503"))).toBe(false);
    expect(isLoginRejection(new TypeError("fetch failed"))).toBe(false);
  });
});
