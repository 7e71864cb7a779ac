/**
 * What a file is, from its first bytes (magic numbers), not from its name: a ".pdf" may be a
 * photo, a ".doc" may be a .docx, and chat apps rename files.
 */
export type SniffedKind =
  | "pdf"
  | "docx"
  | "zip_other" // xlsx, pptx, odt, plain zip
  | "ole" // legacy .doc/.xls (Compound File Binary)
  | "rtf"
  | "image"
  | "binary" // executables, archives, media
  | "text";

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let i = from; i < Math.min(to, bytes.length); i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

export interface ZipEntry {
  name: string;
  /** as declared by the central directory (0xFFFFFFFF for a ZIP64 entry) */
  compressedSize: number;
  uncompressedSize: number;
}

/** The entries of a ZIP's central directory, with their declared sizes; read without inflating anything. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // end of central directory: scan back from the end (comment is at most 64 KiB)
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (dv.getUint32(i, true) !== 0x06054b50) continue;
    const count = dv.getUint16(i + 10, true);
    let p = dv.getUint32(i + 16, true);
    const dec = new TextDecoder();
    for (let k = 0; k < count && p + 46 <= bytes.length; k++) {
      if (dv.getUint32(p, true) !== 0x02014b50) break;
      const n = dv.getUint16(p + 28, true);
      const extra = dv.getUint16(p + 30, true);
      const comment = dv.getUint16(p + 32, true);
      entries.push({
        name: dec.decode(bytes.subarray(p + 46, p + 46 + n)),
        compressedSize: dv.getUint32(p + 20, true),
        uncompressedSize: dv.getUint32(p + 24, true),
      });
      p += 46 + n + extra + comment;
    }
    return entries;
  }
  return entries;
}

/** Names of the entries in a ZIP's central directory (enough to tell a .docx from an .xlsx). */
export function zipEntryNames(bytes: Uint8Array): string[] {
  return zipEntries(bytes).map((e) => e.name);
}

export function sniff(bytes: Uint8Array): SniffedKind {
  // PDF: "%PDF-" within the first KiB (some generators put junk before it)
  if (ascii(bytes, 0, 1024).includes("%PDF-")) return "pdf";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const names = zipEntryNames(bytes);
    if (names.includes("word/document.xml")) return "docx";
    // a damaged .docx whose central directory cannot be read still names its parts early on
    if (names.length === 0 && ascii(bytes, 0, 4096).includes("word/")) return "docx";
    return "zip_other";
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "ole";
  if (ascii(bytes, 0, 5) === "{\\rtf") return "rtf";
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || // PNG
    startsWith(bytes, [0xff, 0xd8, 0xff]) || // JPEG
    ascii(bytes, 0, 4) === "GIF8" ||
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || // TIFF
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) ||
    (ascii(bytes, 0, 2) === "BM" && bytes.length > 26 && bytes[14] !== undefined && bytes[14]! >= 12 && bytes[14]! <= 124) ||
    (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") ||
    (ascii(bytes, 4, 8) === "ftyp" && /^(?:heic|heix|mif1|avif|hevc)/.test(ascii(bytes, 8, 12)))
  ) {
    return "image";
  }
  if (
    ascii(bytes, 0, 2) === "MZ" ||
    startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    startsWith(bytes, [0x1f, 0x8b]) || // gzip
    startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) || // 7z
    ascii(bytes, 0, 4) === "Rar!" ||
    ascii(bytes, 4, 8) === "ftyp" || // mp4/mov
    ascii(bytes, 0, 3) === "ID3" ||
    startsWith(bytes, [0x4f, 0x67, 0x67, 0x53]) // ogg
  ) {
    return "binary";
  }
  return "text";
}
