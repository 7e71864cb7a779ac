/**
 * Sentences of reporting tasks: the office's /hanmoi flow, task errors, the notice acknowledgement reminder,
 * and /tonghop. Reminder, escalation and digest texts themselves live in schedule.ts.
 */
import { html, joinHtml, type SafeHtml } from "../../text/html.js";
import { nameList, unitInText } from "./schedule.js";
import type { TaskError } from "../../core/tasks/create-task.js";

const DATE_EXAMPLE = "31/5/2022";

/** "trước hạn 3 ngày", "ngày hết hạn", "quá hạn 2 ngày" for a reminder point name. */
export function pointLabel(point: string): string {
  const before = /^before-(\d+)$/.exec(point);
  if (before) return `trước hạn ${before[1]} ngày`;
  const overdue = /^overdue-(\d+)$/.exec(point);
  if (overdue) return `quá hạn ${overdue[1]} ngày`;
  if (point === "due-day") return "ngày hết hạn";
  return point;
}

export const tasks = {
  flowTitle: "tạo nhiệm vụ báo cáo",
  cancel: "Hủy",
  skip: "Bỏ qua",
  done: (n: number): string => (n > 0 ? `Xong (${n} đơn vị)` : "Xong"),
  allUnits: (n: number): string => `Tất cả đơn vị (${n})`,
  chooseUnits: "Chọn từng đơn vị",
  nextPage: "Trang tiếp ▸",
  noNotice: "Không gắn thông báo",
  create: "Tạo nhiệm vụ",
  changeDue: "Sửa hạn nộp",

  askTitle: (): SafeHtml =>
    html`<b>Tạo nhiệm vụ báo cáo</b>\nĐồng chí gõ tên nhiệm vụ báo cáo, ví dụ: “Báo cáo kết quả giám sát việc bồi thường, giải phóng mặt bằng dự án cao tốc Bắc - Nam”.`,
  askDescription: (): SafeHtml => html`Đồng chí gõ nội dung, yêu cầu cụ thể của báo cáo (nếu có), hoặc bấm <b>Bỏ qua</b>.`,
  askDue: (): SafeHtml =>
    html`Hạn nộp báo cáo là ngày nào? Đồng chí gõ theo dạng ngày/tháng/năm, ví dụ ${DATE_EXAMPLE}; có thể kèm giờ, ví dụ “${DATE_EXAMPLE} 10:00”. Không ghi giờ thì hạn là 17:00 ngày đó.`,
  askUnitsMode: (): SafeHtml => html`Giao nhiệm vụ cho những đơn vị nào?`,
  askUnits: (chosen: readonly string[]): SafeHtml =>
    joinHtml([
      html`Bấm vào tên đơn vị để chọn hoặc bỏ chọn (có thể gõ tên đơn vị, nhiều tên cách nhau bằng dấu phẩy). Chọn xong bấm <b>Xong</b>.`,
      chosen.length > 0 ? html`Đã chọn ${chosen.length} đơn vị: ${nameList(chosen)}.` : html`Chưa chọn đơn vị nào.`,
    ]),
  noUnitChosen: (): SafeHtml => html`Đồng chí chưa chọn đơn vị nào. Vui lòng chọn ít nhất một đơn vị.`,
  unitNotFound: (typed: string): SafeHtml =>
    html`Không tìm thấy đơn vị “${typed}”. Đồng chí kiểm tra lại tên hoặc bấm chọn trong danh sách.`,
  unitAmbiguous: (typed: string, names: readonly string[]): SafeHtml =>
    html`“${typed}” khớp với nhiều đơn vị: ${names.join(", ")}. Đồng chí gõ rõ hơn hoặc bấm chọn trong danh sách.`,
  askNotice: (): SafeHtml =>
    html`Nhiệm vụ này thực hiện theo thông báo nào? Chọn một thông báo gần đây hoặc bấm <b>Không gắn thông báo</b>.`,
  noticeLabel: (id: number, title: string): string => `#${id} ${title}`,

  preview: (p: {
    title: string;
    description: string | null;
    deadline: string;
    relative: SafeHtml;
    units: { all: boolean; names: readonly string[] };
    notice: string | null;
    plan: SafeHtml;
  }): SafeHtml =>
    joinHtml([
      html`<b>XEM LẠI NHIỆM VỤ BÁO CÁO</b>`,
      html`Nhiệm vụ: <b>${p.title}</b>`,
      p.description ? html`Nội dung: ${p.description}` : "",
      html`Hạn nộp: ${p.deadline} (${p.relative})`,
      p.units.all
        ? html`Đơn vị thực hiện: tất cả ${p.units.names.length} đơn vị`
        : html`Đơn vị thực hiện (${p.units.names.length}): ${nameList(p.units.names)}`,
      p.notice ? html`Theo thông báo: ${p.notice}` : "",
      p.plan,
      html`\nBấm <b>Tạo nhiệm vụ</b> để giao, <b>Hủy</b> để bỏ.`,
    ]),

  /** The reminder plan: points already formatted ("08:00 thứ Ba, ngày 24/5/2022"). */
  plan: (points: ReadonlyArray<{ label: string; when: string }>, escalation: string | null): SafeHtml => {
    if (points.length === 0 && !escalation) return html`Lịch nhắc: không còn mốc nhắc nào (hạn nộp đã quá gần).`;
    return joinHtml([
      html`Lịch nhắc các đơn vị chưa nộp (trong nhóm của đơn vị và tin nhắn riêng tới Phó Chủ tịch HĐND):`,
      ...points.map((p) => html`• ${p.when} — ${p.label}`),
      points.length === 0 ? html`• không còn mốc nhắc nào trước hạn` : "",
      escalation ? html`• ${escalation} — báo Thường trực HĐND danh sách đơn vị chưa nộp` : "",
    ]);
  },

  created: (p: { id: number; title: string; deadline: string; units: number }): SafeHtml =>
    html`✅ Đã tạo nhiệm vụ báo cáo <b>#${p.id}</b> “${p.title}”, hạn nộp ${p.deadline}, giao cho ${p.units} đơn vị. Các đơn vị xem bằng lệnh /hanbaocao và nộp bằng lệnh /baocao.`,

  dueInPast: (deadline: string): SafeHtml => html`Hạn nộp ${deadline} đã qua. Đề nghị đồng chí nhập một hạn nộp trong tương lai.`,

  /** A task error as one Vietnamese sentence (for the chat). */
  error: (e: TaskError): SafeHtml => {
    switch (e.code) {
      case "title-missing":
        return html`Tên nhiệm vụ không được để trống.`;
      case "title-too-long":
        return html`Tên nhiệm vụ quá dài (${e.length} ký tự, tối đa ${e.max}). Đề nghị đồng chí rút gọn; nội dung chi tiết ghi ở bước sau.`;
      case "description-too-long":
        return html`Nội dung quá dài (${e.length} ký tự, tối đa ${e.max}).`;
      case "due-date":
      case "due-time":
        return e.message;
      case "due-in-past":
        return html`Hạn nộp đã qua. Đề nghị đồng chí nhập một hạn nộp trong tương lai.`;
      case "no-units":
        return html`Nhiệm vụ chưa được giao cho đơn vị nào.`;
      case "unknown-units":
        return html`Không có đơn vị mã ${e.codes.join(", ")}.`;
      case "inactive-units":
        return html`Đơn vị ${e.codes.join(", ")} không còn hoạt động.`;
      case "unknown-notice":
        return html`Không tìm thấy thông báo ${e.noticeId}.`;
      case "bad-schedule":
        return html`Lịch nhắc riêng không hợp lệ: ${e.errors.join("; ")}.`;
    }
  },

  /** Under a unit group's reminder: opens a private chat with the bot and starts /baocao. */
  submitButton: (): string => "📝 Gửi báo cáo",

  /** One reminder in a unit's group for a notice nobody there has acknowledged. */
  noticeAckReminder: (p: { noticeTitle: string; unitName: string; deliveredAt: string; byButton: boolean }): SafeHtml =>
    joinHtml([
      html`<b>NHẮC XÁC NHẬN ĐÃ NHẬN THÔNG BÁO</b>`,
      html`Kính gửi: Thường trực HĐND ${unitInText(p.unitName)}.`,
      html`Thông báo “<b>${p.noticeTitle}</b>” gửi vào nhóm lúc ${p.deliveredAt} đến nay chưa có đồng chí nào của ${unitInText(p.unitName)} xác nhận đã nhận.`,
      p.byButton
        ? html`Đề nghị đồng chí Phó Chủ tịch HĐND ${unitInText(p.unitName)} đọc thông báo và bấm nút <b>Đã nhận</b> dưới thông báo để xác nhận.`
        : html`Đề nghị đồng chí Phó Chủ tịch HĐND ${unitInText(p.unitName)} đọc thông báo và trả lời “đã nhận” trong nhóm để xác nhận.`,
      html`Trân trọng.`,
    ]),

  flowExpiredGeneric: (): SafeHtml =>
    html`Thao tác đồng chí đang thực hiện dở đã quá 24 giờ không có phản hồi nên đã tự hủy. Nội dung nhập dở không được lưu. Đồng chí có thể bắt đầu lại bất cứ lúc nào.`,

  /** Column headers of `council export submissions` (the office's own spreadsheet). */
  exportColumns: [
    "Số tiếp nhận",
    "Mã đơn vị",
    "Tên đơn vị",
    "Nhiệm vụ",
    "Lần gửi",
    "Thời điểm gửi",
    "Đúng hạn/Trễ hạn",
    "Người gửi",
    "Nội dung",
    "Tệp đính kèm",
    "Bản mới nhất",
  ] as const,
  exportOnTime: "Đúng hạn",
  exportLate: "Trễ hạn",
  exportNoDeadline: "Không có hạn",
  exportOtherReport: "Báo cáo khác (ngoài nhiệm vụ)",
  exportLatestYes: "Mới nhất",
  exportFile: (kind: string, i: number): string => (kind === "photo" ? `ảnh ${i + 1}` : `tệp ${i + 1}`),

  digestOnlyHere: (): SafeHtml => html`Lệnh /tonghop dùng trong tin nhắn riêng với bot hoặc trong nhóm Thường trực HĐND.`,
};
