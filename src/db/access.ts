/** Removing access: invites revoked, members deactivated, chat accounts unlinked, wrong codes counted. */
import type { Db, Tx } from "./client.js";

export const listInviteRows = (db: Db | Tx, councilId: number) =>
  db.inviteCode.findMany({ where: { councilId }, include: { unit: true, member: true }, orderBy: { id: "desc" } });

export const findInviteById = (db: Db | Tx, id: number) => db.inviteCode.findUnique({ where: { id }, include: { member: true } });

/** Revokes an invite still open; false when it was used or revoked meanwhile. */
export async function revokeInviteRow(tx: Tx, id: number, now: Date): Promise<boolean> {
  const { count } = await tx.inviteCode.updateMany({ where: { id, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
  return count === 1;
}

/** Revokes the member's invites not used yet (they would bring the person back). */
export async function revokeOpenInvitesOfMember(tx: Tx, memberId: number, now: Date): Promise<number> {
  const { count } = await tx.inviteCode.updateMany({ where: { memberId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
  return count;
}

export const setMemberActive = (tx: Tx, memberId: number, active: boolean) =>
  tx.member.update({ where: { id: memberId }, data: { active } });

/**
 * Unlinks one chat account: the link is deleted, the account's guided conversation ends, and the account is
 * remembered as unlinked so the bot can say so. Returns whether a conversation was ended.
 */
export async function unlinkAccount(
  tx: Tx,
  identity: { id: number; memberId: number; platform: string; platformUserId: string },
  reason: "deactivated" | "unlinked",
  now: Date,
): Promise<{ conversationEnded: boolean }> {
  await tx.chatIdentity.delete({ where: { id: identity.id } });
  const { count } = await tx.conversation.deleteMany({ where: { platform: identity.platform, platformUserId: identity.platformUserId } });
  const key = { platform: identity.platform, platformUserId: identity.platformUserId };
  await tx.unlinkedAccount.upsert({
    where: { platform_platformUserId: key },
    create: { ...key, memberId: identity.memberId, reason, at: now },
    update: { memberId: identity.memberId, reason, at: now },
  });
  return { conversationEnded: count > 0 };
}

export const findUnlinkedAccount = (db: Db | Tx, platform: string, platformUserId: string) =>
  db.unlinkedAccount.findUnique({ where: { platform_platformUserId: { platform, platformUserId } } });

/** The account was linked again with an invite: it is no longer refused. */
export const forgetUnlinkedAccount = (tx: Tx, platform: string, platformUserId: string) =>
  tx.unlinkedAccount.deleteMany({ where: { platform, platformUserId } });

export async function endWebSessionsOfMember(tx: Tx, memberId: number, now: Date): Promise<number> {
  const { count } = await tx.webSession.updateMany({ where: { memberId, endedAt: null }, data: { endedAt: now } });
  await tx.webLoginLink.updateMany({ where: { memberId, usedAt: null }, data: { usedAt: now } });
  return count;
}

export const findInviteFailure = (db: Db | Tx, platform: string, platformUserId: string) =>
  db.inviteFailure.findUnique({ where: { platform_platformUserId: { platform, platformUserId } } });

/** Counts one more wrong code; returns the new count. */
export async function recordInviteFailure(tx: Tx, platform: string, platformUserId: string, now: Date): Promise<number> {
  const row = await tx.inviteFailure.upsert({
    where: { platform_platformUserId: { platform, platformUserId } },
    create: { platform, platformUserId, failures: 1, firstAt: now, lastAt: now },
    update: { failures: { increment: 1 }, lastAt: now },
  });
  return row.failures;
}

/** Marks the account blocked; false when it already was (so the admins are told once). */
export async function markInviteFailureBlocked(tx: Tx, platform: string, platformUserId: string, now: Date): Promise<boolean> {
  const { count } = await tx.inviteFailure.updateMany({ where: { platform, platformUserId, blockedAt: null }, data: { blockedAt: now } });
  return count === 1;
}

export const clearInviteFailures = (tx: Tx, platform: string, platformUserId: string) =>
  tx.inviteFailure.deleteMany({ where: { platform, platformUserId } });
