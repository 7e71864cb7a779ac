/**
 * .docx → text with mammoth.
 *
 * mammoth's HTML keeps what plain raw text loses: table structure. A task table ("TT | Nhiệm vụ |
 * Cơ quan chủ trì | Thời hạn") becomes one line per row with " | " between cells, as the parser
 * expects; layout tables (the two-column header "UBND TỈNH ... | CỘNG HÒA ...", the "Nơi nhận |
 * signature" block) are written cell after cell, line by line. Falls back to raw text if the HTML
 * conversion fails. Runs inside the document worker (read-document.ts), whose memory is bounded.
 */
import mammoth from "mammoth";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const cp = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Text of an HTML fragment with its block elements (p, h1-6, li) as lines. */
function blocksOf(html: string): string[] {
  const out: string[] = [];
  const re = /<(p|h[1-6]|li)(?:\s[^>]*)?>([\s\S]*?)<\/\1>/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    const inner = m[2]!.replace(/<br\s*\/?>/gi, "\n").replace(/<[^>]+>/g, "");
    for (const line of decodeEntities(inner).split("\n")) out.push(line.trim());
  }
  if (out.length === 0) {
    const t = decodeEntities(html.replace(/<br\s*\/?>/gi, "\n").replace(/<[^>]+>/g, "")).trim();
    if (t) out.push(...t.split("\n").map((l) => l.trim()));
  }
  return out;
}

function tableToText(tableHtml: string): string {
  const rows: string[][][] = [];
  const rowRe = /<tr(?:\s[^>]*)?>([\s\S]*?)<\/tr>/gi;
  let r: RegExpExecArray | null;
  while ((r = rowRe.exec(tableHtml))) {
    const cells: string[][] = [];
    const cellRe = /<t([dh])(?:\s[^>]*)?>([\s\S]*?)<\/t\1>/gi;
    let c: RegExpExecArray | null;
    while ((c = cellRe.exec(r[1]!))) cells.push(blocksOf(c[2]!).filter((l) => l !== ""));
    rows.push(cells);
  }
  const flat = rows.flat(2).join(" ");
  const multiParagraph = rows.some((row) => row.some((cell) => cell.length > 1));
  const layout = (rows.length <= 2 && multiParagraph) || /CỘNG\s+HÒA|Nơi\s+nhận/u.test(flat);
  if (layout) {
    return rows
      .map((row) =>
        row
          .map((cell) => cell.join("\n"))
          .filter(Boolean)
          .join("\n"),
      )
      .join("\n");
  }
  return rows.map((row) => row.map((cell) => cell.join(" ")).join(" | ")).join("\n");
}

export function htmlToText(html: string): string {
  const parts: string[] = [];
  // split top-level tables from the rest (mammoth does not nest tables in its output for simple documents)
  const re = /<table(?:\s[^>]*)?>[\s\S]*?<\/table>/gi;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    const before = html.slice(last, m.index);
    if (before.trim()) parts.push(blocksOf(before).join("\n\n"));
    parts.push(tableToText(m[0]));
    last = m.index + m[0].length;
  }
  const rest = html.slice(last);
  if (rest.trim()) parts.push(blocksOf(rest).join("\n\n"));
  // Word paragraphs are whole paragraphs: a blank line between them, as in mammoth's raw text
  return parts.join("\n\n").replace(/\n{3,}/g, "\n\n");
}

export async function docxToText(bytes: Uint8Array): Promise<string> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    // Images are never read: by default mammoth inlines each one as base64 in the HTML, megabytes of
    // memory for nothing the parser can use.
    const { value } = await mammoth.convertToHtml({ buffer }, { convertImage: mammoth.images.imgElement(async () => ({ src: "" })) });
    return htmlToText(value);
  } catch (err) {
    const { value } = await mammoth.extractRawText({ buffer }).catch(() => {
      throw err;
    });
    return value;
  }
}
