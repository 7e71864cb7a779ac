import type { Db, Tx } from "./client.js";

export interface CouncilRow {
  id: number;
  code: string;
  name: string;
  timezone: string;
  settingsJson: string;
}

export type CouncilLookup = { ok: true; council: CouncilRow } | { ok: false; reason: "none" | "not_found" | "ambiguous"; code?: string };

/** The council this instance serves: the configured code, or the only council in the database. */
export async function findCouncil(db: Db | Tx, code: string | undefined): Promise<CouncilLookup> {
  if (code) {
    const council = await db.council.findUnique({ where: { code } });
    return council ? { ok: true, council } : { ok: false, reason: "not_found", code };
  }
  const councils = await db.council.findMany({ take: 2, orderBy: { id: "asc" } });
  if (councils.length === 0) return { ok: false, reason: "none" };
  if (councils.length > 1) return { ok: false, reason: "ambiguous" };
  return { ok: true, council: councils[0]! };
}

export async function upsertCouncil(
  db: Db | Tx,
  input: { code: string; name: string; timezone: string },
): Promise<{ council: CouncilRow; created: boolean }> {
  const existing = await db.council.findUnique({ where: { code: input.code } });
  if (existing) return { council: existing, created: false };
  const council = await db.council.create({ data: input });
  return { council, created: true };
}

export const findCouncilById = (db: Db | Tx, id: number): Promise<CouncilRow | null> => db.council.findUnique({ where: { id } });

/** Replaces a council's settings JSON (validated by the caller). */
export async function saveCouncilSettings(tx: Db | Tx, id: number, settingsJson: string): Promise<void> {
  await tx.council.update({ where: { id }, data: { settingsJson } });
}
