/**
 * Group commit of answers (and of the markers that handling began). Most updates change nothing but the outbox: their answers and the marker that
 * they were handled are written in one transaction at the end (BotContext.finish). Written one transaction
 * per update, a burst of updates (a polling batch is up to 100, handled concurrently) costs four statements
 * and a commit each; here the updates that finish while a write is under way are written together, in the
 * next transaction: one insert of all their answers and one of all their markers. Nothing waits for a batch
 * to fill: with one update at a time, each is written at once, alone.
 *
 * Each update is still handled once and atomically: its answers and its marker are in the same transaction,
 * and an update's caller is answered only after that transaction committed (so a person's next update,
 * queued behind it, starts after it). If a batch fails (one update's answer cannot be stored), every update
 * in it is written again alone, so one bad answer fails only its own update.
 */
import type { Database } from "../db/client.js";
import { chatPlatforms } from "../db/chats.js";
import { markProcessedMany, markStartedMany } from "../db/processed-events.js";
import { enqueueMany, type EnqueueInput } from "../delivery/outbox.js";

export interface FinishedUpdate {
  eventKey: string;
  now: Date;
  answers: EnqueueInput[];
  /** platforms of the chats the caller knows (the update's own chat); others are looked up */
  chats: ReadonlyMap<number, { platform: string }>;
  /** every answer key was made from the event's key, so none can be stored yet */
  freshKeys: boolean;
}

interface Waiting<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (err: unknown) => void;
}

/**
 * Items written while a write is under way wait and go together in the next one; with nothing under way an
 * item is written at once. `write` gets a batch and answers one result per item, in order; a failed batch
 * is written again item by item.
 */
export class GroupCommit<T, R> {
  private queue: Waiting<T, R>[] = [];
  private writing = false;

  constructor(private readonly writeBatch: (items: T[]) => Promise<R[]>) {}

  /** Resolves once the item is committed. */
  write(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0);
        try {
          const results = await this.writeBatch(batch.map((w) => w.item));
          batch.forEach((w, i) => {
            w.resolve(results[i]!);
          });
        } catch (err) {
          if (batch.length === 1) batch[0]!.reject(err);
          else
            for (const w of batch)
              await this.writeBatch([w.item]).then(
                (r) => w.resolve(r[0]!),
                (e: unknown) => w.reject(e),
              );
        }
      }
    } finally {
      this.writing = false;
    }
  }
}

export class AnswerWriter {
  private readonly group = new GroupCommit<FinishedUpdate, void>(async (updates) => {
    await this.commit(updates);
    return updates.map(() => undefined);
  });

  constructor(private readonly db: Database) {}

  /** Resolves once the update's answers and its handled-marker are committed. */
  write(update: FinishedUpdate): Promise<void> {
    return this.group.write(update);
  }

  private commit(updates: FinishedUpdate[]): Promise<void> {
    return this.db.transaction(async (tx) => {
      const answers = updates.flatMap((u) => u.answers);
      if (answers.length > 0) {
        const chats = new Map<number, { platform: string }>();
        for (const u of updates) for (const [id, c] of u.chats) chats.set(id, c);
        const unknown = [...new Set(answers.map((a) => a.chatId).filter((id) => !chats.has(id)))];
        if (unknown.length > 0) for (const [id, c] of await chatPlatforms(tx, unknown)) chats.set(id, c);
        await enqueueMany(tx, answers, chats, { freshKeys: updates.every((u) => u.freshKeys) });
      }
      await markProcessedMany(
        tx,
        updates.map((u) => ({ key: u.eventKey, at: u.now })),
      );
    });
  }
}

const writers = new WeakMap<Database, AnswerWriter>();

/** The answer writer of a database (one per process and database, so concurrent updates meet in it). */
export function answerWriter(db: Database): AnswerWriter {
  let w = writers.get(db);
  if (!w) writers.set(db, (w = new AnswerWriter(db)));
  return w;
}

const starts = new WeakMap<Database, GroupCommit<{ key: string; at: Date }, "first" | "again">>();

/**
 * Records that handling of an update begins, committed before its handler runs (see markStartedMany): the
 * updates of a polling batch that begin together are recorded in one statement.
 */
export function markStartedTogether(db: Database, key: string, at: Date): Promise<"first" | "again"> {
  let g = starts.get(db);
  if (!g) starts.set(db, (g = new GroupCommit((items) => markStartedMany(db.prisma, items))));
  return g.write({ key, at });
}
