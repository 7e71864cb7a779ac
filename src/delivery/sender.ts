/**
 * The outbox sender: takes pending entries of one platform and sends them as fast as the platform allows,
 * never faster. Messages to one chat go strictly in order (parts of a long notice arrive in sequence);
 * chats are served by priority (replies to people first), then oldest first, except that replies and the
 * rest (notices, reminders, digests) take turns when both wait (fair-share.ts), so replies cannot starve them.
 *
 * Retry policy, written once for every platform (see SendOutcome):
 * - rate limited (429): that chat waits `retry_after`; other chats go on; the attempt is not counted;
 * - transient (network, 5xx): exponential back-off with jitter; failed with the reason only once both
 *   `maxAttempts` are used and `retryWindowMs` has passed since the first failure (a few minutes of errors
 *   from a platform whose connection stays up must not fail a notice for good);
 * - chat gone (403): the chat is marked inactive and its pending messages fail with the reason;
 * - migrated: the chat takes its new id and the message is resent at once;
 * - permanent (other 400s): failed with the reason.
 *
 * Exactly once: an entry is claimed ("sending") before the call and marked "sent" right after. An entry found
 * "sending" at start-up belonged to a process that died mid-call; the platform may or may not have
 * delivered it, and nothing can tell, so it is sent again (a rare duplicate beats a lost notice). These are
 * counted as `resentAfterCrash` and logged.
 */
import path from "node:path";
import type { Database } from "../db/client.js";
import { markChatInactive, migrateChatId, type ChatRow } from "../db/chats.js";
import {
  failPendingForChat,
  findOutboxByKey,
  markOutboxFailed,
  markOutboxRetry,
  partKeysOf,
  releaseInterruptedSends,
  type OutboxRow,
} from "../db/outbox.js";
import {
  chatForSending,
  claimForSending,
  markSentAlone,
  markSentIn,
  payloadJsonById,
  pendingEntriesAfter,
  type ClaimedRow,
} from "../db/sender-queries.js";
import { findAttachment } from "../db/attachments.js";
import type { Logger } from "../logging/logger.js";
import type { Clock } from "../domain/time/clock.js";
import type { StoredMessage } from "../messaging/outbound.js";
import { ChatRateLimiter } from "./rate-limiter.js";
import { FairShare } from "./fair-share.js";
import type { PlatformSender, SendContext, SendOutcome } from "./platform-sender.js";
import type { OutcomeHooks } from "./outcome-hooks.js";

export interface OutboxSenderOptions {
  db: Database;
  sender: PlatformSender;
  hooks: OutcomeHooks;
  logger: Logger;
  clock: Clock;
  dataDir: string;
  maxAttempts: number;
  /**
   * transient failures are retried at least this long after the first one (OUTBOX_RETRY_WINDOW_MINUTES),
   * however many attempts that takes; 0 = by count only
   */
  retryWindowMs?: number;
  /** calls in flight at once; small, because an in-flight call is what a crash leaves uncertain */
  concurrency?: number;
  /** how often to look for entries written by other processes (the CLI) */
  pollIntervalMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  random?: () => number;
}

export interface SenderStats {
  sent: number;
  rateLimited: number;
  retries: number;
  failed: number;
  migrated: number;
  chatsGone: number;
  resentAfterCrash: number;
}

interface Item {
  id: number;
  priority: number;
  notBefore: number;
}

interface ChatQueue {
  kind: string;
  items: Item[];
  inFlight: boolean;
}

/** Attempts to record a message the platform accepted (about a minute with the back-off) before giving up. */
const SENT_RECORD_ATTEMPTS = 15;

/** Shared payloads kept parsed: a fan-out's few (the notice's parts and file) are read once, not per chat. */
const PAYLOAD_CACHE_SIZE = 32;

export class OutboxSender {
  private readonly limiter: ChatRateLimiter;
  private readonly fair = new FairShare();
  private readonly chats = new Map<number, ChatQueue>();
  private maxSeenId = 0;
  private inFlight = 0;
  /** launched but not yet holding a slot of the account-wide window */
  private launching = 0;
  private running = false;
  private loopDone: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private refreshNeeded = true;
  private lastRefresh = 0;
  private idleWaiters: (() => void)[] = [];
  private drainWaiters: (() => void)[] = [];
  readonly stats: SenderStats = { sent: 0, rateLimited: 0, retries: 0, failed: 0, migrated: 0, chatsGone: 0, resentAfterCrash: 0 };
  private readonly concurrency: number;
  private readonly pollIntervalMs: number;
  private readonly backoff: { baseMs: number; maxMs: number };
  private readonly random: () => number;
  private readonly sendContext: SendContext;
  /** shared payloads by id, text and parsed message (never mutated: OutboxPayload rows are written once) */
  private readonly payloads = new Map<number, { json: string; message: StoredMessage }>();

