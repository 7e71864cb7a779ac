import type { Database } from "../../db/client.js";

export interface CouncilStatus {
  council: { code: string; name: string; timezone: string };
  units: number;
  unitsByKind: Record<string, number>;
  committees: number;
  members: number;
  membersByRole: Record<string, number>;
  linkedAccounts: { telegram: number; zalo: number };
  groups: { total: number; active: number; byPurpose: Record<string, number> };
  openTasks: number;
  pendingOutbox: number;
  failedOutbox: number;
}

export async function councilStatus(db: Database, council: { id: number; code: string; name: string; timezone: string }): Promise<CouncilStatus> {
  const p = db.prisma;
  const [unitKinds, roles, identities, groups, openTasks, pendingOutbox, failedOutbox] = await Promise.all([
    p.unit.groupBy({ by: ["kind"], where: { councilId: council.id, active: true }, _count: { _all: true } }),
    p.member.groupBy({ by: ["role"], where: { councilId: council.id, active: true }, _count: { _all: true } }),
    p.chatIdentity.groupBy({ by: ["platform"], where: { member: { councilId: council.id } }, _count: { _all: true } }),
    p.chat.findMany({ where: { councilId: council.id, kind: "group", purpose: { not: null } }, select: { purpose: true, active: true } }),
    p.reportTask.count({ where: { councilId: council.id, status: "open" } }),
    p.outboxMessage.count({ where: { status: "pending" } }),
    p.outboxMessage.count({ where: { status: "failed" } }),
  ]);
  const unitsByKind = Object.fromEntries(unitKinds.map((g) => [g.kind, g._count._all]));
  const committees = unitsByKind.committee ?? 0;
  const byPurpose: Record<string, number> = {};
  for (const g of groups) byPurpose[g.purpose!] = (byPurpose[g.purpose!] ?? 0) + 1;
  return {
    council: { code: council.code, name: council.name, timezone: council.timezone },
    units: unitKinds.filter((g) => g.kind !== "committee").reduce((n, g) => n + g._count._all, 0),
    unitsByKind,
    committees,
    members: roles.reduce((n, g) => n + g._count._all, 0),
    membersByRole: Object.fromEntries(roles.map((g) => [g.role, g._count._all])),
    linkedAccounts: {
      telegram: identities.find((i) => i.platform === "telegram")?._count._all ?? 0,
      zalo: identities.find((i) => i.platform === "zalo")?._count._all ?? 0,
    },
    groups: { total: groups.length, active: groups.filter((g) => g.active).length, byPurpose },
    openTasks,
    pendingOutbox,
    failedOutbox,
  };
}
