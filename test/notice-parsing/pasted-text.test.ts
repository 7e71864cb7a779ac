/**
 * A notice copied from Word into a chat arrives with single line breaks: no blank line separates the
 * summary line ("Trích yếu") from the body, a heading from its paragraph, or the header block from
 * the title. Every field must be found line by line, so the same notice gives the same result with
 * or without blank lines; and a text whose deadline cannot be read says so instead of staying silent.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseNotice } from "../../src/notices/parsing/index.js";

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "notices");

interface Annotation {
  file: string;
  number: string | null;
  issued_on: string | null;
  tasks: { due: string | null; due_rule: string; assignee_scope: string }[];
}

function load(json: string, dir: string): { ann: Annotation; text: string }[] {
  const anns = JSON.parse(readFileSync(path.join(FIXTURES, json), "utf8")) as Annotation[];
  return anns.map((ann) => ({ ann, text: readFileSync(path.join(FIXTURES, dir, ann.file), "utf8") }));
}

/** What pasting from Word into Telegram does: every blank line gone. */
const singleBreaks = (text: string) =>
  text
    .replace(/\r\n?/g, "\n")
    .replace(/\n[ \t]*(?:\n[ \t]*)+/g, "\n")
    .trim();

const SEED = readFileSync(path.join(FIXTURES, "00-seed-ket-luan-thuong-truc-hdnd.txt"), "utf8");
const ALL = [...load("seed.json", "."), ...load("real.json", "real"), ...load("synthetic.json", "synthetic")];

const summary = (text: string) => {
  const p = parseNotice(text);
  return {
    number: p.number,
    issued_on: p.issued_on,
    title: p.title,
    tasks: p.tasks.map((t) => [t.due, t.due_rule, t.assignee_scope]),
  };
};

describe("a notice pasted with single line breaks", () => {
  it("the seed notice under its Word header keeps its title and its deadline", () => {
    const pasted = [
      "HỘI ĐỒNG NHÂN DÂN",
      "THỊ XÃ ĐỨC PHỔ",
      "Số: 25/TB-HĐND",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Đức Phổ, ngày 05 tháng 5 năm 2022",
      singleBreaks(SEED),
    ].join("\n");
    const p = parseNotice(pasted);
    expect(p.title).toBe("Kết luận buổi làm việc với Thường trực HĐND các xã, phường");
    expect([p.number, p.issued_on]).toEqual(["25/TB-HĐND", "2022-05-05"]);
    expect(p.tasks.map((t) => [t.due, t.due_rule, t.assignee, t.assignee_scope])).toEqual([
      ["2022-05-31", "month", "Thường trực HĐND các xã, phường", "all_subunits"],
    ]);
    expect(p.unread_deadline_phrases).toEqual([]);
  });

  it("a short notice whose deadline follows the summary line directly", () => {
    const pasted = [
      "ỦY BAN NHÂN DÂN",
      "TỈNH QUẢNG NGÃI",
      "Số: 123/UBND-TH",
      "V/v báo cáo kết quả rà soát hộ nghèo",
      "Quảng Ngãi, ngày 10 tháng 5 năm 2022",
      "Kính gửi: UBND các huyện, thị xã, thành phố.",
      "Để có cơ sở tổng hợp, báo cáo Bộ Lao động - Thương binh và Xã hội, UBND tỉnh đề nghị UBND các huyện, thị xã, thành phố báo cáo kết quả rà soát về Sở Lao động - Thương binh và Xã hội trước ngày 20/5/2022.",
      "Nơi nhận:",
      "- Như trên;",
      "- Lưu: VT.",
    ].join("\n");
    const p = parseNotice(pasted);
    expect(p.title).toBe("V/v báo cáo kết quả rà soát hộ nghèo");
    expect(p.tasks.map((t) => [t.due, t.due_rule, t.assignee, t.assignee_scope])).toEqual([
      ["2022-05-19", "before", "UBND các huyện, thị xã, thành phố", "all_subunits"],
    ]);
  });

  it("a summary line of two lines followed by the body", () => {
    const pasted = [
      "THÔNG BÁO",
      "Kết luận của Thường trực HĐND huyện tại hội nghị giao ban",
      "với Thường trực HĐND các xã, thị trấn quý II năm 2022",
      "Đề nghị Thường trực HĐND các xã, thị trấn báo cáo kết quả giám sát về Thường trực HĐND huyện trước ngày 15/6/2022.",
    ].join("\n");
    const p = parseNotice(pasted);
    expect(p.title).toBe("Kết luận của Thường trực HĐND huyện tại hội nghị giao ban với Thường trực HĐND các xã, thị trấn quý II năm 2022");
    expect(p.tasks.map((t) => [t.due, t.due_rule, t.assignee_scope])).toEqual([["2022-06-14", "before", "all_subunits"]]);
  });

  it("addressees one per line without bullets, the body right after them", () => {
    const pasted = [
      "UBND TỈNH QUẢNG NGÃI",
      "Số: 12/UBND-TH",
      "V/v báo cáo kết quả rà soát",
      "Quảng Ngãi, ngày 10 tháng 5 năm 2022",
      "Kính gửi:",
      "Các sở, ban, ngành tỉnh;",
      "UBND các huyện, thị xã, thành phố.",
      "Đề nghị Quý cơ quan báo cáo kết quả trước ngày 20/5/2022.",
    ].join("\n");
    const p = parseNotice(pasted);
    expect(p.addressees).toEqual(["Các sở, ban, ngành tỉnh", "UBND các huyện, thị xã, thành phố"]);
    expect(p.tasks.map((t) => [t.due, t.assignee_scope, t.assignee_source])).toEqual([["2022-05-19", "all_subunits", "addressee"]]);
  });

  it("a task table copied from Word, its cells separated by tabs, and numbered headings with a tab", () => {
    const pasted = [
      "THÔNG BÁO",
      "Kết luận của Thường trực HĐND tỉnh",
      "1.\tNhiệm vụ trọng tâm",
      "TT\tNhiệm vụ\tCơ quan chủ trì\tThời hạn hoàn thành",
      "1\tRà soát dữ liệu hộ tịch\tSở Tư pháp\tQuý III/2022",
      "2\tBáo cáo sơ kết\tSở Kế hoạch và Đầu tư\t30/9/2022\t",
    ].join("\n");
    const p = parseNotice(pasted);
    expect(p.title).toBe("Kết luận của Thường trực HĐND tỉnh");
    expect(p.tasks.map((t) => [t.due, t.due_rule, t.assignee, t.assignee_scope])).toEqual([
      ["2022-09-30", "quarter", "Sở Tư pháp", "named_units"],
      ["2022-09-30", "by", "Sở Kế hoạch và Đầu tư", "named_units"],
    ]);
    expect(p.tasks[0]!.quote).toBe("1\tRà soát dữ liệu hộ tịch\tSở Tư pháp\tQuý III/2022");
  });

  it.each(ALL.map((x) => [x.ann.file, x] as const))("%s reads the same without blank lines", (_file, { text }) => {
    expect(summary(singleBreaks(text))).toEqual(summary(text));
  });
});

