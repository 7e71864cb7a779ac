import { describe, expect, it } from "vitest";
import { classifyActor, splitElements, expandUnits } from "../../src/notices/parsing/assignees.js";
import { parseNotice } from "../../src/notices/parsing/index.js";
import { onlyTask, parseBody } from "./helpers.js";

const DEADLINE = " báo cáo trước ngày 20/5/2022.";

describe("assignee scope of a sentence's actor", () => {
  it.each([
    // every unit of a class
    ["Đề nghị Thường trực HĐND các xã, phường kiểm tra, tổng hợp", "Thường trực HĐND các xã, phường", "all_subunits"],
    ["UBND các huyện, thành phố, thị xã", "UBND các huyện, thành phố, thị xã", "all_subunits"],
    ["Các sở, ngành", "Các sở, ngành", "all_subunits"],
    ["Các sở, ban, ngành; UBND các huyện, thành phố", "Các sở, ban, ngành; UBND các huyện, thành phố", "all_subunits"],
    ["Các Tổ đại biểu HĐND tỉnh", "Các Tổ đại biểu HĐND tỉnh", "all_subunits"],
    ["Các Ban của HĐND tỉnh có trách nhiệm", "Các Ban của HĐND tỉnh", "all_subunits"],
    ["Trưởng các thôn có trách nhiệm", "Trưởng các thôn", "all_subunits"],
    ["Trưởng thôn, Tổ trưởng tổ dân phố có trách nhiệm", "Trưởng thôn, Tổ trưởng tổ dân phố", "all_subunits"],
    ["Chủ tịch UBND các xã, phường chịu trách nhiệm", "Chủ tịch UBND các xã, phường", "all_subunits"],
    ["UBND cấp xã", "UBND cấp xã", "all_subunits"],
    ["UBND xã, phường, thị trấn", "UBND xã, phường, thị trấn", "all_subunits"],
    ["UBND tỉnh yêu cầu Giám đốc các sở, Thủ trưởng các ban, ngành", "Giám đốc các sở, Thủ trưởng các ban, ngành", "all_subunits"],
    ["Đề nghị các địa phương", "các địa phương", "all_subunits"],
    // specifically named organisations
    ["Giao UBND xã Phổ An", "UBND xã Phổ An", "named_units"],
    ["Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với các đơn vị liên quan", "Sở Kế hoạch và Đầu tư", "named_units"],
    ["Sở Lao động - Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội", "named_units"],
    ["UBND tỉnh giao Thanh tra tỉnh kiểm tra, rà soát,", "Thanh tra tỉnh", "named_units"],
    ["Đề nghị UBND xã Nghĩa Hành và UBND đặc khu Lý Sơn", "UBND xã Nghĩa Hành và UBND đặc khu Lý Sơn", "named_units"],
    ["UBND các đặc khu Phú Quốc, Kiên Hải, Thổ Châu thực hiện", "UBND các đặc khu Phú Quốc, Kiên Hải, Thổ Châu", "named_units"],
    [
      "Các Sở: Giao thông vận tải, Xây dựng, Tài chính theo chức năng, nhiệm vụ",
      "Các Sở: Giao thông vận tải, Xây dựng, Tài chính",
      "named_units",
    ],
    ["Ban Kinh tế - Ngân sách HĐND tỉnh có trách nhiệm", "Ban Kinh tế - Ngân sách HĐND tỉnh", "named_units"],
    ["Đề nghị Ban Thường trực Ủy ban MTTQ Việt Nam xã chủ trì", "Ban Thường trực Ủy ban MTTQ Việt Nam xã", "named_units"],
    [
      "Công an tỉnh (cơ quan thường trực Tổ công tác Đề án 06) có trách nhiệm",
      "Công an tỉnh (cơ quan thường trực Tổ công tác Đề án 06)",
      "named_units",
    ],
    ["Văn phòng Điều phối nông thôn mới tỉnh", "Văn phòng Điều phối nông thôn mới tỉnh", "named_units"],
    ["Đề nghị UBND tỉnh chỉ đạo Sở Tài chính đánh giá,", "UBND tỉnh", "named_units"],
    // a post, or the issuer's own standing body and office
    ["Giao đồng chí Phó Chủ tịch HĐND thị xã làm việc với Thường trực HĐND tỉnh,", "đồng chí Phó Chủ tịch HĐND thị xã", "person_or_office"],
    ["Chủ tịch UBND huyện Lập Thạch", "Chủ tịch UBND huyện Lập Thạch", "person_or_office"],
    ["Giao ông Nguyễn Văn Bình, Phó Giám đốc Sở Nội vụ,", "ông Nguyễn Văn Bình, Phó Giám đốc Sở Nội vụ", "person_or_office"],
    ["Giao Văn phòng", "Văn phòng", "person_or_office"],
    ["Giao Văn phòng HĐND và UBND huyện tổng hợp,", "Văn phòng HĐND và UBND huyện", "person_or_office"],
    ["Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Văn phòng Đoàn ĐBQH và HĐND tỉnh", "person_or_office"],
    ["Giao Thường trực HĐND tỉnh", "Thường trực HĐND tỉnh", "person_or_office"],
    ["Giao công chức Văn phòng - Thống kê xã tổng hợp chung,", "công chức Văn phòng - Thống kê xã", "person_or_office"],
    ["Tổ giúp việc Đoàn giám sát", "Tổ giúp việc Đoàn giám sát", "person_or_office"],
    // nothing or only a role written
    ["Yêu cầu đơn vị thi công", "đơn vị thi công", "unclear"],
    ["Đơn vị đang quản lý, sử dụng trụ sở dôi dư có trách nhiệm", "Đơn vị đang quản lý, sử dụng trụ sở dôi dư", "unclear"],
  ])("%s", (lead, assignee, scope) => {
    const t = onlyTask(lead + DEADLINE);
    expect(t.assignee).toBe(assignee);
    expect(t.assignee_scope).toBe(scope);
  });

  it("is unclear with a null assignee for a passive sentence", () => {
    for (const body of [
      "Việc lấy ý kiến cử tri phải hoàn thành trong tháng 6/2022.",
      "Danh sách người ứng cử phải được niêm yết chậm nhất vào ngày 23.5.2022.",
      "Kết quả rà soát các nghị quyết do HĐND tỉnh ban hành phải được gửi về Văn phòng trước ngày 30/5/2022.",
    ]) {
      const t = onlyTask(body);
      expect([t.assignee, t.assignee_scope, t.assignee_source]).toEqual([null, "unclear", "none"]);
      expect(t.notes).toContain("Văn bản không ghi rõ ai thực hiện.");
    }
  });
});

