/**
 * The status grid and the reports as Excel workbooks (exceljs): real dates in council time (a spreadsheet
 * has no time zones, so the wall-clock time is written), a frozen header row, filters, column widths, and
 * statuses as words with a fill colour (the words carry the meaning; the colour only helps).
 */
import ExcelJS from "exceljs";
import type { StatusGrid } from "../tasks/status-grid.js";
import type { UnitTaskStatus } from "../tasks/list-tasks.js";
import { localParts } from "../../domain/time/vietnam-time.js";
import { tasks as t } from "../../i18n/vi/tasks.js";
import { consoleTexts as c } from "../../i18n/vi/console.js";
import { noFormula, type SubmissionRecord } from "./submissions.js";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const FILLS: Record<UnitTaskStatus, string> = { on_time: "FFD8F0DD", late: "FFFCE8C3", missing: "FFF8D0D0", not_due: "FFEDEFF2" };

/** The council-time wall clock as a Date Excel shows unchanged (Excel dates have no zone). */
function wallClock(at: Date, tz: string): Date {
  const p = localParts(at, tz);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute));
}

function header(sheet: ExcelJS.Worksheet): void {
  const row = sheet.getRow(1);
  row.font = { bold: true };
  row.alignment = { vertical: "middle", wrapText: true };
  row.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE3E8EF" } };
  sheet.views = [{ state: "frozen", ySplit: 1, xSplit: sheet.name === c.xlsxGridSheet ? 2 : 0 }];
}

export async function statusGridXlsx(grid: StatusGrid, tz: string, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "HĐND council bot";
  wb.created = now;
  const sheet = wb.addWorksheet(c.xlsxGridSheet);
  sheet.columns = [
    { header: c.colUnitCode, key: "code", width: 12 },
    { header: c.colUnit, key: "name", width: 28 },
    ...grid.tasks.map((task, i) => ({
      header: `${i + 1}. ${task.title} (${c.dueShort} ${localParts(task.dueAt, tz).day}/${localParts(task.dueAt, tz).month})`,
      key: `t${task.id}`,
      width: 18,
    })),
    { header: c.colMissing, key: "missing", width: 10 },
    { header: c.colLate, key: "late", width: 10 },
  ];
  for (const u of grid.units) {
    const row: Record<string, string | number> = {
      code: noFormula(u.code),
      name: noFormula(u.name),
      missing: u.counts.missing,
      late: u.counts.late,
    };
    u.cells.forEach((cell, i) => {
      row[`t${grid.tasks[i]!.id}`] = cell ? c.statusWord[cell.status] : c.notAssigned;
    });
    const added = sheet.addRow(row);
    u.cells.forEach((cell, i) => {
      if (!cell) return;
      added.getCell(3 + i).fill = { type: "pattern", pattern: "solid", fgColor: { argb: FILLS[cell.status] } };
    });
  }
  header(sheet);
  sheet.getRow(1).height = 60;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: grid.tasks.length + 4 } };

  const list = wb.addWorksheet(c.xlsxTasksSheet);
  list.columns = [
    { header: c.colNumber, key: "n", width: 6 },
    { header: c.colTask, key: "title", width: 50 },
    { header: c.colDue, key: "due", width: 18, style: { numFmt: "dd/mm/yyyy hh:mm" } },
    { header: c.statusWord.on_time, key: "on_time", width: 10 },
    { header: c.statusWord.late, key: "late", width: 10 },
    { header: c.statusWord.missing, key: "missing", width: 10 },
    { header: c.statusWord.not_due, key: "not_due", width: 12 },
    { header: c.colUnits, key: "total", width: 10 },
  ];
  for (const [i, task] of grid.tasks.entries())
    list.addRow({ n: i + 1, title: noFormula(task.title), due: wallClock(task.dueAt, tz), ...task.counts });
  header(list);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function submissionsXlsx(records: SubmissionRecord[], tz: string, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "HĐND council bot";
  wb.created = now;
  const sheet = wb.addWorksheet(c.xlsxReportsSheet);
  const [receipt, unitCode, unitName, task, version, at, timing, sender, body, files, latest] = t.exportColumns;
  sheet.columns = [
    { header: receipt, key: "receiptNo", width: 15 },
    { header: unitCode, key: "unitCode", width: 12 },
    { header: unitName, key: "unitName", width: 24 },
    { header: task, key: "task", width: 40 },
    { header: version, key: "version", width: 8 },
    { header: at, key: "at", width: 18, style: { numFmt: "dd/mm/yyyy hh:mm" } },
    { header: timing, key: "timing", width: 14 },
    { header: sender, key: "sender", width: 22 },
    { header: body, key: "body", width: 80 },
    { header: files, key: "files", width: 30 },
    { header: latest, key: "latest", width: 12 },
  ];
  for (const r of records) {
    const row = sheet.addRow({
      ...r,
      unitCode: noFormula(r.unitCode),
      unitName: noFormula(r.unitName),
      task: noFormula(r.task),
      sender: noFormula(r.sender),
      body: noFormula(r.body),
      files: noFormula(r.files),
      at: wallClock(r.submittedAt, tz),
      latest: r.latest ? t.exportLatestYes : "",
    });
    row.alignment = { vertical: "top", wrapText: true };
    if (r.late !== null)
      row.getCell("timing").fill = { type: "pattern", pattern: "solid", fgColor: { argb: r.late ? FILLS.late : FILLS.on_time } };
  }
  header(sheet);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 11 } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
