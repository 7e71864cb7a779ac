/** Whether a person may download a report's or an issue's file: the file's unit must be in their scope. */
import type { Db } from "../../db/client.js";
import { findAttachment } from "../../db/attachments.js";
import { seesUnit, type Scope } from "../access/scope.js";

export type AttachmentAccess =
  | { ok: true; attachment: NonNullable<Awaited<ReturnType<typeof findAttachment>>> }
  | { ok: false; reason: "not_found" };

export async function attachmentFor(db: Db, scope: Scope, id: number): Promise<AttachmentAccess> {
  const a = Number.isSafeInteger(id) ? await findAttachment(db, id) : null;
  const owner = a?.submission ?? a?.issue;
  if (!a || !owner || owner.councilId !== scope.councilId || !seesUnit(scope, owner.unitId)) return { ok: false, reason: "not_found" };
  return { ok: true, attachment: a };
}

/** The name a downloaded file gets: the original one, or "BC-2026-0012-anh-2.jpg" for a photo without a name. */
export function downloadName(
  a: { fileName: string | null; kind: string; storedPath: string | null },
  receiptNo: string,
  index: number,
): string {
  if (a.fileName) return a.fileName;
  const ext = a.storedPath?.split(".").pop() ?? (a.kind === "photo" ? "jpg" : "bin");
  return `${receiptNo}-${a.kind === "photo" ? "anh" : "tep"}-${index}.${ext}`;
}
