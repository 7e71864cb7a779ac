/**
 * Reads a spreadsheet exported as CSV the way offices produce them: UTF-8 with or without BOM (Excel adds
 * one), comma or semicolon (Excel in a Vietnamese locale writes semicolons), quoted fields, Vietnamese
 * headers. Parsing is csv-parse's; this file maps headers to field names and keeps line numbers for errors.
 */
import { parse } from "csv-parse/sync";
import { foldVietnamese } from "../text/fold.js";

export interface TableRow {
  /** line number in the file (1 = header line), for error messages */
  line: number;
  values: Record<string, string>;
}

export type TableResult = { ok: true; rows: TableRow[] } | { ok: false; problem: string };

/**
 * @param columns field name -> accepted header spellings (folded, without diacritics)
 * @param required fields that must be present in the header
 */
export function readTable(content: Buffer | string, columns: Record<string, readonly string[]>, required: readonly string[]): TableResult {
  let text = typeof content === "string" ? content : decodeUtf8(content);
  if (text === undefined) return { ok: false, problem: 'the file is not UTF-8 text (save it from Excel as "CSV UTF-8")' };
  text = text.replace(/^\uFEFF/, "").normalize("NFC");
  if (text.trim() === "") return { ok: false, problem: "the file is empty" };

  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = count(firstLine, ";") > count(firstLine, ",") ? ";" : ",";
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      info: true,
      skip_empty_lines: false,
      trim: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    return { ok: false, problem: `line ${e.lines ?? "?"}: ${e.message.replace(/^Invalid Record Length: /, "")}` };
  }
  const header = records[0]?.record ?? [];
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const folded = foldVietnamese(name).replace(/[_-]+/g, " ").replace(/\s+/g, " ");
    for (const [field, spellings] of Object.entries(columns)) {
      if (spellings.includes(folded) && !index.has(field)) index.set(field, i);
    }
  });
  const missing = required.filter((f) => !index.has(f));
  if (missing.length > 0) {
    const expected = missing.map((f) => `"${f}"`).join(", ");
    return { ok: false, problem: `line 1: missing column ${expected} (the header line has: ${header.join(", ") || "nothing"})` };
  }
  const rows: TableRow[] = [];
  for (const { record, info } of records.slice(1)) {
    if (record.every((v) => v === "")) continue; // blank lines and Excel's trailing ;;; rows
    const values: Record<string, string> = {};
    for (const [field, col] of index) values[field] = (record[col] ?? "").replace(/\s+/g, " ").trim();
    rows.push({ line: info.lines, values });
  }
  return { ok: true, rows };
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
