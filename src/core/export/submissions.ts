/**
 * Reports for the office's own spreadsheets: one row per submission (receipt, unit, task, version, time,
 * on time or late, sender, content, files, latest version flag). The CLI writes them as CSV, the console
 * as CSV or .xlsx; both read the rows from here.
 */
import { stringify } from "csv-stringify/sync";
import type { Db, Tx } from "../../db/client.js";
import { latestVersions, submissionsForExport } from "../../db/task-queries.js";
import { localDateOf, localTimeOf } from "../../domain/time/vietnam-time.js";
import { tasks as t } from "../../i18n/vi/tasks.js";

export const BOM = "\uFEFF";

/** Free text starting like a formula (=, +, -, @) gets a leading apostrophe so a spreadsheet never runs it. */
export const noFormula = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** "2026-05-31 17:00" in the council's time zone. */
export const localStamp = (at: Date, tz: string): string => `${localDateOf(at, tz)} ${localTimeOf(at, tz)}`;

export interface SubmissionRecord {
  receiptNo: string;
  unitCode: string;
  unitName: string;
  task: string;
  version: number;
  submittedAt: Date;
  timing: string;
  late: boolean | null;
  sender: string;
  body: string;
  files: string;
  latest: boolean;
}

export async function submissionRecords(
  db: Db | Tx,
  councilId: number,
  where: { taskId?: number; from?: Date; to?: Date; unitId?: number },
): Promise<SubmissionRecord[]> {
  const rows = (await submissionsForExport(db, councilId, where)).filter((s) => where.unitId === undefined || s.unitId === where.unitId);
  const latest = await latestVersions(db, councilId);
  return rows.map((s) => ({
    receiptNo: s.receiptNo,
    unitCode: s.unit.code,
    unitName: s.unit.name,
    task: s.task?.title ?? t.exportOtherReport,
    version: s.version,
    submittedAt: s.submittedAt,
    timing: s.task ? (s.late ? t.exportLate : t.exportOnTime) : t.exportNoDeadline,
    late: s.task ? s.late : null,
    sender: s.member.fullName,
    body: s.body,
    files: s.attachments.map((a, i) => a.fileName ?? t.exportFile(a.kind, i)).join("; "),
    latest: latest.get(`${s.taskId ?? "none"}:${s.unitId}`) === s.version,
  }));
}

/** The CSV text (with BOM, Windows line ends) of a council's submissions. */
export async function submissionsCsv(
  db: Db | Tx,
  councilId: number,
  where: { taskId?: number; from?: Date; to?: Date; unitId?: number },
  tz: string,
): Promise<{ csv: string; rows: number }> {
  const records = await submissionRecords(db, councilId, where);
  const rows = records.map((r) => [
    r.receiptNo,
    r.unitCode,
    r.unitName,
    noFormula(r.task),
    r.version,
    localStamp(r.submittedAt, tz),
    r.timing,
    noFormula(r.sender),
    noFormula(r.body),
    noFormula(r.files),
    r.latest ? t.exportLatestYes : "",
  ]);
  const csv = stringify(rows, { header: true, columns: [...t.exportColumns], record_delimiter: "windows" });
  return { csv: BOM + csv, rows: rows.length };
}
