/**
 * Sentences of changing a notice after the fact: confirming a typed title before it replaces the proposed
 * one, correcting a published notice (đính chính) and recalling it (thu hồi).
 */
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
