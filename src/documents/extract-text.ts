/**
 * Uploaded file → plain text for the notice parser.
 *
 *   extractDocumentText(bytes, fileName, opts?) → { ok: true, text, pages?, format, warnings }
 *                                               | { ok: false, reason, message }
 *
 * Never throws for a bad file: every failure is a value with a typed reason and a Vietnamese
 * message for the office. The format is decided by the file's bytes; the name only tells .md from
 * .txt. Text is returned NFC-normalised without BOM.
 */
import { decodeTextBytes, controlCharRatio } from "./decode-text.js";
import { docToText } from "./doc-text.js";
import { docxToText } from "./docx-text.js";
import { decodeLegacyVietnamese, detectLegacyEncoding, type LegacyEncoding } from "./legacy-encoding.js";
import { extractMessagesVi as msg } from "./messages-vi.js";
import { pdfToText } from "./pdf-text.js";
import { sniff } from "./sniff.js";
import { checkDocxSizes } from "./docx-limits.js";

export type DocumentFormat = "txt" | "md" | "docx" | "doc" | "pdf";

export type ExtractFailureReason =
  | "empty" // nothing in the file, or no text in it
  | "not_a_document" // an image, an archive, a program, binary data
  | "unsupported_format" // a document we do not read (.xls, .rtf, ...)
  | "scanned_pdf" // a PDF without a text layer
  | "encrypted" // a password-protected PDF
  | "corrupt" // a damaged PDF or .docx
  | "too_long" // over the page/character/size limit
  | "unreadable" // reading it ran out of the worker's memory or time
  | "legacy_encoding"; // an 8-bit text that is neither UTF-8 nor TCVN3/VNI (those are converted)

export interface ExtractOptions {
  /** Refuse documents longer than this many pages (PDF page count, or characters / charsPerPage). Default 200. */
  maxPages?: number;
  /** Characters counted as one page for text and Word files. Default 3,000. */
  charsPerPage?: number;
  /** Refuse files larger than this. Default 50 MB. */
  maxBytes?: number;
}

export type ExtractResult =
  | {
      ok: true;
      text: string;
      pages?: number;
      format: DocumentFormat;
      warnings: string[];
      /** the text was typed in TCVN3 or VNI and has been converted to Unicode */
      convertedFrom?: LegacyEncoding;
    }
  | { ok: false; reason: ExtractFailureReason; message: string; encoding?: LegacyEncoding; pages?: number };

export const DEFAULT_MAX_PAGES = 200;
export const DEFAULT_CHARS_PER_PAGE = 3_000;
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

const fail = (
  reason: ExtractFailureReason,
  message: string,
  extra: Partial<Extract<ExtractResult, { ok: false }>> = {},
): ExtractResult => ({
  ok: false,
  reason,
  message,
  ...extra,
});

function finishText(
  raw: string,
  format: DocumentFormat,
  opts: Required<ExtractOptions>,
  extra: { pages?: number; warnings?: string[]; emptyMessage?: string } = {},
): ExtractResult {
  const text = raw
    .normalize("NFC")
    .replace(/^\ufeff/, "")
    .replace(/\r\n?/g, "\n");
  if (text.trim() === "") return fail("empty", extra.emptyMessage ?? msg.empty);
  // TCVN3 and VNI have fixed, public code tables: convert, and tell the office to glance at the result
  const legacy = decodeLegacyVietnamese(text);
  if (legacy) {
    const converted = finishText(legacy.text, format, opts, {
      ...extra,
      warnings: [...(extra.warnings ?? []), legacy.encoding === "tcvn3" ? msg.tcvn3 : msg.vni],
    });
    return converted.ok ? { ...converted, convertedFrom: legacy.encoding } : converted;
  }
  // every format, PDFs included: 200 short pages can still hold 1.5 million characters
  const limit = opts.maxPages * opts.charsPerPage;
  if (text.length > limit) {
    return fail("too_long", msg.tooManyChars(text.length, Math.ceil(text.length / opts.charsPerPage), opts.maxPages));
  }
  return { ok: true, text, format, warnings: extra.warnings ?? [], ...(extra.pages !== undefined ? { pages: extra.pages } : {}) };
}

