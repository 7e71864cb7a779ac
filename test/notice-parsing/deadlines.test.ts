import { describe, expect, it } from "vitest";
import { periodicFromRule } from "../../src/core/notices/periodic-proposal.js";
import { parseNotice } from "../../src/notices/parsing/index.js";
import { onlyTask, parseBody } from "./helpers.js";

// Issue date of the test notices: 10/5/2022 (a Tuesday).

describe("deadline forms with a day", () => {
  it.each([
    ["UBND các huyện báo cáo kết quả về Sở Nội vụ trước ngày 20/5/2022.", "2022-05-19", "before", "trước ngày 20/5/2022"],
    ["UBND các huyện báo cáo trước ngày 20 tháng 5 năm 2022.", "2022-05-19", "before", "trước ngày 20 tháng 5 năm 2022"],
    ["UBND các huyện báo cáo trước ngày 20-5-2022.", "2022-05-19", "before", "trước ngày 20-5-2022"],
    ["UBND các huyện báo cáo trước ngày 20.5.2022.", "2022-05-19", "before", "trước ngày 20.5.2022"],
    ["UBND các huyện báo cáo trước ngày 01/6/2022.", "2022-05-31", "before", "trước ngày 01/6/2022"],
    ["Sở Tài chính báo cáo UBND tỉnh chậm nhất ngày 15/6/2022.", "2022-06-15", "by", "chậm nhất ngày 15/6/2022"],
    ["Sở Tài chính báo cáo chậm nhất vào ngày 15.6.2022.", "2022-06-15", "by", "chậm nhất vào ngày 15.6.2022"],
    ["Sở Tài chính báo cáo chậm nhất là ngày 15 tháng 6 năm 2022.", "2022-06-15", "by", "chậm nhất là ngày 15 tháng 6 năm 2022"],
    ["Đề nghị UBND xã Phổ An gửi báo cáo trước hoặc trong ngày 25/5/2022.", "2022-05-25", "by", "trước hoặc trong ngày 25/5/2022"],
    ["Các sở, ngành gửi ý kiến về Văn phòng UBND tỉnh đến ngày 30/5/2022.", "2022-05-30", "by", "đến ngày 30/5/2022"],
    ["Các sở, ngành hoàn thành, gửi báo cáo đến hết ngày 30/5/2022.", "2022-05-30", "by", "đến hết ngày 30/5/2022"],
    ["Văn phòng gửi tài liệu trước 14 giờ, ngày 20/5/2022.", "2022-05-20", "by", "trước 14 giờ, ngày 20/5/2022"],
    ["Các đơn vị gửi báo cáo trước 16 giờ 00 ngày 20/5/2022.", "2022-05-20", "by", "trước 16 giờ 00 ngày 20/5/2022"],
    ["Các đơn vị gửi báo cáo trước 16h00 ngày 20/5/2022.", "2022-05-20", "by", "trước 16h00 ngày 20/5/2022"],
    ["Hạn chót nộp báo cáo: ngày 27/5/2022.", "2022-05-27", "by", "Hạn chót nộp báo cáo: ngày 27/5/2022"],
  ])("%s", (body, due, rule, phrase) => {
    const t = onlyTask(body);
    expect(t.due).toBe(due);
    expect(t.due_rule).toBe(rule);
    expect(t.deadline_phrase).toBe(phrase);
    expect(t.quote).toContain(phrase);
  });

  it("keeps the time of day of a cut-off and explains the reading in Vietnamese", () => {
    const t = onlyTask("Văn phòng gửi tài liệu trước 14 giờ, ngày 20/5/2022.");
    expect(t.time_of_day).toBe("14:00");
    expect(t.due_reading).toBe("“trước 14 giờ, ngày 20/5/2022”: hạn là ngày 20/5/2022, trước 14 giờ.");
  });

  it("reads “trước ngày D” as D − 1 and says so", () => {
    const t = onlyTask("UBND các huyện báo cáo trước ngày 20/5/2022.");
    expect(t.due_reading).toBe("“trước ngày 20/5/2022”: hạn là ngày 19/5/2022 (trước ngày 20).");
  });

  it("reads a dated scheduled action “Ngày D <việc>” as exact", () => {
    const t = onlyTask("Ngày 25/5/2022 gửi báo cáo tổng hợp về Thường trực HĐND tỉnh.");
    expect([t.due, t.due_rule]).toEqual(["2022-05-25", "exact"]);
  });

  it("reads a dated timeline row as exact, and ignores meeting rows", () => {
    const body = [
      "Thời gian | Nội dung | Đơn vị thực hiện",
      "Ngày 18/5/2022 | Làm việc với UBND huyện Nghĩa Hành | Đoàn giám sát",
      "Ngày 30/5/2022 | Gửi dự thảo báo cáo kết quả giám sát | Tổ giúp việc Đoàn giám sát",
      "Ngày 06/6/2022 | Khai mạc kỳ họp | Thường trực HĐND tỉnh",
    ].join("\n");
    const tasks = parseBody(body).tasks;
    expect(tasks.map((t) => [t.due, t.due_rule, t.assignee, t.assignee_scope])).toEqual([
      ["2022-05-30", "exact", "Tổ giúp việc Đoàn giám sát", "person_or_office"],
    ]);
    expect(tasks[0]!.quote).toBe("Ngày 30/5/2022 | Gửi dự thảo báo cáo kết quả giám sát | Tổ giúp việc Đoàn giám sát");
  });

  it("reads a markdown timeline: cue cells, bare periods next to a deliverable, no windows or meetings", () => {
    const body = [
      "| STT | Nội dung công việc | Thời gian | Đơn vị thực hiện |",
      "|---|---|---|---|",
      "| 1 | Ban hành Quyết định thành lập Đoàn giám sát | Trước ngày 15/5/2022 | Thường trực HĐND tỉnh |",
      "| 2 | Gửi báo cáo theo đề cương | Trước ngày 30/5/2022 | Các sở, ngành được giám sát |",
      "| 3 | Giám sát trực tiếp | Từ ngày 08/6 đến ngày 19/6/2022 | Đoàn giám sát |",
      "| 4 | Báo cáo kết quả giám sát | Tháng 7/2022 | Ban Kinh tế - Ngân sách |",
      "| 5 | Họp Đoàn giám sát | 25/6/2022 | Đoàn giám sát |",
    ].join("\n");
    const tasks = parseBody(body).tasks;
    expect(tasks.map((t) => [t.due, t.due_rule, t.assignee, t.assignee_scope])).toEqual([
      ["2022-05-14", "before", "Thường trực HĐND tỉnh", "person_or_office"],
      ["2022-05-29", "before", "Các sở, ngành được giám sát", "named_units"],
      ["2022-07-31", "month", "Ban Kinh tế - Ngân sách", "named_units"],
    ]);
    expect(tasks[2]!.quote).toBe("| 4 | Báo cáo kết quả giám sát | Tháng 7/2022 | Ban Kinh tế - Ngân sách |");
  });

  it("reads weekday insertions", () => {
    const t = onlyTask("Chậm nhất vào thứ Sáu, ngày 20/5/2022, các đơn vị gửi báo cáo.");
    expect([t.due, t.due_rule, t.assignee]).toEqual(["2022-05-20", "by", "các đơn vị"]);
  });
});

