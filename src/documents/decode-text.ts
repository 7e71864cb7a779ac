/**
 * Bytes of a plain-text file → string: UTF-8 with or without BOM, UTF-16 LE/BE with BOM (Windows
 * Notepad's "Unicode"), UTF-16 without BOM when the zero bytes give it away. Anything else is
 * reported as not UTF-8, and the caller decides (legacy Vietnamese encodings, binary data).
 */
export type TextDecodeResult =
  | { ok: true; text: string; encoding: "utf-8" | "utf-16le" | "utf-16be" }
  | { ok: false; reason: "binary" | "not_utf8"; latin1: string };

function zeroRatio(bytes: Uint8Array, parity: 0 | 1, limit = 4096): number {
  let zeros = 0;
  let n = 0;
  for (let i = parity; i < Math.min(bytes.length, limit); i += 2) {
    n++;
    if (bytes[i] === 0) zeros++;
  }
  return n === 0 ? 0 : zeros / n;
}

export function decodeTextBytes(bytes: Uint8Array): TextDecodeResult {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return decodeUtf8(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { ok: true, text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { ok: true, text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  if (bytes.includes(0)) {
    // UTF-16 without BOM: ASCII letters leave a zero in every other byte
    const odd = zeroRatio(bytes, 1);
    const even = zeroRatio(bytes, 0);
    if (odd > 0.3 && even < 0.05) return { ok: true, text: new TextDecoder("utf-16le").decode(bytes), encoding: "utf-16le" };
    if (even > 0.3 && odd < 0.05) return { ok: true, text: new TextDecoder("utf-16be").decode(bytes), encoding: "utf-16be" };
    return { ok: false, reason: "binary", latin1: "" };
  }
  return decodeUtf8(bytes);
}

function decodeUtf8(bytes: Uint8Array): TextDecodeResult {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // windows-1252 keeps the byte values visible for the legacy-encoding detector
    return { ok: false, reason: "not_utf8", latin1: new TextDecoder("windows-1252").decode(bytes) };
  }
}

/** Share of control characters (other than tab, CR, LF, FF): high in binary data read as text. */
export function controlCharRatio(text: string): number {
  if (text.length === 0) return 0;
  let n = 0;
  const sample = text.slice(0, 20_000);
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) n++;
  }
  return n / sample.length;
}
