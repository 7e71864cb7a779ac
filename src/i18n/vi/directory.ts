/** Sentences for linking accounts, help and registering groups. */
import { html, joinHtml, type SafeHtml } from "../../text/html.js";
import { unitInText } from "./schedule.js";
import { common, PURPOSE_NAMES, roleName } from "./common.js";

export const linking = {
  welcome: (name: string, role: string, unitName: string | null, platformName: string): SafeHtml =>
    html`Kính chào đồng chí <b>${name}</b>, ${roleName(role)}${unitName ? html` – ${unitName}` : ""}.\nTài khoản ${platformName} của đồng chí đã được liên kết với hệ thống của Văn phòng HĐND.`,
  alreadyLinked: (name: string, role: string, unitName: string | null): SafeHtml =>
    html`Kính chào đồng chí <b>${name}</b>, ${roleName(role)}${unitName ? html` – ${unitName}` : ""}. Tài khoản của đồng chí đã được liên kết.`,
  codeUnknown: (): SafeHtml =>
    html`Mã mời không đúng. Đề nghị đồng chí kiểm tra lại mã (gồm 8 ký tự chữ và số) hoặc liên hệ Văn phòng để được cấp mã.`,
  codeExpired: (): SafeHtml => html`Mã mời đã hết hạn. Đề nghị đồng chí liên hệ Văn phòng để được cấp mã mới.`,
  codeUsed: (): SafeHtml =>
    html`Mã mời này đã được sử dụng. Mỗi mã chỉ dùng được một lần; nếu cần, đề nghị đồng chí liên hệ Văn phòng để được cấp mã mới.`,
  codeRevoked: (): SafeHtml => html`Mã mời này đã bị hủy. Đề nghị đồng chí liên hệ Văn phòng.`,
  linkedToOther: (): SafeHtml =>
    html`Tài khoản này đang được liên kết với một cán bộ khác. Đề nghị đồng chí liên hệ Văn phòng để được hỗ trợ.`,
  howToLink: (): SafeHtml => html`Để bắt đầu, đồng chí gửi <b>/start MÃ-MỜI</b> với mã mời do Văn phòng HĐND cấp (ví dụ: /start K7QX3MPA).`,
};

export interface HelpLine {
  name: string;
  alias: string | undefined;
  description: string;
  /** typed in a group, not here */
  inGroup?: boolean;
}

export const help = {
  commands: (lines: HelpLine[]): SafeHtml =>
    joinHtml([
      html`<b>Các lệnh đồng chí có thể dùng:</b>`,
      ...lines.map((l) => html`/${l.name}${l.alias ? ` (/${l.alias})` : ""} – ${l.description}${l.inGroup ? " (gõ lệnh trong nhóm)" : ""}`),
    ]),
  footer: (): SafeHtml => html`Trong khi đang thực hiện một thao tác, đồng chí có thể gõ /huy để hủy.`,
};

export const groups = {
  flowTitle: "đăng ký nhóm",
  askPurpose: (title: string | null): SafeHtml =>
    html`Đăng ký nhóm${title ? html` “${title}”` : ""} với hệ thống. Nhóm này dùng để làm gì?`,
  purposeUnit: "Nhóm của một xã, phường",
  purposeAnnounce: "Nhóm thông báo chung cho các đơn vị",
  purposeStanding: "Nhóm Thường trực HĐND",
  purposeOffice: "Nhóm Văn phòng HĐND",
  purposeCommittee: "Nhóm của một Ban HĐND",
  askUnit: (page: number, pages: number): SafeHtml =>
    html`Nhóm của đơn vị nào? Chọn trong danh sách hoặc gõ tên đơn vị (ví dụ: Phổ An)${pages > 1 ? html` – trang ${page}/${pages}` : ""}.`,
  askCommittee: (): SafeHtml => html`Nhóm của Ban nào?`,
  morePage: common.nextPage,
  noUnits: (): SafeHtml =>
    html`Hội đồng chưa có danh sách đơn vị. Đề nghị Văn phòng nhập danh sách đơn vị trước (lệnh council units import).`,
  noCommittees: (): SafeHtml => html`Hội đồng chưa có Ban HĐND nào trong danh sách đơn vị.`,
  unitNotFound: (typed: string): SafeHtml =>
    html`Không tìm thấy đơn vị “${typed}”. Đề nghị đồng chí gõ lại tên khác hoặc chọn trong danh sách.`,
  severalUnits: (typed: string): SafeHtml => html`Có nhiều đơn vị khớp với “${typed}”. Đồng chí chọn một đơn vị:`,
  registered: (purpose: string, unitName: string | null): SafeHtml =>
    html`Đã đăng ký nhóm này là <b>${unitName ? `nhóm của ${unitInText(unitName)}` : (PURPOSE_NAMES[purpose] ?? purpose)}</b>. Từ nay thông báo, nhắc hạn và tổng hợp liên quan sẽ được gửi vào nhóm này.`,
  reregistered: (oldPurpose: string, oldUnit: string | null): SafeHtml =>
    html`(Trước đây nhóm được đăng ký là ${oldUnit ? `nhóm của ${unitInText(oldUnit)}` : (PURPOSE_NAMES[oldPurpose] ?? oldPurpose)}.)`,
  pinHint: (): SafeHtml => html`Để bot ghim được thông báo, đề nghị quản trị nhóm đặt bot làm quản trị viên với quyền ghim tin nhắn.`,
};

/** The invite file of `council invite create --all-unlinked --out FILE` (for the office's mail merge or print). */
export const inviteFile = {
  columns: ["Họ tên", "Vai trò", "Mã đơn vị", "Đơn vị", "Mã mời", "Dòng gửi cho bot", "Hết hạn"] as const,
  role: roleName,
};
