import { describe, expect, it } from "vitest";
import { extractDocumentText } from "../../src/documents/extract-text.js";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { repairOptionalHyphens, tableRowsToCells } from "../../src/documents/doc-text.js";
import { convertLegacyVietnamese, detectLegacyEncoding } from "../../src/documents/legacy-encoding.js";
import { sniff } from "../../src/documents/sniff.js";
import { parseNotice } from "../../src/notices/parsing/index.js";
import { buildDocx, buildPdf, buildZip } from "./fixture-builders.js";

const DOCUMENTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "documents");
const enc = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));

const BODY = "Đề nghị UBND các xã, phường báo cáo Thường trực HĐND tỉnh trước ngày 20/5/2022.";

function utf16(text: string, littleEndian: boolean, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  const dv = new DataView(out.buffer);
  let o = 0;
  if (bom) {
    dv.setUint16(0, 0xfeff, littleEndian);
    o = 2;
  }
  for (let i = 0; i < text.length; i++) dv.setUint16(o + 2 * i, text.charCodeAt(i), littleEndian);
  return out;
}

async function expectOk(bytes: Uint8Array, name: string) {
  const r = await extractDocumentText(bytes, name);
  if (!r.ok) throw new Error(`expected ok, got ${r.reason}: ${r.message}`);
  return r;
}

async function expectFail(bytes: Uint8Array, name: string, opts = {}) {
  const r = await extractDocumentText(bytes, name, opts);
  if (r.ok) throw new Error(`expected a failure, got text ${JSON.stringify(r.text.slice(0, 80))}`);
  return r;
}

describe("plain text", () => {
  it("reads UTF-8 with and without BOM, NFC-normalised", async () => {
    for (const bytes of [enc(BODY), new Uint8Array([0xef, 0xbb, 0xbf, ...enc(BODY)]), enc(BODY.normalize("NFD"))]) {
      const r = await expectOk(bytes, "thong-bao.txt");
      expect(r.text).toBe(BODY);
      expect(r.format).toBe("txt");
    }
  });

  it("reads UTF-16 LE and BE with BOM, and LE without BOM", async () => {
    expect((await expectOk(utf16(BODY, true), "a.txt")).text).toBe(BODY);
    expect((await expectOk(utf16(BODY, false), "a.txt")).text).toBe(BODY);
    expect((await expectOk(utf16(BODY, true, false), "a.txt")).text).toBe(BODY);
  });

  it("tells Markdown by its name", async () => {
    expect((await expectOk(enc(`# THÔNG BÁO\n\n${BODY}`), "ket-luan.md")).format).toBe("md");
  });
});

describe("Word (.docx)", () => {
  it("reads paragraphs, a two-column header table and a task table", async () => {
    const docx = buildDocx([
      {
        table: [
          [
            ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 09/KH-UBND"],
            ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Lâm Đồng, ngày 15 tháng 01 năm 2024"],
          ],
        ],
      },
      "KẾ HOẠCH",
      "Triển khai Đề án 06 năm 2024",
      {
        table: [
          [["TT"], ["Nhiệm vụ"], ["Cơ quan chủ trì"], ["Cơ quan phối hợp"], ["Thời hạn hoàn thành"]],
          [["1"], ["Làm sạch dữ liệu hộ tịch"], ["Sở Tư pháp"], ["Công an tỉnh"], ["Trong quý 2 năm 2024"]],
        ],
      },
      "Các sở, ban, ngành định kỳ trước ngày 20 hằng tháng gửi báo cáo về Công an tỉnh.",
    ]);
    expect(docx.length).toBeLessThan(5_000);
    const r = await expectOk(docx, "ke-hoach.docx");
    expect(r.format).toBe("docx");
    expect(r.text).toContain("1 | Làm sạch dữ liệu hộ tịch | Sở Tư pháp | Công an tỉnh | Trong quý 2 năm 2024");
    const p = parseNotice(r.text);
    expect([p.number, p.issued_on, p.issuer, p.title]).toEqual([
      "09/KH-UBND",
      "2024-01-15",
      "UBND tỉnh Lâm Đồng",
      "Triển khai Đề án 06 năm 2024",
    ]);
    expect(p.tasks.map((t) => [t.due, t.due_rule, t.assignee])).toEqual([
      ["2024-06-30", "quarter", "Sở Tư pháp"],
      [null, "recurring", "Các sở, ban, ngành"],
    ]);
  });

  it("is recognised by its content even when named .doc", async () => {
    const r = await expectOk(buildDocx([BODY]), "cong-van.doc");
    expect(r.format).toBe("docx");
    expect(r.text.trim()).toBe(BODY);
  });

  it("reports a document without text as empty", async () => {
    const r = await expectFail(buildDocx([""]), "trong.docx");
    expect(r.reason).toBe("empty");
    expect(r.message).toBe("Tệp Word không có nội dung chữ. Đề nghị đồng chí kiểm tra lại tệp hoặc dán nội dung văn bản.");
  });

  it("reports a damaged file as corrupt", async () => {
    const broken = buildZip([{ name: "word/document.xml", data: "<w:document><w:body><w:p>" }]);
    const r = await expectFail(broken, "hong.docx");
    expect(r.reason).toBe("corrupt");
    expect(r.message).toMatch(/^Tệp Word bị lỗi/);
  });
});

