/** The register of urgent issues across units, as the console shows it: filtered, newest first, within scope. */
import type { Db } from "../../db/client.js";
import type { Scope } from "../access/scope.js";
import { seesUnit } from "../access/scope.js";

export interface IssueFilter {
  status?: string;
  category?: string;
  urgency?: string;
  unitId?: number;
}

export async function listIssues(db: Db, scope: Scope, filter: IssueFilter, take = 200) {
  return db.urgentIssue.findMany({
    where: {
      councilId: scope.councilId,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.category ? { category: filter.category } : {}),
      ...(filter.urgency ? { urgency: filter.urgency } : {}),
      ...(scope.unitId !== null ? { unitId: scope.unitId } : filter.unitId !== undefined ? { unitId: filter.unitId } : {}),
    },
    include: { unit: true, committee: true, reporter: true, _count: { select: { attachments: true } } },
    // Open and most urgent first: what needs a decision today is at the top.
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
}

/** Categories in use (for the filter), besides the configured ones. */
export async function issueCategoriesInUse(db: Db, councilId: number): Promise<string[]> {
  const rows = await db.urgentIssue.findMany({ where: { councilId }, select: { category: true }, distinct: ["category"] });
  return rows.map((r) => r.category).sort((a, b) => a.localeCompare(b, "vi"));
}

export async function issueDetail(db: Db, scope: Scope, id: number) {
  if (!Number.isSafeInteger(id)) return null;
  const issue = await db.urgentIssue.findUnique({
    where: { id },
    include: {
      unit: true,
      committee: true,
      reporter: { include: { identities: true } },
      attachments: { orderBy: { id: "asc" } },
      events: { include: { actor: true }, orderBy: { id: "asc" } },
    },
  });
  if (!issue || issue.councilId !== scope.councilId || !seesUnit(scope, issue.unitId)) return null;
  return issue;
}

/** Open urgent issues for the home page (newest first). */
export const openUrgentIssues = (db: Db, scope: Scope, take = 6) =>
  db.urgentIssue.findMany({
    where: {
      councilId: scope.councilId,
      status: { not: "resolved" },
      urgency: { in: ["urgent", "very_urgent"] },
      ...(scope.unitId !== null ? { unitId: scope.unitId } : {}),
    },
    include: { unit: true },
    orderBy: [{ createdAt: "desc" }],
    take,
  });
