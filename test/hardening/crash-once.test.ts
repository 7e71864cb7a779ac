/**
 * Issue 20, item 1: no update can crash the service more than once. Handling of each update is recorded
 * as started before its handler runs; an update that comes back without having finished (the process
 * died in it, and Telegram redelivers what was not confirmed) is answered with a polite refusal and
 * never run again. The dead process is played by stopping the app, queueing the update at the fake,
 * and leaving the "started" mark a dying process would have left.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { E2E, person } from "../helpers/e2e.js";
import { common } from "../../src/i18n/vi/common.js";
import { extractMessagesVi } from "../../src/documents/messages-vi.js";
import { readDocument } from "../../src/documents/read-document.js";
import { checkDocxSizes } from "../../src/documents/docx-limits.js";
import { buildHeavyDocx } from "../helpers/heavy-documents.js";
import { buildDocx } from "../notice-parsing/fixture-builders.js";

const ha = person(9801, "Hà", "Lê");
let e: E2E;

beforeEach(async () => {
  e = await E2E.start();
  await e.link(ha, "office", null, "Lê Thị Hà");
});
afterEach(() => e.close());

describe("an update that was being handled when the process died", () => {
  it("is refused politely when it comes back, and not handled again", async () => {
    await e.stopApp();
    const { updateId } = e.fake.injectMessage({ chat: ha.id, from: ha, text: "/trogiup" });
    // what the dying process had committed before its handler ran
    await e.db.prisma.startedEvent.create({ data: { key: `tg:u${updateId}`, startedAt: e.clock.now() } });
    const since = e.fake.deliveredCount;
    await e.boot();
    const answer = await e.next(ha.id, /.+/, since);
    expect(answer.plainText).toBe(
      common
        .abandonedUpdate()
        .toString()
        .replace(/<[^>]+>/g, ""),
    );
    await e.drain();
    // the help was never sent, and the update is now marked handled
    expect(e.fake.messagesTo(ha.id).filter((m) => m.seq > since)).toHaveLength(1);
    expect(await e.db.prisma.processedEvent.count({ where: { key: `tg:u${updateId}` } })).toBe(1);
    // the person's next message is handled normally
    expect((await e.ask(ha, "/trogiup", /.+/)).plainText).toMatch(/thongbao/);
  });

  it("the same update without the mark is handled as usual (the mark is what decides)", async () => {
    await e.stopApp();
    e.fake.injectMessage({ chat: ha.id, from: ha, text: "/trogiup" });
    const since = e.fake.deliveredCount;
    await e.boot();
    expect((await e.next(ha.id, /.+/, since)).plainText).toMatch(/thongbao/);
  });
});

describe("the document worker", () => {
  it("a worker that runs out of memory is 'the file could not be read', and the next file is read", async () => {
    const heavy = buildHeavyDocx(2_500_000);
    expect(checkDocxSizes(heavy)).toBeNull(); // under the size limit: it is the worker's memory that stops it
    const r = await readDocument(heavy, "dai.docx", {}, { memoryMb: 16, timeoutMs: 60_000 });
    expect(r).toEqual({ ok: false, reason: "unreadable", message: extractMessagesVi.unreadable });
    const ok = await readDocument(buildDocx(["THÔNG BÁO", "Các xã báo cáo trước ngày 20/5/2026."]), "ngan.docx");
    expect(ok.ok && ok.text).toContain("Các xã báo cáo trước ngày 20/5/2026.");
  });

  it("a worker over its time is stopped", async () => {
    const r = await readDocument(buildHeavyDocx(2_500_000), "dai.docx", {}, { memoryMb: 160, timeoutMs: 1 });
    expect(r).toEqual({ ok: false, reason: "unreadable", message: extractMessagesVi.unreadable });
  });

  it("reads the ZIP's directory: too much XML, or a part that inflates like a bomb, is refused before inflating", () => {
    expect(checkDocxSizes(buildHeavyDocx(5_000_000))).toEqual({ kind: "xml_too_large", xmlBytes: expect.any(Number) });
    expect(checkDocxSizes(buildDocx(["Một đoạn."]))).toBeNull();
    // a 3 MB part declared as compressed to 100 bytes
    const bomb = buildDocx(["x"]);
    const dv = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    for (let p = 0; p + 4 <= bomb.length; p++)
      if (dv.getUint32(p, true) === 0x02014b50) {
        dv.setUint32(p + 20, 100, true);
        dv.setUint32(p + 24, 3_000_000, true);
        break;
      }
    expect(checkDocxSizes(bomb)).toEqual({ kind: "bomb" });
  });
});
