import { describe, expect, it } from "vitest";
import { splitHtml, visibleLength } from "../../src/text/split-html.js";
import { escapeHtml } from "../../src/text/html.js";

/** A strict checker: every tag closed in order, every & an entity. */
function isBalanced(markup: string): boolean {
  const stack: string[] = [];
  const re = /<(\/?)([a-z]+)[^>]*>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(markup))) {
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]!);
  }
  return stack.length === 0 && !/&(?!(lt|gt|amp|quot|#\d+);)/.test(markup);
}

const sentence = (i: number) => `Câu thứ ${i} nói về việc giải phóng mặt bằng dự án cao tốc Bắc - Nam.`;

describe("splitHtml", () => {
  it("keeps short text whole", () => {
    expect(splitHtml("<b>Xin chào</b>", 4096)).toEqual(["<b>Xin chào</b>"]);
  });

  it("counts visible characters like Telegram (tags free, entities one character)", () => {
    expect(visibleLength("<b>a &amp; b</b>")).toBe(5);
    expect(visibleLength("😀")).toBe(2);
  });

  it("splits at paragraph boundaries when there are some", () => {
    const paragraphs = Array.from({ length: 40 }, (_, p) => Array.from({ length: 5 }, (_, i) => sentence(p * 5 + i)).join(" "));
    const text = paragraphs.join("\n\n");
    const parts = splitHtml(text, 4096);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(visibleLength(part)).toBeLessThanOrEqual(4096);
      // each part ends with a whole paragraph
      expect(part.endsWith(".")).toBe(true);
    }
    expect(parts.join("\n\n")).toBe(text);
  });

  it("falls back to sentence and then word boundaries, never inside a word", () => {
    const text = Array.from({ length: 300 }, (_, i) => sentence(i)).join(" ");
    const parts = splitHtml(text, 1000);
    for (const part of parts) {
      expect(visibleLength(part)).toBeLessThanOrEqual(1000);
      expect(part.endsWith(".")).toBe(true);
    }
    const words = text.split(" ");
    expect(parts.join(" ").split(" ")).toEqual(words);
  });

  it("closes and reopens tags across a boundary, never splitting a tag or entity", () => {
    const inner = Array.from({ length: 120 }, (_, i) => `${escapeHtml(`a<b & "c" ${i}`)} từ`).join(" ");
    const text = `<b>Tiêu đề</b>\n<i>${inner}</i> kết thúc`;
    const parts = splitHtml(text, 300);
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) {
      expect(isBalanced(part)).toBe(true);
      expect(visibleLength(part)).toBeLessThanOrEqual(300);
    }
    expect(parts[1]!.startsWith("<i>")).toBe(true);
  });

  it("cuts a single word longer than the limit", () => {
    const parts = splitHtml("x".repeat(250), 100);
    expect(parts.map((p) => p.length)).toEqual([100, 100, 50]);
  });

  it("does not split a surrogate pair", () => {
    const parts = splitHtml("😀".repeat(30), 17);
    for (const p of parts) expect(p.length % 2).toBe(0);
  });

  it("returns nothing for empty text", () => {
    expect(splitHtml("", 4096)).toEqual([]);
  });
});
