/**
 * `council export submissions --format csv`: every report as a spreadsheet row, for the office's own files.
 * UTF-8 with a byte-order mark so Excel shows Vietnamese correctly; Windows line ends; dates in the
 * council's time zone as "YYYY-MM-DD HH:mm" (Excel reads them as date-times).
 */
import { stringify } from "csv-stringify/sync";
import type { CommandRegistrar } from "../main.js";
import { CliError } from "../context.js";
import { findTaskInCouncil, latestVersions, submissionsForExport } from "../../db/task-queries.js";
import { addLocalDays, atLocal, parseUserDate } from "../../domain/time/vietnam-time.js";
import { tasks as t } from "../../i18n/vi/tasks.js";
import { additions, nothingToReport } from "../../i18n/vi/additions.js";
import { localStamp } from "./tasks.js";

export const BOM = "\uFEFF";

/** Free text starting like a formula (=, +, -, @) gets a leading apostrophe so a spreadsheet never runs it. */
export const noFormula = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

function parseDay(option: string, text: string): string {
  const r = parseUserDate(text);
  if (!r.ok) throw new CliError(`${option} "${text}" is not a date; use YYYY-MM-DD or DD/MM/YYYY.`);
  return r.value;
}

/** The CSV text (with BOM) of a council's submissions. */
export async function submissionsCsv(
  db: Parameters<typeof submissionsForExport>[0],
  councilId: number,
  where: { taskId?: number; from?: Date; to?: Date },
  tz: string,
): Promise<{ csv: string; rows: number }> {
  const rows = await submissionsForExport(db, councilId, where);
  const latest = await latestVersions(db, councilId);
  // A report is followed by its additions (bổ sung): same receipt number, each with its own time and lateness.
  const records = rows.flatMap((s) => {
    const isLatest = latest.get(`${s.taskId ?? "none"}:${s.unitId}`) === s.version ? t.exportLatestYes : "";
    const row = (p: {
      at: Date;
      late: boolean;
      by: string;
      body: string;
      files: { fileName: string | null; kind: string }[];
      part: string;
    }) => [
      s.receiptNo,
      s.unit.code,
      s.unit.name,
      noFormula(s.task?.title ?? t.exportOtherReport),
      s.version,
      localStamp(p.at, tz),
      s.task ? (p.late ? t.exportLate : t.exportOnTime) : t.exportNoDeadline,
      noFormula(p.by),
      noFormula(p.body),
      noFormula(p.files.map((a, i) => a.fileName ?? t.exportFile(a.kind, i)).join("; ")),
      isLatest,
      p.part,
    ];
    return [
      row({
        at: s.submittedAt,
        late: s.late,
        by: s.member.fullName,
        body: s.body,
        files: s.attachments,
        part: s.kind === "nothing" ? nothingToReport.exportKind : additions.exportReport,
      }),
      ...s.additions.map((a) =>
        row({
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
  const csv = stringify(records, { header: true, columns: [...t.exportColumns, additions.exportColumn], record_delimiter: "windows" });
  return { csv: BOM + csv, rows: records.length };
}

export const registerExportCommands: CommandRegistrar = (program, ctx) => {
  const exp = program.command("export").description("Export data for the office's own spreadsheets");
  exp
    .command("submissions")
    .description(
      "Every report as a CSV row (UTF-8 with BOM for Excel): receipt, unit, task, version, time, on time or late, sender, content, files",
    )
    .requiredOption("--format <format>", "csv (the only format)")
    .option("--task <id>", "only this task's reports")
    .option("--from <date>", "from this day (inclusive), YYYY-MM-DD or DD/MM/YYYY")
    .option("--to <date>", "up to this day (inclusive)")
    .action(async (opts: { format: string; task?: string; from?: string; to?: string }) => {
      const c = ctx();
      const tz = c.config.timezone;
      if (opts.format.trim().toLowerCase() !== "csv") throw new CliError(`--format "${opts.format}" is not supported; use --format csv.`);
      const from = opts.from !== undefined ? atLocal(parseDay("--from", opts.from), "00:00", tz) : undefined;
      const to = opts.to !== undefined ? atLocal(addLocalDays(parseDay("--to", opts.to), 1), "00:00", tz) : undefined;
      if (from && to && from.getTime() >= to.getTime()) throw new CliError("--from is after --to.");
      const council = await c.council();
      const db = await c.db();
      let taskId: number | undefined;
      if (opts.task !== undefined) {
        taskId = /^#?\d+$/.test(opts.task.trim()) ? Number(opts.task.trim().replace(/^#/, "")) : NaN;
        if (!Number.isSafeInteger(taskId) || !(await findTaskInCouncil(db.prisma, council.id, taskId)))
          throw new CliError(`No task ${opts.task} (see \`council task list\`).`);
      }
      const { csv } = await submissionsCsv(
        db.prisma,
        council.id,
        { ...(taskId !== undefined ? { taskId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) },
        tz,
      );
      c.out(csv.replace(/\r\n$/, ""));
    });
};
