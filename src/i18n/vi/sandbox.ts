/**
 * Every sentence of the sandbox (hộp thử): its page, the demo council's people and groups, and the hints it
 * shows beside the bot's messages. What the bot itself says comes from the other files, as on Telegram.
 */
export const sandboxTexts = {
  pageTitle: "Hộp thử – Bot HĐND",
  brand: "Hộp thử Bot HĐND",
  notice:
    "Đây là hộp thử để dùng thử và tập huấn: dữ liệu tách riêng khỏi dữ liệu thật, không gửi gì ra Telegram hay Zalo. Không đưa trang này ra mạng công cộng (trang không có đăng nhập).",
  actingAs: "Đang đóng vai",
  switchPersona: "Đổi vai",
  groupsHeading: "Nhóm",
  privateHeading: "Tin nhắn riêng",
  privateChatTitle: "Bot HĐND (tin nhắn riêng)",
  botName: "Bot HĐND",
  systemName: "Hộp thử",
  you: "Tôi",
  pinned: "Tin được ghim",
  pinnedShort: "đã ghim",
  edited: "đã sửa",
  /** beside a chat with messages not opened yet */
  unread: "mới",
  messagePlaceholder: "Nhập tin nhắn hoặc lệnh, ví dụ /trogiup",
  send: "Gửi",
  attach: "Đính kèm tệp",
  attachSample: "Đính kèm văn bản mẫu (thông báo kết luận)",
  captionPlaceholder: "Chú thích (không bắt buộc)",
  sendFile: "Gửi tệp",
  download: "Tải về",
  noChat: "Chọn một nhóm hoặc tin nhắn riêng ở bên trái.",
  empty: "Chưa có tin nhắn nào.",
  clockHeading: "Giờ của hộp thử",
  clockNote: "Lịch nhắc hạn và tổng hợp của hộp thử chạy theo giờ này; hệ thống thật luôn chạy theo giờ thật.",
  jumpTo: "Chuyển đến",
  jumpLabel: "Ngày giờ",
  plusHour: "+1 giờ",
  plusDay: "+1 ngày",
  plusWeek: "+7 ngày",
  reset: "Làm lại từ đầu",
  resetConfirm: "Xóa mọi dữ liệu của hộp thử và tạo lại hội đồng mẫu?",
  resetDone: "Đã tạo lại hộp thử với hội đồng mẫu.",
  jumped: (when: string): string => `Đã chuyển giờ của hộp thử đến ${when}.`,
  badDate: "Ngày giờ không hợp lệ. Vui lòng nhập theo dạng ngày/tháng/năm giờ:phút.",
  consoleLink: "Trang quản trị của hộp thử",
  consoleHint: "Gõ /web trong tin nhắn riêng với bot để nhận đường dẫn đăng nhập.",
  inviteLabel: "Mã liên kết",
  inviteHint: (code: string): string => `Gõ /start ${code} trong tin nhắn riêng với bot để liên kết tài khoản.`,
  /** the sandbox's own note in a vice-chair's private chat, before they link */
  inviteNote: (name: string, unit: string, code: string): string =>
    `Kính gửi đồng chí ${name}, Phó Chủ tịch HĐND ${unit}. Văn phòng đã cấp cho đồng chí mã liên kết ${code}. Đồng chí gõ /start ${code} để liên kết tài khoản với Bot HĐND.`,
  /** the sandbox's own note in the office clerk's private chat */
  officeNote:
    'Đồng chí đang đóng vai chuyên viên Văn phòng (đã liên kết). Để phát hành thông báo: gõ /thongbao rồi bấm "Đính kèm văn bản mẫu" hoặc dán nội dung.',
  standingNote:
    "Đồng chí đang đóng vai thành viên Thường trực HĐND (đã liên kết). Báo cáo và vấn đề của các xã, phường đến nhóm Thường trực.",
  tooLarge: "Tệp quá lớn (tối đa 20 MB).",
  refused: "Không thực hiện được thao tác này.",
  notRunning: "Hộp thử đang khởi động hoặc chưa chạy được. Vui lòng thử lại sau ít giây; nếu vẫn vậy, xem nhật ký của dịch vụ.",
  roles: { office: "Văn phòng", standing: "Thường trực HĐND", vice_chair: "Phó Chủ tịch HĐND xã, phường" },
  groupTitle: (unitName: string): string => `HĐND ${unitName.charAt(0).toLowerCase()}${unitName.slice(1)}`,
  standingGroup: "Thường trực HĐND thị xã",
  officeGroup: "Văn phòng HĐND thị xã",
  viceChairTitle: (unitName: string): string => `Phó Chủ tịch HĐND ${unitName.charAt(0).toLowerCase()}${unitName.slice(1)}`,
  sampleFileName: "Thong-bao-ket-luan-Thuong-truc-HDND.txt",
} as const;

/**
 * The vice-chairs of the demo council's communes and wards the demo seed does not name (fictional people),
 * by unit code.
 */
export const sandboxViceChairs: Record<string, string> = {
  PHO_HOA: "Trương Văn Hòa",
  PHO_MINH: "Lương Thị Minh",
  PHO_NINH: "Đỗ Văn Ninh",
  PHO_QUANG: "Phan Thị Quang",
  PHO_THANH: "Ngô Văn Thạnh",
  PHO_VAN: "Lý Thị Vân",
  PHO_VINH: "Tạ Văn Vinh",
  PHO_CHAU: "Hồ Thị Châu",
  PHO_CUONG: "Mai Văn Cường",
  PHO_KHANH: "Châu Thị Khánh",
  PHO_NHON: "Cao Văn Nhơn",
  PHO_THUAN: "Kiều Thị Thuận",
};
