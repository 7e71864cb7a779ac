/**
 * Sentences the Zalo adapter adds to what the core says: hints under numbered lists (Zalo has no buttons)
 * and the alert to administrators when the Zalo session is lost. Polite register used between officials.
 */
import { html, type SafeHtml } from "../../text/html.js";

export const zalo = {
  /** under a numbered list that belongs to a guided step: typing the number is enough */
  choiceHintTyped: (): string => "Đồng chí vui lòng gõ số thứ tự để chọn (ví dụ: 1).",
  /** under a numbered list outside a guided step: the answer must quote the list */
  choiceHintQuote: (): string => "Đồng chí vui lòng bấm “Trả lời” vào tin nhắn này rồi gõ số thứ tự để chọn (ví dụ: 1).",
  /** a link choice, shown as text because Zalo has no buttons */
  linkChoice: (label: string, url: string): string => `${label}: ${url}`,
  /** a file name when the office gave none */
  defaultFileName: "tep-dinh-kem",
  /** why the session was lost, for the administrators */
  lossReasons: {
    credentials: "chưa có hoặc không đọc được tệp thông tin đăng nhập Zalo trên máy chủ",
    rejected: "Zalo không chấp nhận phiên đăng nhập đã lưu (phiên đã hết hạn hoặc bị đăng xuất)",
    taken_over: "có một kết nối khác dùng cùng tài khoản (một bản bot khác đang chạy, hoặc Zalo Web đang mở bằng tài khoản này)",
    signed_out_elsewhere: "tài khoản vừa đăng nhập ở nơi khác (ví dụ: Zalo Web) nên phiên của bot bị đăng xuất",
    unreachable: "không kết nối được tới Zalo sau nhiều lần thử",
  } as Record<string, string>,
  /** sent to the administrators (on Telegram) when the Zalo account was signed out */
  sessionLost: (reason: string): SafeHtml =>
    html`<b>Tài khoản Zalo của hệ thống đã bị đăng xuất.</b>\nLý do: ${reason}.\nBot tạm ngừng nhận và gửi tin trên Zalo; các tin nhắn chờ gửi vẫn được giữ lại và sẽ gửi tiếp sau khi đăng nhập lại. Hoạt động trên Telegram không bị ảnh hưởng.\nĐề nghị quản trị viên chạy lệnh <code>council zalo login</code> trên máy chủ và quét mã QR bằng ứng dụng Zalo của tài khoản hệ thống.`,
  /** sent to the administrators when Zalo is connected again after a lost session */
  sessionRestored: (): SafeHtml => html`Tài khoản Zalo của hệ thống đã đăng nhập lại. Bot tiếp tục nhận và gửi tin trên Zalo.`,
};
