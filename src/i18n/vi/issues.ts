/** Sentences of /vande (urgent local problems) and of the standing committee's handling of them. */
import { html, joinHtml, type SafeHtml } from "../../text/html.js";
import { roleName } from "./common.js";
import { statusLabel, urgencyLabel } from "./schedule.js";

export const issues = {
  title: "báo cáo vấn đề nổi cộm",
  askCategory: (): SafeHtml => html`<b>Báo cáo vấn đề nổi cộm, bức xúc</b>\nVấn đề thuộc lĩnh vực nào?`,
  askUrgency: (): SafeHtml => html`Mức độ khẩn cấp?`,
  urgencyNormal: "Bình thường",
  urgencyUrgent: "Khẩn",
  urgencyVeryUrgent: "Rất khẩn",
  askLocation: (): SafeHtml => html`Vấn đề xảy ra ở đâu? Đồng chí gõ địa điểm (ví dụ: thôn An Thạch, xã Phổ An).`,
  locationTooLong: (): SafeHtml => html`Địa điểm quá dài (tối đa 200 ký tự). Đồng chí gõ ngắn gọn hơn.`,
  askLocationText: (): SafeHtml => html`Đồng chí gõ tên địa điểm bằng chữ.`,
  askDescription: (): SafeHtml => html`Đồng chí mô tả sự việc: có thể gửi nhiều tin nhắn chữ, ảnh và tệp. Gửi xong, bấm <b>Xem lại</b>.`,
  empty: (): SafeHtml => html`Chưa có nội dung mô tả. Đồng chí gửi nội dung bằng chữ, ảnh hoặc tệp rồi bấm <b>Xem lại</b>.`,
  preview: (p: { category: string; urgency: string; location: string; body: string; files: string[] }): SafeHtml =>
    joinHtml([
      html`<b>XEM LẠI VẤN ĐỀ</b>`,
      html`Lĩnh vực: ${p.category}`,
      html`Mức độ: ${urgencyLabel(p.urgency)}`,
      html`Địa điểm: ${p.location}`,
      p.body ? html`\n${p.body}` : "",
      p.files.length > 0 ? html`\nTệp/ảnh (${p.files.length}): ${p.files.join("; ")}` : "",
      html`\nBấm <b>Gửi</b> để chuyển Thường trực HĐND, <b>Sửa</b> để bổ sung, <b>Hủy</b> để bỏ.`,
    ]),
  receipt: (receiptNo: string, at: string): SafeHtml =>
    html`✅ Đã chuyển vấn đề số <b>${receiptNo}</b> đến Thường trực HĐND lúc ${at}. Đồng chí sẽ nhận được thông báo khi vấn đề được tiếp nhận và xử lý.`,
  forStanding: (p: {
    receiptNo: string;
    urgency: string;
    category: string;
    unitName: string | null;
    reporter: string;
    reporterRole: string;
    location: string;
    at: string;
    body: string;
    status: string;
    committee: string | null;
    history: string[];
    foreignFiles: string[];
    fileCount: number;
  }): SafeHtml =>
    joinHtml([
      html`${p.urgency === "very_urgent" ? "🔴" : p.urgency === "urgent" ? "🟠" : "🟡"} <b>VẤN ĐỀ ${p.receiptNo}</b> – ${urgencyLabel(p.urgency).toUpperCase()}`,
      html`Lĩnh vực: ${p.category}`,
      html`Đơn vị: ${p.unitName ?? "—"}`,
      html`Người báo: ${p.reporter} – ${roleName(p.reporterRole)}`,
      html`Địa điểm: ${p.location}`,
      html`Thời gian: ${p.at}`,
      p.body ? html`\n${p.body}` : "",
      p.fileCount > 0 ? html`\nTệp/ảnh: ${p.fileCount} (gửi ngay sau tin này).` : "",
      p.foreignFiles.length > 0 ? html`Tệp gửi qua nền tảng khác: ${p.foreignFiles.join("; ")}` : "",
      html`\nTrạng thái: <b>${statusLabel(p.status)}</b>${p.committee ? ` (${p.committee})` : ""}`,
      ...p.history.map((h) => html`• ${h}`),
    ]),
  historyEarlier: (n: number): string => `… ${n} thay đổi trước (xem đầy đủ trên trang quản trị)`,
  historyLine: (at: string, status: string, actor: string, note: string | null): string =>
    `${at}: ${statusLabel(status)} (${actor})${note ? ` – ${note}` : ""}`,
  buttonAck: "Tiếp nhận",
  buttonAssign: "Chuyển Ban…",
  buttonResolve: "Đã xử lý",
  chooseCommittee: (receiptNo: string): SafeHtml => html`Chuyển vấn đề ${receiptNo} cho Ban nào?`,
  noCommittees: (): string => "Chưa có Ban HĐND nào trong danh sách đơn vị.",
  askNote: (receiptNo: string): SafeHtml => html`Đồng chí nhập ghi chú kết quả xử lý vấn đề ${receiptNo} (hoặc bấm “Không ghi chú”).`,
  noNote: "Không ghi chú",
  onlyStanding: (): string => "Chỉ Thường trực HĐND và Văn phòng mới thao tác được trên vấn đề này.",
  alreadyInStatus: (status: string): string => `Vấn đề đã ở trạng thái “${statusLabel(status)}”.`,
  notFound: (): string => "Không tìm thấy vấn đề này.",
  /** what a press changed, said in the toast (and after the note that closes an issue) */
  done: (status: string, receiptNo: string, committee?: string | null): string => {
    switch (status) {
      case "acknowledged":
        return `Đã tiếp nhận vấn đề ${receiptNo}. Người báo cáo đã được báo.`;
      case "assigned":
        return `Đã chuyển vấn đề ${receiptNo} cho ${committee ?? "Ban đã chọn"}. Người báo cáo đã được báo.`;
      case "resolved":
        return `Đã chuyển vấn đề ${receiptNo} sang “đã xử lý”. Người báo cáo đã được báo.`;
      default:
        return `Vấn đề ${receiptNo}: ${statusLabel(status)}.`;
    }
  },
  /** the toast of "Chuyển Ban…" and "Đã xử lý", which only open the next question */
  chooseCommitteeToast: (receiptNo: string): string => `Chọn Ban nhận vấn đề ${receiptNo}.`,
  noteToast: (receiptNo: string): string => `Nhập ghi chú để đóng vấn đề ${receiptNo}.`,
  toReporter: (p: { receiptNo: string; status: string; actor: string; committee: string | null; note: string | null }): SafeHtml =>
    joinHtml([
      html`Vấn đề số <b>${p.receiptNo}</b> đồng chí báo cáo đã được cập nhật: <b>${statusLabel(p.status)}</b>${p.committee ? ` (${p.committee})` : ""}.`,
      html`Người cập nhật: ${p.actor}.`,
      p.note ? html`Ghi chú: ${p.note}` : "",
    ]),
  resolveTitle: "ghi chú xử lý vấn đề",
  statusLine: (p: { receiptNo: string; status: string; actor: string; committee: string | null; note: string | null }): SafeHtml =>
    html`Vấn đề <b>${p.receiptNo}</b>: ${statusLabel(p.status)}${p.committee ? ` (${p.committee})` : ""} (${p.actor})${p.note ? `. Ghi chú: ${p.note}` : ""}.`,
  fileCaption: (receiptNo: string, index: number, total: number, name: string | null): SafeHtml =>
    html`${receiptNo} – tệp ${index}/${total}${name ? `: ${name}` : ""}`,
};