  constructor(private readonly o: OutboxSenderOptions) {
    this.limiter = new ChatRateLimiter(o.sender.limits);
    this.concurrency = o.concurrency ?? 4;
    this.pollIntervalMs = o.pollIntervalMs ?? 500;
    this.backoff = o.backoff ?? { baseMs: 1000, maxMs: 5 * 60_000 };
    this.random = o.random ?? Math.random;
    this.sendContext = {
      resolveTarget: async (key, part) => {
        const parts = await partKeysOf(o.db.prisma, key);
        if (part === "all") {
          const ids: string[] = [];
          for (const k of parts) {
            const row = await findOutboxByKey(o.db.prisma, k);
            if (row?.status === "sent" && row.resultJson)
              ids.push(...((JSON.parse(row.resultJson) as { messageIds?: string[] }).messageIds ?? []));
          }
          return ids.length > 0 ? ids : null;
        }
        let row = null;
        if (part === "first") row = parts[0] ? await findOutboxByKey(o.db.prisma, parts[0]) : null;
        else {
          // The part that carries the choices: the last one, unless the message put them on its first.
          for (let i = parts.length - 1; i >= 0 && !row; i--) {
            const candidate = await findOutboxByKey(o.db.prisma, parts[i]!);
            if (i === 0 || (candidate && (JSON.parse(candidate.payloadJson) as { choices?: unknown }).choices !== undefined))
              row = candidate;
          }
        }
        if (row?.status !== "sent" || !row.resultJson) return null;
        return (JSON.parse(row.resultJson) as { messageIds?: string[] }).messageIds ?? null;
      },
      resolveStoredFile: (relative) => path.resolve(o.dataDir, relative),
    };
  }

  get platform(): string {
    return this.o.sender.platform;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const resent = await releaseInterruptedSends(this.o.db.prisma, this.platform);
    if (resent > 0) {
      this.stats.resentAfterCrash += resent;
      this.o.logger.warn({ platform: this.platform, count: resent }, "resending messages whose outcome was unknown after a restart");
    }
    this.running = true;
    this.loopDone = this.loop().catch((err) => this.o.logger.fatal({ err }, "outbox sender loop stopped"));
  }

  /** Stops taking new entries and waits for calls in flight to finish and be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loopDone;
    while (this.inFlight > 0) await new Promise((r) => setTimeout(r, 10));
  }

  /** Something was enqueued in this process: look now rather than at the next poll. */
  notify(): void {
    this.refreshNeeded = true;
    this.wake();
  }

