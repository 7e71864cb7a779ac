import { describe, expect, it } from "vitest";
import { formatParsedNoticeVietnamese, parsedNoticeToJson } from "../../src/notices/parsing/index.js";
import { parseBody } from "./helpers.js";

describe("Vietnamese report", () => {
  const p = parseBody(
    [
      "1. Đề nghị UBND các huyện báo cáo trước ngày 20/5/2022.",
      "2. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ báo cáo định kỳ trước ngày 20 hằng tháng.",
      "3. Việc lấy ý kiến phải hoàn thành trong tháng 6/2022.",
    ].join("\n"),
  );
  const report = formatParsedNoticeVietnamese(p);

  it("shows the header and each task with its reading", () => {
    expect(report).toContain("Số: 123/UBND-TH");
    expect(report).toContain("Ngày ban hành: 10/5/2022");
    expect(report).toContain("Cơ quan ban hành: UBND tỉnh Quảng Ngãi");
    expect(report).toContain("1. Thực hiện: UBND các huyện (Phạm vi: tất cả đơn vị cấp dưới)");
    expect(report).toContain("Hạn: 19/5/2022\n");
    expect(report).toContain("Cách tính: “trước ngày 20/5/2022”: hạn là ngày 19/5/2022 (trước ngày 20).");
    expect(report).toContain("Phối hợp: Sở Nội vụ");
    expect(report).toContain("Hạn: định kỳ: việc lặp lại hằng tháng, trước ngày 20 mỗi tháng");
    expect(report).toContain("3. Thực hiện: (văn bản không ghi) (Phạm vi: chưa rõ)");
  });

  it("is written in Vietnamese with diacritics, no English field names", () => {
    expect(report).not.toMatch(/\b(?:due|assignee|scope|null|undefined)\b/);
    expect(report).toMatch(/Nhiệm vụ có thời hạn \(3\)/);
  });

  it("says so when there is no task", () => {
    expect(formatParsedNoticeVietnamese(parseBody("Các đơn vị nghiêm túc thực hiện."))).toContain("Không có nhiệm vụ nào có thời hạn.");
  });
});

describe("JSON output", () => {
  it("uses exactly the annotation field names, extras after them", () => {
    const json = parsedNoticeToJson(parseBody("Đề nghị UBND các huyện báo cáo trước ngày 20/5/2022."));
    expect(Object.keys(json).slice(0, 6)).toEqual(["number", "issued_on", "issuer", "title", "recipients", "tasks"]);
    const task = (json.tasks as Record<string, unknown>[])[0]!;
    expect(Object.keys(task).slice(0, 6)).toEqual(["quote", "assignee", "assignee_scope", "due", "due_rule", "recurrence"]);
    expect(task).toMatchObject({ due: "2022-05-19", due_rule: "before", assignee_scope: "all_subunits", recurrence: null });
    expect(json).toHaveProperty("place", "Quảng Ngãi");
    expect(json).toHaveProperty("signer", "Nguyễn Văn A");
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
