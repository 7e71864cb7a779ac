import type { Db, Tx } from "./client.js";

export interface UnitRow {
  id: number;
  councilId: number;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  active: boolean;
}

export const listUnits = (db: Db | Tx, councilId: number, opts: { kinds?: string[]; activeOnly?: boolean } = {}): Promise<UnitRow[]> =>
  db.unit.findMany({
    where: { councilId, ...(opts.kinds ? { kind: { in: opts.kinds } } : {}), ...(opts.activeOnly ? { active: true } : {}) },
    orderBy: [{ code: "asc" }],
  });

export const findUnitByCode = (db: Db | Tx, councilId: number, code: string): Promise<UnitRow | null> =>
  db.unit.findUnique({ where: { councilId_code: { councilId, code } } });

export const findUnitById = (db: Db | Tx, id: number): Promise<UnitRow | null> => db.unit.findUnique({ where: { id } });

export interface UnitInput {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
}

/** Creates or updates units by code. */
export async function upsertUnits(
  tx: Tx,
  councilId: number,
  rows: readonly UnitInput[],
): Promise<{ created: number; updated: number; unchanged: number }> {
  // The council's units are read once: a country-wide import (3,321 communes) should not look each up twice.
  const byCode = new Map((await listUnits(tx, councilId)).map((u) => [u.code, u]));
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const row of rows) {
    const existing = byCode.get(row.code);
    if (!existing) {
      byCode.set(row.code, await tx.unit.create({ data: { councilId, code: row.code, name: row.name, kind: row.kind } }));
      created++;
    } else if (existing.name !== row.name || existing.kind !== row.kind || !existing.active) {
      byCode.set(row.code, await tx.unit.update({ where: { id: existing.id }, data: { name: row.name, kind: row.kind, active: true } }));
      updated++;
    } else {
      unchanged++;
    }
  }
  // Parents are resolved after all rows exist, so the order of the file does not matter.
  for (const row of rows) {
    const unit = byCode.get(row.code)!;
    const parentId = row.parentCode ? (byCode.get(row.parentCode)?.id ?? null) : null;
    if (unit.parentId !== parentId) await tx.unit.update({ where: { id: unit.id }, data: { parentId } });
  }
  return { created, updated, unchanged };
}
