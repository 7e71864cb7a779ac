import { describe, expect, it } from "vitest";
import { checkText, escapeHtml, parseHtml } from "./html-entities.js";

function ok(html: string, strictAmpersand = true) {
  return parseHtml(html, { strictAmpersand });
}

function err(html: string, strictAmpersand = true): string {
  try {
    parseHtml(html, { strictAmpersand });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(html)} to be rejected`);
}

describe("parseHtml: valid markup (tdlib's parse_html)", () => {
  it("turns every supported tag into its entity", () => {
    const r = ok(
      "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike><del>d</del>" +
        '<tg-spoiler>p</tg-spoiler><span class="tg-spoiler">q</span><code>c</code><blockquote>q</blockquote>',
    );
    expect(r.text).toBe("bsieunskdpqcq");
    expect(r.entities.map((e) => e.type)).toEqual([
      "bold",
      "bold",
      "italic",
      "italic",
      "underline",
      "underline",
      "strikethrough",
      "strikethrough",
      "strikethrough",
      "spoiler",
      "spoiler",
      "code",
      "blockquote",
    ]);
    expect(r.entities.map((e) => e.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("is case-insensitive for tag names and tolerates spaces before >", () => {
    expect(ok("<B >x</b >").entities).toEqual([{ type: "bold", offset: 0, length: 1 }]);
    expect(ok("<b>x</>").text).toBe("x"); // an empty end tag closes the innermost tag
  });

  it("nests tags and counts offsets in UTF-16 units", () => {
    const r = ok("😀 <b>Xin <i>chào</i></b>");
    expect(r.text).toBe("😀 Xin chào");
    expect(r.entities).toEqual([
      { type: "bold", offset: 3, length: 8 },
      { type: "italic", offset: 7, length: 4 },
    ]);
  });

  it("decodes the four named entities and numeric ones", () => {
    expect(ok("a &lt; b &gt; c &amp; d &quot;e&quot;").text).toBe('a < b > c & d "e"');
    expect(ok("&#65;&#x42;&#128512;").text).toBe("AB😀");
    expect(ok("&lt").text).toBe("<"); // the semicolon is optional
    expect(ok("x > y").text).toBe("x > y"); // a raw > is fine
  });

  it("reads links, decoding entities in attribute values", () => {
    const r = ok('<a href="https://example.com/?a=1&amp;b=2">link</a>');
    expect(r.entities).toEqual([{ type: "text_link", offset: 0, length: 4, url: "https://example.com/?a=1&b=2" }]);
    // a bare & inside a quoted attribute value is kept, even in strict mode (as tdlib does)
    expect(ok("<a href='https://x.org/?a=1&b=2'>l</a>").entities[0]!.url).toBe("https://x.org/?a=1&b=2");
    expect(ok('<a href="tg://user?id=42">An</a>').entities[0]).toMatchObject({ type: "text_mention", user: { id: 42 } });
    // invalid links give no entity but no error either
    expect(ok('<a href="javascript:alert(1)">x</a>').entities).toEqual([]);
  });

  it("pairs <pre> and <code class=language-...>", () => {
    expect(ok('<pre><code class="language-python">print(1)</code></pre>').entities).toEqual([
      { type: "pre", offset: 0, length: 8, language: "python" },
    ]);
    expect(ok("<pre>x</pre>").entities).toEqual([{ type: "pre", offset: 0, length: 1 }]);
    expect(ok('<code class="language-js">x</code>').entities).toEqual([{ type: "code", offset: 0, length: 1 }]);
  });

  it("supports expandable blockquotes and custom emoji", () => {
    expect(ok("<blockquote expandable>q</blockquote>").entities[0]!.type).toBe("expandable_blockquote");
    expect(ok('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>').entities[0]).toEqual({
      type: "custom_emoji",
      offset: 0,
      length: 2,
      custom_emoji_id: "5368324170671202286",
    });
  });

  it("accepts unquoted name-token attribute values", () => {
    expect(ok("<span class=tg-spoiler>s</span>").entities[0]!.type).toBe("spoiler");
  });

  it("drops empty entities", () => {
    expect(ok("<b></b>text").entities).toEqual([]);
  });
});

describe("parseHtml: errors with Telegram's wording", () => {
  const cases: Array<[string, string]> = [
    ["<p>x</p>", 'Unsupported start tag "p" at byte offset 0'],
    ["a < b", 'Unsupported start tag "" at byte offset 2'],
    ["<br/>", 'Unsupported start tag "br/" at byte offset 0'],
    ["Xin chào <div>", 'Unsupported start tag "div" at byte offset 10'], // byte offsets count UTF-8 bytes
    ["<b>x", 'Can\'t find end tag corresponding to start tag "b"'],
    ["<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
    ["x</b>", "Unexpected end tag at byte offset 1"],
    ["<b", "Unclosed start tag at byte offset 0"],
    ["<b>x</b", "Unclosed end tag at byte offset 4"],
    ['<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ["<span>s</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ["<a href=https://x.org>l</a>", "Unexpected end of name token at byte offset 8"],
    ['<a href="x>l</a>', "Unclosed start tag at byte offset 0"],
    ["<b x", 'Unclosed start tag "b" at byte offset 0'],
    ['<b ="x">y</b>', 'Empty attribute name in the tag "b" at byte offset 0'],
    ['<tg-emoji emoji-id="abc">x</tg-emoji>', "Invalid custom emoji identifier specified"],
    ["&#xD800;", "Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units"],
  ];
  for (const [html, message] of cases) {
    it(`rejects ${JSON.stringify(html)}`, () => {
      expect(err(html)).toBe(`can't parse entities: ${message}`);
    });
  }

  it("rejects a bare & in strict mode (default) and keeps it literally otherwise", () => {
    expect(err("AT&T")).toMatch(/^can't parse entities: Character "&" must be escaped.*byte offset 2/);
    expect(err("a &nbsp; b")).toMatch(/byte offset 2/);
    expect(ok("AT&T", false).text).toBe("AT&T");
    expect(ok("a &nbsp; b", false).text).toBe("a &nbsp; b");
  });

  it("escapeHtml output always parses back to the original text", () => {
    const nasty = `<script>alert("x")</script> & AT&T <b> 5 > 3 &amp; "quoted" 😀 Hội đồng`;
    expect(ok(escapeHtml(nasty)).text).toBe(nasty);
  });
});

