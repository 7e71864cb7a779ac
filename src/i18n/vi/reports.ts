/** Sentences of the reporting side: /baocao, /hanbaocao, receipts, and the report as the standing committee sees it. */
import { html, joinHtml, type SafeHtml } from "../../text/html.js";
import { unitInText } from "./schedule.js";
import { roleName } from "./common.js";

export const reports = {
  title: "gửi báo cáo",
  noUnit: (): SafeHtml =>
    html`Tài khoản của đồng chí chưa gắn với đơn vị nào nên chưa gửi báo cáo được. Đề nghị đồng chí liên hệ Văn phòng.`,
  chooseTask: (unitName: string): SafeHtml =>
    html`<b>Gửi báo cáo của ${unitInText(unitName)}</b>\nĐồng chí chọn yêu cầu báo cáo (hạn gần nhất ở trên):`,
  noOpenTasks: (unitName: string): SafeHtml =>
    html`${unitName} hiện không có yêu cầu báo cáo nào đang mở. Đồng chí vẫn có thể gửi “Báo cáo khác” (báo cáo không theo yêu cầu).`,
  otherReport: "Báo cáo khác",
  otherReportName: "Báo cáo khác (không theo yêu cầu)",
  taskLabel: (title: string, due: string) => `${title} – hạn ${due}`,
  askContent: (taskTitle: string): SafeHtml =>
    html`Báo cáo cho: <b>${taskTitle}</b>\nĐồng chí gửi nội dung báo cáo: có thể gửi nhiều tin nhắn chữ, ảnh và tệp (PDF, Word, Excel). Gửi xong, bấm <b>Xem lại</b>.`,
  received: (texts: number, files: number): SafeHtml =>
    html`Đã nhận. Hiện có ${texts} đoạn văn bản và ${files} tệp/ảnh. Gửi tiếp hoặc bấm <b>Xem lại</b>.`,
  preview: "Xem lại",
  submit: "Gửi",
  edit: "Sửa",
  cancel: "Hủy",
  clear: "Xóa nội dung đã nhập",
  cleared: (): SafeHtml => html`Đã xóa nội dung đã nhập. Đồng chí gửi lại nội dung báo cáo.`,
  empty: (): SafeHtml => html`Báo cáo chưa có nội dung. Đồng chí gửi nội dung bằng chữ, ảnh hoặc tệp rồi bấm <b>Xem lại</b>.`,
  editPrompt: (): SafeHtml => html`Đồng chí gửi thêm nội dung, hoặc xóa nội dung đã nhập để nhập lại. Xong bấm <b>Xem lại</b>.`,
  previewText: (p: { unitName: string; taskTitle: string; due: string | null; body: string; files: string[]; sender: string }): SafeHtml =>
    joinHtml([
      html`<b>XEM LẠI BÁO CÁO</b>`,
      html`Đơn vị: ${p.unitName}`,
      html`Người gửi: ${p.sender}`,
      html`Yêu cầu: ${p.taskTitle}${p.due ? ` (hạn ${p.due})` : ""}`,
      p.body ? html`\n${p.body}` : "",
      p.files.length > 0 ? html`\nTệp đính kèm (${p.files.length}): ${p.files.join("; ")}` : "",
      html`\nBấm <b>Gửi</b> để nộp, <b>Sửa</b> để bổ sung, <b>Hủy</b> để bỏ.`,
    ]),
  fileRefused: (name: string): SafeHtml => html`Tệp “${name}” không thuộc loại được nhận. Đồng chí gửi ảnh hoặc tệp PDF, Word, Excel.`,
  fileTooBig: (name: string, limit: string): SafeHtml =>
    html`Tệp “${name}” lớn hơn giới hạn ${limit}. Đồng chí gửi tệp nhỏ hơn hoặc chia thành nhiều tệp.`,
  tooManyFiles: (max: number): SafeHtml => html`Mỗi báo cáo đính kèm tối đa ${max} tệp/ảnh.`,
  unsupported: (): SafeHtml => html`Báo cáo chỉ nhận chữ, ảnh và tệp tài liệu. Nhãn dán, tin nhắn thoại và video không được lưu.`,
  taskClosed: (title: string): SafeHtml =>
    html`Yêu cầu “${title}” vừa được Văn phòng đóng lại. Đồng chí có thể gửi nội dung này như “Báo cáo khác”, hoặc hủy.`,
  submitAsOther: "Gửi như báo cáo khác",
  taskNoLongerOpen: (): SafeHtml => html`Yêu cầu vừa chọn không còn mở. Danh sách dưới đây đã được cập nhật.`,
  receipt: (p: {
    receiptNo: string;
    at: string;
    status: "on_time" | "late" | "no_deadline";
    lateBy: string | null;
    version: number;
    taskTitle: string;
  }): SafeHtml =>
    joinHtml([
      html`✅ Đã nhận báo cáo số <b>${p.receiptNo}</b> lúc ${p.at}.`,
      html`Yêu cầu: ${p.taskTitle}`,
      p.status === "on_time"
        ? html`Tình trạng: đúng hạn.`
        : p.status === "late"
          ? html`Tình trạng: <b>trễ hạn</b>${p.lateBy ? ` (${p.lateBy})` : ""}.`
          : "",
      p.version > 1 ? html`Đây là lần gửi thứ ${p.version} cho yêu cầu này; bản mới nhất được dùng trong tổng hợp.` : "",
      html`Báo cáo đã được chuyển đến Thường trực HĐND.`,
    ]),
  forStanding: (p: {
    receiptNo: string;
    unitName: string;
    sender: string;
    senderRole: string;
    taskTitle: string;
    due: string | null;
    at: string;
    status: "on_time" | "late" | "no_deadline";
    version: number;
    body: string;
    fileCount: number;
    foreignFiles: string[];
  }): SafeHtml =>
    joinHtml([
      html`📋 <b>BÁO CÁO ${p.receiptNo}</b>${p.version > 1 ? ` (lần gửi thứ ${p.version})` : ""}`,
      html`Đơn vị: <b>${p.unitName}</b>`,
      html`Người gửi: ${p.sender} – ${roleName(p.senderRole)}`,
      html`Yêu cầu: ${p.taskTitle}${p.due ? ` (hạn ${p.due})` : ""}`,
      html`Thời gian: ${p.at}${p.status === "on_time" ? " – đúng hạn" : p.status === "late" ? " – trễ hạn" : ""}`,
      p.body ? html`\n${p.body}` : "",
      p.fileCount > 0 ? html`\nTệp đính kèm: ${p.fileCount} (gửi ngay sau tin này).` : "",
      p.foreignFiles.length > 0 ? html`Tệp gửi qua nền tảng khác: ${p.foreignFiles.join("; ")}` : "",
    ]),
  fileCaption: (receiptNo: string, index: number, total: number, name: string | null): SafeHtml =>
    html`${receiptNo} – tệp ${index}/${total}${name ? `: ${name}` : ""}`,
  noStandingGroup: (): SafeHtml => html`(Lưu ý: hệ thống chưa có nhóm Thường trực HĐND; báo cáo đã được lưu và Văn phòng sẽ chuyển.)`,
  deadlinesTitle: (unitName: string): SafeHtml => html`<b>Hạn báo cáo của ${unitInText(unitName)}</b>`,
  deadlinesNone: (unitName: string): SafeHtml => html`${unitName} hiện không có yêu cầu báo cáo nào đang mở.`,
  deadlineLine: (p: { title: string; due: string; relative: SafeHtml; submitted: string | null }): SafeHtml =>
    html`• <b>${p.title}</b>\n  Hạn: ${p.due} (${p.relative})\n  ${p.submitted ? html`Đã gửi: ${p.submitted}` : html`<i>Chưa gửi</i>`}`,
  deadlinesFooter: (): SafeHtml => html`Gõ /baocao để gửi báo cáo.`,
};
