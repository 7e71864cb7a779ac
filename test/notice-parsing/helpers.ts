/** Shared helpers of the notice-parsing tests: a notice with a real header around a test body. */
import { parseNotice } from "../../src/notices/parsing/index.js";
import type { ParsedNotice, ParsedTask } from "../../src/notices/parsing/types.js";

/** A công văn-style header issued on `date` ("ngày 10 tháng 5 năm 2022" by default). */
export function noticeText(body: string, date = "ngày 10 tháng 5 năm 2022"): string {
  return [
    "ỦY BAN NHÂN DÂN",
    "TỈNH QUẢNG NGÃI",
    "-------",
    "Số: 123/UBND-TH",
    "",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "---------------",
    `Quảng Ngãi, ${date}`,
    "",
    "THÔNG BÁO",
    "",
    "Kết luận của Chủ tịch UBND tỉnh",
    "",
    body,
    "",
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu: VT.",
    "",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "",
    "Nguyễn Văn A",
  ].join("\n");
}

export function parseBody(body: string, date?: string): ParsedNotice {
  return parseNotice(noticeText(body, date));
}

/** The single task of a body; fails the test when there is not exactly one. */
export function onlyTask(body: string, date?: string): ParsedTask {
  const tasks = parseBody(body, date).tasks;
  if (tasks.length !== 1) {
    throw new Error(
      `expected exactly one task, got ${tasks.length}: ${JSON.stringify(tasks.map((t) => [t.deadline_phrase, t.due, t.due_rule]))}`,
    );
  }
  return tasks[0]!;
}
