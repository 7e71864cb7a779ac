/**
 * Sentences of periodic reporting (báo cáo định kỳ): period names, the series as the office sets it up in
 * /hanmoi and sees it in lists, and its errors.
 */
import { html, joinHtml, type SafeHtml } from "../../text/html.js";
import type { Every, OnDayOff, Period } from "../../domain/periods.js";

const ROMAN = ["I", "II", "III", "IV"];

/** "tháng 11/2026", "quý IV/2026", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026", "năm 2026". */
export function periodLabel(p: Pick<Period, "every" | "year" | "index">): string {
  switch (p.every) {
    case "month":
      return `tháng ${p.index}/${p.year}`;
    case "quarter":
      return `quý ${ROMAN[p.index - 1]}/${p.year}`;
    case "half_year":
      return p.index === 1 ? `6 tháng đầu năm ${p.year}` : `6 tháng cuối năm ${p.year}`;
    case "year":
      return `năm ${p.year}`;
  }
}

/** The title of one period's task: "Báo cáo tình hình an ninh, trật tự – tháng 11/2026". */
export const periodTaskTitle = (seriesTitle: string, p: Pick<Period, "every" | "year" | "index">): string =>
  `${seriesTitle} – ${periodLabel(p)}`;

/** "hằng tháng, hạn ngày 20", "hằng quý, hạn ngày 20 tháng cuối quý", "hằng năm, hạn ngày 15/11". */
export function ruleText(r: { every: Every; day: number; month?: number | null; dueTime?: string }): string {
  const time = r.dueTime && r.dueTime !== "17:00" ? ` lúc ${r.dueTime}` : "";
  switch (r.every) {
    case "month":
      return `hằng tháng, hạn ngày ${r.day}${time}`;
    case "quarter":
      return `hằng quý, hạn ngày ${r.day} tháng cuối quý${time}`;
    case "half_year":
      return `6 tháng một lần, hạn ngày ${r.day} tháng 6 và tháng 12${time}`;
    case "year":
      return `hằng năm, hạn ngày ${r.day}/${r.month ?? 12}${time}`;
  }
}

export const everyLabel: Record<Every, string> = {
  month: "Hằng tháng",
  quarter: "Hằng quý",
  half_year: "6 tháng một lần",
  year: "Hằng năm",
};

export const onDayOffText: Record<OnDayOff, string> = {
  keep: "giữ nguyên hạn",
  next_working_day: "lùi sang ngày làm việc kế tiếp",
  previous_working_day: "đưa lên ngày làm việc liền trước",
};

