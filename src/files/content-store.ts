/**
 * Files kept on the server, named by the SHA-256 of their bytes: the same file received twice (a report
 * sent again, a photo forwarded to several reports) is stored once, and a stored name says nothing about
 * its content. Each kind of file has its own folder under DATA_DIR: `files/` for notice uploads,
 * `attachments/` for report and issue files, so a sweep of one never touches the other.
 */
import { createHash } from "node:crypto";
import { access, mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";

export type StoreFolder = "files" | "attachments";

/** The extension a stored copy gets: from the original name, else from the MIME type, else "bin". */
export function extensionFor(fileName: string | null | undefined, mime?: string | null): string {
  const fromName = /\.([A-Za-z0-9]{1,8})$/.exec(fileName ?? "")?.[1];
  if (fromName) return fromName.toLowerCase();
  const fromMime: Record<string, string> = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/gif": "gif",
    "application/pdf": "pdf",
  };
  return (mime && fromMime[mime]) ?? "bin";
}

/** Writes bytes to <dataDir>/<folder>/<sha256>.<ext> once (atomically); returns the path relative to dataDir. */
export async function storeContent(
  dataDir: string,
  folder: StoreFolder,
  bytes: Uint8Array,
  fileName: string | null,
  mime?: string | null,
): Promise<{ path: string; sha256: string }> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const relative = path.join(folder, `${sha256}.${extensionFor(fileName, mime)}`);
  const absolute = path.join(dataDir, relative);
  await mkdir(path.dirname(absolute), { recursive: true });
  try {
    await access(absolute);
  } catch {
    const temp = `${absolute}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, absolute);
  }
  return { path: relative, sha256 };
}

/** A stored path as written by storeContent (no way out of the data folder). */
export const isStoredPath = (p: string): boolean => /^(files|attachments)[/\\][0-9a-f]{64}\.[a-z0-9]{1,8}$/.test(p);
