/**
 * Report attachments as one .zip (archiver, streamed: a province's files never sit in memory), a folder
 * per unit, each file named after its report's receipt number and its original name. A list of every
 * file, with the ones the server does not have and why, goes in as danh-sach-tep.csv.
 */
import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import archiver from "archiver";
import type { Db } from "../../db/client.js";
import { attachmentsOfReports } from "../../db/report-queries.js";
import { downloadName } from "../attachments/access.js";
import { scopedWhere, type ReportFilter } from "../reports/list-reports.js";
import type { Scope } from "../access/scope.js";
import { consoleTexts as c } from "../../i18n/vi/console.js";
import { localStamp } from "./submissions.js";
import { safeCsv } from "./csv.js";
import { cutText } from "../../text/graphemes.js";

/** Characters Windows refuses in file names, and path separators, become "-". */
const safe = (name: string): string => cutText(name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "-").trim(), 150) || "tep";

export async function attachmentsZip(db: Db, scope: Scope, filter: ReportFilter, dataDir: string, tz: string) {
  const rows = await attachmentsOfReports(db, scopedWhere(scope, filter));
  const zip = archiver("zip", { zlib: { level: 6 } });
  const used = new Set<string>();
  const list: string[][] = [];
  const perReport = new Map<string, number>();
  for (const a of rows) {
    const s = a.submission!;
    const index = (perReport.get(s.receiptNo) ?? 0) + 1;
    perReport.set(s.receiptNo, index);
    const folder = safe(`${s.unit.code} - ${s.unit.name}`);
    let name = `${folder}/${safe(`${s.receiptNo} - ${downloadName(a, s.receiptNo, index)}`)}`;
    for (let n = 2; used.has(name); n++) name = name.replace(/(\.[^./]*)?$/, (ext) => ` (${n})${ext}`);
    const file = a.storedPath ? path.join(dataDir, a.storedPath) : null;
    const present = a.storeStatus === "stored" && file !== null && existsSync(file);
    if (present) {
      used.add(name);
      zip.append(createReadStream(file), { name, date: s.submittedAt });
    }
    list.push([
      s.unit.code,
      s.unit.name,
      s.receiptNo,
      s.task?.title ?? c.otherReport,
      localStamp(s.submittedAt, tz),
      downloadName(a, s.receiptNo, index),
      present ? name : "",
      present ? c.zipStored : (c.fileState[a.storeStatus as keyof typeof c.fileState] ?? a.storeStatus),
    ]);
  }
  zip.append(safeCsv(list, c.zipColumns), {
    name: "danh-sach-tep.csv",
  });
  void zip.finalize();
  return { zip, files: rows.length };
}
