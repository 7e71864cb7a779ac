/**
 * Issue 20, item 2: a character cap for PDFs (a 200-page PDF can hold 1.5 million characters), and the
 * notice flow parses the draft once and keeps it in its state instead of re-parsing at every step.
 */
import { afterEach, describe, expect, it } from "vitest";
import { E2E, person } from "../helpers/e2e.js";
import { extractDocumentText } from "../../src/documents/extract-text.js";
import { buildPdf } from "../notice-parsing/fixture-builders.js";

const line = "Đề nghị Thường trực HĐND các xã, phường tăng cường giám sát công tác bồi thường.";

describe("the character cap", () => {
  it("applies to PDFs too, not only the page count", async () => {
    const pdf = buildPdf([Array.from({ length: 30 }, () => line), Array.from({ length: 30 }, () => line)]);
    const r = await extractDocumentText(pdf, "a.pdf", { maxPages: 5, charsPerPage: 100 });
    expect(r).toMatchObject({ ok: false, reason: "too_long" });
    expect(r.ok ? "" : r.message).toBe(
      "Văn bản PDF có quá nhiều chữ (hơn khoảng 5 trang văn bản thường). Đề nghị đồng chí gửi riêng phần có nội dung giao việc.",
    );
    expect((await extractDocumentText(pdf, "a.pdf", { maxPages: 5, charsPerPage: 3000 })).ok).toBe(true);
  });
});

describe("the notice flow's draft", () => {
  let e: E2E;
  afterEach(() => e?.close());

  it("is parsed once when the content is complete and kept in the conversation's state", async () => {
    e = await E2E.start();
    const ha = person(9901, "Hà", "Lê");
    await e.link(ha, "office", null, "Lê Thị Hà");
    await e.ask(ha, "/thongbao", /Gửi thông báo/);
    const since = e.fake.deliveredCount;
    e.fake.injectDocument({
      chat: ha.id,
      from: ha,
      fileName: "tb.pdf",
      bytes: Buffer.from(buildPdf([["THÔNG BÁO", "Số: 12/TB-HĐND", "UBND các xã báo cáo trước ngày 20/6/2022.", line]])),
    });
    const got = await e.next(ha.id, /Đã nhận tệp “tb\.pdf”/, since, 30_000);
    const state = async () => JSON.parse((await e.db.prisma.conversation.findFirstOrThrow()).dataJson).data;
    // read and parsed once at upload; the text is not kept twice
    expect((await state()).fileDraft.parsed.number).toBe("12/TB-HĐND");
    expect((await state()).fileBody).toBeUndefined();
    await e.pressAndWait(ha, got, "Tiếp tục", /Tiêu đề/);
    const kept = await state();
    expect(kept.draft.parsed.tasks.map((t: { due: string }) => t.due)).toEqual(["2022-06-19"]);
    expect(kept.draft.body).toContain("UBND các xã báo cáo trước ngày 20/6/2022.");
    expect(kept.fileDraft).toBeUndefined();
    expect(kept.texts).toEqual([]);
  }, 120_000);
});
