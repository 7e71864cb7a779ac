/**
 * Legacy Word (.doc, Word 97-2003) → text with word-extractor (maintained, pure JavaScript, reads
 * the Compound File Binary format without any outside program). Communes still send .doc files.
 *
 * Word marks the end of a table cell with a character that word-extractor turns into a tab, so a
 * row arrives as "cell\tcell\tcell\t\t". Rows become "cell | cell | cell", the form the notice
 * parser reads tables in (the same as .docx tables); the two-column header and the "Nơi nhận |
 * signature" block are read by their columns the same way.
 */
import WordExtractor from "word-extractor";

export class NotAWordDocument extends Error {}

/** The body text of a .doc file; throws NotAWordDocument for another OLE file (.xls, .ppt, .msg) or a damaged one. */
export async function docToText(bytes: Uint8Array): Promise<string> {
  let body: string;
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    body = doc.getBody();
  } catch (e) {
    throw new NotAWordDocument((e as Error).message);
  }
  return tableRowsToCells(repairOptionalHyphens(body));
}

/**
 * word-extractor 1.0.4 writes the literal word "undefined" for Word's optional hyphen (character
 * 0x1F, missing from its replacement table). Legacy TCVN3 files are full of it: their "ư" is code
 * 0xAD, the soft hyphen, which Word stores as an optional hyphen. Put a soft hyphen back: the
 * TCVN3 conversion reads it as "ư", and in a Unicode text it is invisible, as an optional hyphen is.
 */
export function repairOptionalHyphens(text: string): string {
  return text.replace(/(?<=[^\s])undefined|undefined(?=[^\s])/gu, "\u00ad");
}

/** "a\tb\t\t" → "a | b"; lines without a tab are kept as they are. */
export function tableRowsToCells(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      if (!line.includes("\t")) return line;
      const cells = line
        .split("\t")
        .map((c) => c.trim())
        .filter((c) => c !== "");
      return cells.join(" | ");
    })
    .join("\n");
}
