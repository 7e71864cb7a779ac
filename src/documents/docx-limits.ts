/**
 * A .docx is a ZIP: 27 KB on the wire can hold 5 MB of XML, and mammoth needs about 60 bytes of heap
 * per byte of XML (a DOM of every run). The central directory declares each part's sizes, so a file
 * whose XML could not be read within the document worker's memory, or that inflates suspiciously
 * (a zip bomb), is refused before anything is inflated.
 */
import { zipEntries } from "./sniff.js";

/** XML parts (the text, styles, numbering...) larger than this together are refused: about 100 pages of lean Word XML. */
export const DOCX_MAX_XML_BYTES = 3 * 1024 * 1024;
/** Everything in the archive, images included. */
export const DOCX_MAX_TOTAL_BYTES = 64 * 1024 * 1024;
/** A part that inflates more than this many times, above 1 MB, is a zip bomb, not a document. */
export const DOCX_MAX_RATIO = 200;

export type DocxSizeProblem = { kind: "xml_too_large"; xmlBytes: number } | { kind: "bomb" };

const isXmlPart = (name: string) => /\.(?:xml|rels)$/i.test(name);

export function checkDocxSizes(
  bytes: Uint8Array,
  limits = { maxXml: DOCX_MAX_XML_BYTES, maxTotal: DOCX_MAX_TOTAL_BYTES },
): DocxSizeProblem | null {
  let xml = 0;
  let total = 0;
  for (const e of zipEntries(bytes)) {
    // 0xFFFFFFFF: a ZIP64 entry (over 4 GB declared), never a council's notice
    if (e.uncompressedSize === 0xffffffff || e.compressedSize === 0xffffffff) return { kind: "bomb" };
    if (e.uncompressedSize > 1024 * 1024 && e.uncompressedSize > DOCX_MAX_RATIO * Math.max(1, e.compressedSize)) return { kind: "bomb" };
    total += e.uncompressedSize;
    if (isXmlPart(e.name)) xml += e.uncompressedSize;
  }
  if (total > limits.maxTotal) return { kind: "bomb" };
  if (xml > limits.maxXml) return { kind: "xml_too_large", xmlBytes: xml };
  return null;
}