describe("co-operating units are not assignees", () => {
  it("keeps the lead unit and lists the others apart", () => {
    const t = onlyTask(
      "Giao Ban Pháp chế HĐND tỉnh chủ trì, phối hợp với Ban Kinh tế - Ngân sách HĐND tỉnh xây dựng kế hoạch giám sát, trình Thường trực HĐND tỉnh trong tháng 6/2022.",
    );
    expect(t.assignee).toBe("Ban Pháp chế HĐND tỉnh");
    expect(t.cooperating).toEqual(["Ban Kinh tế - Ngân sách HĐND tỉnh"]);
  });

  it("ignores a recipient after “gửi về”", () => {
    const t = onlyTask("Đề nghị các huyện gửi báo cáo về Sở Nội vụ trước ngày 20/5/2022.");
    expect(t.assignee).toBe("các huyện");
    expect(t.assignee_scope).toBe("all_subunits");
  });
});

describe("assignee from the context", () => {
  it("takes the heading of the point", () => {
    const body = [
      "1. UBND các huyện, thành phố:",
      "a) Rà soát các tiêu chí nông thôn mới.",
      "b) Hoàn thiện báo cáo, gửi về Sở Nông nghiệp trước ngày 20 tháng 5 năm 2022.",
    ].join("\n");
    const t = onlyTask(body);
    expect([t.assignee, t.assignee_scope, t.assignee_source]).toEqual(["UBND các huyện, thành phố", "all_subunits", "heading"]);
    expect(t.quote).toBe("Hoàn thiện báo cáo, gửi về Sở Nông nghiệp trước ngày 20 tháng 5 năm 2022");
  });

  it("takes a “Đối với ...” heading", () => {
    const body = [
      "1. Đối với Ủy ban nhân dân tỉnh",
      "a) Chỉ đạo các cơ quan chuyên môn hoàn chỉnh các tờ trình, gửi về Thường trực HĐND tỉnh trước hoặc trong ngày 30/5/2022. Riêng báo cáo kinh tế - xã hội gửi chậm nhất ngày 05/6/2022.",
    ].join("\n");
    const tasks = parseBody(body).tasks;
    expect(tasks.map((t) => [t.due, t.assignee, t.assignee_scope])).toEqual([
      ["2022-05-30", "Ủy ban nhân dân tỉnh", "named_units"],
      ["2022-06-05", "Ủy ban nhân dân tỉnh", "named_units"],
    ]);
  });

  it("takes the actor of an earlier sentence of the same point", () => {
    const body =
      "Giao Sở Kế hoạch và Đầu tư chủ trì tham gia ý kiến vào dự thảo Chỉ thị. Yêu cầu hoàn thiện gửi ý kiến về Bộ Kế hoạch và Đầu tư trước ngày 28/5/2022.";
    const t = onlyTask(body);
    expect([t.assignee, t.assignee_scope, t.assignee_source]).toEqual(["Sở Kế hoạch và Đầu tư", "named_units", "context"]);
  });

  it("takes the actor of an earlier clause after “Theo đó,”", () => {
    const t = onlyTask(
      "Theo đó, các Tổ đại biểu HĐND huyện tiếp xúc cử tri từ ngày 15/5/2022 đến ngày 20/5/2022; tổng hợp ý kiến cử tri, gửi về Thường trực HĐND huyện trước ngày 27/5/2022.",
    );
    expect([t.due, t.assignee, t.assignee_scope]).toEqual(["2022-05-26", "các Tổ đại biểu HĐND huyện", "all_subunits"]);
  });

  it("does not take a catch-all list intro as the actor", () => {
    const body = [
      "UBND tỉnh yêu cầu các cơ quan, đơn vị, địa phương thực hiện các nội dung sau:",
      "1. Việc lấy ý kiến cử tri phải hoàn thành trong tháng 6/2022.",
    ].join("\n");
    expect(onlyTask(body).assignee_scope).toBe("unclear");
  });

  it("takes a specific list intro as the actor", () => {
    const body = ["UBND tỉnh yêu cầu UBND các huyện, thành phố:", "- Rà soát, báo cáo số liệu trước ngày 20/5/2022."].join("\n");
    expect([onlyTask(body).assignee, onlyTask(body).assignee_scope]).toEqual(["UBND các huyện, thành phố", "all_subunits"]);
  });

  it("replaces “Quý cơ quan” and a bare “Đề nghị” by the addressees", () => {
    const text = [
      "UBND HUYỆN LẬP THẠCH",
      "PHÒNG NỘI VỤ",
      "Số: 12/PNV",
      "V/v báo cáo số lượng cán bộ",
      "Lập Thạch, ngày 05 tháng 5 năm 2022",
      "",
      "Kính gửi: Sở Nội vụ tỉnh Vĩnh Phúc.",
      "",
      "Phòng Nội vụ đề nghị Quý cơ quan cho ý kiến trước ngày 12/5/2022.",
      "",
      "Đề nghị báo cáo bổ sung số liệu trong tháng 5/2022.",
    ].join("\n");
    const p = parseNotice(text);
    expect(p.tasks.map((t) => [t.assignee, t.assignee_scope, t.assignee_source])).toEqual([
      ["Sở Nội vụ tỉnh Vĩnh Phúc", "named_units", "addressee"],
      ["Sở Nội vụ tỉnh Vĩnh Phúc", "named_units", "addressee"],
    ]);
  });
});

