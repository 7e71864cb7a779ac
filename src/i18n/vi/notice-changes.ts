/**
 * Sentences of changing a notice after the fact: confirming a typed title before it replaces the proposed
 * one, correcting a published notice (đính chính) and recalling it (thu hồi).
 */
import { cutText } from "../../text/graphemes.js";
import { html, joinHtml, type SafeHtml } from "../../text/html.js";

export const titleConfirm = {
  ask: (typed: string, current: string): SafeHtml =>
    joinHtml([
      html`Đồng chí vừa gõ: <b>${typed}</b>`,
      html`Tiêu đề hiện tại: <b>${current}</b>`,
      html`Đồng chí dùng nội dung vừa gõ làm tiêu đề mới của thông báo?`,
    ]),
  useNew: "Dùng tiêu đề mới",
  keep: "Giữ tiêu đề hiện tại",
};

/** Đính chính (correction) and thu hồi (recall) of a published notice. */
export const noticeChanges = {
  // In each group.
  correctionInGroup: (p: { title: string; newTitle: string | null; text: string | null; reason: string | null }): SafeHtml =>
    joinHtml([
      html`📝 <b>ĐÍNH CHÍNH THÔNG BÁO</b> “${p.title}”`,
      p.newTitle ? html`Tiêu đề được đính chính là: <b>${p.newTitle}</b>` : "",
      p.text ? html`Nội dung đính chính:\n${p.text}` : "",
      p.reason ? html`Lý do: ${p.reason}` : "",
      html`Đề nghị các đồng chí lưu ý.`,
    ]),
  /** appended to the original where it can be edited */
  correctedMark: (on: string): SafeHtml => html`\n<i>(Đã đính chính ngày ${on}, xem tin nhắn đính chính.)</i>`,
  recallInGroup: (p: { title: string; on: string; reason: string }): SafeHtml =>
    joinHtml([
      html`⛔ <b>THU HỒI THÔNG BÁO</b> “${p.title}”`,
      html`Văn phòng HĐND thu hồi thông báo này từ ${p.on}. Lý do: ${p.reason}`,
      html`Đề nghị các đồng chí không thực hiện theo thông báo đã thu hồi.`,
    ]),
  /** what the original becomes where it can no longer be deleted (Telegram, after 48 hours) */
  recalledOriginal: (p: { title: string; on: string }): SafeHtml => html`📢 <s>THÔNG BÁO: ${p.title}</s>\n<b>ĐÃ THU HỒI</b> ngày ${p.on}.`,
  recalledStatus: (on: string, reason: string): SafeHtml => html`⛔ <b>Đã thu hồi</b> ${on}. Lý do: ${reason}`,
  correctedStatus: (n: number): SafeHtml => html`📝 Đã đính chính ${n} lần.`,
  consoleRecalled: "Đã thu hồi",
  consoleCorrected: "Số lần đính chính",
  recalledAck: (): string => "Thông báo này đã được thu hồi, không cần xác nhận.",

  // Results, in chat and in the CLI.
  corrected: (id: number, n: number, groups: number): SafeHtml =>
    html`✅ Đã gửi đính chính lần ${n} của thông báo #${id} đến ${groups} nhóm (trả lời vào tin thông báo gốc).`,
  recalled: (id: number, groups: number, deleted: number): SafeHtml =>
    html`✅ Đã thu hồi thông báo #${id}: báo cho ${groups} nhóm${deleted > 0 ? html`, xóa tin thông báo ở ${deleted} nhóm` : ""}; ngừng nhắc xác nhận.`,
  notFound: (id: string): SafeHtml => html`Không tìm thấy thông báo #${id}.`,
  alreadyRecalled: (id: number): SafeHtml => html`Thông báo #${id} đã được thu hồi trước đó.`,
  noGroups: (id: number): SafeHtml => html`Thông báo #${id} chưa đến được nhóm nào nên không có gì để đính chính.`,
  nothingToCorrect: (): SafeHtml => html`Chưa có tiêu đề mới hay nội dung đính chính.`,
  reasonRequired: (): SafeHtml => html`Đề nghị đồng chí ghi lý do thu hồi.`,

  // The chat flows (/dinhchinh, /thuhoi).
  correctTitle: "đính chính thông báo",
  recallTitle: "thu hồi thông báo",
  noNotices: (): SafeHtml => html`Chưa có thông báo nào còn hiệu lực.`,
  chooseNotice: (what: "correct" | "recall"): SafeHtml =>
    what === "correct"
      ? html`<b>Đính chính thông báo</b>\nĐồng chí chọn thông báo cần đính chính:`
      : html`<b>Thu hồi thông báo</b>\nĐồng chí chọn thông báo cần thu hồi:`,
  noticeLabel: (id: number, title: string): string => cutText(`#${id} ${title}`, 60),
  chooseWhat: (title: string): SafeHtml => html`Thông báo “${title}”. Đồng chí đính chính phần nào?`,
  whatTitle: "Tiêu đề",
  whatText: "Nội dung",
  askNewTitle: (): SafeHtml => html`Đồng chí gõ tiêu đề đúng của thông báo.`,
  askText: (): SafeHtml =>
    html`Đồng chí gõ nội dung đính chính (ví dụ: “Tại mục 2, thời hạn báo cáo là ngày 31/5/2022, không phải ngày 30/5/2022.”).`,
  askReason: (kind: "correct" | "recall"): SafeHtml =>
    kind === "correct" ? html`Đồng chí gõ lý do đính chính, hoặc bấm <b>Không ghi lý do</b>.` : html`Đồng chí gõ lý do thu hồi thông báo.`,
  noReason: "Không ghi lý do",
  reviewCorrection: (p: { title: string; newTitle: string | null; text: string | null; reason: string | null; groups: number }): SafeHtml =>
    joinHtml([
      html`<b>XEM LẠI ĐÍNH CHÍNH</b>`,
      html`Thông báo: “${p.title}”`,
      p.newTitle ? html`Tiêu đề mới: <b>${p.newTitle}</b>` : "",
      p.text ? html`Nội dung đính chính: ${p.text}` : "",
      p.reason ? html`Lý do: ${p.reason}` : "",
      html`Gửi đến ${p.groups} nhóm, trả lời vào tin thông báo gốc (trên Telegram tin gốc được sửa theo tiêu đề mới khi có thể).`,
    ]),
  sendCorrection: "Gửi đính chính",
  reviewRecall: (p: { title: string; reason: string; groups: number }): SafeHtml =>
    joinHtml([
      html`<b>XÁC NHẬN THU HỒI</b>`,
      html`Thông báo: “${p.title}”`,
      html`Lý do: ${p.reason}`,
      html`Bot sẽ xóa tin thông báo trong ${p.groups} nhóm nếu nền tảng cho phép (Telegram: trong 48 giờ; quá hạn thì gạch tiêu đề và ghi “đã thu hồi”), bỏ ghim, báo cho từng nhóm và ngừng nhắc xác nhận.`,
    ]),
  confirmRecall: "Thu hồi",
  cancel: "Hủy",
  tooLong: (max: number): SafeHtml => html`Nội dung quá dài (tối đa ${max} ký tự).`,
};