describe("checkText: lengths after entity parsing", () => {
  const html = (raw: string) => checkText(raw, "HTML", "text");

  it("counts UTF-16 code units of the visible text, not the markup", () => {
    expect(html("a".repeat(4096))).toMatchObject({ ok: true, length: 4096 });
    expect(html("a".repeat(4097))).toEqual({ ok: false, description: "Bad Request: message is too long" });
    expect(html(`<b>${"a".repeat(4096)}</b>`)).toMatchObject({ ok: true, length: 4096 });
    expect(html("&amp;".repeat(4096))).toMatchObject({ ok: true, length: 4096 });
    expect(html("&amp;".repeat(4097))).toMatchObject({ ok: false });
    expect(html("😀".repeat(2048))).toMatchObject({ ok: true, length: 4096 });
    expect(html("😀".repeat(2049))).toMatchObject({ ok: false });
    // without parse_mode the markup is text and counts
    expect(checkText(`<b>${"a".repeat(4090)}</b>`, undefined, "text")).toMatchObject({ ok: false });
  });

  it("counts Vietnamese text by code units (precomposed vs combining marks)", () => {
    expect(checkText("Hội đồng nhân dân", undefined, "text")).toMatchObject({ ok: true, length: 17 });
    expect(checkText("Hội đồng nhân dân".normalize("NFD"), undefined, "text")).toMatchObject({ ok: true, length: 23 });
  });

  it("trims spaces and newlines and rejects empty text", () => {
    expect(checkText("  hi \n", undefined, "text")).toMatchObject({ ok: true, text: "hi" });
    for (const empty of ["", "   ", "\n \n", "<b></b>", "<b> </b>", "\u2800"]) {
      expect(html(empty)).toEqual({ ok: false, description: "Bad Request: message text is empty" });
    }
    expect(checkText(undefined, undefined, "text")).toEqual({ ok: false, description: "Bad Request: message text is empty" });
  });

  it("shifts entities when leading blanks are trimmed", () => {
    expect(html("  <b>x</b>")).toMatchObject({ ok: true, text: "x", entities: [{ type: "bold", offset: 0, length: 1 }] });
  });

  it("limits captions to 1024 and allows them empty", () => {
    expect(checkText("c".repeat(1024), undefined, "caption")).toMatchObject({ ok: true });
    expect(checkText("c".repeat(1025), undefined, "caption")).toEqual({
      ok: false,
      description: "Bad Request: message caption is too long",
    });
    expect(checkText("", undefined, "caption")).toMatchObject({ ok: true, text: "" });
  });

  it("reports parse errors with the Bot API prefix and rejects unknown parse modes", () => {
    expect(html("<p>")).toEqual({
      ok: false,
      description: 'Bad Request: can\'t parse entities: Unsupported start tag "p" at byte offset 0',
    });
    expect(checkText("x", "Textile", "text")).toEqual({ ok: false, description: "Bad Request: unsupported parse_mode" });
  });
});