describe("deadline forms with a period", () => {
  it.each([
    ["UBND các xã hoàn thành trong tháng 5/2022.", "2022-05-31", "month"],
    ["UBND các xã hoàn thành trong tháng 02 năm 2024.", "2024-02-29", "month"],
    ["UBND các xã hoàn thành trong tháng 6.", "2022-06-30", "month"],
    ["Giao Sở Kế hoạch và Đầu tư hoàn thành trong quý II/2022.", "2022-06-30", "quarter"],
    ["UBND các huyện hoàn thành trong Quý III năm 2023.", "2023-09-30", "quarter"],
    ["UBND thị xã hoàn thành trong quý 2.", "2022-06-30", "quarter"],
    ["Sở Y tế hoàn thành trong quý ba năm 2022.", "2022-09-30", "quarter"],
    ["Sở Y tế hoàn thành trong quý IV/2022.", "2022-12-31", "quarter"],
    ["UBND các xã hoàn thành trong 6 tháng đầu năm 2022.", "2022-06-30", "half_year"],
    ["UBND các xã hoàn thành trong 6 tháng cuối năm 2022.", "2022-12-31", "half_year"],
    ["Sở Xây dựng hoàn thành trong năm 2022.", "2022-12-31", "year"],
    ["Sở Xây dựng hoàn thành trong năm nay.", "2022-12-31", "year"],
  ])("%s", (body, due, rule) => {
    const t = onlyTask(body);
    expect(t.due).toBe(due);
    expect(t.due_rule).toBe(rule);
  });

  it("moves a year-less period that has already ended to the next year", () => {
    const t = onlyTask("UBND thị xã hoàn thành trong quý 1.");
    expect(t.due).toBe("2023-03-31");
    expect(t.notes.join(" ")).toContain("năm 2023");
  });

  it("reads a deadline column of a task table", () => {
    const body = [
      "TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn hoàn thành",
      "1 | Làm sạch dữ liệu hộ tịch | Sở Tư pháp | Công an tỉnh | Quý III/2022",
      "2 | Số hóa hồ sơ | Sở Nội vụ | Các sở, ngành | 30/9/2022",
      "3 | Cập nhật dữ liệu | UBND các huyện | Công an tỉnh | Thường xuyên",
      "4 | Báo cáo sơ kết | Sở Kế hoạch và Đầu tư | | Tháng 7/2022",
    ].join("\n");
    const tasks = parseBody(body).tasks;
    expect(tasks.map((t) => [t.due, t.due_rule, t.assignee, t.assignee_scope])).toEqual([
      ["2022-09-30", "quarter", "Sở Tư pháp", "named_units"],
      ["2022-09-30", "by", "Sở Nội vụ", "named_units"],
      ["2022-07-31", "month", "Sở Kế hoạch và Đầu tư", "named_units"],
    ]);
    expect(tasks[0]!.cooperating).toEqual(["Công an tỉnh"]);
  });
});

