/**
 * A new reporting task, announced at once to each assigned unit's group and its vice-chairs (issue 12), and
 * the answers to the "Gửi báo cáo" button under it.
 */
import { html, joinHtml, type SafeHtml } from "../../text/html.js";

interface AnnounceText {
  unitName: string;
  title: string;
  description: string | null;
  deadline: string;
}

const ask = html`Đề nghị đồng chí gửi báo cáo trước thời hạn bằng lệnh /baocao, hoặc chọn “Gửi báo cáo” dưới đây.`;

export const announce = {
  button: "📝 Gửi báo cáo",
  /** posted in the unit's group */
  group: (p: AnnounceText): SafeHtml =>
    joinHtml([
      html`<b>NHIỆM VỤ BÁO CÁO MỚI</b>`,
      html`Kính gửi: Thường trực HĐND ${p.unitName}.`,
      html`Nhiệm vụ: <b>“${p.title}”</b>`,
      ...(p.description ? [html`Nội dung: ${p.description}`] : []),
      html`Hạn nộp: <b>${p.deadline}</b>.`,
      html`Đề nghị đồng chí Phó Chủ tịch HĐND ${p.unitName} gửi báo cáo trước thời hạn bằng lệnh /baocao, hoặc chọn “Gửi báo cáo” dưới đây.`,
      html`Trân trọng.`,
    ]),
  /** sent privately to each of the unit's vice-chairs */
  vicechair: (p: AnnounceText & { recipientName: string; recipientTitle: string | null }): SafeHtml =>
    joinHtml([
      p.recipientTitle ? html`Kính gửi đồng chí ${p.recipientName}, ${p.recipientTitle}.` : html`Kính gửi đồng chí ${p.recipientName}.`,
      html`Văn phòng HĐND vừa giao nhiệm vụ báo cáo mới cho ${p.unitName}: <b>“${p.title}”</b>.`,
      ...(p.description ? [html`Nội dung: ${p.description}`] : []),
      html`Hạn nộp: <b>${p.deadline}</b>.`,
      ask,
      html`Trân trọng.`,
    ]),
  /** the button pressed by someone who does not report for a unit */
  notForYou: (): string => "Nút này dành cho đại diện các đơn vị được giao nhiệm vụ.",
  /** the button pressed in a group: the private chat opens */
  opening: (): string => "Mời đồng chí tiếp tục gửi báo cáo trong tin nhắn riêng với bot.",
  /** the task preselected from the button is no longer open for the person's unit */
  taskGone: (): SafeHtml => html`Nhiệm vụ này đã đóng hoặc không giao cho đơn vị của đồng chí. Dưới đây là các nhiệm vụ đang mở.`,
};
