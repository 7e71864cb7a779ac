/**
 * One-time invite codes: the office hands a code to a person, who sends `/start CODE` to the bot.
 * Only a hash of the code is stored; a code works once and expires (7 days by default).
 */
import { createHash, randomInt } from "node:crypto";
import type { Database } from "../db/client.js";
import {
  createMemberForInvite,
  findInviteByHash,
  identityWithMember,
  insertInvite,
  linkIdentity,
  markInviteUsed,
  updateMemberFromInvite,
} from "../db/invites.js";
import { audit } from "../db/audit.js";
import { findUnitByCode } from "../db/units.js";
import { isRole, normalizeCode, ROLES_NEEDING_UNIT, type Role } from "../domain/vocabulary.js";
import { cleanText } from "../text/fold.js";

// No 0/O, 1/I/L: codes are read aloud over the phone and typed on small screens.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 8;

export function generateInviteCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Codes are compared without case, spaces or dashes ("k7qx-3mpa" = "K7QX3MPA"). */
export function canonicalInviteCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "");
}

export const hashInviteCode = (code: string): string =>
  createHash("sha256")
    .update(`invite:${canonicalInviteCode(code)}`)
    .digest("hex");

export const looksLikeInviteCode = (text: string): boolean => /^[A-Za-z0-9]{6,12}$/.test(canonicalInviteCode(text));

export interface CreateInviteInput {
  councilId: number;
  role: string;
  unitCode?: string | null;
  fullName?: string | null;
  memberId?: number | null;
  ttlDays: number;
  now: Date;
  actorLabel: string;
  actorId?: number | null;
}

export type CreateInviteResult =
  | { ok: true; code: string; expiresAt: Date; role: Role; unit: { code: string; name: string } | null; fullName: string | null }
  | { ok: false; reason: "bad_role" | "unknown_unit" | "unit_required"; detail: string };

export async function createInvite(db: Database, input: CreateInviteInput): Promise<CreateInviteResult> {
  if (!isRole(input.role)) return { ok: false, reason: "bad_role", detail: input.role };
  const role = input.role;
  const unit = input.unitCode ? await findUnitByCode(db.prisma, input.councilId, normalizeCode(input.unitCode)) : null;
  if (input.unitCode && !unit) return { ok: false, reason: "unknown_unit", detail: normalizeCode(input.unitCode) };
  if (ROLES_NEEDING_UNIT.includes(role) && !unit) return { ok: false, reason: "unit_required", detail: role };
  const code = generateInviteCode();
  const expiresAt = new Date(input.now.getTime() + input.ttlDays * 86_400_000);
  const fullName = input.fullName ? cleanText(input.fullName) : null;
  await db.transaction(async (tx) => {
    const invite = await insertInvite(tx, {
      councilId: input.councilId,
      codeHash: hashInviteCode(code),
      role,
      unitId: unit?.id ?? null,
      memberId: input.memberId ?? null,
      fullName,
      createdByLabel: input.actorLabel,
      expiresAt,
      createdAt: input.now,
    });
    await audit(tx, {
      councilId: input.councilId,
      actorId: input.actorId,
      actorLabel: input.actorLabel,
      action: "invite.create",
      entityType: "invite",
      entityId: invite.id,
      detail: { role, unit: unit?.code ?? null },
    });
  });
  return { ok: true, code, expiresAt, role, unit: unit ? { code: unit.code, name: unit.name } : null, fullName };
}

export interface RedeemInput {
  code: string;
  /** a registered platform's name (see messaging/platform.ts) */
  platform: string;
  platformUserId: string;
  displayName: string;
  username?: string | null;
  now: Date;
}

export type RedeemResult =
  | { ok: true; memberId: number; councilId: number; identityId: number; createdMember: boolean }
  | { ok: false; reason: "unknown" | "expired" | "used" | "revoked" | "linked_to_other" };

/** Links a chat account to a member with a one-time code, all in one transaction. */
export async function redeemInvite(db: Database, input: RedeemInput): Promise<RedeemResult> {
  return db.transaction(async (tx) => {
    const invite = await findInviteByHash(tx, hashInviteCode(input.code));
    if (!invite) return { ok: false, reason: "unknown" } as const;
    if (invite.revokedAt) return { ok: false, reason: "revoked" } as const;
    if (invite.usedAt) return { ok: false, reason: "used" } as const;
    if (invite.expiresAt.getTime() <= input.now.getTime()) return { ok: false, reason: "expired" } as const;

    const existingIdentity = await identityWithMember(tx, input.platform, input.platformUserId);
    if (
      existingIdentity &&
      existingIdentity.member.councilId === invite.councilId &&
      invite.memberId &&
      existingIdentity.memberId !== invite.memberId
    ) {
      return { ok: false, reason: "linked_to_other" } as const;
    }
    let memberId: number;
    let createdMember = false;
    if (invite.memberId) {
      memberId = invite.memberId;
    } else if (existingIdentity && existingIdentity.member.councilId === invite.councilId) {
      // The same person redeeming a second invite (e.g. a new role): update their member record.
      memberId = existingIdentity.memberId;
      await updateMemberFromInvite(tx, memberId, {
        role: invite.role,
        unitId: invite.unitId,
        ...(invite.fullName ? { fullName: invite.fullName } : {}),
      });
    } else {
      const member = await createMemberForInvite(tx, {
        councilId: invite.councilId,
        fullName: invite.fullName ?? cleanText(input.displayName || "Chưa rõ tên"),
        role: invite.role,
        unitId: invite.unitId,
      });
      memberId = member.id;
      createdMember = true;
    }
    const identityId = await linkIdentity(tx, memberId, {
      platform: input.platform,
      platformUserId: input.platformUserId,
      displayName: input.displayName,
      username: input.username ?? null,
      now: input.now,
    });
    await markInviteUsed(tx, invite.id, input.now, identityId);
    await audit(tx, {
      councilId: invite.councilId,
      actorId: memberId,
      actorLabel: `${input.platform}:${input.platformUserId}`,
      action: "invite.redeem",
      entityType: "member",
      entityId: memberId,
      detail: { inviteId: invite.id, createdMember },
    });
    return { ok: true, memberId, councilId: invite.councilId, identityId, createdMember } as const;
  });
}
