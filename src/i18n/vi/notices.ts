/** Sentences of notices: the message in each group, the office's publishing flow, status and acknowledgements. */
import { html, joinHtml, type SafeHtml } from "../../text/html.js";
import { cutText } from "../../text/graphemes.js";

export const notices = {
  flowTitle: "gửi thông báo",
  askContent: (): SafeHtml =>
    html`<b>Gửi thông báo</b>\nĐồng chí dán nội dung thông báo (có thể gửi nhiều tin nhắn) hoặc gửi tệp văn bản (.docx, .pdf, .txt). Xong bấm <b>Tiếp tục</b>.`,
  continue: "Tiếp tục",
  cancel: "Hủy",
  /** the acknowledgement of pasted text or a file: what was received, never a count of characters */
  received: (messages: number, file: string | null): SafeHtml =>
    file
      ? html`Đã nhận tệp “${file}”. Đồng chí gửi tiếp hoặc bấm <b>Tiếp tục</b>.`
      : messages > 1
        ? html`Đã nhận nội dung (${messages} tin nhắn). Đồng chí gửi tiếp hoặc bấm <b>Tiếp tục</b>.`
        : html`Đã nhận nội dung. Đồng chí gửi tiếp hoặc bấm <b>Tiếp tục</b>.`,
  empty: (): SafeHtml => html`Thông báo chưa có nội dung. Đồng chí dán nội dung hoặc gửi tệp văn bản.`,
  oneFile: (): SafeHtml => html`Mỗi thông báo kèm một tệp. Tệp mới đã thay tệp trước.`,
  readingFile: (name: string): SafeHtml => html`Đang đọc tệp “${name}”...`,
  fileProblem: (message: string): SafeHtml => html`${message}`,
  fileTooBig: (limit: string): SafeHtml => html`Tệp lớn hơn giới hạn ${limit} mà bot tải được. Đồng chí gửi bản nhỏ hơn hoặc dán nội dung.`,
  downloadFailed: (): SafeHtml => html`Không tải được tệp. Đồng chí vui lòng gửi lại sau ít phút hoặc dán nội dung.`,
  askTitle: (proposed: string | null): SafeHtml =>
    proposed ? html`Tiêu đề thông báo: <b>${proposed}</b>\nDùng tiêu đề này, hoặc gõ tiêu đề khác.` : html`Đồng chí gõ tiêu đề thông báo.`,
  useTitle: "Dùng tiêu đề này",
  titleTooLong: (): SafeHtml => html`Tiêu đề quá dài (tối đa 300 ký tự).`,
  askAudience: (): SafeHtml => html`Gửi thông báo đến đâu?`,
  audienceAll: "Tất cả đơn vị",
  audienceUnits: "Chọn đơn vị",
  audienceStanding: "Chỉ Thường trực HĐND",
  askUnits: (chosen: string[]): SafeHtml =>
    html`Chọn các đơn vị nhận (bấm để chọn/bỏ chọn, hoặc gõ tên). Đã chọn: ${chosen.length > 0 ? chosen.join(", ") : "chưa có"}. Xong bấm <b>Xong</b>.`,
  done: "Xong",
  noUnitChosen: (): SafeHtml => html`Đồng chí chưa chọn đơn vị nào.`,
  askPin: (): SafeHtml =>
    html`Có ghim thông báo trong các nhóm không? (Bot cần quyền quản trị để ghim; trên Zalo sẽ tạo ghi chú nhóm thay cho ghim.)`,
  pinYes: "Có, ghim",
  pinNo: "Không ghim",
  preview: (p: {
    title: string;
    number: string | null;
    issuedOn: string | null;
    excerpt: string;
    file: string | null;
    targets: number;
    units: number;
    audience: string;
    pin: boolean;
  }): SafeHtml =>
    joinHtml([
      html`<b>XEM LẠI THÔNG BÁO</b>`,
      html`Tiêu đề: <b>${p.title}</b>`,
      p.number ? html`Số: ${p.number}` : "",
      p.issuedOn ? html`Ngày ban hành: ${p.issuedOn}` : "",
      p.file ? html`Tệp: ${p.file}` : "",
      html`Gửi đến: ${p.audience} – ${p.targets} nhóm (${p.units} đơn vị)${p.pin ? ", có ghim" : ""}`,
      html`\n${p.excerpt}`,
      html`\nBấm <b>Gửi</b> để phát hành, <b>Hủy</b> để bỏ.`,
    ]),
  send: "Gửi",
  noTargets: (): SafeHtml =>
    html`Chưa có nhóm nào được đăng ký cho đối tượng đã chọn nên chưa gửi được. Đề nghị Văn phòng đăng ký nhóm (gõ /dangky trong nhóm) rồi gửi lại.`,
  queued: (id: number, targets: number, inactive: number): SafeHtml =>
    joinHtml([
      html`✅ Đã phát hành thông báo số hiệu nội bộ <b>#${id}</b> đến ${targets} nhóm. Bot đang gửi, đồng chí sẽ nhận được báo cáo khi gửi xong.`,
      inactive > 0
        ? html`Lưu ý: ${inactive} nhóm không còn nhận được tin của bot (bot đã bị xóa khỏi nhóm); xem /thongbao_tinhtrang ${id}.`
        : "",
    ]),
  statusButton: "Xem tình trạng",
  // The message in each group.
  groupMessage: (p: {
    title: string;
    number: string | null;
    issuedOn: string | null;
    body: string;
    truncated: boolean;
    file: string | null;
  }): SafeHtml =>
    joinHtml([
      html`📢 <b>THÔNG BÁO</b>${p.number ? html` số ${p.number}` : ""}${p.issuedOn ? html` ngày ${p.issuedOn}` : ""}`,
      html`<b>${p.title}</b>`,
      html`\n${p.body}${p.truncated ? "…" : ""}`,
      p.truncated
        ? html`\n<i>(Trích nội dung; toàn văn trong tệp đính kèm${p.file ? html` “${p.file}”` : ""}.)</i>`
        : p.file
          ? html`\n<i>Tệp đính kèm: ${p.file}</i>`
          : "",
      html`\nĐề nghị các đồng chí bấm <b>Đã nhận</b> để xác nhận đã nhận thông báo.`,
    ]),
  /** Under a notice where there is no button to press: how to acknowledge it. */
  groupMessageAckHint: (platform: string): SafeHtml => html`(Trên ${platform}: trả lời “đã nhận” để xác nhận.)`,
  ackButton: (count: number): string => (count > 0 ? `✅ Đã nhận (${count})` : "✅ Đã nhận"),
  noteTitle: (title: string): string => cutText(`Thông báo: ${title}`, 200),
  noteText: (title: string, excerpt: string): string => cutText(`${title}\n\n${excerpt}`, 1500),
  ackThanks: (): string => "Đã ghi nhận đồng chí đã nhận thông báo. Cảm ơn đồng chí.",
  ackAlready: (): string => "Đồng chí đã xác nhận thông báo này trước đó.",
  ackNotLinked: (): string => "Tài khoản chưa liên kết nên chưa ghi nhận được. Vui lòng nhắn riêng cho bot /start kèm mã mời.",
  ackUnknownNotice: (): string => "Không tìm thấy thông báo này.",
  summary: (p: {
    id: number;
    title: string;
    delivered: number;
    total: number;
    failed: { chat: string; reason: string }[];
    pinFailed: { chat: string; reason: string }[];
    noted: number;
    /** groups on a platform that can neither pin nor keep a pinned note */
    unpinnable?: number;
  }): SafeHtml =>
    joinHtml([
      html`Thông báo <b>#${p.id}</b> “${p.title}”: đã gửi đến ${p.delivered}/${p.total} nhóm.`,
      p.failed.length > 0
        ? joinHtml([html`Không gửi được (${p.failed.length}):`, ...p.failed.map((f) => html`• ${f.chat}: ${f.reason}`)])
        : "",
      p.pinFailed.length > 0
        ? joinHtml([html`Không ghim được (${p.pinFailed.length}):`, ...p.pinFailed.map((f) => html`• ${f.chat}: ${f.reason}`)])
        : "",
      p.noted > 0 ? html`Zalo không có chức năng ghim tin nhắn: đã tạo ghi chú nhóm thay thế ở ${p.noted} nhóm.` : "",
      (p.unpinnable ?? 0) > 0 ? html`Không ghim được ở ${p.unpinnable} nhóm do nền tảng không hỗ trợ ghim tin nhắn.` : "",
      html`Gõ /thongbao_tinhtrang ${p.id} để xem ai đã xác nhận.`,
    ]),
  statusTitle: (id: number, title: string, publishedAt: string): SafeHtml =>
    html`<b>Tình trạng thông báo #${id}</b>\n“${title}” – phát hành ${publishedAt}`,
  statusTotals: (p: { units: number; delivered: number; acked: number }): SafeHtml =>
    html`Đơn vị đã nhận tin: ${p.delivered}/${p.units}; đã xác nhận: ${p.acked}/${p.units}.`,
  statusUnit: (p: {
    unit: string;
    state: "acked" | "delivered" | "pending" | "failed" | "no_group";
    reason?: string | null;
    who?: string;
  }): SafeHtml => {
    switch (p.state) {
      case "acked":
        return html`✅ ${p.unit} – đã xác nhận: ${p.who ?? ""}`;
      case "delivered":
        return html`📨 ${p.unit} – đã gửi, chưa xác nhận`;
      case "pending":
        return html`⏳ ${p.unit} – đang gửi`;
      case "failed":
        return html`⛔ ${p.unit} – không gửi được${p.reason ? `: ${p.reason}` : ""}`;
      case "no_group":
        return html`— ${p.unit} – chưa có nhóm đăng ký`;
    }
  },
  statusOther: (chat: string, state: string): SafeHtml => html`• ${chat}: ${state}`,
  noNotices: (): SafeHtml => html`Chưa có thông báo nào được phát hành.`,
  noticeNotFound: (id: string): SafeHtml => html`Không tìm thấy thông báo #${id}.`,
  reasons: {
    chat_gone: "bot đã bị xóa khỏi nhóm hoặc bị chặn",
    gave_up: "lỗi mạng kéo dài, đã thử nhiều lần",
    refused: "nền tảng từ chối tin nhắn",
    inactive: "nhóm không còn hoạt động với bot",
    pin_rights: "bot không có quyền ghim",
    other: "lỗi khác",
  },
};

