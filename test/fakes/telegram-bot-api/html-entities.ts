/**
 * Telegram's text rules: the HTML parse mode parser (a byte-for-byte port of tdlib's `parse_html`
 * in td/telegram/MessageEntity.cpp, with the same error messages and byte offsets), the clean-up
 * and trimming Telegram applies afterwards, and the length that the 4096 / 1024 limits count
 * (UTF-16 code units of the text after parsing).
 *
 * One deliberate difference, switchable: by default an "&" that does not start one of the entities
 * tdlib decodes (&lt; &gt; &amp; &quot; &#NN; &#xNN;) is an error here, while tdlib keeps it as a
 * literal "&". Bots must escape "&" anyway; pass `strictAmpersand: false` for tdlib's behaviour.
 */
import type { TgMessageEntity } from "./types.js";

export class EntityParseError extends Error {
  /** The message after "Bad Request: can't parse entities: ". */
  constructor(readonly detail: string) {
    super(`can't parse entities: ${detail}`);
    this.name = "EntityParseError";
  }
}

export interface ParsedText {
  text: string;
  entities: TgMessageEntity[];
}

export interface ParseHtmlOptions {
  /** Reject an "&" that starts no entity (default true). */
  strictAmpersand?: boolean;
}

const AMP = 0x26;
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const DQ = 0x22;
const SQ = 0x27;
const SEMI = 0x3b;
const HASH = 0x23;

const SUPPORTED_TAGS = new Set([
  "a",
  "b",
  "strong",
  "i",
  "em",
  "s",
  "strike",
  "del",
  "u",
  "ins",
  "tg-spoiler",
  "tg-emoji",
  "tg-time",
  "span",
  "pre",
  "code",
  "blockquote",
]);

/** tdlib's is_space: NUL counts, so scanning stops at the end of the (NUL-terminated) text. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0 || c === 0x0b;
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isAlpha(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}
function isAlnum(c: number): boolean {
  return isAlpha(c) || isDigit(c);
}
function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}
function hexValue(c: number): number {
  if (isDigit(c)) return c - 0x30;
  return (c | 0x20) - 0x61 + 10;
}
function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/**
 * tdlib's decode_html_entity. Returns the code point and the position after the entity, or null
 * when the text at `pos` ("&...") is not an entity it decodes.
 */
function decodeEntity(b: Buffer, pos: number): { code: number; end: number } | null {
  const at = (i: number): number => (i < b.length ? b[i]! : 0);
  let end = pos + 1;
  let code = 0;
  if (at(pos + 1) === HASH) {
    end++;
    if (at(pos + 2) === 0x78 /* x */) {
      end++;
      while (isHexDigit(at(end))) {
        code = code * 16 + hexValue(at(end++));
        if (code > 0x10ffff * 16) code = 0x10ffff * 16; // keep the number finite; it is rejected below
      }
    } else {
      while (isDigit(at(end))) {
        code = code * 10 + at(end++) - 0x30;
        if (code > 0x10ffff * 16) code = 0x10ffff * 16;
      }
    }
    if (code === 0 || code >= 0x10ffff || end - pos >= 10) return null;
  } else {
    while (isAlpha(at(end))) end++;
    const name = b.toString("latin1", pos + 1, end);
    if (name === "lt") code = 0x3c;
    else if (name === "gt") code = 0x3e;
    else if (name === "amp") code = 0x26;
    else if (name === "quot") code = 0x22;
    else return null;
  }
  return { code, end: at(end) === SEMI ? end + 1 : end };
}

