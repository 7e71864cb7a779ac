/** Lower-case ASCII folding of Vietnamese ("Phó Chủ tịch" -> "pho chu tich"), for matching what people type. */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .trim();
}

/** NFC-normalises and collapses whitespace: the canonical form of a name typed by a person. */
export function cleanText(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}
