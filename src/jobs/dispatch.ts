/**
 * Writing a planned dispatch: the DispatchLog row and its outbox entries in ONE transaction. The row's key
 * is unique, so when a second process (or an overlapping tick) planned the same dispatch, its insert fails,
 * its transaction rolls back, and it sends nothing.
 */
import type { Database } from "../db/client.js";
import { isUniqueViolation } from "../db/errors.js";
import { insertDispatch, insertDispatches, recordedDispatchKeys, type NewDispatch } from "../db/dispatch-log.js";
import { chatPlatforms } from "../db/chats.js";
import { enqueue, enqueueMany, PRIORITY } from "../delivery/outbox.js";
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

export interface PlannedDispatch {
  row: NewDispatch;
  messages: readonly PlannedMessage[];
}

/** Dispatches per transaction in `commitDispatches`: short enough not to hold the write lock for long. */
export const DISPATCH_BATCH = 250;

/**
 * Many dispatches (a reminder point for 3,321 units) in transactions of `batch`: per transaction one look-up
 * of the keys already recorded, one multi-row insert of the new rows and one fan-out into the outbox. The
 * outcomes come back in the order given. When another process records one of the same keys between the
 * look-up and the insert, that transaction rolls back and its dispatches are committed one by one, so each
 * still happens exactly once.
 */
export async function commitDispatches(db: Database, items: readonly PlannedDispatch[], batch = DISPATCH_BATCH): Promise<CommitOutcome[]> {
  const out: CommitOutcome[] = [];
  for (let i = 0; i < items.length; i += batch) {
    const slice = items.slice(i, i + batch);
    try {
      out.push(...(await db.transaction((tx) => commitBatch(tx, slice))));
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      for (const item of slice) out.push(await commitDispatch(db, item.row, item.messages));
    }
  }
  return out;
}

async function commitBatch(tx: Tx, items: readonly PlannedDispatch[]): Promise<CommitOutcome[]> {
  const recorded = await recordedDispatchKeys(
    tx,
    items.map((x) => x.row.key),
  );
  const seen = new Set<string>();
  const fresh = items.filter((x) => {
    if (recorded.has(x.row.key) || seen.has(x.row.key)) return false;
    seen.add(x.row.key);
    return true;
  });
  await insertDispatches(
    tx,
    fresh.map((x) => x.row),
  );
  const messages = fresh.flatMap((x) => x.messages);
  if (messages.length > 0) {
    const chats = await chatPlatforms(
      tx,
      messages.map((m) => m.chatId),
    );
    await enqueueMany(
      tx,
      messages.map((m) => ({ key: m.key, chatId: m.chatId, message: m.message, priority: PRIORITY.bulk })),
      chats,
    );
  }
  const committed = new Set(fresh);
  return items.map((x) => (committed.has(x) ? "recorded" : "duplicate"));
}

/** Records a planned dispatch that will never be sent (superseded, stale, nobody to send it to). */
export async function recordSkip(db: Database, row: Omit<NewDispatch, "outcome">): Promise<CommitOutcome> {
  return commitDispatch(db, { ...row, outcome: "skipped" }, []);
}
