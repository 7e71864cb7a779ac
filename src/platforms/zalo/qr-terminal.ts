/**
 * Zalo hands the login QR code over as a PNG image. To show it in a terminal (an operator on SSH has no
 * image viewer) the PNG is decoded (pngjs), the QR code read (jsQR), and drawn again as text with
 * half-block characters (qrcode-terminal). If the image cannot be read, the caller points to the PNG file.
 */
import { PNG } from "pngjs";
import * as jsqrModule from "jsqr";
import qrcodeTerminal from "qrcode-terminal";

type JsQr = (
  data: Uint8ClampedArray,
  width: number,
  height: number,
  options?: { inversionAttempts?: "dontInvert" | "onlyInvert" | "attemptBoth" | "invertFirst" },
) => { data: string } | null;

// jsqr is a CommonJS bundle: depending on the loader its function is the default export or the module itself.
const jsQR: JsQr = (() => {
  const m = jsqrModule as unknown as { default?: unknown; jsQR?: unknown };
  const candidates = [m.default, (m.default as { default?: unknown } | undefined)?.default, m.jsQR, m];
  return candidates.find((c): c is JsQr => typeof c === "function")!;
})();

/** The text encoded in a QR code image (PNG), or null when none can be read. */
export function decodeQrPng(png: Buffer): string | null {
  let image: PNG;
  try {
    image = PNG.sync.read(png);
  } catch {
    return null;
  }
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return jsQR(pixels, image.width, image.height, { inversionAttempts: "attemptBoth" })?.data ?? null;
}

/** A QR code of `text` drawn with block characters, two modules per character row. */
export function qrToTerminal(text: string): string {
  let drawn = "";
  qrcodeTerminal.generate(text, { small: true }, (qr) => {
    drawn = qr;
  });
  return drawn;
}

/** The login QR image redrawn for the terminal, or null when the image cannot be read. */
export function renderQrPngForTerminal(png: Buffer): string | null {
  const text = decodeQrPng(png);
  return text ? qrToTerminal(text) : null;
}
