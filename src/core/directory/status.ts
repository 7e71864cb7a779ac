import type { Database } from "../../db/client.js";
import { councilCounts } from "../../db/status-counts.js";
import { knownPlatforms } from "../../messaging/platform.js";

export interface CouncilStatus {
  council: { code: string; name: string; timezone: string };
  units: number;
  unitsByKind: Record<string, number>;
  committees: number;
  members: number;
  membersByRole: Record<string, number>;
  /** linked chat accounts per platform name, every known platform listed */
  linkedAccounts: Record<string, number>;
  groups: { total: number; active: number; byPurpose: Record<string, number> };
  openTasks: number;
  pendingOutbox: number;
  failedOutbox: number;
}

export async function councilStatus(
  db: Database,
  council: { id: number; code: string; name: string; timezone: string },
): Promise<CouncilStatus> {
  const c = await councilCounts(db.prisma, council.id);
  const unitsByKind = Object.fromEntries(c.unitKinds.map((g) => [g.kind, g.count]));
  const byPurpose: Record<string, number> = {};
  for (const g of c.groups) byPurpose[g.purpose!] = (byPurpose[g.purpose!] ?? 0) + 1;
  return {
    council: { code: council.code, name: council.name, timezone: council.timezone },
    units: c.unitKinds.filter((g) => g.kind !== "committee").reduce((n, g) => n + g.count, 0),
    unitsByKind,
    committees: unitsByKind.committee ?? 0,
    members: c.roles.reduce((n, g) => n + g.count, 0),
    membersByRole: Object.fromEntries(c.roles.map((g) => [g.role, g.count])),
    linkedAccounts: Object.fromEntries(knownPlatforms().map((p) => [p.name, c.identities.find((i) => i.platform === p.name)?.count ?? 0])),
    groups: { total: c.groups.length, active: c.groups.filter((g) => g.active).length, byPurpose },
    openTasks: c.openTasks,
    pendingOutbox: c.pendingOutbox,
    failedOutbox: c.failedOutbox,
  };
}
