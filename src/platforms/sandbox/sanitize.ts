/**
 * Shows the bot's messages as they look on Telegram: the HTML subset the core writes (bold, italic,
 * underline, strike, code, quotes, links) becomes the same tags on the page; any other tag, attribute or
 * link scheme is shown as text, never run. The core escapes people's words already (html``); this is the
 * page's own guard, so a mistake elsewhere cannot put a script on it.
 */
import { escapeHtml } from "../../text/html.js";

const SIMPLE: Record<string, string> = {
  b: "b",
  strong: "b",
  i: "i",
  em: "i",
  u: "u",
  ins: "u",
  s: "s",
  strike: "s",
  del: "s",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  "tg-spoiler": "span",
  span: "span",
};

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*)?)>/g;

function safeHref(attrs: string): string | null {
  const m = /\bhref\s*=\s*("([^"]*)"|'([^']*)')/i.exec(attrs);
  const raw = (m?.[2] ?? m?.[3] ?? "").replace(/&amp;/g, "&");
  return /^(https?:\/\/|\/(?!\/)|tg:\/\/user\?id=)/i.test(raw) ? raw : null;
}

/** Addresses in plain text become links, as Telegram shows them (the console's sign-in link from /web). */
const linkify = (text: string, insideLink: boolean): string =>
  insideLink
    ? text
    : text.replace(
        /https?:\/\/[^\s<>"']+/g,
        (url) => `<a href="${url.replace(/"/g, "&quot;")}" target="_blank" rel="noopener noreferrer">${url}</a>`,
      );

export function renderBotHtml(markup: string): string {
  let out = "";
  let last = 0;
  let inLink = false;
  for (const m of markup.matchAll(TAG)) {
    out += linkify(markup.slice(last, m.index), inLink);
    last = m.index + m[0].length;
    const closing = m[1] === "/";
    const name = m[2]!.toLowerCase();
    if (name === "a") {
      inLink = !closing;
      if (closing) out += "</a>";
      else {
        const href = safeHref(m[3] ?? "");
        // A mention of a person (tg://user) has no page to open: shown as bold text.
        out += href && !href.startsWith("tg:") ? `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">` : "<a>";
      }
      continue;
    }
    const tag = SIMPLE[name];
    out += tag ? `<${closing ? "/" : ""}${tag}>` : escapeHtml(m[0]);
  }
  return out + linkify(markup.slice(last), inLink);
}
