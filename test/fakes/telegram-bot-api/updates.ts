/**
 * Incoming updates: the queue getUpdates reads (with real long polling: a waiting request costs a
 * timer and a closure, no CPU, and is answered as soon as an update arrives), and the webhook
 * pusher used instead while a webhook is set.
 *
 * Semantics follow Telegram: an update stays queued until a later getUpdates passes an offset
 * greater than its id (or a negative offset keeps only the newest ones); a second getUpdates while
 * one is waiting ends the first with 409 Conflict; getUpdates while a webhook is set is 409; when a
 * webhook is set, queued updates are POSTed to it in order and removed on a 2xx answer, retried with
 * back-off otherwise. A webhook answer whose body is a JSON object with a "method" field is executed
 * as a Bot API call, as Telegram does (telegraf uses this for answerCallbackQuery and a few others).
 */
import { ApiError } from "./params.js";
import type { TgUpdate, WebhookDeliveryOptions, WebhookState } from "./types.js";

export const DEFAULT_WEBHOOK_DELIVERY: WebhookDeliveryOptions = {
  retryDelaysMs: [100, 200, 400, 800, 1600, 3200],
  maxAttempts: 20,
  timeoutMs: 10_000,
  downgradeLoopbackHttps: true,
};

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The URL actually POSTed to (see downgradeLoopbackHttps). */
export function deliveryUrl(url: string, downgrade: boolean): string {
  if (!downgrade || !url.startsWith("https://")) return url;
  try {
    const u = new URL(url);
    if (LOOPBACK.has(u.hostname)) return `http://${url.slice("https://".length)}`;
  } catch {
    // keep the URL as it is; the POST will fail and be retried like any other failure
  }
  return url;
}

/** Update types Telegram sends when allowed_updates is empty (all but these three). */
const NOT_BY_DEFAULT = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

export function updateType(u: TgUpdate): string {
  for (const key in u) if (key !== "update_id") return key;
  return "unknown";
}

interface PollWaiter {
  limit: number;
  resolve: (updates: TgUpdate[]) => void;
  reject: (err: unknown) => void;
  timer: NodeJS.Timeout;
  onAbort: () => void;
  signal: AbortSignal | undefined;
}

export interface GetUpdatesArgs {
  offset?: number;
  limit?: number;
  timeoutSec?: number;
  allowedUpdates?: string[];
  signal?: AbortSignal;
}

export interface WebhookHooks {
  /** Executes a method found in a webhook answer. */
  executeReply: (method: string, params: Record<string, unknown>) => Promise<void>;
  onDelivered: (update: TgUpdate) => void;
  onFailedAttempt: (update: TgUpdate, error: string) => void;
}

export class UpdateQueue {
  private items: TgUpdate[] = [];
  private head = 0;
  private lastId = 0;
  private allowed: Set<string> | null = null;
  private waiter: PollWaiter | null = null;
  private webhookState: WebhookState | null = null;
  private pusher: WebhookPusher | null = null;
  private delivery: WebhookDeliveryOptions = { ...DEFAULT_WEBHOOK_DELIVERY };
  private closed = false;

  constructor(
    private readonly hooks: WebhookHooks,
    private readonly now: () => number,
    /** First update_id minus one. */
    firstId = 0,
  ) {
    this.lastId = firstId;
  }

  configureDelivery(options: Partial<WebhookDeliveryOptions>): void {
    this.delivery = { ...this.delivery, ...options };
  }

  get deliveryOptions(): WebhookDeliveryOptions {
    return this.delivery;
  }

  /** Updates not yet confirmed (getUpdates) or not yet accepted (webhook). */
  get pendingCount(): number {
    return this.items.length - this.head;
  }

  pending(): TgUpdate[] {
    return this.items.slice(this.head);
  }

  get webhook(): WebhookState | null {
    return this.webhookState;
  }

  get lastWebhookError(): { date: number; message: string } | null {
    return this.pusher?.lastError ?? null;
  }

  /** Assigns the next update_id and queues the update (or pushes it to the webhook). */
  push<T extends Omit<TgUpdate, "update_id">>(body: T): TgUpdate & T {
    const update = { update_id: ++this.lastId, ...body } as TgUpdate & T;
    this.items.push(update);
    if (this.pusher) this.pusher.kick();
    else this.wake();
    return update;
  }

