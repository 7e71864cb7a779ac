/**
 * What the rest of the system learns when an outbox entry is finally sent or fails: a notice delivery
 * becomes "delivered", a failed reminder is reported. Hooks run in the transaction that records the outcome.
 */
import type { Tx } from "../db/client.js";
import type { ChatRow } from "../db/chats.js";
import type { OutboxRow } from "../db/outbox.js";

export interface OutcomeHook {
  onSent?(tx: Tx, row: OutboxRow, messageIds: string[], chat: ChatRow, now: Date): Promise<void>;
  onFailed?(tx: Tx, row: OutboxRow, reason: string, chat: ChatRow | null, now: Date): Promise<void>;
}

export class OutcomeHooks {
  private readonly hooks = new Map<string, OutcomeHook>();

  register(refType: string, hook: OutcomeHook): this {
    this.hooks.set(refType, hook);
    return this;
  }

  /** Whether a sent row of this owner needs its hook (else the sender records it without a transaction). */
  hasSentHook(refType: string | null): boolean {
    return refType !== null && this.hooks.get(refType)?.onSent !== undefined;
  }

  async sent(tx: Tx, row: OutboxRow, messageIds: string[], chat: ChatRow, now: Date): Promise<void> {
    if (row.refType) await this.hooks.get(row.refType)?.onSent?.(tx, row, messageIds, chat, now);
  }

  async failed(tx: Tx, row: OutboxRow, reason: string, chat: ChatRow | null, now: Date): Promise<void> {
    if (row.refType) await this.hooks.get(row.refType)?.onFailed?.(tx, row, reason, chat, now);
  }
}
