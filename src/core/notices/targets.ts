/** Which chats a notice goes to: unit groups (all or chosen units), the announcement groups, or the standing committee. */
import type { Db, Tx } from "../../db/client.js";
import { listRegisteredGroups } from "../../db/chats.js";
import { listUnits } from "../../db/units.js";

export type Audience = { kind: "all" } | { kind: "units"; unitIds: number[] } | { kind: "standing" };

export async function noticeTargets(db: Db | Tx, councilId: number, audience: Audience) {
  if (audience.kind === "standing") return listRegisteredGroups(db, councilId, { purpose: "standing" });
  if (audience.kind === "units") return listRegisteredGroups(db, councilId, { purpose: "unit", unitIds: audience.unitIds });
  return listRegisteredGroups(db, councilId, { purposes: ["unit", "announce"] });
}

/** Units a notice is meant for (the denominator of "who has acknowledged"). */
export async function audienceUnits(db: Db | Tx, councilId: number, audience: Audience) {
  if (audience.kind === "standing") return [];
  const units = (await listUnits(db, councilId, { activeOnly: true })).filter((u) => u.kind !== "committee");
  return audience.kind === "units" ? units.filter((u) => audience.unitIds.includes(u.id)) : units;
}
