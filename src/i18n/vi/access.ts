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
};
