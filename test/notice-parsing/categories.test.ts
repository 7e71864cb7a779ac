/**
 * The categories of issue 19, each with made-up sentences in the shapes unseen documents use (none
 * comes from a corpus file): schedules of preparations, assignees written after the date, year-less
 * dates, deadlines inside long sentences and tables, dates that are not deadlines, and the scope of
 * an assignee phrase.
 */
import { describe, expect, it } from "vitest";
import { parseNotice } from "../../src/notices/parsing/index.js";
import { onlyTask, parseBody } from "./helpers.js";

const rows = (text: string) => parseNotice(text).tasks.map((t) => [t.due, t.due_rule, t.assignee, t.assignee_scope]);

describe("a schedule of preparations", () => {
  it("reads one dated action per entry, the actor after the date, the year from the meeting", () => {
    const news = [
      "Thường trực HĐND huyện họp chuẩn bị kỳ họp thứ 8",
      "",
      "Chiều 25/8, Thường trực HĐND huyện họp thống nhất nội dung kỳ họp thứ 8 (kỳ họp giữa năm 2023). Theo kế hoạch, ngày 5/9 UBND huyện gửi các báo cáo, tờ trình đến các Ban HĐND huyện để thẩm tra; ngày 12/9 các Ban HĐND huyện gửi báo cáo thẩm tra về Thường trực HĐND huyện; ngày 20/9 khai mạc kỳ họp.",
    ].join("\n");
    const p = parseNotice(news);
    expect(p.issued_on).toBe("2023-08-25");
    expect(rows(news)).toEqual([
      ["2023-09-05", "exact", "UBND huyện", "named_units"],
      ["2023-09-12", "exact", "các Ban HĐND huyện", "all_subunits"],
    ]);
  });

  it("reads entries without an actor and keeps them unassigned", () => {
    const body = "Ngày 12/5 hoàn thiện dự thảo báo cáo kết quả giám sát. Ngày 19/5 gửi dự thảo xin ý kiến các thành viên Đoàn giám sát.";
    expect(parseBody(body, "ngày 03 tháng 5 năm 2022").tasks.map((t) => [t.due, t.due_rule, t.assignee_scope])).toEqual([
      ["2022-05-12", "exact", "unclear"],
      ["2022-05-19", "exact", "unclear"],
    ]);
  });

  it("reads “Chậm nhất ngày D, <actor> gửi ...” with the actor after the date, whatever body it is", () => {
    const body =
      "Hội nghị thống nhất các mốc thời gian: Chậm nhất ngày 4.10, UBND tỉnh gửi các tờ trình, dự thảo nghị quyết đến các Ban HĐND tỉnh. Chậm nhất ngày 12.10, các Ban HĐND tỉnh gửi báo cáo thẩm tra.";
    expect(parseBody(body, "ngày 20 tháng 9 năm 2023").tasks.map((t) => [t.due, t.due_rule, t.assignee, t.assignee_scope])).toEqual([
      ["2023-10-04", "by", "UBND tỉnh", "named_units"],
      ["2023-10-12", "by", "các Ban HĐND tỉnh", "all_subunits"],
    ]);
  });

  it("reads entries chained with commas, and “trong ngày D”", () => {
    expect(
      parseBody("Ngày 12/5 hoàn thiện dự thảo báo cáo, ngày 15/5 gửi xin ý kiến các thành viên.", "ngày 03 tháng 5 năm 2022").tasks.map(
        (t) => [t.due, t.due_rule],
      ),
    ).toEqual([
      ["2022-05-12", "exact"],
      ["2022-05-15", "exact"],
    ]);
    expect([
      onlyTask("Các đơn vị gửi báo cáo trong ngày 20/7/2022.").due_rule,
      onlyTask("Các đơn vị gửi báo cáo trong ngày 20/7/2022.").due,
    ]).toEqual(["by", "2022-07-20"]);
    expect(parseBody("Kỳ họp khai mạc ngày 9/12, bế mạc ngày 11/12.").tasks).toEqual([]);
  });

  it("does not read meetings, visits and past days of the schedule as tasks", () => {
    const body =
      "Ngày 20/5/2022, Đoàn giám sát làm việc với UBND huyện Ba Tơ. Ngày 06/6/2022 khai mạc kỳ họp. Ngày 02/5/2022, UBND tỉnh đã gửi dự thảo đến các Ban.";
    expect(parseBody(body).tasks).toEqual([]);
  });
});

describe("year-less dates", () => {
  it("take the year written near them when the document has no date", () => {
    const t = parseNotice(
      "Chủ tịch UBND tỉnh yêu cầu các sở, ngành báo cáo kết quả giải quyết kiến nghị cử tri trước ngày 20/7, phục vụ kỳ họp giữa năm 2023.",
    ).tasks;
    expect(t.map((x) => [x.due, x.due_rule, x.assignee_scope])).toEqual([["2023-07-19", "before", "all_subunits"]]);
  });

  it("take the next year when the day is long past in the document's year", () => {
    expect(onlyTask("UBND các xã báo cáo trước ngày 10/01.", "ngày 18 tháng 12 năm 2023").due).toBe("2024-01-09");
  });

  it("stay in the document's year for a day a few days earlier, flagged as before the issue date", () => {
    const t = onlyTask("UBND các xã báo cáo trước ngày 08/5.");
    expect(t.due).toBe("2022-05-07");
    expect(t.notes).toContain("Hạn này sớm hơn ngày ban hành văn bản; đề nghị Văn phòng kiểm tra lại.");
  });
});