describe("PDF", () => {
  it("reads the text layer, keeping a two-column header splittable", async () => {
    const pdf = buildPdf([
      [
        [
          { x: 50, text: "HĐND TỈNH QUẢNG NGÃI" },
          { x: 300, text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" },
        ],
        [
          { x: 70, text: "THƯỜNG TRỰC" },
          { x: 320, text: "Độc lập - Tự do - Hạnh phúc" },
        ],
        [
          { x: 60, text: "Số: 146/TB-HĐND" },
          { x: 310, text: "Quảng Ngãi, ngày 12 tháng 8 năm 2025" },
        ],
        "",
        "THÔNG BÁO",
        "Kết luận của Thường trực HĐND tỉnh",
        "",
        "Đề nghị Thường trực HĐND các xã, phường, đặc khu báo cáo Thường trực",
        "HĐND tỉnh trước ngày 25/8/2025.",
      ],
      ["Giao Ban Kinh tế - Ngân sách HĐND tỉnh khảo sát, báo cáo trong quý III/2025."],
    ]);
    expect(pdf.length).toBeLessThan(5_000);
    const r = await expectOk(pdf, "thong-bao.pdf");
    expect(r.format).toBe("pdf");
    expect(r.pages).toBe(2);
    expect(r.text).toMatch(/HĐND TỈNH QUẢNG NGÃI {3}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
    const p = parseNotice(r.text);
    expect([p.number, p.issued_on, p.issuer]).toEqual(["146/TB-HĐND", "2025-08-12", "Thường trực HĐND tỉnh Quảng Ngãi"]);
    expect(p.tasks.map((t) => [t.due, t.due_rule, t.assignee_scope])).toEqual([
      ["2025-08-24", "before", "all_subunits"],
      ["2025-09-30", "quarter", "named_units"],
    ]);
  });

  it("refuses a scan without a text layer", async () => {
    const r = await expectFail(buildPdf([{ image: true }, { image: true }]), "scan.pdf");
    expect(r.reason).toBe("scanned_pdf");
    expect(r.message).toBe(
      "Tệp PDF này là bản chụp (ảnh quét) nên bot không đọc được chữ. Đề nghị đồng chí gửi bản Word, bản PDF xuất từ Word hoặc dán nội dung.",
    );
  });

  it("warns about scanned pages inside a PDF with text", async () => {
    const r = await expectOk(buildPdf([[BODY], { image: true }]), "mixed.pdf");
    expect(r.warnings).toEqual(["Trang 2 là bản chụp (ảnh quét), bot không đọc được chữ; nội dung các trang này không được đọc."]);
  });

  it("refuses more pages than the limit and says the limit", async () => {
    const pages = Array.from({ length: 201 }, (_, i) => [`Trang ${i + 1}`]);
    const r = await expectFail(buildPdf(pages), "dai.pdf");
    expect(r.reason).toBe("too_long");
    expect(r.message).toBe("Văn bản dài 201 trang, vượt giới hạn 200 trang. Đề nghị đồng chí gửi riêng phần có nội dung giao việc.");
    const small = await expectFail(buildPdf([[BODY], [BODY], [BODY]]), "ba-trang.pdf", { maxPages: 2 });
    expect(small.message).toContain("vượt giới hạn 2 trang");
  });

  it("reports a damaged PDF", async () => {
    const r = await expectFail(enc("%PDF-1.4\nthis is not really a pdf"), "hong.pdf");
    expect(r.reason).toBe("corrupt");
  });
});

describe("files that are not documents", () => {
  it("detects an image by its bytes whatever its name", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const r = await expectFail(png, "thong-bao.pdf");
    expect(r.reason).toBe("not_a_document");
    expect(r.message).toMatch(/^Tệp này là ảnh/);
    expect((await expectFail(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]), "anh.txt")).reason).toBe("not_a_document");
  });

  it("detects binary data and programs", async () => {
    const random = new Uint8Array(2048).map((_, i) => (i * 7919 + 13) % 256);
    expect((await expectFail(random, "du-lieu.txt")).reason).toBe("not_a_document");
    expect((await expectFail(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), "a.docx")).reason).toBe("not_a_document");
  });

  it("names the formats it does not read", async () => {
    // an OLE container that is no Word document: a spreadsheet (.xls) is refused by name, a damaged .doc as damaged
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const xls = await expectFail(ole, "bang.xls");
    expect(xls.reason).toBe("unsupported_format");
    const doc = await expectFail(ole, "cong-van.doc");
    expect(doc.reason).toBe("corrupt");
    expect(doc.message).toMatch(/\.doc/);
    const xlsx = buildZip([{ name: "xl/workbook.xml", data: "<workbook/>" }]);
    expect((await expectFail(xlsx, "bang.xlsx")).reason).toBe("unsupported_format");
    expect(sniff(enc("{\\rtf1\\ansi Hello}"))).toBe("rtf");
  });
});

