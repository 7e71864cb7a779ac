import { describe, expect, it } from "vitest";
import { composeIssuer, normalizeNumber, parsePlaceDate } from "../../src/notices/parsing/header.js";
import { parseNotice } from "../../src/notices/parsing/index.js";

const STANDARD = [
  "HỘI ĐỒNG NHÂN DÂN",
  "THỊ XÃ ĐỨC PHỔ",
  "THƯỜNG TRỰC",
  "-------",
  "Số: 12/TB-HĐND",
  "",
  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  "Độc lập - Tự do - Hạnh phúc",
  "---------------",
  "Đức Phổ, ngày 05 tháng 5 năm 2022",
  "",
  "THÔNG BÁO",
  "",
  "Kết luận buổi làm việc với Thường trực HĐND các xã, phường",
  "",
  "Đề nghị Thường trực HĐND các xã, phường báo cáo trong tháng 5/2022.",
  "",
  "Nơi nhận:",
  "- TT Thị ủy (b/c);",
  "- UBND thị xã;",
  "- Thường trực HĐND các xã, phường;",
  "- Lưu: VT.",
  "",
  "TL. THƯỜNG TRỰC HĐND",
  "KT. CHÁNH VĂN PHÒNG",
  "PHÓ CHÁNH VĂN PHÒNG",
  "",
  "Trần Duy Khánh",
].join("\n");

describe("header of a standard notice", () => {
  const p = parseNotice(STANDARD);
  it("reads number, place and date, issuer, type and title", () => {
    expect(p.number).toBe("12/TB-HĐND");
    expect(p.place).toBe("Đức Phổ");
    expect(p.issued_on).toBe("2022-05-05");
    expect(p.issued_on_source).toBe("header");
    expect(p.issuer).toBe("Thường trực HĐND thị xã Đức Phổ");
    expect(p.doc_type).toBe("Thông báo");
    expect(p.title).toBe("Kết luận buổi làm việc với Thường trực HĐND các xã, phường");
  });
  it("reads recipients without “Lưu” and the signature block", () => {
    expect(p.recipients).toEqual(["TT Thị ủy (b/c)", "UBND thị xã", "Thường trực HĐND các xã, phường"]);
    expect(p.signer).toBe("Trần Duy Khánh");
    expect(p.signer_title).toBe("TL. THƯỜNG TRỰC HĐND / KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG");
  });
  it("does not read the issue-date line or recipients as tasks", () => {
    expect(p.tasks.map((t) => t.due)).toEqual(["2022-05-31"]);
  });
});

describe("header variants", () => {
  it("reads a two-column header and stray spaces in the number", () => {
    const p = parseNotice(
      [
        "   HĐND TỈNH QUẢNG NGÃI              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "        THƯỜNG TRỰC                        Độc lập - Tự do - Hạnh phúc",
        "     Số: 146 /TB-HĐND                  Quảng Ngãi, ngày 12 tháng 8 năm 2025",
        "",
        "THÔNG BÁO",
        "Kết luận của Thường trực HĐND tỉnh",
      ].join("\n"),
    );
    expect([p.number, p.issued_on, p.place, p.issuer, p.title]).toEqual([
      "146/TB-HĐND",
      "2025-08-12",
      "Quảng Ngãi",
      "Thường trực HĐND tỉnh Quảng Ngãi",
      "Kết luận của Thường trực HĐND tỉnh",
    ]);
  });

  it("reads a công văn: V/v summary, Kính gửi list, numeric place date, department issuer", () => {
    const p = parseNotice(
      [
        "UBND HUYỆN LẬP THẠCH                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "PHÒNG TÀI CHÍNH - KẾ HOẠCH            Độc lập - Tự do - Hạnh phúc",
        "Số: 45/TCKH                          Lập Thạch, ngày 05/5/2022",
        "V/v báo cáo tình hình",
        "giải ngân vốn đầu tư công",
        "",
        "Kính gửi:",
        "- UBND các xã, thị trấn;",
        "- Các phòng, ban thuộc huyện.",
        "",
        "Đề nghị các đơn vị báo cáo trước ngày 20/5/2022.",
      ].join("\n"),
    );
    expect(p.number).toBe("45/TCKH");
    expect(p.issued_on).toBe("2022-05-05");
    expect(p.issuer).toBe("Phòng Tài chính - Kế hoạch UBND huyện Lập Thạch");
    expect(p.title).toBe("V/v báo cáo tình hình giải ngân vốn đầu tư công");
    expect(p.doc_type).toBe("Công văn");
    expect(p.addressees).toEqual(["UBND các xã, thị trấn", "Các phòng, ban thuộc huyện"]);
    expect(p.recipients).toEqual(["UBND các xã, thị trấn", "Các phòng, ban thuộc huyện"]);
  });

  it("copes with markdown artefacts and NFD input", () => {
    const md = [
      "**ỦY BAN NHÂN DÂN**",
      "**XÃ PHỔ AN**",
      "",
      "**Số: 07/TB-UBND**",
      "",
      "*Phổ An, ngày 03 tháng 01 năm 2024*",
      "",
      "## THÔNG BÁO",
      "",
      "**Về việc rà soát hộ nghèo**",
      "",
      "1. Trưởng các thôn gửi danh sách về UBND xã trước ngày 10/01/2024.",
    ].join("\n");
    for (const text of [md, md.normalize("NFD")]) {
      const p = parseNotice(text);
      expect([p.number, p.issued_on, p.issuer, p.title]).toEqual([
        "07/TB-UBND",
        "2024-01-03",
        "UBND xã Phổ An",
        "Về việc rà soát hộ nghèo",
      ]);
      expect(p.tasks.map((t) => [t.due, t.assignee])).toEqual([["2024-01-09", "Trưởng các thôn"]]);
      expect(text.normalize("NFC")).toContain(p.tasks[0]!.quote);
    }
  });

  it("reads CRLF line ends and a BOM", () => {
    const p = parseNotice(`\ufeff${STANDARD.replace(/\n/g, "\r\n")}`);
    expect([p.number, p.issued_on, p.tasks.length]).toEqual(["12/TB-HĐND", "2022-05-05", 1]);
  });

  it("leaves the date null for an unsigned draft", () => {
    const p = parseNotice(STANDARD.replace("Đức Phổ, ngày 05 tháng 5 năm 2022", "Đức Phổ, ngày     tháng 5 năm 2022"));
    expect(p.issued_on).toBeNull();
    expect(p.place).toBe("Đức Phổ");
  });
});

