/** Notices as the console lists them. A vice-chair sees the notices addressed to their unit (all units, or chosen ones including theirs). */
import type { Db } from "../../db/client.js";
import type { Scope } from "../access/scope.js";
import { noticeStatus, type NoticeStatus } from "./status.js";

const addressedTo = (n: { audience: string; audienceJson: string }, unitId: number): boolean =>
  n.audience === "all" || (n.audience === "units" && (JSON.parse(n.audienceJson) as number[]).includes(unitId));

export async function listNoticesFor(db: Db, scope: Scope, take = 100) {
  const rows = await db.notice.findMany({
    where: { councilId: scope.councilId, status: "published" },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: scope.unitId === null ? take : take * 3,
    include: {
      _count: { select: { acks: true } },
      deliveries: { select: { status: true, unitId: true } },
      author: { select: { fullName: true } },
    },
  });
  const unitId = scope.unitId;
  return (unitId === null ? rows : rows.filter((n) => addressedTo(n, unitId))).slice(0, take);
}

/** A notice with each unit's delivery and acknowledgements; a vice-chair sees their own unit's line only. */
export async function noticeDetail(
  db: Db,
  scope: Scope,
  id: number,
): Promise<{ body: string; status: NoticeStatus; filePath: string | null } | null> {
  if (!Number.isSafeInteger(id)) return null;
  const notice = await db.notice.findUnique({ where: { id } });
  if (!notice || notice.councilId !== scope.councilId || notice.status !== "published") return null;
  const unitId = scope.unitId;
  if (unitId !== null && !addressedTo(notice, unitId)) return null;
  const status = (await noticeStatus(db, id, scope.councilId))!;
  if (unitId !== null) {
    const own = await db.unit.findUnique({ where: { id: unitId } });
    status.units = status.units.filter((u) => u.unitCode === own?.code);
    status.otherChats = [];
    status.otherAcks = [];
  }
  return { body: notice.body, status, filePath: notice.filePath };
}

export const recentNoticesFor = async (db: Db, scope: Scope, take = 5) => (await listNoticesFor(db, scope, take)).slice(0, take);
