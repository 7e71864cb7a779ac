/** Sentences about access: deactivated or unlinked accounts, invite codes misused, group registrations guarded. */
import { html, type SafeHtml } from "../../text/html.js";
import { PURPOSE_NAMES } from "./common.js";

export const access = {
  /** to an account whose member was deactivated by the office */
  deactivated: (): SafeHtml =>
    html`Tài khoản của đồng chí đã được Văn phòng HĐND ngừng sử dụng trong hệ thống, nên bot không tiếp nhận yêu cầu từ tài khoản này. Nếu có sai sót, đề nghị đồng chí liên hệ Văn phòng.`,
  /** to an account the office unlinked (e.g. a lost phone) */
  unlinked: (): SafeHtml =>
    html`Tài khoản này đã được Văn phòng HĐND gỡ liên kết khỏi hệ thống. Nếu đồng chí cần tiếp tục sử dụng, đề nghị liên hệ Văn phòng để được cấp mã mời mới.`,
  /** the last wrong code an account may try */
  tooManyCodes: (): SafeHtml =>
    html`Đồng chí đã nhập sai mã mời quá nhiều lần, nên bot tạm ngừng tiếp nhận mã từ tài khoản này. Đề nghị đồng chí liên hệ trực tiếp Văn phòng HĐND để được hỗ trợ.`,
  /** to the admins, once per account */
  tooManyCodesAdmin: (platform: string, account: string, name: string, failures: number): SafeHtml =>
    html`⚠️ Tài khoản ${platform} <b>${name}</b> (mã số ${account}) đã nhập sai mã mời ${failures} lần. Bot đã ngừng trả lời mã mời từ tài khoản này. Nếu đây là cán bộ cần liên kết, đề nghị cấp mã mới và hướng dẫn trực tiếp.`,
  /** a code typed in a group is burned */
  codeBurned: (): SafeHtml =>
    html`Mã mời vừa gõ trong nhóm đã bị hủy để bảo đảm an toàn (mã mời chỉ gửi trong tin nhắn riêng với bot). Đề nghị đồng chí liên hệ Văn phòng để được cấp mã mới.`,
  /** a group registration (standing / announcement) needs an admin */
  registerNeedsAdmin: (purpose: string): SafeHtml =>
    html`Việc đăng ký hoặc thay đổi ${PURPOSE_NAMES[purpose] ?? purpose} chỉ do Quản trị viên thực hiện (hoặc qua công cụ quản trị của hệ thống). Đề nghị đồng chí liên hệ Quản trị viên.`,
  /** this chat belongs to another council */
  registeredElsewhere: (): SafeHtml =>
    html`Nhóm này đã được đăng ký cho một Hội đồng nhân dân khác nên không thể đăng ký lại. Đề nghị liên hệ Quản trị viên.`,
  /** the confirmation asked before a standing or announcement group is registered or changed */
  confirmRegister: (title: string | null, purpose: string, previous: string | null): SafeHtml =>
    html`Đồng chí xác nhận đăng ký nhóm${title ? html` “${title}”` : ""} là <b>${PURPOSE_NAMES[purpose] ?? purpose}</b>${previous && previous !== purpose ? html` (thay cho ${PURPOSE_NAMES[previous] ?? previous})` : ""}?${purpose === "standing" ? html`\nMọi báo cáo kèm tệp, vấn đề nổi cộm và bản tổng hợp sẽ được gửi vào nhóm này.` : purpose === "announce" ? html`\nThông báo gửi tất cả đơn vị sẽ được đăng vào nhóm này.` : ""} Việc thay đổi sẽ được báo cho nhóm Thường trực HĐND và Quản trị viên.`,
  confirmYes: "Xác nhận đăng ký",
  confirmNo: "Hủy",
  registerCancelled: (): SafeHtml => html`Đã hủy, việc đăng ký nhóm không thay đổi.`,
  /** to the existing standing group(s) and the admins */
  groupChanged: (p: { title: string | null; purpose: string; previous: string | null; by: string; at: string }): SafeHtml =>
    html`🔔 Thông báo thay đổi nhóm: nhóm <b>${p.title ?? "(không tên)"}</b> vừa được đăng ký là <b>${PURPOSE_NAMES[p.purpose] ?? p.purpose}</b>${p.previous && p.previous !== p.purpose ? html` (trước đây là ${PURPOSE_NAMES[p.previous] ?? p.previous})` : ""}, do ${p.by} thực hiện lúc ${p.at}. Nếu thay đổi này không đúng, đề nghị báo ngay Quản trị viên.`,
};
