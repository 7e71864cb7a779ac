/**
 * Sentences of answering "Không phát sinh" (nothing to report) and of additions to a report sent earlier
 * (/bosung, or the button under the receipt), and the warning before a full replacement.
 */
import { html, joinHtml, type SafeHtml } from "../../text/html.js";
import { unitInText } from "./schedule.js";
import { roleName } from "./common.js";

export const nothingToReport = {
  button: "Không phát sinh",
  /** One confirmation, with the optional note typed instead of pressing. */
  confirm: (taskTitle: string): SafeHtml =>
    joinHtml([
      html`Báo cáo <b>Không phát sinh</b> cho: ${taskTitle}`,
      html`Bấm <b>Gửi “Không phát sinh”</b> để nộp ngay, hoặc gõ một dòng ghi chú (không bắt buộc, ví dụ “Trong tháng không có vụ việc”) rồi bot nộp kèm ghi chú.`,
    ]),
  send: "Gửi “Không phát sinh”",
  back: "◂ Quay lại",
  receipt: (p: {
    receiptNo: string;
    at: string;
    status: "on_time" | "late" | "no_deadline";
    taskTitle: string;
    note: string | null;
  }): SafeHtml =>
    joinHtml([
      html`✅ Đã nhận báo cáo <b>Không phát sinh</b> số <b>${p.receiptNo}</b> lúc ${p.at}.`,
      html`Yêu cầu: ${p.taskTitle}`,
      p.note ? html`Ghi chú: ${p.note}` : "",
      p.status === "on_time" ? html`Tình trạng: đúng hạn.` : p.status === "late" ? html`Tình trạng: <b>trễ hạn</b>.` : "",
      html`Yêu cầu này được tính là đã nộp; hệ thống thôi nhắc hạn. Nếu sau đó có nội dung, đồng chí gửi báo cáo mới bằng /baocao.`,
    ]),
  forStanding: (p: {
    receiptNo: string;
    unitName: string;
    sender: string;
    senderRole: string;
    taskTitle: string;
    at: string;
    late: boolean;
    note: string | null;
  }): SafeHtml =>
    joinHtml([
      html`📋 <b>BÁO CÁO ${p.receiptNo}: KHÔNG PHÁT SINH</b>`,
      html`Đơn vị: <b>${p.unitName}</b>`,
      html`Người gửi: ${p.sender} – ${roleName(p.senderRole)}`,
      html`Yêu cầu: ${p.taskTitle}`,
      html`Thời gian: ${p.at}${p.late ? " – trễ hạn" : " – đúng hạn"}`,
      p.note ? html`Ghi chú: ${p.note}` : "",
    ]),
  exportKind: "Không phát sinh",
};

