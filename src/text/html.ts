/**
 * Formatted text for people is a small subset of HTML (<b>, <i>, <u>, <s>, <code>, <pre>, <a href>),
 * the same subset Telegram's HTML parse mode accepts. The Zalo adapter converts it to styles.
 *
 * `SafeHtml` can only be built by `html` (which escapes every interpolated value that is not itself
 * SafeHtml) or by `trustedHtml` for literal markup, so user text can never break the markup.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Escapes text for Telegram's HTML parse mode (`&`, `<`, `>` and quotes in attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => ESCAPES[ch] ?? ch);
}

export type HtmlValue = SafeHtml | string | number | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/** Tagged template: literal parts are markup, interpolated values are escaped unless SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i] as HtmlValue) + (strings[i + 1] ?? "");
  return new SafeHtml(out);
}

/** Markup written by the project itself (never user text). */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Joins pieces with a separator, escaping plain strings. */
export function joinHtml(parts: readonly HtmlValue[], separator: HtmlValue = "\n"): SafeHtml {
  const sep = render(separator);
  return new SafeHtml(
    parts
      .map(render)
      .filter((p) => p.length > 0)
      .join(sep),
  );
}

export const bold = (value: HtmlValue): SafeHtml => html`<b>${value}</b>`;
export const italic = (value: HtmlValue): SafeHtml => html`<i>${value}</i>`;

/** Plain text of a SafeHtml (tags removed, entities decoded), e.g. for logs, CSV or length checks. */
export function htmlToPlainText(markup: SafeHtml | string): string {
  const s = typeof markup === "string" ? markup : markup.value;
  return s
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");
}
