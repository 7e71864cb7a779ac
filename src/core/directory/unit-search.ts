/**
 * Finding a unit by what a person typed, in any spelling ("pho an", "Phổ An", "PHO_AN"); the prefix words
 * "xã", "phường" ... are optional. Used by the chat's unit pickers and by reading a notice's addressees.
 */
import type { UnitRow } from "../../db/units.js";
import { foldVietnamese } from "../../text/fold.js";

/** Units whose name or code matches what was typed: exact matches when there are any, else those containing it. */
export function searchUnits(units: UnitRow[], typed: string): UnitRow[] {
  const q = normalise(typed);
  if (!q) return [];
  const exact = units.filter((u) => normalise(u.name) === q || normalise(u.code) === q || stripKind(normalise(u.name)) === q);
  if (exact.length > 0) return exact;
  return units.filter((u) => normalise(u.name).includes(q) || normalise(u.code).includes(q));
}

const normalise = (s: string) =>
  foldVietnamese(s)
    .replace(/[_.-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
const stripKind = (s: string) => s.replace(/^(xa|phuong|dac khu|thi tran|thon|to dan pho|ban)\s+/, "");
