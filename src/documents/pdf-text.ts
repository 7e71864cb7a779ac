/**
 * PDF → text with pdfjs-dist's legacy build (the build meant for Node; pdfjs-dist 5.6 supports
 * Node ≥ 20.19). Runs in-process with pdfjs' fake worker, reads standard font data from the
 * installed package (never from the network), and never evaluates code from the PDF.
 *
 * Text items are regrouped into lines by their baseline; a wide horizontal gap between items on
 * one line becomes three spaces, so the two-column header of an official document ("UBND TỈNH ...
 * CỘNG HÒA XÃ HỘI ...") stays splittable into columns; a tall vertical gap becomes a blank line.
 */
import { createRequire } from "node:module";
import path from "node:path";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjsPromise: Promise<PdfJs> | null = null;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  return pdfjsPromise;
}

function standardFontDir(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    return path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts") + path.sep;
  } catch {
    return undefined;
  }
}

export type PdfTextResult =
  | { ok: true; pages: string[] }
  | { ok: false; reason: "encrypted" | "corrupt" | "too_long" | "too_many_chars"; pages?: number };

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

function pageText(items: Item[]): string {
  if (items.length === 0) return "";
  // group by baseline (items of one line differ by a fraction of the font size)
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Item[][] = [];
  for (const it of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0]!.y - it.y) <= Math.max(2, it.size * 0.4)) line.push(it);
    else lines.push([it]);
  }
  const out: string[] = [];
  let prevY: number | null = null;
  let prevSize = 12;
  for (const line of lines) {
    line.sort((a, b) => a.x - b.x);
    const y = line[0]!.y;
    const size = Math.max(...line.map((i) => i.size)) || 12;
    if (prevY !== null && prevY - y > Math.max(size, prevSize) * 1.9) out.push("");
    let text = "";
    let end: number | null = null;
    for (const it of line) {
      if (it.str.trim() === "") {
        // a whitespace item spanning a wide gap separates columns
        if (it.width > it.size * 2) text = `${text.trimEnd()}   `;
        else if (text && !text.endsWith(" ")) text += " ";
        end = it.x + it.width;
        continue;
      }
      if (end !== null) {
        const gap = it.x - end;
        if (gap > it.size * 2) text = `${text.trimEnd()}   `;
        else if (gap > it.size * 0.15 && !text.endsWith(" ")) text += " ";
      }
      text += it.str;
      end = it.x + it.width;
    }
    out.push(text.trimEnd());
    prevY = y;
    prevSize = size;
  }
  return out.join("\n");
}

/** Stops reading once the pages read hold more than maxChars characters (a 200-page PDF can hold 1.5 million). */
export async function pdfToText(bytes: Uint8Array, maxPages: number, maxChars = Number.POSITIVE_INFINITY): Promise<PdfTextResult> {
  const pdfjs = await loadPdfJs();
  // pdfjs takes ownership of (detaches) the buffer it is given: pass a copy
  const data = new Uint8Array(bytes);
  const fontDir = standardFontDir();
  const task = pdfjs.getDocument({
    data,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
    ...(fontDir ? { standardFontDataUrl: fontDir } : {}),
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    const name = (err as { name?: string } | null)?.name ?? "";
    await task.destroy().catch(() => undefined);
    return { ok: false, reason: name === "PasswordException" ? "encrypted" : "corrupt" };
  }
  try {
    if (doc.numPages > maxPages) return { ok: false, reason: "too_long", pages: doc.numPages };
    const pages: string[] = [];
    let chars = 0;
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const raw of content.items) {
        if (!("str" in raw)) continue;
        const t = raw.transform as number[];
        items.push({ str: raw.str, x: t[4]!, y: t[5]!, width: raw.width, size: Math.hypot(t[2]!, t[3]!) || raw.height || 12 });
      }
      const text = pageText(items);
      pages.push(text);
      page.cleanup();
      chars += text.length;
      if (chars > maxChars) return { ok: false, reason: "too_many_chars", pages: doc.numPages };
    }
    return { ok: true, pages };
  } catch {
    return { ok: false, reason: "corrupt" };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
