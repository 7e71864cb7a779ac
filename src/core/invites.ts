/**
 * One-time invite codes: the office hands a code to a person, who sends `/start CODE` to the bot.
 * Only a keyed hash of the code is stored (HMAC-SHA256 with the server secret, see files/server-secret.ts);
 * a code works once and expires (7 days by default). Codes made before the key existed were stored as a bare
 * SHA-256 (`hashKind = "sha256"`): they are still found by that hash until they are used or expire, so no
 * code handed out is lost by the upgrade, and no new code is stored that way.
 *
 * Wrong codes are counted per chat account: past the limit the account gets no answer to codes any more
 * and the admins are told (a code of 40 bits cannot be guessed at a few tries per account).
 */
import { createHash, createHmac, randomInt } from "node:crypto";
import type { Database } from "../db/client.js";
import {
  clearInviteFailures,
  findInviteFailure,
  forgetUnlinkedAccount,
  markInviteFailureBlocked,
  recordInviteFailure,
  revokeInviteRow,
} from "../db/access.js";
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
import { isRole, normalizeCode, parseRole, ROLES_NEEDING_UNIT, type Role } from "../domain/vocabulary.js";
import { listMembers } from "../db/members.js";
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

/** The stored form of a code: HMAC-SHA256 keyed by the server secret. */
export const hashInviteCode = (code: string, secret: string): string =>
  createHmac("sha256", secret)
    .update(`invite:${canonicalInviteCode(code)}`)
    .digest("hex");

/** How codes were stored before the keyed hash (still looked up, for codes handed out before the upgrade). */
export const legacyInviteHash = (code: string): string =>
  createHash("sha256")
    .update(`invite:${canonicalInviteCode(code)}`)
    .digest("hex");