describe("year-less dates", () => {
  it("takes the document's year", () => {
    const t = onlyTask("UBND các xã báo cáo trước ngày 25/5.");
    expect(t.due).toBe("2022-05-24");
    expect(t.notes).toContain("Văn bản không ghi năm của hạn; lấy năm 2022 theo năm ban hành.");
  });

  it("takes the next year when the date would fall before the issue date", () => {
    const t = onlyTask("UBND các xã báo cáo trước ngày 15/01.", "ngày 20 tháng 12 năm 2022");
    expect(t.due).toBe("2023-01-14");
  });

  it("reads “chậm nhất ngày 10.11” with the issue year", () => {
    const t = onlyTask("Các đơn vị gửi báo cáo chậm nhất ngày 10.11.", "ngày 02 tháng 11 năm 2020");
    expect([t.due, t.due_rule]).toEqual(["2020-11-10", "by"]);
  });

  it("uses the reference date when the document has no date", () => {
    const p = parseNotice("Đề nghị UBND các xã báo cáo trước ngày 25/5.", { referenceDate: "2024-05-02" });
    expect(p.tasks[0]!.due).toBe("2024-05-24");
  });

  it("reads the reference date in the council's time zone", () => {
    // 31/12/2023 18:00 UTC is already 01/01/2024 in Vietnam: "trước ngày 15/01" is 2024's
    const p = parseNotice("Đề nghị UBND các xã báo cáo trước ngày 15/01.", { referenceDate: "2023-12-31T18:00:00Z" });
    expect(p.tasks[0]!.due).toBe("2024-01-14");
  });
});