describe("documents without a header", () => {
  it("take number and date from “(Theo Công văn số ..., ngày ...)”", () => {
    const p = parseNotice(
      "UBND tỉnh có ý kiến như sau:\nGiao Sở Tài nguyên và Môi trường chủ trì; hoàn thành trước ngày 10/12/2023./.\n(Theo Công văn số 6202/UBND-KT, ngày 23/11/2023)",
    );
    expect([p.number, p.issued_on, p.issued_on_source]).toEqual(["6202/UBND-KT", "2023-11-23", "body"]);
    expect(p.tasks[0]!.assignee_scope).toBe("named_units");
  });

  it("take them from “đã ban hành Kế hoạch số ... ngày ...”, not from a cited document", () => {
    const p = parseNotice(
      "Căn cứ Thông báo số 106/TB-HĐND ngày 11 tháng 11 năm 2021 của Thường trực HĐND huyện; Thường trực HĐND huyện đã ban hành Kế hoạch số 107/KH-HĐND ngày 12/11/2021 về tiếp xúc cử tri.",
    );
    expect([p.number, p.issued_on]).toEqual(["107/KH-HĐND", "2021-11-12"]);
  });

  it("infer the year of “Ngày 04/12, ... ban hành Công văn số ...” from the documents it cites", () => {
    const p = parseNotice(
      "Ngày 04/12, UBND tỉnh ban hành Công văn số 2221 /UBND-TH. Công văn nêu rõ: UBND tỉnh nhận được Báo cáo số 552/BC-HĐND ngày 01/12/2017 của HĐND tỉnh. Báo cáo gửi về Văn phòng UBND tỉnh trước 14 giờ, ngày 05/12/2018.",
    );
    expect([p.number, p.issued_on]).toEqual(["2221/UBND-TH", "2017-12-04"]);
    expect(p.warnings.join(" ")).toContain("lấy năm 2017");
  });

  it("take a portal posting date on its own line", () => {
    const p = parseNotice(
      "Trả lời đề nghị của ông Nguyễn Văn B\n\n20/09/2014\n\nTrả lời:\n\nUBND tỉnh giao Thanh tra tỉnh kiểm tra, báo cáo trong tháng 9/2014.",
    );
    expect([p.issued_on, p.issued_on_source, p.title]).toEqual(["2014-09-20", "posting_date", "Trả lời đề nghị của ông Nguyễn Văn B"]);
    expect(p.tasks.map((t) => [t.due, t.assignee])).toEqual([["2014-09-30", "Thanh tra tỉnh"]]);
  });

  it("are null when nothing is written", () => {
    const p = parseNotice("Đề nghị các xã báo cáo trong tháng 5/2022.");
    expect([p.number, p.issued_on, p.recipients]).toEqual([null, null, []]);
    expect(p.warnings).toContain("Không tìm thấy ngày ban hành; các hạn tính theo số ngày sẽ để trống.");
  });
});

describe("header helpers", () => {
  it("normalise numbers", () => {
    expect(normalizeNumber("2221 /UBND-TH")).toBe("2221/UBND-TH");
    expect(normalizeNumber("12/ TB-HĐND.")).toBe("12/TB-HĐND");
  });
  it("parse place/date lines", () => {
    expect(parsePlaceDate("Đức Phổ, ngày 05 tháng 5 năm 2022")).toEqual({ place: "Đức Phổ", date: { y: 2022, m: 5, d: 5 } });
    expect(parsePlaceDate("Hà Nội, ngày 31 tháng 2 năm 2022")).toEqual({ place: "Hà Nội", date: null });
    expect(parsePlaceDate("Số: 12/TB-HĐND")).toBeNull();
  });
  it("compose issuers from upper-case header lines", () => {
    expect(composeIssuer(["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH"])).toBe("UBND tỉnh Hà Tĩnh");
    expect(composeIssuer(["UBND TỈNH QUẢNG NINH", "VĂN PHÒNG"])).toBe("Văn phòng UBND tỉnh Quảng Ninh");
    expect(composeIssuer(["UBND TỈNH VĨNH PHÚC", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"])).toBe("Sở Kế hoạch và Đầu tư UBND tỉnh Vĩnh Phúc");
  });
});
