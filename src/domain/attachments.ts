/** Which files a report or an urgent issue may carry: photos and office documents. */
import type { IncomingFile } from "../messaging/events.js";

const DOCUMENT_EXTENSIONS = [
  "pdf",
  "doc",
  "docx",
  "xls",
  "xlsx",
  "odt",
  "ods",
  "rtf",
  "txt",
  "ppt",
  "pptx",
  "jpg",
  "jpeg",
  "png",
  "heic",
  "zip",
  "rar",
];
const DOCUMENT_MIMES = [
  "application/pdf",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "application/rtf",
  "text/plain",
  "application/vnd.ms-powerpoint",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/zip",
  "application/x-rar-compressed",
  "application/vnd.rar",
];

export const MAX_ATTACHMENTS = 20;

export type AttachmentCheck = { ok: true } | { ok: false; reason: "type" | "size"; limitBytes?: number };

export function checkAttachment(file: IncomingFile, maxBytes: number): AttachmentCheck {
  if (file.size !== undefined && file.size > maxBytes) return { ok: false, reason: "size", limitBytes: maxBytes };
  if (file.kind === "photo") return { ok: true };
  const ext = file.fileName?.toLowerCase().match(/\.([a-z0-9]{1,5})$/)?.[1];
  if (ext && DOCUMENT_EXTENSIONS.includes(ext)) return { ok: true };
  if (file.mime && (DOCUMENT_MIMES.includes(file.mime) || file.mime.startsWith("image/"))) return { ok: true };
  return { ok: false, reason: "type" };
}

export const formatMegabytes = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;