describe("actor phrase helpers", () => {
  it("split lists into elements without breaking class lists or two-body offices", () => {
    expect(splitElements("UBND thị xã, Phòng Tài nguyên và Môi trường thị xã và UBND các phường, xã")).toEqual([
      "UBND thị xã",
      "Phòng Tài nguyên và Môi trường thị xã",
      "UBND các phường, xã",
    ]);
    expect(splitElements("Văn phòng HĐND và UBND xã")).toEqual(["Văn phòng HĐND và UBND xã"]);
  });

  it("expand named units after a class", () => {
    expect(expandUnits("UBND các đặc khu Phú Quốc, Kiên Hải, Thổ Châu")).toEqual([
      "UBND đặc khu Phú Quốc",
      "UBND đặc khu Kiên Hải",
      "UBND đặc khu Thổ Châu",
    ]);
    expect(expandUnits("Các Sở: Giao thông vận tải, Xây dựng, Tài chính")).toEqual([
      "Sở Giao thông vận tải",
      "Sở Xây dựng",
      "Sở Tài chính",
    ]);
  });

  it("classify a mixed list with named units as named_units", () => {
    expect(classifyActor("UBND thị xã, Phòng Tài nguyên và Môi trường thị xã và UBND các phường, xã được giám sát", null).scope).toBe(
      "named_units",
    );
    expect(classifyActor(null, null)).toEqual({ scope: "unclear", units: [] });
  });

  it("tell the issuer's standing body from another council's", () => {
    expect(classifyActor("Thường trực HĐND xã Phổ An", "Thường trực HĐND thị xã Đức Phổ").scope).toBe("named_units");
    expect(classifyActor("Thường trực HĐND thị xã", "Thường trực HĐND thị xã Đức Phổ").scope).toBe("person_or_office");
  });
});
