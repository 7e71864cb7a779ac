import type { Db, Tx } from "./client.js";
import { findInChunks } from "./chunks.js";

export interface MemberRow {
  id: number;
  councilId: number;
  code: string | null;
  fullName: string;
  role: string;
  unitId: number | null;
  title: string | null;
  phone: string | null;
  email: string | null;
  active: boolean;
}

/** What an import or an invite sets on a member; the id, council and active flag are the repository's. */
export type MemberInput = Omit<MemberRow, "id" | "councilId" | "active">;

export const findMemberById = (db: Db | Tx, id: number): Promise<MemberRow | null> => db.member.findUnique({ where: { id } });

export const listMembers = (
  db: Db | Tx,
  councilId: number,
  where: { role?: string; roles?: string[]; unitId?: number; activeOnly?: boolean } = {},
) =>
  db.member.findMany({
    where: {
      councilId,
      ...(where.role ? { role: where.role } : {}),
      ...(where.roles ? { role: { in: where.roles } } : {}),
      ...(where.unitId !== undefined ? { unitId: where.unitId } : {}),
      ...(where.activeOnly ? { active: true } : {}),
    },
    include: { unit: true, identities: true },
    orderBy: [{ unitId: "asc" }, { fullName: "asc" }],
  });

/** Creates or updates a member: by code when given, otherwise by name within the same unit. */
/** Active members to invite: the given ones, or else every member with no linked chat account; with their unit. */
export async function membersToInvite(db: Db | Tx, councilId: number, memberIds?: number[]) {
  const query = (where: object) =>
    db.member.findMany({
      where: { councilId, active: true, ...where },
      include: { unit: true },
      orderBy: [{ unitId: "asc" }, { fullName: "asc" }],
    });
  if (!memberIds) return query({ identities: { none: {} } });
  const rows = await findInChunks(memberIds, (ids) => query({ id: { in: ids } }));
  return rows.sort((a, b) => (a.unitId ?? -1) - (b.unitId ?? -1) || a.fullName.localeCompare(b.fullName));
}

export async function upsertMember(tx: Tx, councilId: number, input: MemberInput): Promise<"created" | "updated" | "unchanged"> {
  const existing = input.code
    ? await tx.member.findUnique({ where: { councilId_code: { councilId, code: input.code } } })
    : await tx.member.findFirst({ where: { councilId, code: null, fullName: input.fullName, unitId: input.unitId } });
  if (!existing) {
    await tx.member.create({ data: { councilId, ...input } });
    return "created";
  }
  const same =
    existing.fullName === input.fullName &&
    existing.role === input.role &&
    existing.unitId === input.unitId &&
    existing.title === input.title &&
    existing.phone === input.phone &&
    existing.email === input.email &&
    existing.active;
  if (same) return "unchanged";
  await tx.member.update({ where: { id: existing.id }, data: { ...input, active: true } });
  return "updated";
}
