/**
 * The fake over plain HTTP: routing, body encodings, Telegram's response shape, keep-alive.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeBotApi } from "./fake-bot-api.js";
import { startFakeBotApi } from "./server.js";

let fake: FakeBotApi;
let base: string;

beforeEach(async () => {
  fake = await startFakeBotApi({ rateLimits: false, chats: [{ id: -777, title: "Tổ đại biểu số 3", username: "todaibieu3" }] });
  base = `${fake.apiRoot}/bot${fake.token}`;
});
afterEach(async () => {
  await fake.close();
});

async function call(method: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const init: RequestInit =
    body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
  const res = await fetch(`${base}/${method}`, init);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe("routing and response shape", () => {
  it("answers getMe with {ok:true,result}", async () => {
    const { status, json } = await call("getMe");
    expect(status).toBe(200);
    expect(json).toEqual({
      ok: true,
      result: expect.objectContaining({ id: 123456789, is_bot: true, username: "fake_council_bot" }),
    });
  });

  it("401 for an unknown token, 404 for an unknown method or path", async () => {
    const bad = await fetch(`${fake.apiRoot}/bot123:wrong/getMe`);
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });
    const unknown = await call("sendTelepathy");
    expect(unknown).toEqual({ status: 404, json: { ok: false, error_code: 404, description: "Not Found" } });
    const nowhere = await fetch(`${fake.apiRoot}/somewhere`);
    expect(nowhere.status).toBe(404);
  });

  it("accepts method names case-insensitively, GET query strings and urlencoded bodies", async () => {
    const viaGet = await fetch(`${base}/sendmessage?chat_id=-777&text=${encodeURIComponent("Họp lúc 8h")}`);
    expect(viaGet.status).toBe(200);
    const viaForm = await fetch(`${base}/sendMessage`, {
      method: "POST",
      body: new URLSearchParams({
        chat_id: "-777",
        text: "<i>Mời họp</i>",
        parse_mode: "HTML",
        reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] }),
      }),
    });
    const json = (await viaForm.json()) as { result: { text: string; reply_markup: unknown } };
    expect(json.result.text).toBe("Mời họp");
    expect(json.result.reply_markup).toEqual({ inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] });
    expect(fake.messagesTo(-777).map((m) => m.plainText)).toEqual(["Họp lúc 8h", "Mời họp"]);
    expect(viaForm.headers.get("x-fake-request-id")).toBe(String(fake.lastMessageTo(-777)!.requestId));
  });

  it("parses multipart uploads from fetch's FormData (quoted UTF-8 file names)", async () => {
    const bytes = Buffer.from("Nghị quyết số 12/NQ-HĐND\n".repeat(50));
    const form = new FormData();
    form.set("chat_id", "-777");
    form.set("caption", "Nghị quyết");
    form.set("document", new Blob([bytes], { type: "application/pdf" }), 'NQ "12" 2025.pdf');
    const res = await fetch(`${base}/sendDocument`, { method: "POST", body: form });
    const json = (await res.json()) as { ok: boolean; result: { document: { file_name: string; mime_type: string } } };
    expect(json.ok).toBe(true);
    expect(json.result.document).toMatchObject({ file_name: 'NQ "12" 2025.pdf', mime_type: "application/pdf" });
    expect(fake.lastMessageTo(-777)!.document).toMatchObject({
      size: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
  });

  it("resolves @username chat ids and refuses unknown chats when configured", async () => {
    expect((await call("sendMessage", { chat_id: "@todaibieu3", text: "x" })).status).toBe(200);
    expect(fake.lastMessageTo(-777)!.text).toBe("x");
    expect((await call("sendMessage", { chat_id: "@nobody", text: "x" })).json.description).toBe("Bad Request: chat not found");
    fake.configure({ acceptUnknownChats: false });
    expect((await call("sendMessage", { chat_id: 424242, text: "x" })).json).toEqual({
      ok: false,
      error_code: 400,
      description: "Bad Request: chat not found",
    });
    expect((await call("sendMessage", { chat_id: -777, text: "known" })).status).toBe(200);
    expect((await call("sendMessage", { text: "x" })).json.description).toBe("Bad Request: chat_id is empty");
  });

  it("validates inline keyboards: url buttons, data size, text-only buttons", async () => {
    const send = (markup: unknown) => call("sendMessage", { chat_id: -777, text: "x", reply_markup: markup });
    const ok64 = await send({ inline_keyboard: [[{ text: "a", callback_data: "đ".repeat(32) }]] }); // 64 bytes
    expect(ok64.status).toBe(200);
    expect((await send({ inline_keyboard: [[{ text: "a", callback_data: "đ".repeat(33) }]] })).json.description).toBe(
      "Bad Request: BUTTON_DATA_INVALID",
    );
    expect((await send({ inline_keyboard: [[{ text: "a", url: "not a url" }]] })).json.description).toBe(
      "Bad Request: inline keyboard button URL 'not a url' is invalid: Wrong HTTP URL",
    );
    expect((await send({ inline_keyboard: [[{ text: "a" }]] })).json.description).toBe(
      "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
    expect((await send({ inline_keyboard: {} })).json.description).toBe(
      'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array',
    );
    expect((await send("{not json")).json.description).toBe("Bad Request: can't parse reply keyboard markup JSON object");
  });

  it("edits: not modified, wrong message, and a message that is not the bot's", async () => {
    const sent = (await call("sendMessage", { chat_id: -777, text: "v1" })).json.result as { message_id: number };
    expect((await call("editMessageText", { chat_id: -777, message_id: sent.message_id, text: "v1" })).json.description).toMatch(
      /^Bad Request: message is not modified/,
    );
    expect((await call("editMessageText", { chat_id: -777, message_id: sent.message_id, text: "v2" })).status).toBe(200);
    const markup = { inline_keyboard: [[{ text: "b", callback_data: "b" }]] };
    expect((await call("editMessageReplyMarkup", { chat_id: -777, message_id: sent.message_id, reply_markup: markup })).status).toBe(200);
    expect(fake.sentMessage(-777, sent.message_id)).toMatchObject({ text: "v2", replyMarkup: markup, editCount: 2 });
    expect(fake.edits().map((e) => e.method)).toEqual(["editMessageText", "editMessageReplyMarkup"]);

    const user = fake.injectMessage({ chat: -777, from: { id: 9, first_name: "B" }, text: "hi" });
    expect((await call("editMessageText", { chat_id: -777, message_id: user.message.message_id, text: "x" })).json.description).toBe(
      "Bad Request: message can't be edited",
    );
    expect((await call("deleteMessage", { chat_id: -777, message_id: sent.message_id })).json.result).toBe(true);
    expect(fake.sentMessage(-777, sent.message_id)).toBeUndefined();
    expect(fake.allMessages()[0]!.deleted).toBe(true);
  });

  it("refuses to delete a message older than 48 hours, as Telegram does", async () => {
    let now = Date.parse("2022-05-23T02:00:00Z");
    const aged = await startFakeBotApi({ rateLimits: false, now: () => now, chats: [{ id: -778, title: "Nhóm" }] });
    try {
      const post = async (method: string, body: unknown) =>
        (await (
          await fetch(`${aged.apiRoot}/bot${aged.token}/${method}`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          })
        ).json()) as Record<string, unknown>;
      const a = (await post("sendMessage", { chat_id: -778, text: "a" })).result as { message_id: number };
      const b = (await post("sendMessage", { chat_id: -778, text: "b" })).result as { message_id: number };
      now += 47 * 3600_000;
      expect((await post("deleteMessage", { chat_id: -778, message_id: a.message_id })).result).toBe(true);
      now += 3600_000;
      expect((await post("deleteMessage", { chat_id: -778, message_id: b.message_id })).description).toBe(
        "Bad Request: message can't be deleted for everyone",
      );
    } finally {
      await aged.close();
    }
  });

  it("answers 413 for bodies over the limit and 404 for unknown downloads", async () => {
    await fake.close();
    fake = await startFakeBotApi({ maxBodyBytes: 1024 });
    base = `${fake.apiRoot}/bot${fake.token}`;
    const big = await call("sendMessage", { chat_id: 1, text: "x".repeat(2000) });
    expect(big).toEqual({ status: 413, json: { ok: false, error_code: 413, description: "Request Entity Too Large" } });
    const missing = await fetch(`${fake.apiRoot}/file/bot${fake.token}/documents/file_99.pdf`);
    expect(missing.status).toBe(404);
    const wrongToken = await fetch(`${fake.apiRoot}/file/bot1:x/documents/file_1.pdf`);
    expect(wrongToken.status).toBe(401);
  });

  it("keeps connections alive", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const reused: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = http.request(`${base}/getMe`, { agent }, (res) => {
          res.resume();
          res.on("end", resolve);
        });
        reused.push(req.reusedSocket);
        req.on("error", reject);
        req.end();
      });
    }
    agent.destroy();
    expect(reused).toEqual([false, true, true, true, true]);
  });

  it("close() resolves fast with idle keep-alive sockets open", async () => {
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve) => http.get(`${base}/getMe`, { agent }, (res) => res.resume().on("end", resolve)));
    const t0 = Date.now();
    await fake.close();
    expect(Date.now() - t0).toBeLessThan(500);
    agent.destroy();
  });
});