/** Exactly the shape of a generated code (8 letters of the alphabet), with optional spaces or dashes. */
export const isExactInviteCode = (text: string): boolean => new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`).test(canonicalInviteCode(text));

async function findInvite(tx: Parameters<typeof findInviteByHash>[0], code: string, secret: string) {
  const keyed = await findInviteByHash(tx, hashInviteCode(code, secret));
  if (keyed) return keyed;
  const legacy = await findInviteByHash(tx, legacyInviteHash(code));
  return legacy?.hashKind === "sha256" ? legacy : null;
}

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
  /** the server secret (files/server-secret.ts) */
  secret: string;
}

export type CreateInviteResult =
  | { ok: true; code: string; expiresAt: Date; role: Role; unit: { code: string; name: string } | null; fullName: string | null }
  | { ok: false; reason: "bad_role" | "unknown_unit" | "unit_required" | "committee_unit"; detail: string };

/** Roles as the CSV files take them: the English names and the Vietnamese ones ("Phó Chủ tịch", "Văn phòng"). */
export const roleOf = (text: string): Role | null => (isRole(text.trim()) ? (text.trim() as Role) : (parseRole(text) ?? null));

export async function createInvite(db: Database, input: CreateInviteInput): Promise<CreateInviteResult> {
  const role = roleOf(input.role);
  if (!role) return { ok: false, reason: "bad_role", detail: input.role };
  const unit = input.unitCode ? await findUnitByCode(db.prisma, input.councilId, normalizeCode(input.unitCode)) : null;
  if (input.unitCode && !unit) return { ok: false, reason: "unknown_unit", detail: normalizeCode(input.unitCode) };
  if (ROLES_NEEDING_UNIT.includes(role) && !unit) return { ok: false, reason: "unit_required", detail: role };
  // A Ban HĐND has no vice-chair of its own: such an invite would make a committee report as a commune.
  if (role === "vice_chair" && unit?.kind === "committee") return { ok: false, reason: "committee_unit", detail: unit.code };
  const code = generateInviteCode();
  const expiresAt = new Date(input.now.getTime() + input.ttlDays * 86_400_000);
  const fullName = input.fullName ? cleanText(input.fullName) : null;
  await db.transaction(async (tx) => {
    const invite = await insertInvite(tx, {
      councilId: input.councilId,
      codeHash: hashInviteCode(code, input.secret),
      hashKind: "hmac",
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
  secret: string;
  /** wrong codes this account may try (INVITE_MAX_FAILURES) */
  maxFailures: number;
}

export type RedeemFailure = "unknown" | "expired" | "used" | "revoked" | "linked_to_other";

export type RedeemResult =
  | { ok: true; memberId: number; councilId: number; identityId: number; createdMember: boolean }
  /** `blockedNow`: this wrong code was the last one allowed (tell the admins, once) */
  | { ok: false; reason: RedeemFailure; blockedNow: boolean }
  /** too many wrong codes before: the account gets no answer */
  | { ok: false; reason: "blocked" };

/** Links a chat account to a member with a one-time code, all in one transaction. */
export async function redeemInvite(db: Database, input: RedeemInput): Promise<RedeemResult> {
  const failure = await findInviteFailure(db.prisma, input.platform, input.platformUserId);
  if (failure && failure.failures >= input.maxFailures) return { ok: false, reason: "blocked" };
  const result = await db.transaction(async (tx) => {
    const invite = await findInvite(tx, input.code, input.secret);
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
      // A member deactivated earlier comes back with an invite the office made for them afterwards.
      await updateMemberFromInvite(tx, memberId, { role: invite.role, unitId: invite.unitId });
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
    await forgetUnlinkedAccount(tx, input.platform, input.platformUserId);
    await clearInviteFailures(tx, input.platform, input.platformUserId);
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
  if (result.ok) return result;
  // Counted outside the refused transaction (which wrote nothing); one account at a time reaches here (the
  // dispatcher handles a person's events one by one).
  const blockedNow = await db.transaction(async (tx) => {
    const count = await recordInviteFailure(tx, input.platform, input.platformUserId, input.now);
    if (count < input.maxFailures) return false;
    const first = await markInviteFailureBlocked(tx, input.platform, input.platformUserId, input.now);
    if (first)
      await audit(tx, {
        actorLabel: `${input.platform}:${input.platformUserId}`,
        action: "invite.too_many_failures",
        entityType: "chat_account",
        entityId: `${input.platform}:${input.platformUserId}`,
        detail: { failures: count },
      });
    return first;
  });
  return { ok: false, reason: result.reason, blockedNow };
}

/**
 * A code typed where others can read it (a group) is burned: revoked at once, so nobody in the group can
 * use it. Returns the council whose invite it was, or null when the text was no open invite.
 */
export async function burnInvite(
  db: Database,
  input: { code: string; secret: string; now: Date; actorLabel: string; chatTitle: string | null },
): Promise<{ councilId: number } | null> {
  return db.transaction(async (tx) => {
    const invite = await findInvite(tx, input.code, input.secret);
    if (!invite || !(await revokeInviteRow(tx, invite.id, input.now))) return null;
    await audit(tx, {
      councilId: invite.councilId,
      actorLabel: input.actorLabel,
      action: "invite.burned",
      entityType: "invite",
      entityId: invite.id,
      detail: { where: input.chatTitle },
    });
    return { councilId: invite.councilId };
  });
}

/**
 * The active members an invite for this name (and unit) would be meant for: the same name, compared without
 * case and with whitespace collapsed, in the same unit (or with no unit when none is given). An invite
 * created with only a name and a unit must link the member the directory already has, not create a second.
 */
export async function membersNamed(
  db: Database,
  councilId: number,
  fullName: string,
  unitCode: string | null,
): Promise<Array<{ id: number; fullName: string; role: string; unitCode: string | null }>> {
  const unit = unitCode ? await findUnitByCode(db.prisma, councilId, normalizeCode(unitCode)) : null;
  if (unitCode && !unit) return [];
  const wanted = cleanText(fullName).toLocaleLowerCase("vi");
  const members = await listMembers(db.prisma, councilId, { activeOnly: true });
  return members
    .filter((m) => (m.unitId ?? null) === (unit?.id ?? null) && cleanText(m.fullName).toLocaleLowerCase("vi") === wanted)
    .map((m) => ({ id: m.id, fullName: m.fullName, role: m.role, unitCode: m.unit?.code ?? null }));
}