describe("relative deadlines", () => {
  it.each([
    ["Đề nghị UBND các huyện báo cáo trong vòng 10 ngày kể từ ngày nhận được văn bản này.", "2022-05-20"],
    ["Các đơn vị báo cáo trong vòng mười ngày kể từ ngày ký.", "2022-05-20"],
    ["Sở Nội vụ trình UBND tỉnh trong thời hạn ba mươi ngày kể từ ngày ban hành Thông báo này.", "2022-06-09"],
    ["Sở Nội vụ trình UBND tỉnh trong thời hạn 15 ngày kể từ ngày ký văn bản này.", "2022-05-25"],
    ["Sở Nội vụ trình UBND tỉnh trong thời hạn mười lăm (15) ngày kể từ ngày ký.", "2022-05-25"],
    ["Các đơn vị báo cáo trong vòng 02 tuần kể từ ngày nhận được Thông báo này.", "2022-05-24"],
    ["Các đơn vị hoàn thành trong 03 tháng kể từ ngày ký.", "2022-08-10"],
  ])("%s", (body, due) => {
    const t = onlyTask(body);
    expect(t.due_rule).toBe("relative");
    expect(t.due).toBe(due);
  });

  it("counts working days, skipping weekends and public holidays (README example)", () => {
    const t = onlyTask("Sở Tư pháp thẩm định, trình UBND tỉnh trong 30 ngày làm việc kể từ ngày ký.", "ngày 08 tháng 4 năm 2021");
    expect(t.due).toBe("2021-05-25");
    expect(t.due_reading).toContain("30 ngày làm việc");
  });

  it("counts working days across Tết", () => {
    // issued Fri 26/01/2024; Tết 2024 days off 08-14/02
    const t = onlyTask("Các đơn vị báo cáo trong vòng 10 ngày làm việc kể từ ngày nhận được Thông báo này.", "ngày 26 tháng 01 năm 2024");
    expect(t.due).toBe("2024-02-16");
  });

  it("is null when the anchor event has no known date", () => {
    const t = onlyTask("Sở Tư pháp thẩm định trong 30 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ.");
    expect([t.due, t.due_rule]).toEqual([null, "relative"]);
    expect(t.due_reading).toContain("chưa biết ngày mốc");
  });

  it("is null without an issue date", () => {
    const p = parseNotice("Đề nghị UBND các xã báo cáo trong vòng 10 ngày kể từ ngày nhận được Thông báo này.");
    expect(p.tasks.map((t) => [t.due, t.due_rule])).toEqual([[null, "relative"]]);
    expect(p.tasks[0]!.due_reading).toContain("không ghi ngày ban hành");
  });

  it("reads “sau 15 ngày” with no anchor as relative with an unknown date", () => {
    const t = onlyTask("Sau 15 ngày, UBND các xã phải báo cáo kết quả.");
    expect([t.due, t.due_rule, t.assignee]).toEqual([null, "relative", "UBND các xã"]);
  });

  it("counts back from an explicit date", () => {
    const t = onlyTask("UBND các huyện gửi báo cáo chậm nhất 05 ngày làm việc trước ngày 20/6/2022.");
    expect([t.due, t.due_rule]).toEqual(["2022-06-13", "relative"]);
  });

  it("does not read a duration of an activity as a deadline", () => {
    expect(parseBody("Kỳ họp dự kiến tổ chức trong 03 ngày, từ ngày 09/12/2022 đến ngày 11/12/2022.").tasks).toEqual([]);
    expect(parseBody("Hội nghị đánh giá tình hình sau một tháng vận hành chính quyền hai cấp.").tasks).toEqual([]);
  });
});

