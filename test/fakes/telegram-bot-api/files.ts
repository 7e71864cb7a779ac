/**
 * Files: the store behind file_id / getFile / downloads, Telegram-looking file ids, MIME types
 * from file names, and image dimensions sniffed from PNG/JPEG/GIF/WebP headers (sendPhoto rejects
 * anything else with IMAGE_PROCESS_FAILED, as Telegram does).
 */
import { createHash } from "node:crypto";

export type FileKind = "document" | "photo" | "sticker" | "voice";

export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  kind: FileKind;
  size: number;
  sha256: string;
  fileName?: string;
  mimeType?: string;
  width?: number;
  height?: number;
  /** Set by the first getFile. */
  filePath?: string;
  /** Whether the bytes are kept (downloadable). */
  hasBytes: boolean;
}

const KIND_PREFIX: Record<FileKind, string> = {
  document: "BQACAgIAAxkBAA",
  photo: "AgACAgIAAxkBAA",
  sticker: "CAACAgIAAxkBAA",
  voice: "AwACAgIAAxkBAA",
};
const KIND_DIR: Record<FileKind, string> = {
  document: "documents",
  photo: "photos",
  sticker: "stickers",
  voice: "voice",
};

const MIME: Record<string, string> = {
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  csv: "text/csv",
  txt: "text/plain",
  json: "application/json",
  zip: "application/zip",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  ogg: "audio/ogg",
  mp3: "audio/mpeg",
  mp4: "video/mp4",
  html: "text/html",
  xml: "application/xml",
};

export function mimeFromName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const dot = name.lastIndexOf(".");
  if (dot < 0) return undefined;
  return MIME[name.slice(dot + 1).toLowerCase()];
}

function extFor(file: StoredFile): string {
  if (file.fileName) {
    const dot = file.fileName.lastIndexOf(".");
    if (dot >= 0 && dot < file.fileName.length - 1) return file.fileName.slice(dot + 1).toLowerCase();
  }
  if (file.kind === "photo") return "jpg";
  if (file.kind === "sticker") return "webp";
  if (file.kind === "voice") return "oga";
  return "dat";
}

export function sha256Hex(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Width and height of a PNG, JPEG, GIF or WebP image, or null. */
export function imageSize(b: Buffer): { width: number; height: number } | null {
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString("latin1", 12, 16) === "IHDR") {
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (b.length >= 10 && b.toString("latin1", 0, 3) === "GIF") {
    return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  }
  if (b.length >= 30 && b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP") {
    const chunk = b.toString("latin1", 12, 16);
    if (chunk === "VP8X") return { width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) };
    if (chunk === "VP8L") {
      const bits = b.readUInt32LE(21);
      return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
    }
    if (chunk === "VP8 ") return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) {
        i++;
        continue;
      }
      const marker = b[i + 1]!;
      if (marker === 0xff) {
        i++;
        continue;
      }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2;
        continue;
      }
      const len = b.readUInt16BE(i + 2);
      const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isSof) return { width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
      i += 2 + len;
    }
  }
  return null;
}

/** A 1x1 PNG, handy for tests that upload photos. */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPath = new Map<string, StoredFile>();
  /** Bytes by sha256, shared by all files with the same content. */
  private readonly content = new Map<string, Buffer>();
  private counter = 0;
  private pathCounter = 0;

  /** Registers new bytes; returns a new file_id (file_unique_id depends on the content only). */
  add(
    kind: FileKind,
    data: Buffer,
    meta: { fileName?: string; mimeType?: string; keepBytes: boolean; width?: number; height?: number },
  ): StoredFile {
    const sha256 = sha256Hex(data);
    if (meta.keepBytes && !this.content.has(sha256)) this.content.set(sha256, Buffer.from(data));
    const file: StoredFile = {
      fileId: this.newFileId(kind, sha256),
      fileUniqueId: `AgAD${Buffer.from(sha256.slice(0, 18), "hex").toString("base64url")}`,
      kind,
      size: data.length,
      sha256,
      hasBytes: this.content.has(sha256),
    };
    if (meta.fileName !== undefined) file.fileName = meta.fileName;
    const mime = meta.mimeType ?? mimeFromName(meta.fileName);
    if (mime !== undefined) file.mimeType = mime;
    if (meta.width !== undefined) file.width = meta.width;
    if (meta.height !== undefined) file.height = meta.height;
    this.byId.set(file.fileId, file);
    return file;
  }

  private newFileId(kind: FileKind, sha256: string): string {
    const n = ++this.counter;
    const tail = Buffer.concat([
      Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]),
      Buffer.from(sha256.slice(0, 40), "hex"),
    ]);
    return `${KIND_PREFIX[kind]}${tail.toString("base64url")}`;
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  /** Assigns (once) and returns the file's download path. */
  pathFor(file: StoredFile): string {
    if (!file.filePath) {
      file.filePath = `${KIND_DIR[file.kind]}/file_${++this.pathCounter}.${extFor(file)}`;
      this.byPath.set(file.filePath, file);
    }
    return file.filePath;
  }

  bytesAt(filePath: string): Buffer | undefined {
    const file = this.byPath.get(filePath);
    return file ? this.content.get(file.sha256) : undefined;
  }

  bytesOf(file: StoredFile): Buffer | undefined {
    return this.content.get(file.sha256);
  }

  /** Forgets files and bytes (counters keep increasing so ids stay unique). */
  clear(): void {
    this.byId.clear();
    this.byPath.clear();
    this.content.clear();
  }
}