export const periodic = {
  once: "Một lần (nhập ngày)",
  askKind: (): SafeHtml =>
    html`Nhiệm vụ này báo cáo một lần hay định kỳ? Bấm <b>Một lần</b> rồi nhập hạn nộp, hoặc chọn kỳ báo cáo định kỳ (mỗi kỳ là một lần nộp, có hạn, nhắc hạn và tổng hợp riêng).\nCũng có thể gõ hạn tương đối, ví dụ “5 ngày làm việc” (không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết).`,
  askDay: (every: Every): SafeHtml =>
    every === "month"
      ? html`Hạn nộp là ngày nào trong tháng? Đồng chí gõ một số từ 1 đến 31, ví dụ 20 (báo cáo “trước ngày 20 hằng tháng” thì gõ 19). Tháng không có ngày đó thì hạn là ngày cuối tháng.`
      : every === "year"
        ? html`Hạn nộp là ngày nào trong năm? Đồng chí gõ ngày/tháng, ví dụ 15/12.`
        : html`Hạn nộp là ngày nào của tháng cuối kỳ (${every === "quarter" ? "tháng 3, 6, 9, 12" : "tháng 6 và tháng 12"})? Đồng chí gõ một số từ 1 đến 31, ví dụ 20.`,
  badDay: (typed: string): SafeHtml => html`“${typed}” không phải một ngày từ 1 đến 31. Đề nghị đồng chí gõ lại, ví dụ 20.`,
  badDayMonth: (typed: string): SafeHtml => html`“${typed}” không phải ngày/tháng. Đề nghị đồng chí gõ lại, ví dụ 15/12.`,
  askUntil: (): SafeHtml =>
    html`Chế độ báo cáo này áp dụng đến khi nào? Bấm <b>Không thời hạn</b> (Văn phòng kết thúc khi cần) hoặc gõ ngày kết thúc, ví dụ 31/12/2027.`,
  noEnd: "Không thời hạn",
  untilBeforeStart: (): SafeHtml => html`Ngày kết thúc phải sau ngày hôm nay. Đề nghị đồng chí gõ lại.`,
  /** The review's periodic lines: the rule and the first deadlines. */
  preview: (p: {
    rule: string;
    until: string | null;
    next: ReadonlyArray<{ label: string; due: string }>;
    dayOff: string | null;
  }): SafeHtml =>
    joinHtml([
      html`Định kỳ: ${p.rule}${p.until ? `, đến ${p.until}` : ", không thời hạn"}.`,
      p.dayOff ? html`Hạn rơi vào ngày nghỉ: ${p.dayOff}.` : "",
      p.next.length > 0
        ? html`Các kỳ tới: ${p.next.map((n) => `${n.label} (hạn ${n.due})`).join("; ")}.`
        : html`Không còn kỳ nào trong thời hạn đã chọn.`,
    ]),
  created: (p: { id: number; title: string; rule: string; first: string | null; units: number }): SafeHtml =>
    joinHtml([
      html`✅ Đã tạo chế độ báo cáo định kỳ <b>ĐK${p.id}</b> “${p.title}” (${p.rule}), giao cho ${p.units} đơn vị.`,
      p.first
        ? html`Kỳ đầu tiên: ${p.first}. Mỗi kỳ có hạn, nhắc hạn và dòng tổng hợp riêng; các đơn vị nộp bằng lệnh /baocao.`
        : html`Chưa có kỳ nào mở; kỳ đầu tiên tự mở vào ngày đầu kỳ.`,
    ]),
  ended: (p: { id: number; title: string; closed: number }): SafeHtml =>
    html`Đã kết thúc chế độ báo cáo định kỳ <b>ĐK${p.id}</b> “${p.title}”: không tạo thêm kỳ mới${p.closed > 0 ? html`; đã đóng ${p.closed} kỳ chưa đến hạn` : ""}. Các báo cáo đã nhận vẫn được lưu.`,
  seriesLabel: (id: number, title: string, rule: string): string => `ĐK${id} ${title} (${rule})`,
  /** Under a notice's recurring requirement. */
  proposal: (rule: string): SafeHtml =>
    html`Đề xuất tạo <b>nhiệm vụ định kỳ</b>: ${rule}. Mỗi kỳ là một lần nộp có hạn, nhắc hạn và tổng hợp riêng. Bấm <b>Tạo nhiệm vụ</b> để tạo; muốn sửa ngày hạn thì tạo bằng /hanmoi.`,
  error: (e: SeriesOnlyError): SafeHtml => {
    switch (e.code) {
      case "every":
        return html`Kỳ báo cáo không hợp lệ; chọn hằng tháng, hằng quý, 6 tháng hoặc hằng năm.`;
      case "day":
        return html`Ngày hạn “${e.input}” không hợp lệ (từ 1 đến 31).`;
      case "month":
        return html`Tháng “${e.input}” không hợp lệ (từ 1 đến 12).`;
      case "until-date":
      case "start-date":
        return e.message;
      case "until-before-start":
        return html`Ngày kết thúc phải sau ngày bắt đầu.`;
      case "no-period":
        return html`Không có kỳ báo cáo nào có hạn trong khoảng thời gian đã chọn.`;
    }
  },
};

/** Errors of a series beyond a single task's (see core/tasks/series.ts). */
export type SeriesOnlyError =
  | { code: "every"; input: string }
  | { code: "day"; input: string }
  | { code: "month"; input: string }
  | { code: "until-date"; input: string; message: SafeHtml }
  | { code: "start-date"; input: string; message: SafeHtml }
  | { code: "until-before-start" }
  | { code: "no-period" };