  /** Resolves when nothing is due, nothing is in flight, and the database has nothing newer (for tests and the CLI). */
  whenIdle(): Promise<void> {
    this.notify();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Resolves when no message of this platform is pending at all (including ones waiting for a retry). */
  whenDrained(): Promise<void> {
    this.notify();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Messages known to be waiting (for progress displays). */
  get pendingCount(): number {
    let n = 0;
    for (const q of this.chats.values()) n += q.items.length;
    return n;
  }

  private wake(): void {
    const w = this.wakeUp;
    this.wakeUp = undefined;
    w?.();
  }

  private async refresh(): Promise<void> {
    this.refreshNeeded = false;
    this.lastRefresh = Date.now();
    for (;;) {
      const rows = await pendingEntriesAfter(this.o.db, this.platform, this.maxSeenId, 5000);
      for (const r of rows) {
        let q = this.chats.get(r.chatId);
        if (!q) {
          q = { kind: r.chatKind, items: [], inFlight: false };
          this.chats.set(r.chatId, q);
        }
        q.items.push({ id: r.id, priority: r.priority, notBefore: r.notBefore.getTime() });
        this.maxSeenId = Math.max(this.maxSeenId, r.id);
      }
      if (rows.length < 5000) break;
    }
  }

  private async loop(): Promise<void> {
    let lastForget = Date.now();
    while (this.running) {
      if (this.refreshNeeded || Date.now() - this.lastRefresh >= this.pollIntervalMs) {
        try {
          await this.refresh();
        } catch (err) {
          this.o.logger.error({ err }, "outbox: cannot read pending messages; retrying");
        }
      }
      const now = this.o.clock.now().getTime();
      let nextWake = now + this.pollIntervalMs;
      // While the account-wide limit or the concurrency is used up, scanning thousands of chats is wasted work.
      const globalAt = this.limiter.globalReadyAt(now);
      if ((globalAt > now || this.inFlight >= this.concurrency) && this.chats.size > 0) {
        await this.sleep(Math.min(Math.max(0, globalAt - now), this.pollIntervalMs));
        continue;
      }
      const ready: { chatId: number; q: ChatQueue; head: Item; priority: number; id: number }[] = [];
      for (const [chatId, q] of this.chats) {
        if (q.inFlight) continue;
        const head = q.items[0];
        if (!head) {
          this.chats.delete(chatId);
          continue;
        }
        const at = Math.max(head.notBefore, this.limiter.chatReadyAt(chatId, q.kind, now));
        if (at <= now) ready.push({ chatId, q, head, priority: head.priority, id: head.id });
        else nextWake = Math.min(nextWake, at);
      }
      for (const r of this.fair.order(ready)) {
        if (this.inFlight >= this.concurrency) break;
        const globalAt = this.limiter.globalReadyAt(now);
        if (globalAt > now || this.launching > 0) {
          nextWake = Math.min(nextWake, globalAt);
          break;
        }
        // The chat's window is booked now, the account-wide one right before the call (see sendOne).
        this.limiter.takeChat(r.chatId, r.q.kind, now);
        this.fair.launched(r.priority);
        this.launching++;
        this.launch(r.chatId, r.q, r.head);
      }
      if (this.inFlight === 0 && ready.length === 0 && !this.refreshNeeded) {
        this.idleWaiters = release(this.idleWaiters);
        if (this.chats.size === 0) this.drainWaiters = release(this.drainWaiters);
      }
      if (now - lastForget > 60_000) {
        this.limiter.forgetIdle(now);
        lastForget = now;
      }
      if (!this.running) break;
      await this.sleep(Math.max(0, nextWake - now));
    }
  }

  /** Waits for `ms`, or less when woken (a send finished, something was enqueued, stop). */
  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = undefined;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private launch(chatId: number, q: ChatQueue, head: Item): void {
    q.inFlight = true;
    this.inFlight++;
    void this.sendOne(chatId, q, head)
      .catch(async (err) => {
        // A bug or a database problem, not a platform answer: keep the message and try again later.
        this.o.logger.error({ err, outboxId: head.id }, "outbox: unexpected error while sending; will retry");
        head.notBefore = this.o.clock.now().getTime() + 5000;
        await markOutboxRetry(this.o.db.prisma, head.id, new Date(head.notBefore), `internal: ${(err as Error).message}`, false).catch(
          () => undefined,
        );
      })
      .finally(() => {
        q.inFlight = false;
        this.inFlight--;
        this.wake();
      });
  }

  private dropHead(q: ChatQueue, id: number): void {
    if (q.items[0]?.id === id) q.items.shift();
    else q.items = q.items.filter((i) => i.id !== id);
  }

  /** The message of a claimed row; a shared payload is read and parsed once, and its text put in the row. */
  private async messageOf(row: ClaimedRow): Promise<StoredMessage> {
    if (row.payloadId === null) return JSON.parse(row.payloadJson) as StoredMessage;
    let cached = this.payloads.get(row.payloadId);
    if (!cached) {
      const json = await payloadJsonById(this.o.db, row.payloadId);
      if (json === null) throw new Error(`outbox ${row.id}: shared payload ${row.payloadId} not found`);
      cached = { json, message: JSON.parse(json) as StoredMessage };
      if (this.payloads.size >= PAYLOAD_CACHE_SIZE) this.payloads.delete(this.payloads.keys().next().value!);
      this.payloads.set(row.payloadId, cached);
    }
    row.payloadJson = cached.json;
    return cached.message;
  }

  private async sendOne(chatId: number, q: ChatQueue, head: Item): Promise<void> {
    let row: ClaimedRow | null;
    let chat: ChatRow | null;
    let message: StoredMessage | undefined;
    let unreadable: Error | undefined;
    try {
      const now = this.o.clock.now();
      row = await claimForSending(this.o.db, head.id, now);
      if (!row) {
        this.dropHead(q, head.id); // cancelled or taken elsewhere
        return;
      }
      try {
        message = await this.messageOf(row);
      } catch (err) {
        unreadable = err as Error;
      }
      chat = await chatForSending(this.o.db, chatId);
      if (!chat?.active) {
        await this.fail(row, chat, `chat_inactive: ${chat?.inactiveReason ?? "chat not found"}`);
        this.dropHead(q, head.id);
        return;
      }
      // Book the account-wide window only now: the claim and the lookups above take a variable few ms
      // (tens under load), and booking at launch let calls reach the platform closer together than the
      // limit, which Telegram answers with 429.
      await this.globalSlot();
      this.limiter.groupCallStarts(chatId, chat.kind, this.o.clock.now().getTime());
    } finally {
      this.launching--;
      this.wake();
    }
    let outcome: SendOutcome;
    try {
      if (!message) throw unreadable ?? new Error("no message");
      const crossing = await this.crossPlatformFile(message, chat);
      outcome =
        crossing.kind === "send"
          ? await this.o.sender.send(chat, crossing.message, this.sendContext)
          : crossing.kind === "wait"
            ? { ok: false, kind: "rate_limited", retryAfterMs: 3000, reason: "waiting for the server's copy of the file" }
            : { ok: false, kind: "permanent", reason: crossing.reason };
    } catch (err) {
      outcome = { ok: false, kind: "transient", reason: `unexpected: ${(err as Error).message}` };
    }
    await this.apply(row, chat, q, head, outcome);
  }

  /**
   * A report's file received on one platform and sent into a chat of another: the platform's file id means
   * nothing there, so the server's copy is sent instead, once the attachment fetcher has it.
   */
  private async crossPlatformFile(
    message: StoredMessage,
    chat: ChatRow,
  ): Promise<{ kind: "send"; message: StoredMessage } | { kind: "wait" } | { kind: "refused"; reason: string }> {
    if (message.kind !== "file" || message.source.type !== "platform" || message.source.platform === chat.platform)
      return { kind: "send", message };
    const id = message.source.attachmentId;
    if (id === undefined) return { kind: "send", message };
    const attachment = await findAttachment(this.o.db.prisma, id);
    if (attachment?.storeStatus === "stored" && attachment.storedPath)
      return { kind: "send", message: { ...message, source: { type: "stored", path: attachment.storedPath } } };
    if (attachment?.storeStatus === "pending") return { kind: "wait" };
    return { kind: "refused", reason: `the server has no copy of the file (${attachment?.storeError ?? "attachment not found"})` };
  }

  /** Waits for a slot of the account-wide window and books it. */
  private async globalSlot(): Promise<void> {
    for (;;) {
      const now = this.o.clock.now().getTime();
      const at = this.limiter.globalReadyAt(now);
      if (at <= now) {
        this.limiter.takeGlobal(now);
        return;
      }
      await new Promise((r) => setTimeout(r, at - now));
    }
  }

  private async apply(row: OutboxRow, chat: ChatRow, q: ChatQueue, head: Item, outcome: SendOutcome): Promise<void> {
    const now = this.o.clock.now();
    const log = this.o.logger;
    if (outcome.ok) {
      // The platform has the message: from here only the record may be retried, never the send. A record that
      // keeps failing (the database away, a conflict retried past its limit) leaves the row "sending", whose
      // outcome a restarted sender treats as unknown; putting it back to "pending" would send it twice.
      const result = { messageIds: outcome.messageIds, ...(outcome.extra ?? {}) };
      for (let attempt = 1; ; attempt++) {
        try {
          // Nothing else waits for most messages (a reminder, a reply): one statement, no transaction.
          if (!this.o.hooks.hasSentHook(row.refType)) await markSentAlone(this.o.db, row.id, now, result);
          else
            await this.o.db.transaction(async (tx) => {
              await markSentIn(tx, row.id, now, result);
              await this.o.hooks.sent(tx, row, outcome.messageIds, chat, now);
            });
          break;
        } catch (err) {
          if (attempt >= SENT_RECORD_ATTEMPTS) {
            log.error({ err, outboxId: row.id }, "outbox: sent, but the record keeps failing; left as sending");
            this.dropHead(q, row.id);
            return;
          }
          log.warn({ err, outboxId: row.id, attempt }, "outbox: sent, recording it failed; recording again");
          await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 5000)));
        }
      }
      this.stats.sent++;
      this.dropHead(q, row.id);
      return;
    }
    switch (outcome.kind) {
      case "rate_limited": {
        this.stats.rateLimited++;
        const until = now.getTime() + outcome.retryAfterMs;
        this.limiter.pause(chat.id, until);
        head.notBefore = until;
        await markOutboxRetry(this.o.db.prisma, row.id, new Date(until), outcome.reason, false);
        log.warn({ chatId: chat.id, retryAfterMs: outcome.retryAfterMs }, "rate limited by the platform; this chat waits");
        return;
      }
      case "transient": {
        const firstFailedAt = row.firstFailedAt ?? now;
        const failingForMs = now.getTime() - firstFailedAt.getTime();
        if (row.attempts >= this.o.maxAttempts && failingForMs >= (this.o.retryWindowMs ?? 0)) {
          await this.fail(row, chat, `gave up after ${row.attempts} attempts: ${outcome.reason}`);
          this.dropHead(q, row.id);
          return;
        }
        this.stats.retries++;
        const delay = backoffDelayMs(row.attempts, this.backoff, this.random());
        head.notBefore = now.getTime() + delay;
        await markOutboxRetry(this.o.db.prisma, row.id, new Date(head.notBefore), outcome.reason, true, firstFailedAt);
        log.warn(
          { chatId: chat.id, outboxId: row.id, attempt: row.attempts, delayMs: delay, reason: outcome.reason },
          "send failed; will retry",
        );
        return;
      }
      case "migrated": {
        this.stats.migrated++;
        const moved = await this.o.db.transaction(async (tx) => {
          const target = await migrateChatId(tx, chat.platform, chat.externalId, outcome.newChatId);
          // The new id already belongs to another registered chat: this chat keeps the old id and a resend
          // would get the same answer forever. Fail the message with the reason instead.
          if (!target || target.id !== chat.id) return false;
          await markOutboxRetry(tx, row.id, now, outcome.reason, false);
          return true;
        });
        if (!moved) {
          await this.fail(row, chat, `refused: ${outcome.reason}; the new id ${outcome.newChatId} is registered as another chat`);
          this.dropHead(q, row.id);
          return;
        }
        head.notBefore = now.getTime();
        log.info({ chatId: chat.id, to: outcome.newChatId }, "group migrated to a supergroup; resending to the new id");
        return;
      }
      case "chat_gone": {
        this.stats.chatsGone++;
        const reason = `chat_gone: ${outcome.reason}`;
        await this.o.db.transaction(async (tx) => {
          await markChatInactive(tx, chat.id, outcome.reason, now);
          await markOutboxFailed(tx, row.id, reason);
          await this.o.hooks.failed(tx, row, reason, chat, now);
          for (const other of await failPendingForChat(tx, chat.id, reason)) await this.o.hooks.failed(tx, other, reason, chat, now);
        });
        this.stats.failed += 1 + q.items.length - 1;
        this.chats.delete(chat.id);
        log.warn({ chatId: chat.id, reason: outcome.reason }, "chat is gone; its pending messages failed");
        return;
      }
      case "permanent": {
        await this.fail(row, chat, `refused: ${outcome.reason}`);
        this.dropHead(q, row.id);
        return;
      }
    }
  }

  private async fail(row: OutboxRow, chat: ChatRow | null, reason: string): Promise<void> {
    this.stats.failed++;
    const now = this.o.clock.now();
    await this.o.db.transaction(async (tx) => {
      await markOutboxFailed(tx, row.id, reason);
      await this.o.hooks.failed(tx, row, reason, chat, now);
    });
    this.o.logger.warn({ outboxId: row.id, chatId: row.chatId, reason }, "message failed");
  }
}

function release(waiters: (() => void)[]): (() => void)[] {
  for (const w of waiters) w();
  return [];
}

/** Exponential backoff with jitter: attempt n waits between half and all of base * 2^(n-1), capped at max. */
export function backoffDelayMs(attempt: number, backoff: { baseMs: number; maxMs: number }, random: number): number {
  const exp = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (attempt - 1));
  return Math.round(exp / 2 + random * (exp / 2));
}
