/**
 * Reports as the console lists them: filtered by unit, task, on time or late, newest first, a page at a
 * time, each with its files and whether the server has them. Always within the reader's scope.
 */
import type { Db } from "../../db/client.js";
import { countReports, pageOfReports, type ReportWhere } from "../../db/report-queries.js";
import type { Scope } from "../access/scope.js";

export const REPORTS_PER_PAGE = 25;

export interface ReportFilter {
  unitId?: number;
  /** a task id, or "none" for reports sent as "Báo cáo khác" */
  taskId?: number | "none";
  late?: boolean;
  from?: Date;
  to?: Date;
}

/** The filter narrowed to what the scope allows (a vice-chair asking for another unit gets their own). */
export function scopedWhere(scope: Scope, filter: ReportFilter): ReportWhere {
  return {
    councilId: scope.councilId,
    ...filter,
    ...(scope.unitId !== null ? { unitId: scope.unitId } : {}),
  };
}

export async function listReports(db: Db, scope: Scope, filter: ReportFilter, page = 1, perPage = REPORTS_PER_PAGE) {
  const where = scopedWhere(scope, filter);
  const total = await countReports(db, where);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await pageOfReports(db, where, (current - 1) * perPage, perPage);
  return { total, page: current, pages, rows };
}

export type ReportRow = Awaited<ReturnType<typeof listReports>>["rows"][number];