function codeToString(code: number): string {
  // Lone surrogates are produced as-is, like tdlib, and rejected after the whole text is built.
  return code >= 0xd800 && code <= 0xdfff ? String.fromCharCode(code) : String.fromCodePoint(code);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

interface OpenTag {
  tag: string;
  argument: string;
  utf16Offset: number;
  /** Index in the output pieces array and the UTF-16 length of the output when the tag opened. */
  outLength: number;
}

/**
 * Parses Telegram HTML. Returns the plain text (not yet trimmed; see `finishText`) and entities with
 * UTF-16 offsets. Throws EntityParseError with Telegram's wording.
 */
export function parseHtml(input: string, options: ParseHtmlOptions = {}): ParsedText {
  const strictAmpersand = options.strictAmpersand ?? true;
  const b = Buffer.from(input, "utf8");
  const n = b.length;
  const at = (i: number): number => (i < n ? b[i]! : 0);
  const slice = (from: number, to: number): string => b.toString("utf8", from, to);

  let out = "";
  let rawStart = 0; // start of the pending run of raw bytes copied to the output
  let utf16 = 0;
  let sawSurrogate = false;
  const entities: TgMessageEntity[] = [];
  const open: OpenTag[] = [];
  const flush = (to: number): void => {
    if (to > rawStart) out += slice(rawStart, to);
  };

  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === AMP) {
      const decoded = decodeEntity(b, i);
      if (decoded) {
        flush(i);
        out += codeToString(decoded.code);
        if (decoded.code >= 0xd800 && decoded.code <= 0xdfff) sawSurrogate = true;
        utf16 += decoded.code > 0xffff ? 2 : 1;
        i = decoded.end - 1;
        rawStart = decoded.end;
        continue;
      }
      if (strictAmpersand) {
        throw new EntityParseError(
          `Character "&" must be escaped as "&amp;" (found a bare "&" at byte offset ${i}; ` +
            `strictHtmlEntities is on in the fake, real Telegram would keep it)`,
        );
      }
    }
    if (c !== LT) {
      if ((c & 0xc0) !== 0x80) utf16 += c >= 0xf0 ? 2 : 1;
      continue;
    }

    flush(i);
    const beginPos = i++;
    if (at(i) !== SLASH) {
      // start tag
      while (!isSpace(at(i)) && at(i) !== GT) i++;
      if (at(i) === 0) throw new EntityParseError(`Unclosed start tag at byte offset ${beginPos}`);
      const tag = asciiLower(slice(beginPos + 1, i));
      if (!SUPPORTED_TAGS.has(tag)) {
        throw new EntityParseError(`Unsupported start tag "${tag}" at byte offset ${beginPos}`);
      }

      let argument = "";
      while (at(i) !== GT) {
        while (at(i) !== 0 && isSpace(at(i))) i++;
        if (at(i) === GT) break;
        const attrBegin = i;
        while (!isSpace(at(i)) && at(i) !== EQ && at(i) !== GT && at(i) !== SLASH && at(i) !== DQ && at(i) !== SQ) {
          i++;
        }
        const attrName = slice(attrBegin, i);
        if (attrName.length === 0) {
          throw new EntityParseError(`Empty attribute name in the tag "${tag}" at byte offset ${beginPos}`);
        }
        while (at(i) !== 0 && isSpace(at(i))) i++;
        if (at(i) !== EQ) {
          if (at(i) === 0) throw new EntityParseError(`Unclosed start tag "${tag}" at byte offset ${beginPos}`);
          if (tag === "blockquote" && attrName === "expandable") argument = "1";
          continue;
        }
        i++;
        while (at(i) !== 0 && isSpace(at(i))) i++;
        if (at(i) === 0) throw new EntityParseError(`Unclosed start tag "${tag}" at byte offset ${beginPos}`);

        let value: string;
        if (at(i) !== SQ && at(i) !== DQ) {
          // a name token: letters, digits, periods, hyphens; case-insensitive
          const tokenBegin = i;
          while (isAlnum(at(i)) || at(i) === 0x2e || at(i) === 0x2d) i++;
          value = asciiLower(slice(tokenBegin, i));
          if (!isSpace(at(i)) && at(i) !== GT) {
            throw new EntityParseError(`Unexpected end of name token at byte offset ${tokenBegin}`);
          }
        } else {
          // a string literal, may contain entities (a bare "&" is kept, as in tdlib, even when strict)
          const endChar = b[i++]!;
          value = "";
          let runStart = i;
          while (at(i) !== endChar && at(i) !== 0) {
            if (at(i) === AMP) {
              const decoded = decodeEntity(b, i);
              if (decoded) {
                value += slice(runStart, i) + codeToString(decoded.code);
                i = decoded.end;
                runStart = i;
                continue;
              }
            }
            i++;
          }
          value += slice(runStart, Math.min(i, n));
          if (at(i) === endChar) i++;
        }
        if (at(i) === 0) throw new EntityParseError(`Unclosed start tag at byte offset ${beginPos}`);

        if (tag === "a" && attrName === "href") argument = value;
        else if (tag === "code" && attrName === "class" && value.startsWith("language-")) argument = value.slice(9);
        else if (tag === "span" && attrName === "class" && value.startsWith("tg-")) argument = value.slice(3);
        else if (tag === "tg-emoji" && attrName === "emoji-id") argument = value;
        else if (tag === "blockquote" && attrName === "expandable") argument = "1";
      }

      if (tag === "span" && argument !== "spoiler") {
        throw new EntityParseError(`Tag "span" must have class "tg-spoiler" at byte offset ${beginPos}`);
      }
      open.push({ tag, argument, utf16Offset: utf16, outLength: out.length });
    } else {
      // end tag
      const top = open[open.length - 1];
      if (!top) throw new EntityParseError(`Unexpected end tag at byte offset ${beginPos}`);
      while (!isSpace(at(i)) && at(i) !== GT) i++;
      const endTag = asciiLower(slice(beginPos + 2, i));
      while (isSpace(at(i)) && at(i) !== 0) i++;
      if (at(i) !== GT) throw new EntityParseError(`Unclosed end tag at byte offset ${beginPos}`);
      if (endTag.length > 0 && endTag !== top.tag) {
        throw new EntityParseError(`Unmatched end tag at byte offset ${beginPos}, expected "</${top.tag}>", found "</${endTag}>"`);
      }
      if (utf16 > top.utf16Offset) addEntity(entities, top, utf16, out);
      open.pop();
    }
    rawStart = i + 1;
  }
  flush(n);
  const last = open[open.length - 1];
  if (last) throw new EntityParseError(`Can't find end tag corresponding to start tag "${last.tag}"`);
  if (sawSurrogate && LONE_SURROGATE.test(out)) {
    throw new EntityParseError(
      "Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units",
    );
  }
  for (const e of entities) if (e.type === "code") delete e.language;
  entities.sort((x, y) => x.offset - y.offset || y.length - x.length);
  return { text: out, entities };
}

