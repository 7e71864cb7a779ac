/**
 * Splits formatted text (the Telegram-HTML subset) into parts of at most `limit` visible characters,
 * counted as Telegram counts them: UTF-16 code units of the text after tags are removed and entities decoded.
 *
 * A part ends at the best boundary available: a paragraph break, then a line break, then the end of a
 * sentence, then a space. Never inside a tag, an entity or a word (unless one word is longer than a whole
 * part). Tags open at a boundary are closed at the end of the part and reopened at the start of the next,
 * so every part is valid markup on its own.
 */

interface Unit {
  raw: string;
  /** visible length in UTF-16 code units (0 for tags) */
  size: number;
  /** the visible character, for boundary detection ("" for tags) */
  char: string;
  tag?: { name: string; closing: boolean; raw: string };
}

const TAG = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?>/;
const ENTITY = /^&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

function tokenize(markup: string): Unit[] {
  const units: Unit[] = [];
  let i = 0;
  while (i < markup.length) {
    const ch = markup[i]!;
    if (ch === "<") {
      const m = TAG.exec(markup.slice(i, i + 300));
      if (m) {
        units.push({ raw: m[0], size: 0, char: "", tag: { name: m[1]!.toLowerCase(), closing: m[0].startsWith("</"), raw: m[0] } });
        i += m[0].length;
        continue;
      }
    } else if (ch === "&") {
      const m = ENTITY.exec(markup.slice(i, i + 12));
      if (m) {
        const body = m[1]!;
        const decoded = body.startsWith("#x")
          ? String.fromCodePoint(parseInt(body.slice(2), 16))
          : body.startsWith("#")
            ? String.fromCodePoint(Number(body.slice(1)))
            : (NAMED[body] ?? "?");
        units.push({ raw: m[0], size: decoded.length, char: decoded });
        i += m[0].length;
        continue;
      }
    }
    // Keep surrogate pairs together: an emoji is one unit of size 2.
    const cp = markup.codePointAt(i)!;
    const s = String.fromCodePoint(cp);
    units.push({ raw: s, size: s.length, char: s });
    i += s.length;
  }
  return units;
}

/** Visible length as Telegram counts it. */
export function visibleLength(markup: string): number {
  return tokenize(markup).reduce((n, u) => n + u.size, 0);
}

/** Boundary quality after unit i (higher is better); 0 = not a boundary. */
function boundaryRank(units: Unit[], i: number): number {
  const c = units[i]!.char;
  const next = units[i + 1]?.char ?? "";
  if (c === "\n" && next === "\n") return 0; // break after the second newline instead
  if (c === "\n") return units[i - 1]?.char === "\n" ? 4 : 3;
  if (c === " " || c === "\t") {
    const prev = units[i - 1]?.char ?? "";
    return /[.!?;:…]/.test(prev) ? 2 : 1;
  }
  return 0;
}

export function splitHtml(markup: string, limit: number): string[] {
  if (limit < 16) throw new RangeError("limit too small");
  const units = tokenize(markup);
  const total = units.reduce((n, u) => n + u.size, 0);
  if (total <= limit) return markup.trim() === "" ? [] : [markup];

  const parts: string[] = [];
  let start = 0;
  let carried: Unit[] = []; // open tags carried over from the previous part
  while (start < units.length) {
    // Skip whitespace at the start of a part.
    while (start < units.length && /^\s$/.test(units[start]!.char)) start++;
    if (start >= units.length) break;
    let size = 0;
    let end = start; // exclusive
    // The last boundary of each rank seen so far, and the part size up to it.
    const lastAt: { index: number; size: number }[] = [];
    while (end < units.length && size + units[end]!.size <= limit) {
      size += units[end]!.size;
      const rank = boundaryRank(units, end);
      if (rank > 0) lastAt[rank] = { index: end, size };
      end++;
    }
    let cut: number;
    if (end >= units.length) cut = units.length;
    else {
      // The best boundary that still fills a third of the part; failing that, any boundary.
      const ranks = [4, 3, 2, 1].filter((r) => lastAt[r]);
      const choice = ranks.find((r) => lastAt[r]!.size >= limit / 3) ?? ranks[0];
      cut = choice !== undefined ? lastAt[choice]!.index + 1 : Math.max(end, start + 1); // one word longer than a part: cut it
    }
    // Never end a part right after an opening tag.
    while (cut > start + 1 && units[cut - 1]!.tag && !units[cut - 1]!.tag!.closing) cut--;

    const body = units.slice(start, cut);
    const open = [...carried];
    for (const u of body) {
      if (!u.tag) continue;
      if (u.tag.closing) {
        const idx = open.map((t) => t.tag!.name).lastIndexOf(u.tag.name);
        if (idx >= 0) open.splice(idx, 1);
      } else if (u.tag.name !== "br") {
        open.push(u);
      }
    }
    let text = carried.map((t) => t.raw).join("") + body.map((u) => u.raw).join("");
    text =
      text.replace(/\s+$/, "") +
      open
        .slice()
        .reverse()
        .map((t) => `</${t.tag!.name}>`)
        .join("");
    if (visibleLength(text) > 0) parts.push(text);
    carried = open;
    start = cut;
  }
  return parts;
}
