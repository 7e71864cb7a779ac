/**
 * Outbound text for Zalo: the core's Telegram-HTML subset becomes plain text plus zca-js style ranges
 * (bold, italic, underline, strike-through), links become "text (url)", entities are decoded. Choices,
 * which Telegram shows as buttons, become a numbered list with a short hint; the numbered items are
 * returned so the sender can remember the menu (a reply quoting it with "2" picks the second item).
 */
import { TextStyle, type Style } from "zca-js";
import type { Choice } from "../../messaging/outbound.js";
import type { MenuChoice } from "../../db/menus.js";
import { isFlowChoice } from "../../flows/engine.js";
import { common } from "../../i18n/vi/common.js";
import { zalo } from "../../i18n/vi/zalo.js";

export interface ZaloText {
  msg: string;
  styles: Style[];
}

export interface ZaloMenuText extends ZaloText {
  /** the numbered items in order (item n is menu[n - 1]); empty when the message has no choices */
  menu: MenuChoice[];
}

const TAG_STYLES: Record<string, TextStyle | undefined> = {
  b: TextStyle.Bold,
  strong: TextStyle.Bold,
  i: TextStyle.Italic,
  em: TextStyle.Italic,
  u: TextStyle.Underline,
  ins: TextStyle.Underline,
  s: TextStyle.StrikeThrough,
  strike: TextStyle.StrikeThrough,
  del: TextStyle.StrikeThrough,
};

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/g, (whole, body: string) => decodeEntity(body) ?? whole);
}

function decodeEntity(body: string): string | undefined {
  if (body.startsWith("#x") || body.startsWith("#X")) return safeCodePoint(parseInt(body.slice(2), 16));
  if (body.startsWith("#")) return safeCodePoint(parseInt(body.slice(1), 10));
  return NAMED_ENTITIES[body.toLowerCase()];
}

function safeCodePoint(n: number): string | undefined {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : undefined;
}

interface OpenTag {
  name: string;
  start: number;
  href?: string;
}

/** Converts the HTML subset to Zalo text and styles. Unknown tags are dropped, their text kept. */
export function htmlToZalo(markup: string): ZaloText {
  let out = "";
  const styles: Style[] = [];
  const open: OpenTag[] = [];
  const token = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|[^<&]+|[<&]/g;
  for (const m of markup.matchAll(token)) {
    const [whole, closing, rawName, attrs, entity] = m;
    if (rawName !== undefined) {
      const name = rawName.toLowerCase();
      if (!closing) {
        if (name === "br") {
          out += "\n";
          continue;
        }
        const tag: OpenTag = { name, start: out.length };
        if (name === "a") {
          const href = /href\s*=\s*"([^"]*)"|href\s*=\s*'([^']*)'/i.exec(attrs ?? "");
          const value = href?.[1] ?? href?.[2];
          if (value) tag.href = decodeEntities(value);
        }
        if (!attrs?.trimEnd().endsWith("/")) open.push(tag);
        continue;
      }
      const index = findLastIndex(open, (t) => t.name === name);
      if (index < 0) continue;
      const [tag] = open.splice(index, 1);
      const st = TAG_STYLES[name];
      if (st && out.length > tag!.start) styles.push({ start: tag!.start, len: out.length - tag!.start, st });
      if (name === "a" && tag!.href) {
        const label = out.slice(tag!.start).trim();
        if (label !== tag!.href && !/^(mailto|tel):/i.test(tag!.href)) out += label ? ` (${tag!.href})` : tag!.href;
      }
      continue;
    }
    if (entity !== undefined) {
      out += decodeEntity(entity) ?? whole;
      continue;
    }
    out += whole;
  }
  // Tags left open (the splitter closes them, but be forgiving): style up to the end.
  for (const tag of open) {
    const st = TAG_STYLES[tag.name];
    if (st && out.length > tag.start) styles.push({ start: tag.start, len: out.length - tag.start, st });
  }
  styles.sort((a, b) => a.start - b.start || b.len - a.len);
  return { msg: out, styles };
}

function findLastIndex<T>(items: T[], pred: (t: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (pred(items[i]!)) return i;
  return -1;
}

/**
 * Text with choices, as Zalo shows it:
 *
 *     Đồng chí chọn thao tác:
 *
 *     1. Gửi
 *     2. Sửa
 *     3. Hủy
 *     Đồng chí vui lòng gõ số thứ tự để chọn (ví dụ: 1).
 *
 * Action choices are numbered across rows; link choices follow as "label: url" without a number.
 */
export function renderZaloMessage(markup: string, choices?: Choice[][] | null): ZaloMenuText {
  const body = htmlToZalo(markup);
  const flat = (choices ?? []).flat();
  if (flat.length === 0) return { ...body, menu: [] };
  const menu: MenuChoice[] = [];
  const lines: string[] = [];
  for (const c of flat) {
    if (c.kind === "action") {
      menu.push({ label: c.label, data: c.data });
      lines.push(`${menu.length}. ${c.label}`);
    }
  }
  for (const c of flat) if (c.kind === "url") lines.push(zalo.linkChoice(c.label, c.url));
  // The flow engine re-sends a bare list with its own hint after a wrong answer; the list brings ours.
  const text = body.msg.trim() === common.replyNumberHint() ? "" : body.msg.trimEnd();
  const styles =
    text === "" ? [] : body.styles.filter((s) => s.start < text.length).map((s) => ({ ...s, len: Math.min(s.len, text.length - s.start) }));
  let msg = text ? `${text}\n\n${lines.join("\n")}` : lines.join("\n");
  if (menu.length > 0) {
    const hint = menu.every((c) => isFlowChoice(c.data)) ? zalo.choiceHintTyped() : zalo.choiceHintQuote();
    styles.push({ start: msg.length + 1, len: hint.length, st: TextStyle.Italic });
    msg += `\n${hint}`;
  }
  return { msg, styles, menu };
}
