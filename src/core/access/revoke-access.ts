/**
 * Removing access (issue 20): a vice-chair who leaves office, a lost phone, a dismissed clerk. The same use
 * cases serve the CLI (`council invite list|revoke`, `council members deactivate|unlink`) and the console's
 * Danh bạ page; each change is audited in the transaction that makes it.
 *
 * - revoking an invite: it can no longer be used (used or revoked ones are left as they are);
 * - unlinking one chat account (`--platform`): the account no longer speaks for the member, its guided
 *   conversation ends, and it is told so when it writes again; the member stays, with their other accounts;
 * - deactivating a member: every account unlinked as above, their open invites revoked, their console
 *   sessions ended, Member.active = false (they get no reminders, are not offered as recipients, and an
 *   invite made for them afterwards brings them back).
 */
import type { Database } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import {
  endWebSessionsOfMember,
  findInviteById,
  listInviteRows,
  revokeInviteRow,
  revokeOpenInvitesOfMember,
  setMemberActive,
  unlinkAccount,
} from "../../db/access.js";
import { findMemberById } from "../../db/members.js";
import { identitiesOfMember } from "../../db/identities.js";
import type { Actor } from "../actor.js";
import { may } from "../permissions.js";

/** Who removes access: an office member in the console, or the operator at the CLI. */
export type Remover = { kind: "cli" } | { kind: "member"; actor: Actor; label: string };

const labelOf = (by: Remover) => (by.kind === "cli" ? "cli" : by.label);
const actorIdOf = (by: Remover) => (by.kind === "cli" ? null : by.actor.memberId);
const allowed = (by: Remover) => by.kind === "cli" || may(by.actor.role, "manageDirectory");

export type InviteState = "open" | "used" | "expired" | "revoked";

export const inviteState = (i: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InviteState =>
  i.usedAt ? "used" : i.revokedAt ? "revoked" : i.expiresAt <= now ? "expired" : "open";

export interface InviteView {
  id: number;
  role: string;
  unitCode: string | null;
  unitName: string | null;
  name: string | null;
  memberId: number | null;
  createdAt: Date;
  expiresAt: Date;
  state: InviteState;
  createdBy: string | null;
}

export async function listInvites(db: Database, councilId: number, now: Date): Promise<InviteView[]> {
  return (await listInviteRows(db.prisma, councilId)).map((i) => ({
    id: i.id,
    role: i.role,
    unitCode: i.unit?.code ?? null,
    unitName: i.unit?.name ?? null,
    name: i.member?.fullName ?? i.fullName,
    memberId: i.memberId,
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
    state: inviteState(i, now),
    createdBy: i.createdByLabel,
  }));
}

export type RevokeInviteResult = { ok: true } | { ok: false; reason: "not_allowed" | "not_found" | "not_open"; state?: InviteState };

export async function revokeInvite(
  db: Database,
  input: { councilId: number; inviteId: number; by: Remover; now: Date },
): Promise<RevokeInviteResult> {
  if (!allowed(input.by)) return { ok: false, reason: "not_allowed" };
  return db.transaction(async (tx) => {
    const invite = await findInviteById(tx, input.inviteId);
    if (!invite || invite.councilId !== input.councilId) return { ok: false, reason: "not_found" } as const;
    if (!(await revokeInviteRow(tx, invite.id, input.now)))
      return { ok: false, reason: "not_open", state: inviteState(invite, input.now) } as const;
    await audit(tx, {
      councilId: input.councilId,
      actorId: actorIdOf(input.by),
      actorLabel: labelOf(input.by),
      action: "invite.revoke",
      entityType: "invite",
      entityId: invite.id,
      detail: { role: invite.role, memberId: invite.memberId },
    });
    return { ok: true } as const;
  });
}

export type DeactivateResult =
  | { ok: true; fullName: string; accounts: string[]; conversationsEnded: number; invitesRevoked: number; sessionsEnded: number }
  | { ok: false; reason: "not_allowed" | "not_found" | "already_inactive" | "self" };

export async function deactivateMember(
  db: Database,
  input: { councilId: number; memberId: number; by: Remover; now: Date },
): Promise<DeactivateResult> {
  if (!allowed(input.by)) return { ok: false, reason: "not_allowed" };
  // Nobody locks themselves out from the console; the operator can still do it at the CLI.
  if (input.by.kind === "member" && input.by.actor.memberId === input.memberId) return { ok: false, reason: "self" };
  return db.transaction(async (tx) => {
    const member = await findMemberById(tx, input.memberId);
    if (!member || member.councilId !== input.councilId) return { ok: false, reason: "not_found" } as const;
    if (!member.active) return { ok: false, reason: "already_inactive" } as const;
    const accounts: string[] = [];
    let conversationsEnded = 0;
    for (const identity of await identitiesOfMember(tx, member.id)) {
      const { conversationEnded } = await unlinkAccount(tx, identity, "deactivated", input.now);
      if (conversationEnded) conversationsEnded++;
      accounts.push(identity.platform);
    }
    const invitesRevoked = await revokeOpenInvitesOfMember(tx, member.id, input.now);
    const sessionsEnded = await endWebSessionsOfMember(tx, member.id, input.now);
    await setMemberActive(tx, member.id, false);
    await audit(tx, {
      councilId: input.councilId,
      actorId: actorIdOf(input.by),
      actorLabel: labelOf(input.by),
      action: "member.deactivate",
      entityType: "member",
      entityId: member.id,
      detail: { accounts, conversationsEnded, invitesRevoked, sessionsEnded },
    });
    return { ok: true, fullName: member.fullName, accounts, conversationsEnded, invitesRevoked, sessionsEnded } as const;
  });
}

export type UnlinkResult =
  | { ok: true; fullName: string; conversationEnded: boolean }
  | { ok: false; reason: "not_allowed" | "not_found" | "not_linked" };

export async function unlinkMemberAccount(
  db: Database,
  input: { councilId: number; memberId: number; platform: string; by: Remover; now: Date },
): Promise<UnlinkResult> {
  if (!allowed(input.by)) return { ok: false, reason: "not_allowed" };
  return db.transaction(async (tx) => {
    const member = await findMemberById(tx, input.memberId);
    if (!member || member.councilId !== input.councilId) return { ok: false, reason: "not_found" } as const;
    const identity = (await identitiesOfMember(tx, member.id)).find((i) => i.platform === input.platform);
    if (!identity) return { ok: false, reason: "not_linked" } as const;
    const { conversationEnded } = await unlinkAccount(tx, identity, "unlinked", input.now);
    await audit(tx, {
      councilId: input.councilId,
      actorId: actorIdOf(input.by),
      actorLabel: labelOf(input.by),
      action: "member.unlink",
      entityType: "member",
      entityId: member.id,
      detail: { platform: input.platform, conversationEnded },
    });
    return { ok: true, fullName: member.fullName, conversationEnded } as const;
  });
}