  /** Removes everything queued. */
  clear(): void {
    this.items = [];
    this.head = 0;
  }

  setAllowedUpdates(list: string[] | undefined): void {
    if (list === undefined) return;
    this.allowed = list.length > 0 ? new Set(list) : null;
  }

  private isAllowed(u: TgUpdate): boolean {
    const type = updateType(u);
    return this.allowed ? this.allowed.has(type) : !NOT_BY_DEFAULT.has(type);
  }

  /** Drops confirmed updates (offset semantics of getUpdates). */
  confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset < 0) {
      const keep = -offset;
      if (this.pendingCount > keep) this.head = this.items.length - keep;
    } else {
      while (this.head < this.items.length && this.items[this.head]!.update_id < offset) this.head++;
    }
    this.compact();
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  private collect(limit: number): TgUpdate[] {
    const out: TgUpdate[] = [];
    for (let i = this.head; i < this.items.length && out.length < limit; i++) {
      const u = this.items[i]!;
      if (this.isAllowed(u)) out.push(u);
    }
    return out;
  }

  getUpdates(args: GetUpdatesArgs): Promise<TgUpdate[]> {
    if (this.webhookState) {
      throw new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    // a newer request ends the waiting one, as Telegram does
    if (this.waiter) {
      const old = this.waiter;
      this.dropWaiter();
      old.reject(new ApiError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"));
    }
    this.setAllowedUpdates(args.allowedUpdates);
    this.confirm(args.offset);
    const limit = Math.min(100, Math.max(1, args.limit ?? 100));
    const ready = this.collect(limit);
    const timeoutSec = args.timeoutSec ?? 0;
    if (ready.length > 0 || timeoutSec <= 0 || this.closed || args.signal?.aborted) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const waiter: PollWaiter = {
        limit,
        resolve,
        reject,
        signal: args.signal,
        timer: setTimeout(() => {
          this.dropWaiter();
          resolve([]);
        }, timeoutSec * 1000),
        onAbort: () => {
          if (this.waiter === waiter) this.dropWaiter();
          resolve([]);
        },
      };
      args.signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.waiter = waiter;
    });
  }

  private dropWaiter(): void {
    const w = this.waiter;
    if (!w) return;
    clearTimeout(w.timer);
    w.signal?.removeEventListener("abort", w.onAbort);
    this.waiter = null;
  }

  private wake(): void {
    const w = this.waiter;
    if (!w) return;
    const ready = this.collect(w.limit);
    if (ready.length === 0) return;
    this.dropWaiter();
    w.resolve(ready);
  }

  /** Answers a waiting getUpdates now. */
  endPoll(updates: TgUpdate[]): void {
    const w = this.waiter;
    if (!w) return;
    this.dropWaiter();
    w.resolve(updates);
  }

  get hasWaitingPoll(): boolean {
    return this.waiter !== null;
  }

  setWebhook(state: WebhookState, dropPending: boolean): void {
    if (dropPending) this.clear();
    this.webhookState = state;
    this.setAllowedUpdates(state.allowedUpdates);
    this.endPoll([]);
    if (!this.pusher) this.pusher = new WebhookPusher(this, this.hooks, this.now);
    this.pusher.kick();
  }

  deleteWebhook(dropPending = false): void {
    if (dropPending) this.clear();
    this.webhookState = null;
    this.pusher?.stop();
    this.pusher = null;
  }

  close(): void {
    this.closed = true;
    this.endPoll([]);
    this.pusher?.stop();
    this.pusher = null;
  }

  // --- used by the pusher ---------------------------------------------------------------------

  /** The first `n` queued updates the webhook accepts (non-allowed ones are dropped on the way). */
  peekForPush(n: number): TgUpdate[] {
    const out: TgUpdate[] = [];
    let i = this.head;
    while (i < this.items.length && out.length < n) {
      const u = this.items[i]!;
      if (this.isAllowed(u)) out.push(u);
      else if (i === this.head) this.head++;
      i++;
    }
    return out;
  }

  /** Removes updates accepted by the webhook (they are at the front of the queue, in order). */
  removeDelivered(ids: Set<number>): void {
    if (ids.size === 0) return;
    const kept: TgUpdate[] = [];
    let found = 0;
    let i = this.head;
    for (; i < this.items.length && found < ids.size; i++) {
      const u = this.items[i]!;
      if (ids.has(u.update_id)) found++;
      else kept.push(u);
    }
    this.items.splice(this.head, i - this.head, ...kept);
    this.compact();
  }
}

