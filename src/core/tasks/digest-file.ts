/**
 * The digest as a Word file, stored under the data folder (content-addressed, like notice files) so the outbox
 * can send it as a document: `council digest --format docx`, the /tonghop button, and the weekly digest.
 */
import { html } from "../../text/html.js";
import type { Db, Tx } from "../../db/client.js";
import { findCouncilById } from "../../db/councils.js";
import type { DigestContent } from "../../domain/digests/compose-digest.js";
import { localParts } from "../../domain/time/vietnam-time.js";
import { digestDocx } from "../../documents/digest-docx.js";
import { officialReport } from "../../i18n/vi/official-report.js";
import type { FileMessage } from "../../messaging/outbound.js";
import { storeFile } from "../notices/draft.js";
import { digest as digestText } from "../../i18n/vi/schedule.js";
import { statusGridXlsx, XLSX_MIME } from "../export/xlsx.js";
import { statusGrid } from "./status-grid.js";

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export async function digestDocxBytes(
  db: Db | Tx,
  councilId: number,
  content: DigestContent,
): Promise<{ bytes: Buffer; fileName: string }> {
  const council = await findCouncilById(db, councilId);
  const bytes = await digestDocx({ content, council: { name: council?.name ?? "HĐND" } });
  const p = localParts(content.now, content.timezone);
  return { bytes, fileName: officialReport.fileName(p.year, p.month, p.day) };
}

/** Writes the document under the data folder and returns the message that sends it. */
export async function digestDocxMessage(db: Db | Tx, councilId: number, content: DigestContent, dataDir: string): Promise<FileMessage> {
  const { bytes, fileName } = await digestDocxBytes(db, councilId, content);
  const path = await storeFile(dataDir, bytes, fileName);
  return {
    kind: "file",
    fileKind: "document",
    source: { type: "stored", path },
    fileName,
    mime: DOCX_MIME,
    caption: html`${officialReport.caption(content.kind)}`,
  };
}

/**
 * The full table that goes with a summarised digest (a council above DIGEST_MAX_UNITS): the console's status
 * grid export (`/xuat-du-lieu`), every unit down and every open task across, as of the digest's moment.
 */
export async function digestTableBytes(db: Db, councilId: number, content: DigestContent): Promise<{ bytes: Buffer; fileName: string }> {
  const grid = await statusGrid(db, { councilId, unitId: null }, content.now);
  const bytes = await statusGridXlsx(grid, content.timezone, content.now);
  const p = localParts(content.now, content.timezone);
  return { bytes, fileName: digestText.tableFileName(p.year, p.month, p.day) };
}

/** Writes the table under the data folder and returns the message that sends it. */
export async function digestTableMessage(db: Db, councilId: number, content: DigestContent, dataDir: string): Promise<FileMessage> {
  const { bytes, fileName } = await digestTableBytes(db, councilId, content);
  const path = await storeFile(dataDir, bytes, fileName);
  return {
    kind: "file",
    fileKind: "document",
    source: { type: "stored", path },
    fileName,
    mime: XLSX_MIME,
    caption: html`${digestText.tableCaption()}`,
  };
}