/** Proposing the notice's deadlines as reporting tasks (a step of its own, after publishing). */
export const noticeTasks = {
  flowTitle: "tạo nhiệm vụ từ yêu cầu báo cáo của thông báo",
  command: "thongbao_nhiemvu",
  /** said when the notice is sent, before any delivery is known */
  afterPublish: (n: number, id: number): SafeHtml =>
    html`Thông báo có ${n} yêu cầu báo cáo có thời hạn. Khi gửi xong, bot sẽ đưa ra để đồng chí tạo nhiệm vụ; đồng chí cũng có thể gõ /thongbao_nhiemvu ${id} bất cứ lúc nào.`,
  /** under the delivery summary, with the button */
  pending: (n: number, id: number): SafeHtml =>
    html`\nThông báo có ${n} yêu cầu báo cáo có thời hạn chưa tạo nhiệm vụ. Đồng chí bấm <b>Xem ${n} yêu cầu báo cáo</b> hoặc gõ /thongbao_nhiemvu ${id}.`,
  viewButton: (n: number): string => `Xem ${n} yêu cầu báo cáo`,
  viewToast: "Đang mở các yêu cầu báo cáo",
  found: (id: number, open: number, total: number): SafeHtml =>
    open === total
      ? html`Thông báo <b>#${id}</b> có ${total} yêu cầu báo cáo có thời hạn. Đồng chí xem từng yêu cầu: tạo nhiệm vụ (bot sẽ nhắc hạn), sửa tiêu đề, hạn hoặc đơn vị, hoặc bỏ qua.`
      : html`Thông báo <b>#${id}</b> còn ${open}/${total} yêu cầu báo cáo chưa xử lý. Đồng chí xem từng yêu cầu: tạo nhiệm vụ, sửa tiêu đề, hạn hoặc đơn vị, hoặc bỏ qua.`,
  noneFound: (id: number): SafeHtml => html`Thông báo #${id} không có yêu cầu báo cáo nào có thời hạn. Gõ /hanmoi để tạo nhiệm vụ.`,
  noneOpen: (id: number, created: number, total: number): SafeHtml =>
    html`Các yêu cầu báo cáo của thông báo #${id} đã được xử lý hết (đã tạo ${created}/${total} nhiệm vụ). Gõ /nhiemvu để xem hoặc sửa các nhiệm vụ.`,
  noNoticeOpen: (): SafeHtml =>
    html`Không có thông báo nào còn yêu cầu báo cáo chưa xử lý. Gõ /thongbao_nhiemvu kèm số thông báo (ví dụ: /thongbao_nhiemvu 12) để xem lại một thông báo.`,
  officeOnly: (): string => "Chỉ Văn phòng tạo được nhiệm vụ từ thông báo.",
  proposal: (p: {
    index: number;
    total: number;
    title: string;
    quote: string;
    assignee: string | null;
    units: string;
    due: string | null;
    reading: string;
    recurrence: string | null;
    past: boolean;
  }): SafeHtml =>
    joinHtml([
      html`<b>Yêu cầu ${p.index}/${p.total}</b>`,
      html`Nhiệm vụ: <b>“${p.title}”</b>`,
      html`Trích: <i>“${p.quote}”</i>`,
      html`Giao: ${p.assignee ?? "chưa rõ"} → <b>${p.units}</b>`,
      p.due
        ? html`Hạn: <b>${p.due}</b> (${p.reading})`
        : html`Hạn: <b>chưa xác định</b> (${p.reading}${p.recurrence ? `; định kỳ: ${p.recurrence}` : ""})`,
      p.past ? html`⚠️ Hạn này đã qua. Đồng chí bấm <b>Sửa hạn</b> để nhập hạn mới trước khi tạo nhiệm vụ, hoặc bỏ qua.` : "",
    ]),
  editTitle: "Sửa tiêu đề",
  askTitle: (current: string): SafeHtml =>
    html`Tiêu đề hiện tại: “${current}”.\nĐồng chí gõ tiêu đề ngắn gọn cho nhiệm vụ (tối đa 300 ký tự).`,
  unitsAll: (n: number): string => `tất cả ${n} đơn vị`,
  unitsNone: "chưa xác định đơn vị",
  create: "Tạo nhiệm vụ",
  editDue: "Sửa hạn",
  editUnits: "Sửa đơn vị",
  skip: "Bỏ qua",
  back: "Quay lại",
  askDue: (): SafeHtml => html`Đồng chí gõ hạn nộp (ví dụ: 31/5/2022 hoặc 31/5/2022 17:00).`,
  needDue: (): SafeHtml => html`Yêu cầu này chưa có hạn cụ thể. Đồng chí bấm <b>Sửa hạn</b> để nhập hạn, hoặc bỏ qua.`,
  needUnits: (): SafeHtml => html`Chưa xác định đơn vị thực hiện. Đồng chí bấm <b>Sửa đơn vị</b> để chọn, hoặc bỏ qua.`,
  created: (id: number, title: string, due: string, units: number): SafeHtml =>
    html`✅ Đã tạo nhiệm vụ #${id} “${title}”, hạn ${due}, giao ${units} đơn vị. Bot sẽ nhắc các đơn vị chưa nộp.`,
  skipped: (): SafeHtml => html`Đã bỏ qua yêu cầu này.`,
  finished: (id: number, created: number, total: number): SafeHtml =>
    html`Xong: đã tạo ${created}/${total} nhiệm vụ từ thông báo #${id}. Gõ /hanmoi để tạo thêm nhiệm vụ khác.`,
};
