/**
 * `council export submissions --format csv`: every report as a spreadsheet row, for the office's own files.
 * UTF-8 with a byte-order mark so Excel shows Vietnamese correctly; Windows line ends; dates in the
 * council's time zone as "YYYY-MM-DD HH:mm" (Excel reads them as date-times).
 */
import type { CommandRegistrar } from "../main.js";
import { CliError } from "../context.js";
import { findTaskInCouncil } from "../../db/task-queries.js";
import { submissionsCsv } from "../../core/export/submissions.js";
import { addLocalDays, atLocal, parseUserDate } from "../../domain/time/vietnam-time.js";

export { BOM, noFormula, submissionsCsv } from "../../core/export/submissions.js";

function parseDay(option: string, text: string): string {
  const r = parseUserDate(text);
  if (!r.ok) throw new CliError(`${option} "${text}" is not a date; use YYYY-MM-DD or DD/MM/YYYY.`);
  return r.value;
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