export const additions = {
  flowTitle: "bổ sung báo cáo",
  button: "➕ Bổ sung báo cáo này",
  choose: (unitName: string): SafeHtml =>
    html`<b>Bổ sung báo cáo của ${unitInText(unitName)}</b>\nĐồng chí chọn báo cáo đã gửi cần bổ sung (mới nhất ở trên). Phần bổ sung giữ nguyên số biên nhận; báo cáo ban đầu vẫn được lưu.`,
  none: (unitName: string): SafeHtml => html`${unitName} chưa gửi báo cáo nào trong 90 ngày qua để bổ sung. Gửi báo cáo bằng lệnh /baocao.`,
  choice: (receiptNo: string, taskTitle: string): string => `${receiptNo} – ${taskTitle}`,
  askContent: (receiptNo: string, taskTitle: string): SafeHtml =>
    html`Bổ sung cho báo cáo số <b>${receiptNo}</b> (${taskTitle}).\nĐồng chí gửi nội dung bổ sung: chữ, ảnh, tệp (gửi bao nhiêu tin cũng được). Gửi xong, bấm <b>Xem lại</b>.`,
  preview: (p: { receiptNo: string; taskTitle: string; body: string; files: string[] }): SafeHtml =>
    joinHtml([
      html`<b>XEM LẠI PHẦN BỔ SUNG</b>`,
      html`Bổ sung cho báo cáo số ${p.receiptNo} (${p.taskTitle})`,
      p.body ? html`\n${p.body}` : "",
      p.files.length > 0 ? html`\nTệp đính kèm (${p.files.length}): ${p.files.join("; ")}` : "",
      html`\nBấm <b>Gửi</b> để gửi phần bổ sung, <b>Sửa</b> để thêm, <b>Hủy</b> để bỏ.`,
    ]),
  receipt: (p: { receiptNo: string; seq: number; at: string; late: boolean; originalLate: boolean; taskTitle: string }): SafeHtml =>
    joinHtml([
      html`✅ Đã nhận phần bổ sung lần ${p.seq} cho báo cáo số <b>${p.receiptNo}</b> lúc ${p.at}.`,
      html`Yêu cầu: ${p.taskTitle}`,
      p.late
        ? html`Phần bổ sung gửi sau hạn (ghi nhận <b>bổ sung trễ hạn</b>); tình trạng của báo cáo ban đầu giữ nguyên (${p.originalLate ? "trễ hạn" : "đúng hạn"}).`
        : html`Tình trạng của báo cáo giữ nguyên (${p.originalLate ? "trễ hạn" : "đúng hạn"}).`,
      html`Báo cáo ban đầu và phần bổ sung đều được lưu và chuyển đến Thường trực HĐND.`,
    ]),
  forStanding: (p: {
    receiptNo: string;
    seq: number;
    unitName: string;
    sender: string;
    senderRole: string;
    taskTitle: string;
    at: string;
    late: boolean;
    body: string;
    fileCount: number;
    foreignFiles: string[];
  }): SafeHtml =>
    joinHtml([
      html`➕ <b>BỔ SUNG BÁO CÁO ${p.receiptNo}</b> (lần ${p.seq})`,
      html`Đơn vị: <b>${p.unitName}</b>`,
      html`Người gửi: ${p.sender} – ${roleName(p.senderRole)}`,
      html`Yêu cầu: ${p.taskTitle}`,
      html`Thời gian: ${p.at}${p.late ? " – bổ sung sau hạn" : ""}`,
      p.body ? html`\n${p.body}` : "",
      p.fileCount > 0 ? html`\nTệp đính kèm: ${p.fileCount} (gửi ngay sau tin này).` : "",
      p.foreignFiles.length > 0 ? html`Tệp gửi qua nền tảng khác: ${p.foreignFiles.join("; ")}` : "",
    ]),
  fileCaption: (receiptNo: string, seq: number, index: number, total: number, name: string | null): SafeHtml =>
    html`${receiptNo} (bổ sung ${seq}) – tệp ${index}/${total}${name ? `: ${name}` : ""}`,
  notYours: (): SafeHtml => html`Báo cáo này không thuộc đơn vị của đồng chí, hoặc không còn tồn tại.`,
  exportKind: (seq: number): string => `Bổ sung lần ${seq}`,
  exportReport: "Báo cáo",
  exportColumn: "Phần",

  /** Before a second report for the same task: replacing is possible and is said plainly. */
  alreadySent: (p: { receiptNo: string; at: string; nothing: boolean }): SafeHtml =>
    joinHtml([
      p.nothing
        ? html`Đơn vị đã báo cáo <b>Không phát sinh</b> cho yêu cầu này (số ${p.receiptNo}, lúc ${p.at}).`
        : html`Đơn vị đã gửi báo cáo số <b>${p.receiptNo}</b> cho yêu cầu này lúc ${p.at}.`,
      html`• <b>Bổ sung</b>: thêm nội dung vào báo cáo đã gửi, giữ nguyên số biên nhận và tình trạng đúng hạn/trễ hạn.`,
      html`• <b>Gửi bản thay thế</b>: bản mới <b>thay thế toàn bộ</b> báo cáo trước trong tổng hợp (bản cũ vẫn được lưu).`,
    ]),
  addInstead: "Bổ sung báo cáo đã gửi",
  replace: "Gửi bản thay thế",
  replacing: (receiptNo: string): SafeHtml =>
    html`Đồng chí đang gửi <b>bản thay thế</b> cho báo cáo số ${receiptNo}: bản mới sẽ thay thế toàn bộ báo cáo trước trong tổng hợp.`,
  replacedNote: (receiptNo: string): SafeHtml => html`Báo cáo này thay thế toàn bộ báo cáo số ${receiptNo} gửi trước đó.`,
};