function addEntity(entities: TgMessageEntity[], top: OpenTag, utf16: number, out: string): void {
  const offset = top.utf16Offset;
  const length = utf16 - offset;
  const prev = entities[entities.length - 1];
  switch (top.tag) {
    case "i":
    case "em":
      entities.push({ type: "italic", offset, length });
      return;
    case "b":
    case "strong":
      entities.push({ type: "bold", offset, length });
      return;
    case "s":
    case "strike":
    case "del":
      entities.push({ type: "strikethrough", offset, length });
      return;
    case "u":
    case "ins":
      entities.push({ type: "underline", offset, length });
      return;
    case "tg-spoiler":
    case "span":
      entities.push({ type: "spoiler", offset, length });
      return;
    case "tg-emoji": {
      if (!/^\d{1,19}$/.test(top.argument) || /^0+$/.test(top.argument)) {
        throw new EntityParseError("Invalid custom emoji identifier specified");
      }
      entities.push({ type: "custom_emoji", offset, length, custom_emoji_id: top.argument });
      return;
    }
    case "tg-time":
      return; // accepted; the fake does not model formatted dates
    case "a": {
      const url = top.argument.length > 0 ? top.argument : out.slice(top.outLength);
      const mention = /^tg:\/\/user\?id=(\d+)$/i.exec(url);
      if (mention) {
        entities.push({ type: "text_mention", offset, length, user: { id: Number(mention[1]), is_bot: false, first_name: "" } });
        return;
      }
      const checked = checkedLink(url);
      if (checked) entities.push({ type: "text_link", offset, length, url: checked });
      return;
    }
    case "pre":
      if (prev && prev.type === "code" && prev.offset === offset && prev.length === length && prev.language) {
        prev.type = "pre";
      } else {
        entities.push({ type: "pre", offset, length });
      }
      return;
    case "code":
      if (prev && prev.type === "pre" && prev.offset === offset && prev.length === length && top.argument) {
        prev.language = top.argument;
      } else {
        const e: TgMessageEntity = { type: "code", offset, length };
        if (top.argument) e.language = top.argument; // kept only to pair with an outer <pre>
        entities.push(e);
      }
      return;
    case "blockquote":
      entities.push({ type: top.argument ? "expandable_blockquote" : "blockquote", offset, length });
      return;
  }
}