export async function extractDocumentText(bytes: Uint8Array, fileName: string, opts: ExtractOptions = {}): Promise<ExtractResult> {
  const o: Required<ExtractOptions> = {
    maxPages: opts.maxPages ?? DEFAULT_MAX_PAGES,
    charsPerPage: opts.charsPerPage ?? DEFAULT_CHARS_PER_PAGE,
    maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES,
  };
  if (bytes.length === 0) return fail("empty", msg.empty);
  if (bytes.length > o.maxBytes) {
    return fail("too_long", msg.tooLarge(Math.ceil(bytes.length / 1024 / 1024), Math.floor(o.maxBytes / 1024 / 1024)));
  }
  const kind = sniff(bytes);
  switch (kind) {
    case "pdf": {
      const maxChars = o.maxPages * o.charsPerPage;
      const r = await pdfToText(bytes, o.maxPages, maxChars);
      if (!r.ok) {
        if (r.reason === "too_many_chars")
          return fail("too_long", msg.tooManyCharsPdf(Math.floor(maxChars / o.charsPerPage)), { pages: r.pages });
        if (r.reason === "too_long") return fail("too_long", msg.tooManyPages(r.pages ?? 0, o.maxPages), { pages: r.pages });
        if (r.reason === "encrypted") return fail("encrypted", msg.encryptedPdf);
        return fail("corrupt", msg.corruptPdf);
      }
      const withText = r.pages.map((p) => p.replace(/\s+/g, "").length);
      const total = withText.reduce((a, b) => a + b, 0);
      // a scan has no text layer (or only a page number here and there)
      if (total < Math.max(20, 5 * r.pages.length) || r.pages.length === 0)
        return fail("scanned_pdf", msg.scannedPdf, { pages: r.pages.length });
      const blank = withText.flatMap((n, i) => (n === 0 ? [i + 1] : []));
      const warnings = blank.length > 0 ? [msg.somePagesWithoutText(blank)] : [];
      return finishText(r.pages.join("\n\n"), "pdf", o, { pages: r.pages.length, warnings });
    }
    case "docx": {
      const sizes = checkDocxSizes(bytes);
      if (sizes?.kind === "bomb") return fail("corrupt", msg.corruptDocx);
      if (sizes?.kind === "xml_too_large") return fail("too_long", msg.docxTooLarge);
      let text: string;
      try {
        text = await docxToText(bytes);
      } catch {
        return fail("corrupt", msg.corruptDocx);
      }
      return finishText(text, "docx", o, { emptyMessage: msg.emptyDocx });
    }
    case "ole": {
      // legacy Word (.doc); other OLE files (.xls, .ppt, .msg) are not documents we read
      let text: string;
      try {
        text = await docToText(bytes);
      } catch {
        return /\.doc$/i.test(fileName) ? fail("corrupt", msg.corruptDoc) : fail("unsupported_format", msg.otherOffice);
      }
      return finishText(text, "doc", o, { emptyMessage: msg.emptyDocx });
    }
    case "zip_other":
      return fail("unsupported_format", msg.otherOffice);
    case "rtf":
      return fail("unsupported_format", msg.rtf);
    case "image":
      return fail("not_a_document", msg.image);
    case "binary":
      return fail("not_a_document", msg.notADocument);
    case "text": {
      const format: DocumentFormat = /\.(?:md|markdown)$/i.test(fileName) ? "md" : "txt";
      const decoded = decodeTextBytes(bytes);
      if (!decoded.ok) {
        if (decoded.reason === "binary") return fail("not_a_document", msg.notADocument);
        // not UTF-8: an old Vietnamese 8-bit encoding, or something else entirely
        if (detectLegacyEncoding(decoded.latin1)) return finishText(decoded.latin1, format, o);
        if (controlCharRatio(decoded.latin1) > 0.05) return fail("not_a_document", msg.notADocument);
        return fail("legacy_encoding", msg.unknownEncoding);
      }
      if (controlCharRatio(decoded.text) > 0.05) return fail("not_a_document", msg.notADocument);
      return finishText(decoded.text, format, o);
    }
  }
}