describe("legacy Word (.doc)", () => {
  const fixture = (name: string) => new Uint8Array(readFileSync(path.join(DOCUMENTS, name)));

  it("reads the paragraphs, the two-column header, the task table and the signature block", async () => {
    const r = await expectOk(fixture("cong-van-215-tu-nghia.doc"), "cong-van-215-tu-nghia.doc");
    expect(r.format).toBe("doc");
    expect(r.text).toContain("Số: 215/UBND-VP");
    expect(r.text).toContain("1 | Tổng hợp số liệu kiến nghị | Phòng Nội vụ | Tháng 5/2023");
    const p = parseNotice(r.text);
    expect([p.number, p.issued_on, p.title, p.issuer, p.signer]).toEqual([
      "215/UBND-VP",
      "2023-04-12",
      "V/v báo cáo kết quả giải quyết kiến nghị cử tri",
      "UBND huyện Tư Nghĩa",
      "Nguyễn Văn Bình",
    ]);
    expect(p.tasks.map((t) => [t.due, t.due_rule, t.assignee, t.assignee_scope])).toEqual([
      ["2023-04-24", "before", "UBND các xã, thị trấn", "all_subunits"],
      ["2023-05-31", "month", "Phòng Nội vụ", "named_units"],
      ["2023-05-15", "by", "Văn phòng HĐND và UBND huyện", "person_or_office"],
    ]);
  });

  it("is recognised by its bytes whatever its name", async () => {
    expect((await expectOk(fixture("cong-van-215-tu-nghia.doc"), "tai-lieu.bin")).format).toBe("doc");
  });

  it("converts a .doc typed in TCVN3 (.VnTime), soft-hyphen “ư” included, and says so", async () => {
    const r = await expectOk(fixture("cong-van-tcvn3-pho-an.doc"), "cu.doc");
    expect(r.convertedFrom).toBe("tcvn3");
    expect(r.warnings.join(" ")).toMatch(/TCVN3/);
    expect(r.text).toContain("ỦY BAN NHÂN DÂN XÃ PHỔ AN");
    expect(r.text).toContain("UBND xã đề nghị các thôn tổng hợp ý kiến của cử tri, gửi về UBND xã trước ngày 15/3/2019.");
    expect(r.text).toContain("Trưởng các thôn chịu trách nhiệm");
    const p = parseNotice(r.text);
    expect([p.number, p.issued_on]).toEqual(["18/UBND", "2019-03-05"]);
    expect(p.tasks.map((t) => [t.due, t.due_rule, t.assignee])).toEqual([
      ["2019-03-14", "before", "các thôn"],
      ["2019-04-30", "month", "Trưởng các thôn"],
    ]);
  });

  it("turns word-extractor's “undefined” for an optional hyphen back into a soft hyphen", () => {
    expect(repairOptionalHyphens("trundefinedớc ngày; tổ chức")).toBe("tr\u00adớc ngày; tổ chức");
    expect(tableRowsToCells("TT\tNội dung\tThời hạn\t\t\nkhông bảng")).toBe("TT | Nội dung | Thời hạn\nkhông bảng");
  });
});

