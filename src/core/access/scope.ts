/**
 * What part of the council a person may see: the office and the standing committee see every unit; a
 * unit's vice-chair sees their own unit only. Every console read goes through a Scope, so a vice-chair
 * who types another unit's address gets "not found", not the other unit's reports.
 */
import type { Actor } from "../actor.js";
import { may } from "../permissions.js";

export interface Scope {
  councilId: number;
  /** null: every unit of the council; otherwise the only unit visible */
  unitId: number | null;
}

export function scopeOf(actor: Actor): Scope {
  if (may(actor.role, "seeAllUnits")) return { councilId: actor.councilId, unitId: null };
  // A vice-chair without a unit sees no unit at all (-1 matches nothing).
  return { councilId: actor.councilId, unitId: actor.unitId ?? -1 };
}

export const seesUnit = (scope: Scope, unitId: number | null | undefined): boolean =>
  scope.unitId === null || (unitId !== null && unitId !== undefined && unitId === scope.unitId);
