/**
 * CSV for spreadsheets that must never run anything. Excel and LibreOffice read a cell starting with
 * =, +, -, @ (or a tab or carriage return before one) as a formula, and an unquoted line break ends a
 * row: a two-paragraph report became two rows, the second free to start with "=". So every field is
 * quoted, and every line of every text field that starts like a formula gets a leading apostrophe.
 */
import { stringify } from "csv-stringify/sync";

export const BOM = "\uFEFF";

/** A leading apostrophe on every line of the text that starts like a formula. */
export const noFormula = (text: string): string => text.replace(/(^|\r\n|\n|\r)(?=[=+\-@\t\r])/g, "$1'");

/** UTF-8 with BOM, Windows line ends, every field quoted and neutralised; numbers stay numbers. */
export function safeCsv(rows: (string | number | null)[][], columns: readonly string[]): string {
  const clean = (v: string | number | null) => (typeof v === "string" ? noFormula(v) : (v ?? ""));
  return (
    BOM +
    stringify(
      rows.map((r) => r.map(clean)),
      { header: true, columns: columns.map((c) => noFormula(c)), record_delimiter: "windows", quoted: true, quoted_empty: true },
    )
  );
}
