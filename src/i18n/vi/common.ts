/**
 * Sentences every feature shares: greetings, refusals, guidance after bad input. Polite register used
 * between officials ("đồng chí", "đề nghị", "vui lòng"). Functions return SafeHtml: interpolated values are escaped.
 */
import { html, type SafeHtml } from "../../text/html.js";
import type { Role } from "../../domain/vocabulary.js";

export const ROLE_NAMES: Record<Role, string> = {
  admin: "Quản trị viên",
  office: "Chuyên viên Văn phòng",
  standing: "Thường trực HĐND",
  committee: "Thành viên Ban HĐND",
  vice_chair: "Phó Chủ tịch HĐND (chuyên trách)",
  delegate: "Đại biểu HĐND",
};

export const PURPOSE_NAMES: Record<string, string> = {
  unit: "nhóm của đơn vị",
  announce: "nhóm thông báo chung cho các đơn vị",
  standing: "nhóm Thường trực HĐND",
  committee: "nhóm của Ban HĐND",
  office: "nhóm Văn phòng HĐND (nhận bản sao báo cáo và vấn đề nổi cộm)",
};

export const roleName = (role: string): string => ROLE_NAMES[role as Role] ?? role;

export const common = {
  /** how an attachment without a name is called in lists ("ảnh 2", "tệp 3") */
  fileLabel: (kind: "photo" | "document", index?: number): string =>
    `${kind === "photo" ? "ảnh" : "tệp"}${index !== undefined ? ` ${index}` : ""}`,
  nextPage: "Xem tiếp ▶",
  internalError: (): SafeHtml =>
    html`Xin lỗi, hệ thống gặp sự cố khi xử lý yêu cầu của đồng chí. Nội dung đã nhập vẫn được giữ. Đề nghị đồng chí thử lại sau ít phút; nếu vẫn không được, vui lòng báo Văn phòng.`,
  /** The same update came back after the service stopped while handling it: it is not run a second time. */
  abandonedUpdate: (): SafeHtml =>
    html`Xin lỗi, tin nhắn vừa rồi của đồng chí làm hệ thống gián đoạn nên đã không được xử lý. Nếu đó là một tệp, đề nghị đồng chí gửi bản PDF, bản ngắn hơn hoặc dán nội dung; nếu cần hỗ trợ, vui lòng báo Văn phòng.`,
  abandonedButton: (): string => "Thao tác vừa rồi chưa được xử lý do hệ thống gián đoạn. Đề nghị đồng chí thử lại.",
  notLinked: (): SafeHtml =>
    html`Tài khoản của đồng chí chưa được liên kết với hệ thống. Đề nghị đồng chí gửi <b>/start MÃ-MỜI</b> với mã mời do Văn phòng cấp (ví dụ: /start K7QX3MPA).`,
  notLinkedShort: (): string => "Tài khoản của đồng chí chưa được liên kết. Vui lòng nhắn riêng cho bot lệnh /start kèm mã mời.",
  notAllowed: (command: string, roles: string[]): SafeHtml =>
    html`Lệnh /${command} dành cho: ${roles.join(", ")}. Tài khoản của đồng chí không có quyền dùng lệnh này. Gõ /trogiup để xem các lệnh đồng chí có thể dùng.`,
  unknownCommand: (command: string): SafeHtml => html`Không có lệnh /${command}. Gõ /trogiup để xem danh sách lệnh.`,
  privateOnly: (command: string): SafeHtml => html`Lệnh /${command} chỉ dùng trong tin nhắn riêng với bot.`,
  privateOrStandingOnly: (command: string): SafeHtml =>
    html`Lệnh /${command} chỉ dùng trong tin nhắn riêng với bot hoặc trong nhóm Thường trực HĐND.`,
  groupOnly: (command: string): SafeHtml =>
    html`Lệnh /${command} chỉ dùng trong nhóm. Đề nghị đồng chí thêm bot vào nhóm rồi gõ lệnh trong nhóm.`,
  useCommands: (): SafeHtml => html`Đồng chí vui lòng dùng lệnh để làm việc với bot. Gõ /trogiup để xem danh sách lệnh.`,
  unsupportedContent: (what: string): SafeHtml =>
    html`Bot chưa đọc được ${UNSUPPORTED_NAMES[what] ?? "loại tin nhắn này"}. Đề nghị đồng chí gửi nội dung bằng chữ, ảnh hoặc tệp tài liệu.`,
  staleButton: (): string => "Nút này đã cũ hoặc không còn hiệu lực. Vui lòng dùng tin nhắn mới nhất.",
  notYourButton: (): string => "Nút này dành cho người đã bắt đầu thao tác.",
  tooLong: (limit: number): SafeHtml =>
    html`Nội dung quá dài (tối đa ${limit.toLocaleString("vi-VN")} ký tự). Đề nghị đồng chí rút gọn hoặc gửi thành tệp tài liệu.`,
  groupNotRegistered: (): SafeHtml =>
    html`Nhóm này chưa được đăng ký với hệ thống. Chuyên viên Văn phòng gõ /dangky trong nhóm để đăng ký.`,
  continueInPrivate: (command: string): SafeHtml =>
    html`Để giữ kín nội dung, đồng chí vui lòng bấm nút dưới đây để tiếp tục lệnh /${command} trong tin nhắn riêng với bot.`,
  continueInPrivateNoLink: (command: string): SafeHtml =>
    html`Để giữ kín nội dung, đồng chí vui lòng nhắn riêng cho tài khoản này lệnh /${command}.`,
  openPrivateButton: (): string => "Mở tin nhắn riêng",
  cancelled: (): SafeHtml => html`Đã hủy thao tác. Nội dung đang nhập dở không được lưu.`,
  nothingToCancel: (): SafeHtml => html`Hiện không có thao tác nào đang thực hiện.`,
  flowExpired: (what: string): SafeHtml =>
    html`Thao tác “${what}” đã quá 24 giờ không có phản hồi nên đã tự hủy. Nội dung nhập dở không được lưu. Đồng chí có thể bắt đầu lại bất cứ lúc nào.`,
  switchFlow: (current: string, next: string): SafeHtml =>
    html`Đồng chí đang thực hiện “${current}” chưa xong. Đồng chí muốn bỏ thao tác đó để bắt đầu “${next}”?`,
  switchKeep: (): string => "Tiếp tục việc đang làm",
  switchAbandon: (): string => "Bỏ và bắt đầu việc mới",
  keptCurrent: (current: string): SafeHtml => html`Đồng chí tiếp tục “${current}”.`,
  chooseFromList: (): SafeHtml => html`Đề nghị đồng chí chọn một mục trong danh sách (bấm nút hoặc gõ số thứ tự).`,
  numberOutOfRange: (n: string, max: number): SafeHtml => html`Không có lựa chọn số ${n}. Vui lòng gõ số từ 1 đến ${max}.`,
  replyNumberHint: (): string => "Trả lời bằng số thứ tự (ví dụ: 1).",
  /** under a group prompt that waits for typed text, on a platform that hears only replies in groups */
  typeAsReply: (): SafeHtml => html`✍️ Đồng chí gõ câu trả lời bằng cách trả lời (reply) tin nhắn này.`,
  groupGreeting: (): SafeHtml =>
    html`Xin chào các đồng chí. Bot của Văn phòng HĐND đã được thêm vào nhóm. Chuyên viên Văn phòng gõ /dangky để đăng ký nhóm với hệ thống.`,
};

const UNSUPPORTED_NAMES: Record<string, string> = {
  sticker: "nhãn dán (sticker)",
  voice: "tin nhắn thoại",
  video: "video",
  audio: "tệp âm thanh",
  location: "vị trí",
  contact: "danh thiếp",
  poll: "bình chọn",
};
