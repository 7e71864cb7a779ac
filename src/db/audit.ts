import type { Db, Tx } from "./client.js";

export interface AuditEntry {
  councilId?: number | null;
  actorId?: number | null;
  /** who acted, readable: "cli", "system", "telegram:12345" */
  actorLabel: string;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  detail?: unknown;
}

/** Appends to the audit log; call it inside the transaction of the change it records. */
export async function audit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      councilId: entry.councilId ?? null,
      actorId: entry.actorId ?? null,
      actorLabel: entry.actorLabel,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      detailJson: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    },
  });
}
