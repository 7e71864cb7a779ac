/**
 * The status grid of the console's home page and of the Excel export: open tasks across, units down,
 * each cell on time / late / missing / not due. Built from the same per-unit statuses as the digest and
 * `council task list` (list-tasks.ts), so the three never disagree.
 */
import type { Db } from "../../db/client.js";
import { listUnits } from "../../db/units.js";
import { foldVietnamese } from "../../text/fold.js";
import { listTasksWithStatus, type TaskStatusView, type UnitTaskStatus } from "./list-tasks.js";
import type { Scope } from "../access/scope.js";

export interface GridUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
  /** one per task, in the order of `tasks`; null where the task is not assigned to this unit */
  cells: ({ status: UnitTaskStatus; submittedAt: Date | null; receiptNo: string | null; versions: number } | null)[];
  counts: Record<UnitTaskStatus, number>;
}

export interface StatusGrid {
  tasks: Omit<TaskStatusView, "units">[];
  units: GridUnit[];
  /** units before the filters (for "12 of 168") */
  unitTotal: number;
  totals: Record<UnitTaskStatus, number>;
}

export interface GridFilter {
  /** unit kind: commune, ward, special_zone ... */
  kind?: string;
  /** part of a unit's name or code, with or without diacritics */
  text?: string;
  /** only units with at least one missing or late report */
  onlyBehind?: boolean;
  /** only these tasks (the export of one task) */
  taskIds?: number[];
  /** open tasks only (the home page) or closed ones too */
  includeClosed?: boolean;
}

export async function statusGrid(db: Db, scope: Scope, now: Date, filter: GridFilter = {}): Promise<StatusGrid> {
  const all = await listTasksWithStatus(db, scope.councilId, now, { openOnly: !filter.includeClosed });
  // A vice-chair sees the tasks of their unit, counted over their unit alone.
  const tasks = all
    .filter((t) => (filter.taskIds ? filter.taskIds.includes(t.id) : true))
    .filter((t) => scope.unitId === null || t.units.some((u) => u.unitId === scope.unitId))
    .map((t) => (scope.unitId === null ? t : scopedCounts(t, scope.unitId)));
  const units = (await listUnits(db, scope.councilId, { activeOnly: true })).filter(
    (u) => u.kind !== "committee" && (scope.unitId === null || u.id === scope.unitId),
  );
  const byTask = tasks.map((t) => new Map(t.units.map((u) => [u.unitId, u])));
  const needle = filter.text ? foldVietnamese(filter.text).trim() : "";
  const totals = { on_time: 0, late: 0, missing: 0, not_due: 0 };
  const rows: GridUnit[] = [];
  for (const u of units) {
    const cells = byTask.map((m) => {
      const s = m.get(u.id);
      return s ? { status: s.status, submittedAt: s.submittedAt, receiptNo: s.receiptNo, versions: s.versions } : null;
    });
    // Units assigned to none of the open tasks still show (an empty row says "nothing asked of them").
    const counts = { on_time: 0, late: 0, missing: 0, not_due: 0 };
    for (const c of cells) if (c) counts[c.status]++;
    if (filter.kind && u.kind !== filter.kind) continue;
    if (needle && !foldVietnamese(`${u.name} ${u.code}`).includes(needle)) continue;
    if (filter.onlyBehind && counts.missing + counts.late === 0) continue;
    for (const k of Object.keys(counts) as UnitTaskStatus[]) totals[k] += counts[k];
    rows.push({ id: u.id, code: u.code, name: u.name, kind: u.kind, cells, counts });
  }
  return {
    tasks: tasks.map(({ units: _units, ...rest }) => rest),
    units: rows,
    unitTotal: units.length,
    totals,
  };
}

function scopedCounts(t: TaskStatusView, unitId: number): TaskStatusView {
  const units = t.units.filter((u) => u.unitId === unitId);
  const counts = { on_time: 0, late: 0, missing: 0, not_due: 0, total: units.length };
  for (const u of units) counts[u.status]++;
  return { ...t, units, counts };
}
