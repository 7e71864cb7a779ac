/** Invite codes and the linking of chat accounts to members. */
import type { Tx } from "./client.js";

export const insertInvite = (
  tx: Tx,
  data: {
    councilId: number;
    codeHash: string;
    hashKind: string;
    role: string;
    unitId: number | null;
    memberId: number | null;
    fullName: string | null;
    createdByLabel: string;
    expiresAt: Date;
    createdAt: Date;
  },
) => tx.inviteCode.create({ data });

export const findInviteByHash = (tx: Tx, codeHash: string) => tx.inviteCode.findUnique({ where: { codeHash } });

export const markInviteUsed = (tx: Tx, id: number, now: Date, identityId: number) =>
  tx.inviteCode.update({ where: { id }, data: { usedAt: now, usedByIdentityId: identityId } });

export const identityWithMember = (tx: Tx, platform: string, platformUserId: string) =>
  tx.chatIdentity.findUnique({ where: { platform_platformUserId: { platform, platformUserId } }, include: { member: true } });

export const createMemberForInvite = (tx: Tx, data: { councilId: number; fullName: string; role: string; unitId: number | null }) =>
  tx.member.create({ data });

export const updateMemberFromInvite = (tx: Tx, memberId: number, data: { role: string; unitId: number | null; fullName?: string }) =>
  tx.member.update({ where: { id: memberId }, data: { ...data, active: true } });

/**
 * Points the member's account on this platform at `platformUserId`: the same account is refreshed, a new
 * account replaces the old one (the old one stops speaking for them), and an account linked to someone
 * else in another council is moved.
 */
export async function linkIdentity(
  tx: Tx,
  memberId: number,
  input: { platform: string; platformUserId: string; displayName: string; username: string | null; now: Date },
): Promise<number> {
  const data = { displayName: input.displayName, username: input.username, linkedAt: input.now };
  const byAccount = await tx.chatIdentity.findUnique({
    where: { platform_platformUserId: { platform: input.platform, platformUserId: input.platformUserId } },
  });
  const byMember = await tx.chatIdentity.findUnique({ where: { memberId_platform: { memberId, platform: input.platform } } });
  if (byAccount && byAccount.memberId === memberId) {
    await tx.chatIdentity.update({ where: { id: byAccount.id }, data });
    return byAccount.id;
  }
  if (byAccount) await tx.chatIdentity.delete({ where: { id: byAccount.id } });
  if (byMember)
    return (await tx.chatIdentity.update({ where: { id: byMember.id }, data: { ...data, platformUserId: input.platformUserId } })).id;
  return (await tx.chatIdentity.create({ data: { ...data, memberId, platform: input.platform, platformUserId: input.platformUserId } })).id;
}