/** A rough LinkManager::get_checked_link: http(s)/tg/ton links pass, scheme-less ones get http://, others are dropped. */
function checkedLink(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed.length === 0) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed);
  if (!scheme) return /\s/.test(trimmed) ? null : `http://${trimmed}`;
  const s = scheme[1]!.toLowerCase();
  return s === "http" || s === "https" || s === "tg" || s === "ton" ? trimmed : null;
}

/** Number of UTF-16 code units: what Telegram's length limits count. */
export function utf16Length(text: string): number {
  return text.length;
}

// Telegram's "empty" characters (td::strip_empty_characters), treated as blanks for the emptiness check.
const BLANK_ONLY = /^[ \n\u1680\u180e\u2000-\u200a\u202e\u202f\u205f\u2800\u3000\ufffc\u{e0080}\u{e0081}]*$/u;
// Control characters Telegram turns into spaces (all below 0x20 except \n and \r).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f]/g;

/**
 * Telegram's clean-up after parsing (td::fix_formatted_text): control characters become spaces,
 * "\r" is removed, trailing spaces/newlines are cut, leading ones too when no entity starts there.
 * Entity offsets are shifted accordingly. Returns null when nothing visible remains.
 */
export function finishText(parsed: ParsedText): ParsedText | null {
  let text = parsed.text;
  let entities = parsed.entities;
  if (text.includes("\r")) {
    // removing characters shifts offsets: rebuild a map only in this rare case
    const map: number[] = [];
    let kept = "";
    for (let i = 0; i < text.length; i++) {
      map.push(kept.length);
      if (text[i] !== "\r") kept += text[i];
    }
    map.push(kept.length);
    entities = entities
      .map((e) => ({ ...e, offset: map[e.offset]!, length: map[e.offset + e.length]! - map[e.offset]! }))
      .filter((e) => e.length > 0);
    text = kept;
  }
  text = text.replace(CONTROL, " ");

  let end = text.length;
  while (end > 0 && (text[end - 1] === " " || text[end - 1] === "\n")) end--;
  if (end === 0) return null;
  if (end < text.length) {
    text = text.slice(0, end);
    entities = entities.filter((e) => e.offset < end).map((e) => (e.offset + e.length > end ? { ...e, length: end - e.offset } : e));
  }
  const firstEntity = entities.length > 0 ? Math.min(...entities.map((e) => e.offset)) : text.length;
  let start = 0;
  while (start < firstEntity && (text[start] === " " || text[start] === "\n")) start++;
  if (start > 0) {
    text = text.slice(start);
    entities = entities.map((e) => ({ ...e, offset: e.offset - start }));
  }
  if (BLANK_ONLY.test(text)) return null;
  return { text, entities };
}

export type TextCheck = { ok: true; text: string; entities: TgMessageEntity[]; length: number } | { ok: false; description: string };

/**
 * Validates a message text or caption the way the Bot API does and returns what the chat shows.
 * `kind` picks the messages: "text" (1-4096, empty is an error) or "caption" (0-1024).
 */
export function checkText(
  raw: string | undefined,
  parseMode: string | undefined,
  kind: "text" | "caption",
  options: ParseHtmlOptions & { entities?: TgMessageEntity[] } = {},
): TextCheck {
  const limit = kind === "text" ? 4096 : 1024;
  const source = raw ?? "";
  let parsed: ParsedText;
  const mode = parseMode?.toLowerCase();
  if (mode === "html") {
    try {
      parsed = parseHtml(source, options);
    } catch (err) {
      if (err instanceof EntityParseError) return { ok: false, description: `Bad Request: ${err.message}` };
      throw err;
    }
  } else if (mode === undefined || mode === "" || mode === "markdown" || mode === "markdownv2") {
    // Markdown modes are not validated by the fake: the text counts as it is.
    parsed = { text: source, entities: options.entities ?? [] };
  } else {
    return { ok: false, description: "Bad Request: unsupported parse_mode" };
  }
  const finished = finishText(parsed);
  if (!finished) {
    if (kind === "caption") return { ok: true, text: "", entities: [], length: 0 };
    return { ok: false, description: "Bad Request: message text is empty" };
  }
  const length = utf16Length(finished.text);
  if (length > limit) {
    return {
      ok: false,
      description: kind === "text" ? "Bad Request: message is too long" : "Bad Request: message caption is too long",
    };
  }
  return { ok: true, text: finished.text, entities: finished.entities, length };
}

/** Escapes text for parse_mode HTML (what a bot should do with user input). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => (ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : "&quot;"));
}
