/** Counts for `council status`. */
import type { Db } from "./client.js";

export async function councilCounts(p: Db, councilId: number) {
  const [unitKinds, roles, identities, groups, openTasks, pendingOutbox, failedOutbox] = await Promise.all([
    p.unit.groupBy({ by: ["kind"], where: { councilId, active: true }, _count: { _all: true } }),
    p.member.groupBy({ by: ["role"], where: { councilId, active: true }, _count: { _all: true } }),
    p.chatIdentity.groupBy({ by: ["platform"], where: { member: { councilId } }, _count: { _all: true } }),
    p.chat.findMany({ where: { councilId, kind: "group", purpose: { not: null } }, select: { purpose: true, active: true } }),
    p.reportTask.count({ where: { councilId, status: "open" } }),
    p.outboxMessage.count({ where: { status: "pending" } }),
    p.outboxMessage.count({ where: { status: "failed" } }),
  ]);
  return {
    unitKinds: unitKinds.map((g) => ({ kind: g.kind, count: g._count._all })),
    roles: roles.map((g) => ({ role: g.role, count: g._count._all })),
    identities: identities.map((g) => ({ platform: g.platform, count: g._count._all })),
    groups,
    openTasks,
    pendingOutbox,
    failedOutbox,
  };
}
