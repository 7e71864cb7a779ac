/**
 * Reports for the office's own spreadsheets: one row per submission (receipt, unit, task, version, time,
 * on time or late, sender, content, files, latest version flag). The CLI writes them as CSV, the console
 * as CSV or .xlsx; both read the rows from here.
 */
import { BOM, noFormula, safeCsv } from "./csv.js";
import type { Db, Tx } from "../../db/client.js";
import { latestVersions, submissionsForExport } from "../../db/task-queries.js";
import { localDateOf, localTimeOf } from "../../domain/time/vietnam-time.js";
import { tasks as t } from "../../i18n/vi/tasks.js";
import { additions, nothingToReport } from "../../i18n/vi/additions.js";

export { BOM, noFormula };

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
  /** "Báo cáo", "Không phát sinh" or "Bổ sung lần N": an addition keeps its report's receipt number */
  part: string;
}

export async function submissionRecords(
  db: Db | Tx,
  councilId: number,
  where: { taskId?: number; from?: Date; to?: Date; unitId?: number },
): Promise<SubmissionRecord[]> {
  const rows = (await submissionsForExport(db, councilId, where)).filter((s) => where.unitId === undefined || s.unitId === where.unitId);
  const latest = await latestVersions(db, councilId);
  // A report is followed by its additions (bổ sung): same receipt number, each with its own time and lateness.
  return rows.flatMap((s) => {
    const base = {
      receiptNo: s.receiptNo,
      unitCode: s.unit.code,
      unitName: s.unit.name,
      task: s.task?.title ?? t.exportOtherReport,
      version: s.version,
      latest: latest.get(`${s.taskId ?? "none"}:${s.unitId}`) === s.version,
    };
    const part = (p: {
      at: Date;
      late: boolean;
      by: string;
      body: string;
      files: { fileName: string | null; kind: string }[];
      part: string;
    }) => ({
      ...base,
      submittedAt: p.at,
      timing: s.task ? (p.late ? t.exportLate : t.exportOnTime) : t.exportNoDeadline,
      late: s.task ? p.late : null,
      sender: p.by,
      body: p.body,
      files: p.files.map((a, i) => a.fileName ?? t.exportFile(a.kind, i)).join("; "),
      part: p.part,
    });
    return [
      part({
        at: s.submittedAt,
        late: s.late,
        by: s.member.fullName,
        body: s.body,
        files: s.attachments,
        part: s.kind === "nothing" ? nothingToReport.exportKind : additions.exportReport,
      }),
      ...s.additions.map((a) =>
        part({
          at: a.submittedAt,
          late: a.late,
          by: a.member.fullName,
          body: a.body,
          files: a.attachments,
          part: additions.exportKind(a.seq),
        }),
      ),
    ];
  });
}

/** The CSV text (with BOM, Windows line ends) of a council's submissions. */
export async function submissionsCsv(
  db: Db | Tx,
  councilId: number,
  where: { taskId?: number; from?: Date; to?: Date; unitId?: number },
  tz: string,
): Promise<{ csv: string; rows: number }> {
  const records = await submissionRecords(db, councilId, where);
  // safeCsv quotes and neutralises every text field: unit names come from imported CSV files too
  const rows = records.map((r) => [
    r.receiptNo,
    r.unitCode,
    r.unitName,
    r.task,
    r.version,
    localStamp(r.submittedAt, tz),
    r.timing,
    r.sender,
    r.body,
    r.files,
    r.latest ? t.exportLatestYes : "",
    r.part,
  ]);
  return { csv: safeCsv(rows, [...t.exportColumns, additions.exportColumn]), rows: rows.length };
}
