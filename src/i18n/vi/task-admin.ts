/**
 * Sentences of the office managing tasks from chat (/nhiemvu: extend, rename, close, reopen, end a periodic
 * series), the extension notice the units receive, and the digest's lines on extensions and "Không phát sinh".
 */
import { html, joinHtml, type SafeHtml } from "../../text/html.js";
import { nameList, unitInText } from "./schedule.js";

export const digestLines = {
  nothing: (count: number): SafeHtml => html`• Trong đó báo cáo “Không phát sinh”: ${count} đơn vị.`,
  extended: (units: ReadonlyArray<{ name: string; due: string }>): SafeHtml =>
    html`• Được gia hạn riêng: ${joinHtml(
      units.map((u) => html`${u.name} (đến ${u.due})`),
      "; ",
    )}.`,
};

/** Why an extension was refused (see core/tasks/extend.ts). */
export type ExtendErrorText =
  | { code: "not-found" }
  | { code: "not-open"; status: string }
  | { code: "reason-missing" }
  | { code: "reason-too-long"; max: number }
  | { code: "due"; message: SafeHtml }
  | { code: "not-later"; current: string }
  | { code: "in-past" }
  | { code: "unknown-units"; codes: string[] }
  | { code: "no-units" };

export const taskAdmin = {
  flowTitle: "quản lý nhiệm vụ báo cáo",
  cancel: "Hủy",
  back: "◂ Quay lại",
  chooseTask: (count: number): SafeHtml =>
    count > 0
      ? html`<b>Nhiệm vụ báo cáo</b>\nĐồng chí chọn nhiệm vụ cần gia hạn, đổi tên, đóng hoặc mở lại (đang mở ở trên, sau đó các nhiệm vụ đã đóng gần đây):`
      : html`Hiện chưa có nhiệm vụ báo cáo nào. Tạo nhiệm vụ bằng lệnh /hanmoi.`,
  taskChoice: (id: number, title: string, status: string): string => `#${id} ${title}${status === "closed" ? " (đã đóng)" : ""}`,
  seriesChoice: (id: number, title: string): string => `ĐK${id} ${title} (định kỳ)`,
  taskCard: (p: {
    id: number;
    title: string;
    status: string;
    due: string;
    submitted: number;
    total: number;
    extended: ReadonlyArray<{ name: string; due: string }>;
    history: ReadonlyArray<string>;
    series: string | null;
  }): SafeHtml =>
    joinHtml([
      html`<b>#${p.id} ${p.title}</b>`,
      p.series ? html`Thuộc chế độ báo cáo định kỳ: ${p.series}` : "",
      html`Tình trạng: ${p.status === "open" ? "đang mở" : p.status === "closed" ? "đã đóng" : p.status}. Hạn nộp: ${p.due}. Đã nộp ${p.submitted}/${p.total} đơn vị.`,
      p.extended.length > 0
        ? html`Gia hạn riêng: ${joinHtml(
            p.extended.map((u) => html`${u.name} (đến ${u.due})`),
            "; ",
          )}.`
        : "",
      p.history.length > 0 ? joinHtml([html`Lịch sử gia hạn:`, ...p.history.map((h) => html`• ${h}`)]) : "",
      html`Đồng chí chọn việc cần làm:`,
    ]),
  extend: "Gia hạn",
  rename: "Đổi tên",
  close: "Đóng nhiệm vụ",
  reopen: "Mở lại",
  endSeries: "Kết thúc định kỳ",
  extendAll: (n: number): string => `Gia hạn cho tất cả (${n} đơn vị)`,
  extendSome: "Chọn đơn vị được gia hạn",
  askExtendScope: (): SafeHtml => html`Gia hạn cho tất cả các đơn vị hay chỉ một số đơn vị?`,
  askExtendDue: (current: string): SafeHtml =>
    html`Hạn hiện tại: ${current}.\nĐồng chí gõ hạn mới, ví dụ 25/11/2026 hoặc “25/11/2026 10:00”; cũng có thể gõ “thêm 3 ngày làm việc” (tính từ hạn hiện tại, không tính ngày nghỉ).`,
  askReason: (): SafeHtml =>
    html`Đồng chí gõ lý do gia hạn (ví dụ: “Theo đề nghị của UBND xã do mưa lũ”). Lý do được gửi kèm thông báo tới các đơn vị.`,
  confirmExtend: (p: { title: string; units: string; from: string; to: string; reason: string }): SafeHtml =>
    joinHtml([
      html`<b>XÁC NHẬN GIA HẠN</b>`,
      html`Nhiệm vụ: ${p.title}`,
      html`Đơn vị: ${p.units}`,
      html`Hạn cũ: ${p.from}`,
      html`Hạn mới: <b>${p.to}</b>`,
      html`Lý do: ${p.reason}`,
      html`Các đơn vị chưa nộp sẽ được thông báo; lịch nhắc hạn và việc tính đúng hạn/trễ hạn theo hạn mới.`,
    ]),
  confirm: "Xác nhận",
  extended: (p: { title: string; to: string; units: number; told: number }): SafeHtml =>
    html`✅ Đã gia hạn “${p.title}” đến ${p.to} cho ${p.units} đơn vị; đã gửi thông báo tới ${p.told} nhóm/tài khoản của các đơn vị chưa nộp.`,
  askNewTitle: (current: string): SafeHtml => html`Tên hiện tại: “${current}”.\nĐồng chí gõ tên mới.`,
  renamed: (from: string, to: string): SafeHtml => html`✅ Đã đổi tên nhiệm vụ “${from}” thành “${to}”.`,
  closed: (title: string, cancelled: number): SafeHtml =>
    html`✅ Đã đóng nhiệm vụ “${title}”: dừng nhắc hạn${cancelled > 0 ? html` (hủy ${cancelled} tin nhắc đang chờ gửi)` : ""}. Các báo cáo đã nhận vẫn được lưu; có thể mở lại khi cần.`,
  reopened: (title: string): SafeHtml => html`✅ Đã mở lại nhiệm vụ “${title}”: các đơn vị chưa nộp lại được nhắc theo lịch.`,
  already: (status: string): SafeHtml =>
    html`Nhiệm vụ đã ${status === "closed" ? "đóng" : status === "open" ? "đang mở" : "bị xóa"} từ trước; không có gì thay đổi.`,
  askEndSeries: (title: string): SafeHtml =>
    html`Kết thúc chế độ báo cáo định kỳ “${title}”? Không tạo thêm kỳ mới; các kỳ chưa đến hạn được đóng. Các báo cáo đã nhận vẫn được lưu.`,
  endAfterCurrent: "Kết thúc sau kỳ đang mở",
  endNow: "Kết thúc ngay (đóng cả kỳ đang mở)",
  notFound: (): SafeHtml => html`Không tìm thấy nhiệm vụ này (có thể đã bị xóa). Đồng chí gõ /nhiemvu để xem lại danh sách.`,
  error: (e: ExtendErrorText): SafeHtml => {
    switch (e.code) {
      case "not-found":
        return html`Không tìm thấy nhiệm vụ.`;
      case "not-open":
        return html`Nhiệm vụ đã đóng; đề nghị mở lại trước khi gia hạn.`;
      case "reason-missing":
        return html`Đề nghị đồng chí ghi lý do gia hạn.`;
      case "reason-too-long":
        return html`Lý do quá dài (tối đa ${e.max} ký tự).`;
      case "due":
        return e.message;
      case "not-later":
        return html`Hạn mới phải sau hạn hiện tại (${e.current}).`;
      case "in-past":
        return html`Hạn mới đã qua. Đề nghị đồng chí nhập một hạn trong tương lai.`;
      case "unknown-units":
        return html`Đơn vị ${e.codes.join(", ")} không được giao nhiệm vụ này.`;
      case "no-units":
        return html`Chưa chọn đơn vị nào.`;
    }
  },
  historyLine: (p: { at: string; unit: string | null; from: string; to: string; reason: string; by: string }): string =>
    `${p.at}: ${p.unit ?? "tất cả đơn vị"} từ ${p.from} đến ${p.to} (${p.reason}; ${p.by})`,

  /** Told to a unit (its group and its vice-chairs) when its deadline is extended. */
  extensionNotice: (p: { unitName: string; title: string; from: string; to: string; reason: string }): SafeHtml =>
    joinHtml([
      html`<b>THÔNG BÁO GIA HẠN NỘP BÁO CÁO</b>`,
      html`Kính gửi: Thường trực HĐND ${unitInText(p.unitName)}.`,
      html`Nhiệm vụ: <b>“${p.title}”</b>`,
      html`Hạn nộp được gia hạn từ ${p.from} đến <b>${p.to}</b>.`,
      html`Lý do: ${p.reason}.`,
      html`Đề nghị đồng chí Phó Chủ tịch HĐND ${unitInText(p.unitName)} gửi báo cáo trước thời hạn mới bằng lệnh /baocao.`,
      html`Trân trọng.`,
    ]),
  unitsLabel: (all: boolean, names: readonly string[]): SafeHtml =>
    all ? html`tất cả ${names.length} đơn vị` : html`${names.length} đơn vị: ${nameList(names)}`,
};
