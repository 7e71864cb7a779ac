/**
 * Issue 20, item 4: the reports' CSV opens in Excel with no formula and one row per record. Every field
 * is quoted (a bare line break no longer splits a report into rows), and every line of every text field
 * that starts like a formula (=, +, -, @, tab, CR) gets a leading apostrophe, unit names included (they
 * come from imported CSV files too). The test reads the CSV back with a CSV parser, as Excel would.
 */
import { parse } from "csv-parse/sync";
import { afterEach, describe, expect, it } from "vitest";
import { at, demoCouncil, newTask, TZ, type Council } from "../deadlines/helpers.js";
import { submissionsCsv } from "../../src/core/export/submissions.js";
import { noFormula, safeCsv } from "../../src/core/export/csv.js";
import { importUnits } from "../../src/core/directory/import-units.js";

let c: Council | undefined;
afterEach(async () => {
  await c?.cleanup();
  c = undefined;
});

const FORMULA_START = /^[=+\-@\t\r]/;

describe("the reports' CSV", () => {
  it("quotes every field and neutralises formulas on every line of every text column", async () => {
    c = await demoCouncil({ start: at("2022-05-20", "09:00") });
    const imported = await importUnits(c.db, c.councilId, 'code,name\nXA_LA,"=HYPERLINK(""http://x.example"",""Xã Lạ"")"\n', "test");
    expect(imported.ok).toBe(true);
    const unit = await c.db.prisma.unit.findFirstOrThrow({ where: { code: "XA_LA" } });
    const member = await c.db.prisma.member.create({
      data: { councilId: c.councilId, fullName: "@Nguyễn Văn Lạ", role: "vice_chair", unitId: unit.id },
    });
    const task = await newTask(c, { dueDate: "31/5/2022", title: "+Báo cáo tháng 5" });
    const body =
      'Đoạn thứ nhất của báo cáo.\n\n=HYPERLINK("http://evil.example","bấm")\n+84 912 345 678\n-5 hộ chưa nhận\n@SUM(A1:A9)\n\tthụt lề\r\n=1+1';
    await c.db.prisma.submission.create({
      data: {
        councilId: c.councilId,
        taskId: task.id,
        unitId: unit.id,
        memberId: member.id,
        version: 1,
        receiptNo: "BC-2022-0001",
        body,
        late: false,
        submittedAt: at("2022-05-30", "09:00"),
      },
    });

    const { csv, rows } = await submissionsCsv(c.db.prisma, c.councilId, {}, TZ);
    expect(rows).toBe(1);
    expect(csv.startsWith('\uFEFF"')).toBe(true);
    const records: string[][] = parse(csv.slice(1), { record_delimiter: "\r\n" });
    // the header and exactly one record: the paragraphs stayed in their cell
    expect(records).toHaveLength(2);
    const [header, record] = records as [string[], string[]];
    expect(record).toHaveLength(header.length);
    // every field quoted: the text is exactly the quoted fields joined by "," and CRLF
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    expect(csv.slice(1)).toBe(`${records.map((r) => r.map(quote).join(",")).join("\r\n")}\r\n`);
    // no line of any cell starts like a formula
    for (const cell of record) for (const line of cell.split(/\r\n|\n|\r/)) expect(line, cell).not.toMatch(FORMULA_START);
    expect(record[2]).toBe(`'=HYPERLINK("http://x.example","Xã Lạ")`);
    expect(record[3]).toBe("'+Báo cáo tháng 5");
    expect(record[7]).toBe("'@Nguyễn Văn Lạ");
    expect(record[8]).toBe(
      "Đoạn thứ nhất của báo cáo.\n\n'=HYPERLINK(\"http://evil.example\",\"bấm\")\n'+84 912 345 678\n'-5 hộ chưa nhận\n'@SUM(A1:A9)\n'\tthụt lề\r\n'=1+1",
    );
  });

  it("neutralises each line, and leaves harmless text alone", () => {
    expect(noFormula("a\n=b\r\n+c\r-d\n@e\n\tf")).toBe("a\n'=b\r\n'+c\r'-d\n'@e\n'\tf");
    expect(noFormula("Xã Phổ An - 2022")).toBe("Xã Phổ An - 2022");
    expect(safeCsv([["", 3, null]], ["a", "=b", "c"])).toBe('\uFEFF"a","\'=b","c"\r\n"","3",""\r\n');
  });
});
