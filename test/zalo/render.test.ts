import { describe, expect, it } from "vitest";
import { TextStyle } from "zca-js";
import { htmlToZalo, renderZaloMessage } from "../../src/platforms/zalo/render.js";
import { html } from "../../src/text/html.js";
import { action, link } from "../../src/messaging/outbound.js";
import { choiceData } from "../../src/flows/engine.js";
import { common } from "../../src/i18n/vi/common.js";
import { zalo } from "../../src/i18n/vi/zalo.js";

describe("HTML subset to Zalo text and styles", () => {
  it("turns <b>, <i>, <u>, <s> into style ranges over the plain text", () => {
    const r = htmlToZalo("Kính gửi <b>đồng chí An</b>, hạn <i>nộp</i> <u>báo cáo</u> <s>cũ</s>.");
    expect(r.msg).toBe("Kính gửi đồng chí An, hạn nộp báo cáo cũ.");
    const at = (st: TextStyle) => r.styles.filter((s) => s.st === st).map((s) => r.msg.slice(s.start, s.start + s.len));
    expect(at(TextStyle.Bold)).toEqual(["đồng chí An"]);
    expect(at(TextStyle.Italic)).toEqual(["nộp"]);
    expect(at(TextStyle.Underline)).toEqual(["báo cáo"]);
    expect(at(TextStyle.StrikeThrough)).toEqual(["cũ"]);
  });

  it("keeps nested styles and counts positions after decoded entities", () => {
    const r = htmlToZalo("A &amp; B &lt;x&gt; <b>đậm <i>nghiêng</i></b> &#273;&#x111; &quot;q&quot;");
    expect(r.msg).toBe('A & B <x> đậm nghiêng đđ "q"');
    const bold = r.styles.find((s) => s.st === TextStyle.Bold)!;
    const italic = r.styles.find((s) => s.st === TextStyle.Italic)!;
    expect(r.msg.slice(bold.start, bold.start + bold.len)).toBe("đậm nghiêng");
    expect(r.msg.slice(italic.start, italic.start + italic.len)).toBe("nghiêng");
  });

  it("escapes nothing twice: text built with html`` comes back as typed", () => {
    const typed = `<script> & "Phổ An" 5 > 3`;
    expect(htmlToZalo(html`<b>${typed}</b>`.value).msg).toBe(typed);
  });

  it("writes links as text (url), drops <code>/<pre> markup and unknown tags", () => {
    const r = htmlToZalo(
      'Xem <a href="https://example.gov.vn/tb?a=1&amp;b=2">thông báo</a> và <a href="https://x.vn">https://x.vn</a>, mã <code>K7QX</code> <pre>khối</pre> <tg-spoiler>ẩn</tg-spoiler>',
    );
    expect(r.msg).toBe("Xem thông báo (https://example.gov.vn/tb?a=1&b=2) và https://x.vn, mã K7QX khối ẩn");
    expect(r.styles).toEqual([]);
  });
});

describe("choices as a numbered list", () => {
  it("numbers action choices across rows, then the hint; link choices follow without a number", () => {
    const r = renderZaloMessage("<b>Xem lại báo cáo</b>", [
      [action("Gửi", "is:ack:1"), action("Sửa", "is:asg:1")],
      [action("Hủy", "is:res:1")],
      [link("Mở văn bản", "https://vb.vn/1")],
    ]);
    expect(r.msg).toBe(`Xem lại báo cáo\n\n1. Gửi\n2. Sửa\n3. Hủy\nMở văn bản: https://vb.vn/1\n${zalo.choiceHintQuote()}`);
    expect(r.menu).toEqual([
      { label: "Gửi", data: "is:ack:1" },
      { label: "Sửa", data: "is:asg:1" },
      { label: "Hủy", data: "is:res:1" },
    ]);
    expect(r.styles[0]).toMatchObject({ start: 0, len: "Xem lại báo cáo".length, st: TextStyle.Bold });
    const hint = r.styles.find((s) => s.st === TextStyle.Italic)!;
    expect(r.msg.slice(hint.start, hint.start + hint.len)).toBe(zalo.choiceHintQuote());
  });

  it("says a typed number is enough when the list belongs to a guided step", () => {
    const r = renderZaloMessage("Nhóm này dùng để làm gì?", [
      [action("Nhóm của một xã, phường", choiceData("abcd", "unit"))],
      [action("Nhóm Thường trực HĐND", choiceData("abcd", "standing"))],
    ]);
    expect(r.msg).toBe(`Nhóm này dùng để làm gì?\n\n1. Nhóm của một xã, phường\n2. Nhóm Thường trực HĐND\n${zalo.choiceHintTyped()}`);
  });

  it("does not repeat the flow engine's own hint when it re-sends the bare list", () => {
    const r = renderZaloMessage(common.replyNumberHint(), [
      [action("Có", choiceData("abcd", "y"))],
      [action("Không", choiceData("abcd", "n"))],
    ]);
    expect(r.msg).toBe(`1. Có\n2. Không\n${zalo.choiceHintTyped()}`);
    expect(r.msg).not.toContain(common.replyNumberHint());
  });

  it("leaves a message without choices alone", () => {
    expect(renderZaloMessage("Chào <b>đồng chí</b>")).toEqual({
      msg: "Chào đồng chí",
      styles: [{ start: 5, len: 8, st: TextStyle.Bold }],
      menu: [],
    });
  });
});