class WebhookPusher {
  private running = false;
  private stopped = false;
  private readonly abort = new AbortController();
  private readonly attempts = new Map<number, number>();
  private sleepTimer: NodeJS.Timeout | null = null;
  private wakeSleep: (() => void) | null = null;
  lastError: { date: number; message: string } | null = null;

  constructor(
    private readonly queue: UpdateQueue,
    private readonly hooks: WebhookHooks,
    private readonly now: () => number,
  ) {}

  kick(): void {
    if (this.stopped) return;
    if (this.running) return;
    this.running = true;
    void this.loop().finally(() => {
      this.running = false;
    });
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    this.wakeSleep?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const hook = this.queue.webhook;
      if (!hook) return;
      const concurrency = Math.max(1, Math.min(100, hook.maxConnections ?? 1));
      const batch = this.queue.peekForPush(concurrency);
      if (batch.length === 0) return;
      const results = await Promise.all(batch.map((u) => this.post(hook, u)));
      if (this.stopped) return;
      const done = new Set<number>();
      const replies: Array<{ contentType: string | null; text: string }> = [];
      let failed = 0;
      batch.forEach((u, i) => {
        const r = results[i];
        if (r) {
          replies.push(r);
          done.add(u.update_id);
          this.attempts.delete(u.update_id);
        } else {
          const n = (this.attempts.get(u.update_id) ?? 0) + 1;
          if (n >= this.queue.deliveryOptions.maxAttempts) {
            done.add(u.update_id); // give up on this one
            this.attempts.delete(u.update_id);
          } else {
            this.attempts.set(u.update_id, n);
            failed = Math.max(failed, n);
          }
        }
      });
      this.queue.removeDelivered(done);
      for (const r of replies) await this.runReply(r.contentType, r.text);
      if (failed > 0) {
        const delays = this.queue.deliveryOptions.retryDelaysMs;
        const delay = delays[Math.min(failed - 1, delays.length - 1)] ?? 1000;
        await new Promise<void>((resolve) => {
          this.wakeSleep = resolve;
          this.sleepTimer = setTimeout(resolve, delay);
        });
        this.sleepTimer = null;
        this.wakeSleep = null;
      }
    }
  }

  /** One attempt; on a 2xx answer, returns the answer's body (it may hold a method to execute), else null. */
  private async post(hook: WebhookState, update: TgUpdate): Promise<{ contentType: string | null; text: string } | null> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (hook.secretToken) headers["x-telegram-bot-api-secret-token"] = hook.secretToken;
    let message: string;
    try {
      const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.queue.deliveryOptions.timeoutMs)]);
      const target = deliveryUrl(hook.url, this.queue.deliveryOptions.downgradeLoopbackHttps);
      const res = await fetch(target, { method: "POST", headers, body: JSON.stringify(update), signal });
      const text = await res.text();
      if (res.status >= 200 && res.status < 300) {
        this.hooks.onDelivered(update);
        return { contentType: res.headers.get("content-type"), text };
      }
      message = `Wrong response from the webhook: ${res.status} ${res.statusText}`;
    } catch (err) {
      if (this.stopped) return null;
      message = `Connection failed: ${err instanceof Error ? err.message : String(err)}`;
    }
    this.lastError = { date: Math.floor(this.now() / 1000), message };
    this.hooks.onFailedAttempt(update, message);
    return null;
  }

  private async runReply(contentType: string | null, text: string): Promise<void> {
    if (!text || !(contentType ?? "").toLowerCase().includes("json")) return;
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      return;
    }
    if (payload && typeof payload === "object" && !Array.isArray(payload)) {
      const { method, ...params } = payload as Record<string, unknown>;
      if (typeof method === "string") {
        await this.hooks.executeReply(method, params).catch(() => undefined);
      }
    }
  }
}