describe("recurring deadlines", () => {
  it.each([
    ["Các sở, ngành định kỳ trước ngày 20 hằng tháng báo cáo UBND tỉnh.", "monthly, before the 20th of each month"],
    ["Sở Tài chính báo cáo UBND tỉnh định kỳ trước ngày 20 hằng tháng.", "monthly, before the 20th of each month"],
    ["Sở Tài chính báo cáo hàng quý về UBND tỉnh.", "quarterly (hàng quý), no day specified"],
    ["UBND các xã thực hiện báo cáo định kỳ hằng quý về UBND huyện.", "quarterly (định kỳ hằng quý), no day specified"],
    ["Các đơn vị gửi báo cáo hàng tháng về Sở Nội vụ.", "monthly (hàng tháng), no day specified"],
    ["Sở Tài chính báo cáo trước ngày 15/12 hằng năm.", "yearly, before 15/12 each year"],
    ["UBND các huyện báo cáo định kỳ 6 tháng về Sở Nội vụ.", "every six months (định kỳ 6 tháng), no day specified"],
  ])("%s", (body, recurrence) => {
    const t = onlyTask(body);
    expect(t.due).toBeNull();
    expect(t.due_rule).toBe("recurring");
    expect(t.recurrence).toContain(recurrence);
    expect(t.due_reading).toMatch(/không có một hạn duy nhất/);
  });

  it.each([
    [
      "Các sở, ngành định kỳ trước ngày 20 hằng tháng báo cáo UBND tỉnh.",
      { period: "monthly", day: 20, month: null, cut: "before" },
      { every: "month", day: 19, month: null },
    ],
    [
      "UBND các xã báo cáo chậm nhất ngày 25 hằng tháng về HĐND tỉnh.",
      { period: "monthly", day: 25, month: null, cut: "by" },
      { every: "month", day: 25, month: null },
    ],
    [
      "Sở Tài chính báo cáo trước ngày 15/12 hằng năm.",
      { period: "yearly", day: 15, month: 12, cut: "before" },
      { every: "year", day: 14, month: 12 },
    ],
    ["Sở Tài chính báo cáo hàng quý về UBND tỉnh.", { period: "quarterly", day: null, month: null, cut: null }, null],
  ])("gives the rule as data and proposes a series: %s", (body, rule, proposal) => {
    const t = onlyTask(body);
    expect(t.recurrence_rule).toEqual(rule);
    expect(periodicFromRule(t.recurrence_rule)).toEqual(proposal);
  });

  it("does not read “định kỳ” without a period or a delivery as a task", () => {
    expect(parseBody("Thường trực HĐND các xã duy trì việc tiếp công dân định kỳ.").tasks).toEqual([]);
    expect(parseBody("Hằng năm, HĐND tỉnh tổ chức kỳ họp thường lệ giữa năm.").tasks).toEqual([]);
  });
});

describe("numbers written as words", () => {
  it.each([
    ["mười ngày", "2022-05-20"],
    ["ba mươi ngày", "2022-06-09"],
    ["hai mươi mốt ngày", "2022-05-31"],
    ["năm ngày", "2022-05-15"],
  ])("trong vòng %s", (words, due) => {
    const t = onlyTask(`Các đơn vị báo cáo trong vòng ${words} kể từ ngày ký.`);
    expect(t.due).toBe(due);
  });
});

