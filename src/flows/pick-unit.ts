/**
 * Choosing a unit among many (a province has ~100 communes): a page of buttons with "more", or the
 * name typed in any spelling ("pho an", "Phổ An", "PHO_AN"; see core/directory/unit-search.ts).
 */
import type { UnitRow } from "../db/units.js";
import { searchUnits } from "../core/directory/unit-search.js";
import type { PromptChoice } from "./types.js";

export const UNITS_PER_PAGE = 8;

export function unitPage(units: UnitRow[], page: number, moreLabel: string): { choices: PromptChoice[][]; pages: number } {
  const pages = Math.max(1, Math.ceil(units.length / UNITS_PER_PAGE));
  const current = ((page % pages) + pages) % pages;
  const slice = units.slice(current * UNITS_PER_PAGE, (current + 1) * UNITS_PER_PAGE);
  const rows: PromptChoice[][] = [];
  for (let i = 0; i < slice.length; i += 2)
    rows.push(slice.slice(i, i + 2).map((u) => ({ label: u.name, value: `u${u.id}`, synonyms: [u.code] })));
  if (pages > 1) rows.push([{ label: moreLabel, value: `page${current + 1}` }]);
  return { choices: rows, pages };
}

export const unitIdFromChoice = (value: string): number | null => (/^u\d+$/.test(value) ? Number(value.slice(1)) : null);
export const pageFromChoice = (value: string): number | null => (/^page\d+$/.test(value) ? Number(value.slice(4)) : null);

/** One page of a multi-select: chosen units carry a check mark; a "more" row when there are several pages. */
export function unitToggleChoices(units: UnitRow[], chosen: ReadonlySet<number>, page: number, moreLabel: string): PromptChoice[][] {
  return unitPage(units, page, moreLabel).choices.map((row) =>
    row.map((c) => (chosen.has(unitIdFromChoice(c.value) ?? -1) ? { ...c, label: `✅ ${c.label}` } : c)),
  );
}

export type ToggleOutcome =
  | { kind: "page"; page: number }
  | { kind: "chosen"; chosen: number[]; notFound: string[]; ambiguous: { typed: string; names: string[] }[] }
  | { kind: "none" };

/**
 * Applies an answer to a multi-select: a pressed unit toggles it, "more" turns the page, typed names
 * (several, separated by commas) are added when each matches exactly one unit.
 */
export function applyUnitToggle(
  units: UnitRow[],
  chosen: readonly number[],
  input: { type: string; value?: string; text?: string },
): ToggleOutcome {
  if (input.type === "choice" && input.value) {
    const page = pageFromChoice(input.value);
    if (page !== null) return { kind: "page", page };
    const id = unitIdFromChoice(input.value);
    if (id === null || !units.some((u) => u.id === id)) return { kind: "none" };
    return { kind: "chosen", chosen: chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id], notFound: [], ambiguous: [] };
  }
  if (input.type !== "text" || !input.text?.trim()) return { kind: "none" };
  const next = [...chosen];
  const notFound: string[] = [];
  const ambiguous: { typed: string; names: string[] }[] = [];
  for (const part of input.text
    .split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const found = searchUnits(units, part);
    if (found.length === 1) {
      if (!next.includes(found[0]!.id)) next.push(found[0]!.id);
    } else if (found.length === 0) notFound.push(part);
    else ambiguous.push({ typed: part, names: found.slice(0, 10).map((u) => u.name) });
  }
  return { kind: "chosen", chosen: next, notFound, ambiguous };
}