describe("deadline-like phrases that give no task", () => {
  it("are reported with a warning when nothing was read", () => {
    const p = parseNotice(
      "Sở Tài chính đã báo cáo UBND tỉnh trước ngày 05/5/2022 theo yêu cầu; các đơn vị lưu ý chậm nhất ngày 10.11 phải hoàn thành.",
    );
    expect(p.tasks).toHaveLength(1);
    const none = parseNotice("Sở Tài chính đã báo cáo UBND tỉnh trước ngày 05/5/2022 theo yêu cầu.");
    expect(none.tasks).toEqual([]);
    expect(none.unread_deadline_phrases).toEqual(["trước ngày 05/5/2022"]);
    expect(none.warnings).toContain(
      "Văn bản có cụm từ chỉ thời hạn (“trước ngày 05/5/2022”) nhưng không đọc được thành nhiệm vụ; đề nghị Văn phòng kiểm tra và tạo nhiệm vụ nếu cần.",
    );
  });

  it("are not reported when they became tasks", () => {
    const p = parseNotice("UBND các xã gửi báo cáo trước ngày 20/5/2022.");
    expect(p.tasks).toHaveLength(1);
    expect(p.unread_deadline_phrases).toEqual([]);
  });

  it("are reported when they sit in lines read as the header", () => {
    // a summary line that runs on into a deadline is still cut at the sentence, but if a document
    // puts a deadline in its header block the office is told
    const p = parseNotice(["THÔNG BÁO", "Hạn chót nộp hồ sơ ngày 30/5/2022", "Các xã nộp hồ sơ chậm nhất ngày 30/5/2022."].join("\n"));
    expect(p.tasks.map((t) => t.due)).toEqual(["2022-05-30"]);
    expect(p.unread_deadline_phrases).toEqual(["Hạn chót nộp hồ sơ ngày 30/5/2022"]);
  });
});