describe("distractors are not tasks", () => {
  it.each([
    ["past period", "Các Ban HĐND tỉnh đã hoàn thành 04 cuộc giám sát chuyên đề trong quý I/2022."],
    ["month window", "Thời gian thực hiện: từ tháng 7/2022 đến hết tháng 12/2022."],
    ["past delivery", "Sở Tài chính đã báo cáo UBND tỉnh trước ngày 05/5/2022 theo yêu cầu."],
    ["effective date", "Nghị quyết số 12/2022/NQ-HĐND có hiệu lực kể từ ngày 01/5/2022."],
    ["effective on signing", "Quyết định này có hiệu lực thi hành kể từ ngày ký."],
    ["cited document", "Thực hiện Văn bản số 4561/UBND-TD6 ngày 21/6/2019 của UBND tỉnh, các đơn vị triển khai thực hiện."],
    ["activity window", "Các Tổ đại biểu tiếp xúc cử tri từ ngày 15/11/2021 đến ngày 25/11/2021."],
    ["short window", "Từ ngày 12- 17/6, Đoàn giám sát làm việc tại các xã."],
    ["meeting date", "Hội nghị giao ban quý II dự kiến tổ chức vào ngày 04/7/2022."],
    ["meeting report", "Ngày 28/4/2022, Thường trực HĐND thị xã tổ chức buổi làm việc với Thường trực HĐND các xã, phường."],
    ["legal basis", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"],
    ["data period", "Số liệu báo cáo tính từ ngày 01/01/2022 đến ngày 15/11/2022, ước thực hiện đến ngày 31/12/2022."],
    ["reference date", "Đối với các hồ sơ đã được tiếp nhận trước ngày 01/7/2022, Sở Tài chính tiếp tục giải quyết."],
    ["past statement", "Trong quý I năm 2022, Thường trực HĐND các xã đã bám sát chương trình giám sát."],
    ["past completion", "Năm 2021, xã đã hoàn thành trước ngày 31/12/2021 việc rà soát hộ nghèo."],
    ["vague time", "Hội nghị tổng kết dự kiến tổ chức vào trung tuần tháng 12/2022."],
    ["plan title", "Chương trình giám sát năm 2023 của HĐND tỉnh được thông qua tại kỳ họp cuối năm 2022."],
    ["period of a subject", "Sở Tài chính đánh giá tình hình thu, chi ngân sách 4 tháng đầu năm 2022."],
    ["decimal numbers", "Đến nay đã bàn giao mặt bằng được 8,6/11,2 km."],
    ["phone number", "Mọi vướng mắc liên hệ số điện thoại 0255.3 822 123."],
  ])("%s", (_name, body) => {
    expect(parseBody(body).tasks).toEqual([]);
  });

  it("does not read the issue-date line as a task", () => {
    expect(parseBody("Các đơn vị nghiêm túc thực hiện.").tasks).toEqual([]);
  });

  it("keeps the deadline and drops the cited date in one sentence", () => {
    const t = onlyTask(
      "Theo Kế hoạch số 42/KH-UBND ngày 20/4/2022, UBND các xã rà soát dân số (tính đến ngày 31/12/2021), gửi về Sở Nội vụ trước 16 giờ 00 ngày 14/5/2022.",
    );
    expect([t.due, t.due_rule]).toEqual(["2022-05-14", "by"]);
  });

  it("drops a report period next to the real deadline", () => {
    const t = onlyTask("UBND các huyện báo cáo kết quả thực hiện trong 6 tháng đầu năm 2022 trước ngày 15/6/2022.");
    expect([t.due, t.due_rule]).toEqual(["2022-06-14", "before"]);
  });
});

describe("several deadlines in one sentence", () => {
  it("gives one task per deadline, each with its own quote and assignee", () => {
    const tasks = parseBody(
      "UBND các xã gửi báo cáo trước ngày 20/5/2022; Phòng Nội vụ tổng hợp, trình UBND huyện chậm nhất ngày 27/5/2022.",
    ).tasks;
    expect(tasks.map((t) => [t.due, t.due_rule, t.assignee, t.quote])).toEqual([
      ["2022-05-19", "before", "UBND các xã", "UBND các xã gửi báo cáo trước ngày 20/5/2022"],
      ["2022-05-27", "by", "Phòng Nội vụ", "Phòng Nội vụ tổng hợp, trình UBND huyện chậm nhất ngày 27/5/2022"],
    ]);
  });

  it("flags a deadline earlier than the issue date but still records it literally", () => {
    const t = onlyTask("UBND các xã gửi báo cáo trước ngày 05/5/2022.");
    expect(t.due).toBe("2022-05-04");
    expect(t.notes).toContain("Hạn này sớm hơn ngày ban hành văn bản; đề nghị Văn phòng kiểm tra lại.");
  });
});

describe("quotes", () => {
  it("are exact substrings of the text, even across hard line breaks", () => {
    const body = "Các Ban của HĐND tỉnh gửi báo cáo thẩm tra về Thường trực\nHĐND tỉnh trước ngày 25 tháng 11 năm 2022.";
    const text = body;
    const t = onlyTask(text, "ngày 02 tháng 10 năm 2022");
    expect(t.quote).toBe("Các Ban của HĐND tỉnh gửi báo cáo thẩm tra về Thường trực\nHĐND tỉnh trước ngày 25 tháng 11 năm 2022");
    expect([t.due, t.assignee_scope]).toEqual(["2022-11-24", "all_subunits"]);
  });

  it("start after a “Đối với ...:” topic and run to the end of a clause opened by the deadline", () => {
    const t = onlyTask(
      "d) Đối với các công trình vi phạm: Yêu cầu đơn vị thi công bố trí mũi thi công; trong vòng 10 ngày kể từ ngày nhận được Thông báo này phải hoàn thành việc di dời lán trại.",
    );
    expect(t.quote).toBe(
      "Yêu cầu đơn vị thi công bố trí mũi thi công; trong vòng 10 ngày kể từ ngày nhận được Thông báo này phải hoàn thành việc di dời lán trại",
    );
    expect([t.due, t.assignee, t.assignee_scope]).toEqual(["2022-05-20", "đơn vị thi công", "unclear"]);
  });
});