describe("deadlines inside long sentences and tables", () => {
  it("finds a deadline at the end of a sentence of many clauses, given to a person", () => {
    const t = onlyTask(
      "Giao Chủ tịch UBND huyện Sơn Tịnh chỉ đạo các cơ quan chuyên môn kiểm tra, xác minh nội dung đơn, giải quyết theo thẩm quyền, trả lời công dân và báo cáo Chủ tịch UBND tỉnh trước ngày 20/7/2022.",
    );
    expect([t.due, t.due_rule, t.assignee, t.assignee_scope]).toEqual([
      "2022-07-19",
      "before",
      "Chủ tịch UBND huyện Sơn Tịnh",
      "person_or_office",
    ]);
  });

  it("keeps the lead unit, not the co-operating ones", () => {
    const t = onlyTask(
      "UBND tỉnh giao Sở Tài nguyên và Môi trường chủ trì, phối hợp với UBND huyện Bình Sơn và các đơn vị liên quan kiểm tra, xử lý dứt điểm, báo cáo kết quả về UBND tỉnh trước ngày 30/9/2022.",
    );
    expect([t.assignee, t.assignee_scope, t.cooperating]).toEqual([
      "Sở Tài nguyên và Môi trường",
      "named_units",
      ["UBND huyện Bình Sơn", "các đơn vị liên quan"],
    ]);
  });

  it("reads a table whose column header says the dates are deadlines", () => {
    const body = [
      "| STT | Nội dung | Cơ quan thực hiện | Thời gian hoàn thành |",
      "|---|---|---|---|",
      "| 1 | Rà soát danh mục dự án | Sở Kế hoạch và Đầu tư | Trước 15/6/2022 |",
      "| 2 | Tổng hợp ý kiến cử tri | Các Tổ đại biểu HĐND tỉnh | Tháng 7/2022 |",
      "| 3 | Báo cáo thẩm tra | Ban Kinh tế - Ngân sách | 30/9/2022 |",
      "| 4 | Theo dõi, đôn đốc | Văn phòng | Thường xuyên |",
    ].join("\n");
    expect(parseBody(body).tasks.map((t) => [t.due, t.due_rule, t.assignee, t.assignee_scope])).toEqual([
      ["2022-06-14", "before", "Sở Kế hoạch và Đầu tư", "named_units"],
      ["2022-07-31", "month", "Các Tổ đại biểu HĐND tỉnh", "all_subunits"],
      ["2022-09-30", "by", "Ban Kinh tế - Ngân sách", "named_units"],
    ]);
  });
});

describe("dates that are not deadlines", () => {
  it.each([
    ["a data cut-off", "Số liệu báo cáo tính đến hết tháng 6/2022."],
    ["a period a report covers", "UBND tỉnh báo cáo kết quả thực hiện 6 tháng đầu năm 2022 và phương hướng 6 tháng cuối năm."],
    ["a news lead", "Ngày 15/5/2022, HĐND tỉnh khai mạc kỳ họp chuyên đề."],
    [
      "a cited resolution and its title",
      "Thực hiện Nghị quyết số 15/2021/NQ-HĐND ngày 12/7/2021 của HĐND tỉnh về kế hoạch đầu tư công trong năm 2022, các sở, ngành triển khai.",
    ],
    ["a cited letter without “số”", "(Theo Công văn 456/UBND-KT ngày 10/3/2022)"],
    ["a window of supervision", "Đoàn giám sát làm việc tại các xã từ ngày 10/7/2022 đến ngày 20/7/2022."],
    ["a past achievement in a period", "Trong quý I/2022, toàn tỉnh đã giải ngân được 25% kế hoạch vốn."],
    ["a period opening a report", "Trong tháng 4/2022, Thường trực HĐND tỉnh tổ chức thành công phiên họp thường kỳ."],
    ["a vague time", "Kỳ họp dự kiến tổ chức vào đầu tháng 7/2022."],
    ["a period already over", "UBND các huyện đánh giá kết quả thực hiện trong quý I/2022."],
  ])("%s", (_name, body) => {
    expect(parseBody(body).tasks).toEqual([]);
  });
});

describe("the scope follows from the assignee phrase", () => {
  it.each([
    ["Các sở, ngành gửi báo cáo trước ngày 20/5/2022.", "all_subunits"],
    ["UBND các huyện, thị xã, thành phố gửi báo cáo trước ngày 20/5/2022.", "all_subunits"],
    ["Thủ trưởng các sở, ban, ngành gửi báo cáo trước ngày 20/5/2022.", "all_subunits"],
    ["Thường trực HĐND các xã, phường gửi báo cáo trước ngày 20/5/2022.", "all_subunits"],
    ["Sở Tài chính chủ trì, phối hợp với các sở liên quan tham mưu, báo cáo trước ngày 20/5/2022.", "named_units"],
    ["Giao Cục Thống kê tỉnh hoàn thành trước ngày 20/5/2022.", "named_units"],
    ["Công an tỉnh báo cáo UBND tỉnh trước ngày 20/5/2022.", "named_units"],
    ["UBND tỉnh báo cáo Thường trực HĐND tỉnh trước ngày 20/5/2022.", "named_units"],
    ["Chủ tịch UBND huyện Mộ Đức báo cáo trước ngày 20/5/2022.", "person_or_office"],
    ["Giám đốc Sở Y tế báo cáo trước ngày 20/5/2022.", "person_or_office"],
    ["Đồng chí Phó Chủ tịch HĐND tỉnh chủ trì, báo cáo trước ngày 20/5/2022.", "person_or_office"],
    ["Các đơn vị liên quan gửi báo cáo trước ngày 20/5/2022.", "unclear"],
    ["Đề nghị gửi báo cáo trước ngày 20/5/2022.", "unclear"],
  ])("%s → %s", (body, scope) => {
    expect(onlyTask(body).assignee_scope).toBe(scope);
  });
});
