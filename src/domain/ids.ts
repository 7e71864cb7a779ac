/**
 * A record number typed by a person or carried in a button: digits only, within what the database keeps
 * (a 32-bit row id). `Number("1e308")` is an integer to JavaScript and reached SQLite as "internal error";
 * "12abc", "-1", "0x10", "1e3" and 20-digit numbers are not record numbers.
 */
export const MAX_ID = 2_147_483_647;

export function parseId(text: string | undefined | null): number | null {
  const t = (text ?? "").trim();
  if (!/^\d{1,10}$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= MAX_ID ? n : null;
}
