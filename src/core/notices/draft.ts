/**
 * A notice before it is published: its text, the header fields read from it (number, date, title), and
 * the original file when there was one. Files are kept as a content-addressed copy under the data folder
 * so the service can upload the same bytes to every group, whichever process stored them.
 */
import { storeContent } from "../../files/content-store.js";
import type { Logger } from "../../logging/logger.js";
import { readDocument, DEFAULT_WORKER_LIMITS, type WorkerLimits } from "../../documents/read-document.js";
import { parseNotice } from "../../notices/parsing/parse-notice.js";
import type { ParsedNotice } from "../../notices/parsing/types.js";
import { clip } from "../../text/graphemes.js";

export interface NoticeFile {
  name: string;
  mime: string | null;
  size: number;
  /** relative to the data folder */
  storedPath: string;
  /** a platform reference when the file came from a chat ("telegram:<file_id>") */
  ref: string | null;
}

export interface NoticeDraft {
  title: string | null;
  number: string | null;
  issuedOn: string | null;
  body: string;
  file: NoticeFile | null;
  parsed: ParsedNotice;
}

export const MAX_NOTICE_FILE_BYTES = 50 * 1024 * 1024;

const MIME_BY_EXT: Record<string, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  txt: "text/plain",
  md: "text/markdown",
};

/** Copies bytes to <dataDir>/files/<sha256>.<ext> once; returns the path relative to dataDir. */
export async function storeFile(dataDir: string, bytes: Uint8Array, fileName: string): Promise<string> {
  return (await storeContent(dataDir, "files", bytes, fileName)).path;
}

/** Reads the header fields from the text; the office confirms or changes the title. */
export function draftFromText(body: string, timezone: string, file: NoticeFile | null, referenceDate?: string): NoticeDraft {
  const text = body.normalize("NFC").replace(/\r\n?/g, "\n").trim();
  const parsed = parseNotice(text, { timezone, ...(referenceDate ? { referenceDate } : {}) });
  return { title: parsed.title, number: parsed.number, issuedOn: parsed.issued_on, body: text, file, parsed };
}

export type DraftFromFileResult = { ok: true; draft: NoticeDraft } | { ok: false; message: string; reason: string };

/** Extracts the text of a .txt/.docx/.pdf (clear Vietnamese refusals for scans, legacy fonts, non-documents) and stores the file. */
export async function draftFromFile(input: {
  bytes: Uint8Array;
  fileName: string;
  dataDir: string;
  timezone: string;
  ref?: string | null;
  referenceDate?: string;
  /** the document worker's memory and time (config.documents) */
  limits?: WorkerLimits;
  logger?: Logger;
}): Promise<DraftFromFileResult> {
  // read in a bounded worker: a heavy file costs its own heap and time, never the service's
  const extracted = await readDocument(
    input.bytes,
    input.fileName,
    { maxBytes: MAX_NOTICE_FILE_BYTES },
    input.limits ?? DEFAULT_WORKER_LIMITS,
    input.logger,
  );
  if (!extracted.ok) return { ok: false, message: extracted.message, reason: extracted.reason };
  const storedPath = await storeFile(input.dataDir, input.bytes, input.fileName);
  const ext = (/\.([A-Za-z0-9]{1,8})$/.exec(input.fileName)?.[1] ?? "").toLowerCase();
  const file: NoticeFile = {
    name: input.fileName,
    mime: MIME_BY_EXT[ext] ?? null,
    size: input.bytes.byteLength,
    storedPath,
    ref: input.ref ?? null,
  };
  return { ok: true, draft: draftFromText(extracted.text, input.timezone, file, input.referenceDate) };
}

/** A title when the parser found none: the first meaningful line, shortened. */
export function fallbackTitle(body: string): string {
  const line = body
    .split("\n")
    .map((l) => l.replace(/[*_#]+/g, "").trim())
    .find((l) => l.length > 0 && !/^(thông báo|kế hoạch|công văn|cộng hòa|độc lập|số[:\s])/i.test(l));
  const t = line ?? "Thông báo";
  return clip(t, 200);
}
