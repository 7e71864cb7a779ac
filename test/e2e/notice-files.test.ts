/** Notices from files: a long PDF is published as an excerpt with the file; non-documents and scans are refused in Vietnamese. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { E2E, person } from "../helpers/e2e.js";
import { buildPdf } from "../notice-parsing/fixture-builders.js";

const ha = person(9601, "Hà", "Lê");
const GROUP = -1009600000001;
let e: E2E;

beforeEach(async () => {
  e = await E2E.start();
  await e.registerGroup(GROUP, "unit", "PHO_AN");
  await e.link(ha, "office", null, "Lê Thị Hà");
});
afterEach(() => e.close());

async function sendFile(fileName: string, mimeType: string, bytes: Uint8Array, match: RegExp) {
  const since = e.fake.deliveredCount;
  e.fake.injectDocument({ chat: ha.id, from: ha, fileName, mimeType, bytes: Buffer.from(bytes) });
  // files are read in the document worker, whose start-up takes seconds on a loaded machine
  return e.next(ha.id, match, since, 30_000);
}

describe("notice files", () => {
  it("publishes text with Telegram-hostile characters exactly as typed", async () => {
    await e.ask(ha, "/thongbao", /Gửi thông báo/);
    const hostile = 'Giá <b>đất</b> & bồi thường: "chưa thống nhất <50%> & tiếp tục “đối thoại';
    const got = await e.ask(ha, hostile, /Đã nhận/);
    const title = await e.pressAndWait(ha, got, "Tiếp tục", /Tiêu đề/);
    const confirm = await e.ask(ha, 'Về giá đất <tạm> & "bồi thường', /Đồng chí vừa gõ/);
    const audience = await e.pressAndWait(ha, confirm, "Dùng tiêu đề mới", /đến đâu/);
    void title;
    const pin = await e.pressAndWait(ha, audience, "Tất cả đơn vị", /ghim/);
    const preview = await e.pressAndWait(ha, pin, "Không ghim", /XEM LẠI/);
    await e.pressAndWait(ha, preview, "Gửi", /Đã phát hành/);
    await e.drain();
    const text = e.fake.messagesTo(GROUP).find((m) => m.method === "sendMessage")!;
    expect(text.plainText).toContain(hostile);
    expect(text.plainText).toContain('Về giá đất <tạm> & "bồi thường');
    expect(e.fake.stats().badRequests).toBe(0);
  });

  it("refuses a program, an image-only (scanned) PDF and an empty file, with guidance", async () => {
    await e.ask(ha, "/thongbao", /Gửi thông báo/);
    expect(
      (await sendFile("setup.exe", "application/octet-stream", new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), /.+/)).plainText,
    ).toMatch(/không phải|không đọc được|tài liệu/i);
    expect((await sendFile("scan.pdf", "application/pdf", buildPdf([{ image: true }, { image: true }]), /.+/)).plainText).toMatch(
      /^Tệp PDF này là bản chụp \(ảnh quét\) nên bot không đọc được chữ\. Đề nghị đồng chí gửi bản Word/,
    );
    expect((await sendFile("trong.txt", "text/plain", new Uint8Array(), /.+/)).plainText).toMatch(/trống|không có nội dung/i);
    expect(await e.db.prisma.notice.count()).toBe(0);
  });

  it("publishes a 50-page PDF as an excerpt in the group, with the file attached", async () => {
    const line = "Đề nghị Thường trực HĐND các xã, phường tăng cường giám sát công tác bồi thường, giải phóng mặt bằng.";
    const pages = Array.from({ length: 50 }, (_, p) => [
      p === 0 ? "THÔNG BÁO" : `Trang ${p + 1}`,
      ...Array.from({ length: 30 }, (_, i) => `${i + 1}. ${line}`),
    ]);
    await e.ask(ha, "/thongbao", /Gửi thông báo/);
    const got = await sendFile("ket-luan-50-trang.pdf", "application/pdf", buildPdf(pages), /Đã nhận tệp “ket-luan-50-trang\.pdf”/);
    const title = await e.pressAndWait(ha, got, "Tiếp tục", /Tiêu đề/);
    const confirm = await e.ask(ha, "Kết luận giám sát bồi thường (50 trang)", /Đồng chí vừa gõ/);
    const audience = await e.pressAndWait(ha, confirm, "Dùng tiêu đề mới", /đến đâu/);
    void title;
    const pin = await e.pressAndWait(ha, audience, "Tất cả đơn vị", /ghim/);
    const preview = await e.pressAndWait(ha, pin, "Không ghim", /XEM LẠI/);
    await e.pressAndWait(ha, preview, "Gửi", /Đã phát hành|Yêu cầu 1\//);
    await e.drain();
    const inGroup = e.fake.messagesTo(GROUP);
    const texts = inGroup.filter((m) => m.method === "sendMessage");
    expect(texts).toHaveLength(1); // an excerpt, not 50 pages of messages
    expect(texts[0]!.plainText).toMatch(/Trích nội dung; toàn văn trong tệp đính kèm “ket-luan-50-trang\.pdf”/);
    expect(inGroup.filter((m) => m.method === "sendDocument").map((m) => m.document!.fileName)).toEqual(["ket-luan-50-trang.pdf"]);
    expect(e.fake.stats().badRequests).toBe(0);
  });
});
