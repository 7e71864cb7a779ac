import type { Db, Tx } from "./client.js";
import { findInChunks } from "./chunks.js";

export async function findActor(db: Db | Tx, platform: string, platformUserId: string) {
  const identity = await db.chatIdentity.findUnique({
    where: { platform_platformUserId: { platform, platformUserId } },
    include: { member: { include: { unit: true, council: true } } },
  });
  if (!identity?.member.active) return null;
  return identity;
}

export type ActorRecord = NonNullable<Awaited<ReturnType<typeof findActor>>>;

/** A member's accounts, to reach them privately on each platform they linked. */
export const identitiesOfMember = (db: Db | Tx, memberId: number) => db.chatIdentity.findMany({ where: { memberId } });

export const identitiesOfMembers = (db: Db | Tx, memberIds: number[]) =>
  findInChunks(memberIds, (ids) => db.chatIdentity.findMany({ where: { memberId: { in: ids } }, include: { member: true } }));
