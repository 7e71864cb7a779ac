/**
 * Sentences about acknowledgements that do not count for the group's unit: a press in a unit's group by
 * someone who is not that unit's member (the office, another unit's vice-chair).
 */
import { html, joinHtml, type SafeHtml } from "../../text/html.js";

export const noticeAcks = {
  /** the toast (Telegram) or reply (Zalo) to an outsider's press */
  outsider: (): string =>
    "Đã ghi nhận đồng chí đã nhận thông báo. Đồng chí không thuộc đơn vị của nhóm này nên xác nhận được ghi riêng cho đồng chí, không tính cho đơn vị.",
  /** one acknowledgement shown apart: who (their unit or role), in which group, when */
  otherLine: (p: { member: string; of: string; chat: string | null; at: string }): SafeHtml =>
    html`• ${p.member} (${p.of})${p.chat ? html` – tại nhóm ${p.chat}` : ""}, ${p.at}`,
  othersHeading: (n: number): SafeHtml => html`Xác nhận không tính cho đơn vị (người ngoài đơn vị của nhóm): ${n}`,
  others: (lines: SafeHtml[]): SafeHtml => joinHtml([noticeAcks.othersHeading(lines.length), ...lines]),
  digestOther: (member: string, chat: string): string => `${member} xác nhận tại nhóm ${chat}`,
  /** the console */
  consoleHeading: "Xác nhận không tính cho đơn vị",
  consoleIntro: "Người bấm “Đã nhận” trong nhóm của một đơn vị mà không phải thành viên của đơn vị đó: ghi riêng, không tính.",
};
