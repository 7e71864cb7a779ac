/**
 * The directory as the console shows and changes it: units, members with their linked accounts, groups,
 * invites; CSV imports and invites in bulk. Changing it needs the "manageDirectory" permission (the office).
 */
import type { Database, Db } from "../../db/client.js";
import { membersToInvite } from "../../db/members.js";
import type { Actor } from "../actor.js";
import { may } from "../permissions.js";
import { importUnits, type ImportOutcome } from "./import-units.js";
import { importMembers } from "./import-members.js";
import { importGroups } from "./groups.js";
import type { AnnounceOptions } from "./group-guard.js";
import { createInvite } from "../invites.js";
import type { Role } from "../../domain/vocabulary.js";

export type CsvKind = "units" | "members" | "groups";

export async function importCsvAs(
  db: Database,
  actor: Actor,
  kind: CsvKind,
  content: Buffer,
  actorLabel: string,
  now: Date,
  announce?: AnnounceOptions,
): Promise<ImportOutcome | { ok: false; notAllowed: true; problems: [] }> {
  if (!may(actor.role, "manageDirectory")) return { ok: false, notAllowed: true, problems: [] };
  if (kind === "units") return importUnits(db, actor.councilId, content, actorLabel);
  if (kind === "members") return importMembers(db, actor.councilId, content, actorLabel);
  // The console is the office's: only an admin may register or change the standing or announcement group there.
  return importGroups(db, actor.councilId, content, actorLabel, now, {
    mayChangeGuarded: actor.role === "admin",
    ...(announce ? { announce } : {}),
  });
}

export const directory = async (db: Db, councilId: number) => {
  const [units, members, groups, invites] = await Promise.all([
    db.unit.findMany({ where: { councilId }, orderBy: [{ kind: "asc" }, { code: "asc" }], include: { parent: true } }),
    db.member.findMany({
      where: { councilId },
      include: { unit: true, identities: { orderBy: { platform: "asc" } } },
      orderBy: [{ active: "desc" }, { role: "asc" }, { fullName: "asc" }],
    }),
    db.chat.findMany({ where: { councilId, kind: "group" }, include: { unit: true }, orderBy: [{ purpose: "asc" }, { title: "asc" }] }),
    db.inviteCode.findMany({ where: { councilId }, include: { unit: true, member: true }, orderBy: { id: "desc" }, take: 300 }),
  ]);
  return { units, members, groups, invites };
};

export interface IssuedInvite {
  memberId: number;
  fullName: string;
  role: Role;
  unitName: string | null;
  unitCode: string | null;
  code: string;
  expiresAt: Date;
}

/**
 * Invites for members who have not linked any chat account yet (or for the chosen ones). The codes are
 * returned once, for the printable sheet: only their hashes are stored.
 */
export async function createInvitesInBulk(
  db: Database,
  actor: Actor,
  input: { memberIds?: number[]; ttlDays: number; now: Date; actorLabel: string; secret: string },
): Promise<{ ok: true; invites: IssuedInvite[]; skipped: number } | { ok: false; reason: "not_allowed" }> {
  if (!may(actor.role, "manageDirectory")) return { ok: false, reason: "not_allowed" };
  return { ok: true, ...(await issueInvitesInBulk(db, actor.councilId, { ...input, actorId: actor.memberId })) };
}

/**
 * The bulk invites themselves, for the operator's CLI (`council invite create --all-unlinked`) and the
 * console: one code for each active member without a linked account (or each chosen member), optionally of
 * one role only.
 */
export async function issueInvitesInBulk(
  db: Database,
  councilId: number,
  input: { memberIds?: number[]; role?: Role; ttlDays: number; now: Date; actorLabel: string; actorId: number | null; secret: string },
): Promise<{ invites: IssuedInvite[]; skipped: number }> {
  const members = (await membersToInvite(db.prisma, councilId, input.memberIds)).filter((m) => !input.role || m.role === input.role);
  const invites: IssuedInvite[] = [];
  let skipped = 0;
  for (const m of members) {
    const r = await createInvite(db, {
      councilId,
      role: m.role,
      unitCode: m.unit?.code ?? null,
      fullName: m.fullName,
      memberId: m.id,
      ttlDays: input.ttlDays,
      now: input.now,
      actorLabel: input.actorLabel,
      actorId: input.actorId,
      secret: input.secret,
    });
    if (!r.ok) {
      skipped++;
      continue;
    }
    invites.push({
      memberId: m.id,
      fullName: m.fullName,
      role: r.role,
      unitName: m.unit?.name ?? null,
      unitCode: m.unit?.code ?? null,
      code: r.code,
      expiresAt: r.expiresAt,
    });
  }
  return { invites, skipped };
}
