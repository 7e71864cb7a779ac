/**
 * Loads a council's units from a CSV file. The whole file is checked first; one bad row refuses the file
 * and the database stays unchanged.
 */
import type { Database } from "../../db/client.js";
import { listUnits, upsertUnits, type UnitInput } from "../../db/units.js";
import { audit } from "../../db/audit.js";
import { readTable } from "../../csv/read-table.js";
import { normalizeCode, parseUnitKind, UNIT_KINDS } from "../../domain/vocabulary.js";
import { cleanText } from "../../text/fold.js";

export const UNIT_COLUMNS = {
  code: ["code", "ma", "ma don vi", "ma dv"],
  name: ["name", "ten", "ten don vi", "don vi"],
  kind: ["kind", "loai", "loai don vi", "cap"],
  parent: ["parent", "cap tren", "don vi cap tren", "ma cap tren", "parent code"],
} as const;

export interface ImportProblem {
  line: number;
  message: string;
}

export type ImportOutcome = { ok: true; created: number; updated: number; unchanged: number } | { ok: false; problems: ImportProblem[] };

export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

export async function importUnits(db: Database, councilId: number, content: Buffer | string, actorLabel: string): Promise<ImportOutcome> {
  const table = readTable(content, UNIT_COLUMNS, ["code", "name"]);
  if (!table.ok) return { ok: false, problems: [{ line: lineOf(table.problem), message: table.problem }] };
  if (table.rows.length === 0) return { ok: false, problems: [{ line: 1, message: "the file has a header but no units" }] };

  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  const rows: UnitInput[] = [];
  for (const { line, values } of table.rows) {
    const code = normalizeCode(values.code ?? "");
    const name = cleanText(values.name ?? "");
    const kindText = values.kind ?? "";
    const kind = kindText ? parseUnitKind(kindText) : "commune";
    if (!code) problems.push({ line, message: "missing unit code" });
    else if (!CODE_PATTERN.test(code))
      problems.push({ line, message: `unit code "${code}" may only contain letters, digits, ".", "_" and "-" (at most 40)` });
    else if (seen.has(code)) problems.push({ line, message: `duplicate unit code "${code}" (also on line ${seen.get(code)})` });
    if (!name) problems.push({ line, message: "missing unit name" });
    if (!kind)
      problems.push({
        line,
        message: `unknown unit kind "${kindText}" (expected one of: ${UNIT_KINDS.join(", ")}, or xã, phường, đặc khu, thôn, tổ dân phố, ban)`,
      });
    if (code && !seen.has(code)) seen.set(code, line);
    rows.push({ code, name, kind: kind ?? "other", parentCode: values.parent ? normalizeCode(values.parent) : null });
  }
  const existing = new Set((await listUnits(db.prisma, councilId)).map((u) => u.code));
  table.rows.forEach(({ line }, i) => {
    const parent = rows[i]!.parentCode;
    if (!parent) return;
    if (parent === rows[i]!.code) problems.push({ line, message: "a unit cannot be its own parent" });
    else if (!seen.has(parent) && !existing.has(parent)) problems.push({ line, message: `unknown parent unit code "${parent}"` });
  });
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };

  const counts = await db.transaction(async (tx) => {
    const result = await upsertUnits(tx, councilId, rows);
    await audit(tx, { councilId, actorLabel, action: "units.import", entityType: "unit", detail: result });
    return result;
  });
  return { ok: true, ...counts };
}

function lineOf(problem: string): number {
  const m = /^line (\d+)/.exec(problem);
  return m ? Number(m[1]) : 1;
}
