/**
 * Small binary fixtures built in memory, so no binary file has to be committed:
 *   - buildZip: a ZIP archive with stored (uncompressed) entries;
 *   - buildDocx: a minimal .docx (paragraphs and tables) that mammoth reads;
 *   - buildPdf: a PDF with a real text layer (Helvetica with a ToUnicode map, so Vietnamese
 *     letters come back as Unicode), or pages without any text (a "scanned" document).
 */
import { crc32 } from "node:zlib";

// ------------------------------------------------------------------ ZIP

export function buildZip(entries: { name: string; data: string | Uint8Array }[]): Uint8Array {
  const enc = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const data = typeof e.data === "string" ? enc.encode(e.data) : e.data;
    const crc = crc32(data) >>> 0;
    const local = new Uint8Array(30 + name.length + data.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true); // UTF-8 names
    lv.setUint16(8, 0, true); // stored
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    local.set(data, 30 + name.length);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, 0, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const centralSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  return concat([...locals, ...centrals, end]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// ------------------------------------------------------------------ DOCX

export type DocxBlock = string | { table: string[][][] }; // a paragraph, or rows of cells of paragraphs

const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(t)}</w:t></w:r></w:p>`;

export function buildDocx(blocks: DocxBlock[]): Uint8Array {
  const body = blocks
    .map((b) => {
      if (typeof b === "string") return para(b);
      const rows = b.table.map(
        (row) => `<w:tr>${row.map((cell) => `<w:tc>${(cell.length ? cell : [""]).map(para).join("")}</w:tc>`).join("")}</w:tr>`,
      );
      return `<w:tbl>${rows.join("")}</w:tbl>`;
    })
    .join("");
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  return buildZip([
    {
      name: "[Content_Types].xml",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    },
    {
      name: "_rels/.rels",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    },
    { name: "word/document.xml", data: document },
  ]);
}

// ------------------------------------------------------------------ PDF

/** A line of a page: plain text at the left margin, or segments placed at x positions (two columns). */
export type PdfLine = string | { x: number; text: string }[];

/**
 * Build a PDF. Each page is a list of lines (14 pt apart); `null` lines are skipped. A page given as
 * `{ image: true }` has no text, only a filled rectangle, like a scan.
 */
export function buildPdf(pages: (PdfLine[] | { image: true })[]): Uint8Array {
  // code table: ASCII as itself, every other character gets a byte from 128 up
  const codes = new Map<string, number>();
  let next = 128;
  const codeOf = (ch: string) => {
    const cp = ch.codePointAt(0)!;
    if (cp >= 32 && cp < 127) return cp;
    let c = codes.get(ch);
    if (c === undefined) {
      if (next > 255) throw new Error("buildPdf: more than 128 distinct non-ASCII characters");
      c = next++;
      codes.set(ch, c);
    }
    return c;
  };
  const hex = (s: string) => `<${[...s.normalize("NFC")].map((ch) => codeOf(ch).toString(16).padStart(2, "0")).join("")}>`;

  const contents: string[] = pages.map((page) => {
    if (!Array.isArray(page)) return "q 0.5 g 50 300 495 400 re f Q";
    const ops: string[] = ["BT", "/F1 11 Tf"];
    let y = 800;
    for (const line of page) {
      const segs = typeof line === "string" ? [{ x: 50, text: line }] : line;
      for (const s of segs) {
        if (!s.text) continue;
        ops.push(`1 0 0 1 ${s.x} ${y} Tm ${hex(s.text)} Tj`);
      }
      y -= 14;
    }
    ops.push("ET");
    return ops.join("\n");
  });

  const unicodeHex = (ch: string) =>
    [...ch]
      .map((c) => {
        const cp = c.codePointAt(0)!;
        if (cp <= 0xffff) return cp.toString(16).padStart(4, "0");
        const v = cp - 0x10000;
        return ((0xd800 + (v >> 10)).toString(16) + (0xdc00 + (v & 0x3ff)).toString(16)).padStart(8, "0");
      })
      .join("");
  const chars = [...codes.entries()];
  const bfchars: string[] = [];
  for (let i = 0; i < chars.length; i += 100) {
    const chunk = chars.slice(i, i + 100);
    bfchars.push(`${chunk.length} beginbfchar\n${chunk.map(([ch, c]) => `<${c.toString(16)}> <${unicodeHex(ch)}>`).join("\n")}\nendbfchar`);
  }
  const cmap = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<00> <FF>
endcodespacerange
1 beginbfrange
<20> <7e> <0020>
endbfrange
${bfchars.join("\n")}
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;
  const differences = chars.map(([, c]) => `${c} /g${c}`).join(" ");

  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add("");
  const pagesObj = add("");
  const encoding = add(`<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [${differences}] >>`);
  const toUnicode = add(`<< /Length ${Buffer.byteLength(cmap, "latin1")} >>\nstream\n${cmap}\nendstream`);
  const font = add(`<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding ${encoding} 0 R /ToUnicode ${toUnicode} 0 R >>`);
  const pageIds: number[] = [];
  for (const content of contents) {
    const c = add(`<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`);
    pageIds.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${c} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pageIds.length} >>`;

  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}