describe("empty and too long", () => {
  it("reports an empty file and a file of blanks", async () => {
    const r = await expectFail(new Uint8Array(0), "a.txt");
    expect(r.reason).toBe("empty");
    expect(r.message).toBe("Tệp rỗng, không có nội dung. Đề nghị đồng chí kiểm tra lại tệp hoặc dán nội dung văn bản.");
    expect((await expectFail(enc(" \n\n\t \n"), "a.txt")).reason).toBe("empty");
  });

  it("refuses text longer than the limit and says the limit", async () => {
    const r = await expectFail(enc(BODY.repeat(20)), "dai.txt", { maxPages: 1, charsPerPage: 500 });
    expect(r.reason).toBe("too_long");
    expect(r.message).toMatch(/^Văn bản dài khoảng \d+ trang, vượt giới hạn 1 trang\./);
  });

  it("refuses a file over the size limit", async () => {
    const r = await expectFail(enc(BODY.repeat(10)), "a.txt", { maxBytes: 100 });
    expect(r.reason).toBe("too_long");
  });
});

describe("legacy Vietnamese encodings", () => {
  // "Cộng hòa xã hội chủ nghĩa Việt Nam. Đề nghị các đơn vị báo cáo trước ngày 20/5/2022." in each encoding
  const TCVN3 = "Céng hoµ x· héi chñ nghÜa ViÖt Nam. §Ò nghÞ c¸c ®¬n vÞ b¸o c¸o tr\u00adíc ngµy 20/5/2022 vµ göi vÒ tØnh.";
  const VNI = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Ñeà nghò caùc ñôn vò baùo caùo tröôùc ngaøy 20/5/2022 vaø göûi veà tænh.";
  const SENTENCE = "Đề nghị các đơn vị báo cáo trước ngày 20/5/2022 và gửi về tỉnh.";

  it("converts TCVN3 (ABC) bytes in a text file and warns", async () => {
    const r = await expectOk(latin1(TCVN3), "cu.txt");
    expect(r.text).toBe(`Cộng hoà xã hội chủ nghĩa Việt Nam. ${SENTENCE}`);
    expect(r.convertedFrom).toBe("tcvn3");
    expect(r.warnings).toEqual([
      "Văn bản được gõ bằng bảng mã cũ TCVN3 (ABC, phông .VnTime); hệ thống đã chuyển sang Unicode. Đề nghị đồng chí đọc lại phần trích để kiểm tra chữ có dấu.",
    ]);
    expect(parseNotice(r.text).tasks.map((t) => [t.due_rule, t.assignee])).toEqual([["before", "các đơn vị"]]);
  });

  it("converts VNI bytes in a text file", async () => {
    const r = await expectOk(latin1(VNI), "cu.txt");
    expect(r.text).toBe(`Cộng hòa xã hội chủ nghĩa Việt Nam. ${SENTENCE}`);
    expect(r.convertedFrom).toBe("vni");
  });

  it("converts TCVN3 text inside a Word file", async () => {
    const r = await expectOk(buildDocx([TCVN3]), "cu.docx");
    expect(r.text).toContain(SENTENCE);
    expect(r.convertedFrom).toBe("tcvn3");
  });

  it("restores capitals typed with the capitals font, and every VNI letter", () => {
    expect(convertLegacyVietnamese("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM\nSè: 12", "tcvn3")).toBe(
      "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12",
    );
    expect(convertLegacyVietnamese("§éc lËp - Tù do - H¹nh phóc", "tcvn3")).toBe("Độc lập - Tự do - Hạnh phúc");
    expect(
      convertLegacyVietnamese(
        "Hoäi ñoàng nhaân daân; Uûy ban; ÑAÛNG UÛY; ngöôøi; Thöôøng tröïc; quyù; naêm; khaéc phuïc; ñaëc khu; thaåm tra; yù kieán; kyø hoïp; Ñoaøn ÑBQH; chaäm nhaát; tænh; ñòa phöông",
        "vni",
      ),
    ).toBe(
      "Hội đồng nhân dân; Ủy ban; ĐẢNG ỦY; người; Thường trực; quý; năm; khắc phục; đặc khu; thẩm tra; ý kiến; kỳ họp; Đoàn ĐBQH; chậm nhất; tỉnh; địa phương",
    );
  });

  it("still refuses an 8-bit text in an encoding it does not know", async () => {
    const r = await expectFail(latin1("Gr\u00fc\u00dfe aus K\u00f6ln, bitte antworten Sie bis Freitag."), "x.txt");
    expect(r.reason).toBe("legacy_encoding");
  });

  it("does not flag Unicode Vietnamese", () => {
    const unicode =
      "Cộng hòa xã hội chủ nghĩa Việt Nam. Đề nghị các đơn vị báo cáo trước ngày 20/5/2022 và gửi về tỉnh. Hoà, hoá, khoẻ, quý, xuân, thuỷ, tuý; diện tích 120 m², nhiệt độ 30°C.";
    expect(detectLegacyEncoding(unicode)).toBeNull();
    expect(detectLegacyEncoding(unicode.normalize("NFD"))).toBeNull();
  });
});
