/**
 * Writing a planned dispatch: the DispatchLog row and its outbox entries in ONE transaction. The row's key
 * is unique, so when a second process (or an overlapping tick) planned the same dispatch, its insert fails,
 * its transaction rolls back, and it sends nothing.
 */
import type { Database } from "../db/client.js";
import { isUniqueViolation } from "../db/errors.js";
import { insertDispatch, type NewDispatch } from "../db/dispatch-log.js";
import { enqueue, PRIORITY } from "../delivery/outbox.js";
import type { OutboundMessage } from "../messaging/outbound.js";
import type { Tx } from "../db/client.js";

export interface PlannedMessage {
  key: string;
  chatId: number;
  message: OutboundMessage;
}

export type CommitOutcome = "recorded" | "duplicate";

/** The outbox key of one chat's copy of a dispatch. */
export const messageKey = (dispatchKey: string, chatId: number, part?: number): string =>
  part === undefined || part === 0 ? `${dispatchKey}:c${chatId}` : `${dispatchKey}:c${chatId}:p${part + 1}`;

export async function commitDispatch(
  db: Database,
  row: NewDispatch,
  messages: readonly PlannedMessage[],
  extra?: (tx: Tx) => Promise<void>,
): Promise<CommitOutcome> {
  try {
    await db.transaction(async (tx) => {
      await insertDispatch(tx, row);
      for (const m of messages) await enqueue(tx, { key: m.key, chatId: m.chatId, message: m.message, priority: PRIORITY.bulk });
      if (extra) await extra(tx);
    });
    return "recorded";
  } catch (err) {
    if (isUniqueViolation(err)) return "duplicate";
    throw err;
  }
}

/** Records a planned dispatch that will never be sent (superseded, stale, nobody to send it to). */
export async function recordSkip(db: Database, row: Omit<NewDispatch, "outcome">): Promise<CommitOutcome> {
  return commitDispatch(db, { ...row, outcome: "skipped" }, []);
}
