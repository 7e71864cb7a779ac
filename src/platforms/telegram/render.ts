/** Outbound messages rendered as Telegram Bot API parameters (HTML parse mode, inline keyboards). */
import type { Choice } from "../../messaging/outbound.js";
import { escapeHtml } from "../../text/html.js";

export interface InlineKeyboardMarkup {
  inline_keyboard: ({ text: string; callback_data: string } | { text: string; url: string })[][];
}

export function inlineKeyboard(choices: Choice[][] | undefined | null): InlineKeyboardMarkup | undefined {
  if (!choices || choices.length === 0) return undefined;
  return {
    inline_keyboard: choices.map((row) =>
      row.map((c) => (c.kind === "url" ? { text: c.label, url: c.url } : { text: c.label, callback_data: c.data })),
    ),
  };
}

/** Telegram refuses callback data over 64 bytes; the core keeps its data short, this catches mistakes early. */
export function assertCallbackData(choices: Choice[][] | undefined | null): void {
  for (const row of choices ?? []) {
    for (const c of row) {
      if (c.kind === "action" && Buffer.byteLength(c.data, "utf8") > 64) throw new Error(`callback data over 64 bytes: ${c.data}`);
    }
  }
}

/** A mention of a user by id (works without a username); the name is escaped for HTML. */
export function mentionHtml(userId: string, name: string): string {
  return `<a href="tg://user?id=${encodeURIComponent(userId)}">${escapeHtml(name)}</a>`;
}
