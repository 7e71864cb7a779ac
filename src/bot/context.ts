/**
 * What a command, flow step or button handler gets: the event, the chat and person behind it, and a way to
 * answer. Replies are collected and written to the outbox in the same transaction as the handler's change
 * (`commit`), together with the marker that this update was handled: a crash either loses all of it (and
 * the redelivered update is handled again) or none of it.
 */
import type { Database, Tx } from "../db/client.js";
import type { ChatRow } from "../db/chats.js";
import { chatPlatforms, ensureChat } from "../db/chats.js";
import { markProcessed } from "../db/processed-events.js";
import type { Actor } from "../core/actor.js";
import { enqueueMany, PRIORITY } from "../delivery/outbox.js";
import { answerWriter } from "./answer-writer.js";
import type { Config } from "../config.js";
import type { Logger } from "../logging/logger.js";
import type { Clock } from "../domain/time/clock.js";
import type { InboundEvent, UserEvent } from "../messaging/events.js";
import type { Choice, OutboundMessage } from "../messaging/outbound.js";
import type { PlatformInfo } from "../messaging/platform.js";
import { html, SafeHtml } from "../text/html.js";

export type { PlatformInfo } from "../messaging/platform.js";

export interface BotServices {
  db: Database;
  config: Config;
  logger: Logger;
  clock: Clock;
  platforms: Record<string, PlatformInfo>;
  /** wakes the outbox senders after replies were written */
  notifyOutbox(): void;
  /** every chat command, for help and menus (set once the registry is built) */
  commands?: import("./commands.js").CommandRegistry;
  /** the guided conversations (set once built) */
  flows?: import("../flows/engine.js").FlowEngine;
}

export interface PendingReply {
  chatId: number;
  message: OutboundMessage;
  key: string;
  priority: number;
  ref?: { type: string; id: number };
}

export class BotContext<E extends InboundEvent = UserEvent> {
  readonly replies: PendingReply[] = [];
  /** a short answer to a button press (Telegram shows it as a toast) */
  toast: { text: string; alert: boolean; url?: string } | undefined;
  /** the handler refused the person (no right, wrong place): such answers are coalesced in groups */
  refused = false;
  private committed = false;
  private replyCount = 0;

  constructor(
    readonly services: BotServices,
    readonly event: E,
    readonly chat: ChatRow,
    readonly actor: Actor | null,
    readonly now: Date,
  ) {}

  get db(): Database {
    return this.services.db;
  }

  get platform(): PlatformInfo {
    return this.services.platforms[this.event.chat.platform]!;
  }

  get isPrivate(): boolean {
    return this.event.chat.kind === "private";
  }

  private nextKey(): string {
    return `${this.event.eventKey}:r${++this.replyCount}`;
  }

  /** Answers in the chat the event came from. */
  reply(message: OutboundMessage | SafeHtml | string, choices?: Choice[][]): void {
    this.replyTo(this.chat.id, message, choices);
  }

  /** Sends into any chat, as part of handling this event. */
  replyTo(
    chatId: number,
    message: OutboundMessage | SafeHtml | string,
    choices?: Choice[][],
    opts: { key?: string; priority?: number; ref?: { type: string; id: number } } = {},
  ): void {
    // A plain string is text, never markup: it is escaped here, so user text in it cannot break the message.
    const msg: OutboundMessage =
      typeof message === "string"
        ? { kind: "text", text: html`${message}`, ...(choices ? { choices } : {}) }
        : message instanceof SafeHtml
          ? { kind: "text", text: message, ...(choices ? { choices } : {}) }
          : message;
    this.replies.push({
      chatId,
      message: msg,
      key: opts.key ?? this.nextKey(),
      priority: opts.priority ?? PRIORITY.interactive,
      ...(opts.ref ? { ref: opts.ref } : {}),
    });
  }

  /** Takes back replies not yet written (e.g. a refusal already said in this group a minute ago). */
  dropReplies(which: (r: PendingReply) => boolean): void {
    const keep = this.replies.filter((r) => !which(r));
    this.replies.splice(0, this.replies.length, ...keep);
  }

  /**
   * Answers a button press with a short notice (or an alert box). A platform without buttons has no such
   * notice: there the answer is a message in the chat, written to the outbox like every other message so
   * it keeps the platform's pacing (a burst of answers in one group waits for the group's gap). With `url` (a
   * deep link to the bot) the platform opens it, where it can (Telegram's answerCallbackQuery url).
   */
  answer(text: string, alert = false, url?: string): void {
    this.toast = url ? { text, alert, url } : { text, alert };
    if (this.event.type !== "choice" || this.services.platforms[this.event.chat.platform]?.buttons !== false) return;
    const pending = this.replies.find((r) => r.key === this.answerKey);
    if (pending) pending.message = { kind: "text", text: html`${text}` };
    else this.replyTo(this.chat.id, text, undefined, { key: this.answerKey });
  }

  private get answerKey(): string {
    return `${this.event.eventKey}:answer`;
  }

  /** The private chat with the person behind this event (created on first use). */
  async privateChat(): Promise<ChatRow> {
    const e = this.event as unknown as UserEvent;
    if (this.isPrivate) return this.chat;
    return ensureChat(this.db.prisma, e.user.platform, e.user.id, "private", e.user.displayName);
  }

  /**
   * Runs the handler's change and writes the replies collected so far, plus the handled-marker, in one
   * transaction. Call it once, with every reply already added (or add them inside `fn`).
   *
   * The transaction may run more than once (PostgreSQL retries a Serializable conflict, SQLite a busy lock):
   * each attempt starts from the replies as they were before the first, so what `fn` adds in a failed attempt is
   * neither kept nor doubled, and the replies are taken off the list only once an attempt has committed.
   */
  async commit<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const before = this.snapshot();
    let written = 0;
    const result = await this.db.transaction(async (tx) => {
      this.restore(before);
      const value = await fn(tx);
      written = await this.writeReplies(tx);
      await markProcessed(tx, this.event.eventKey, this.now);
      return value;
    });
    this.replies.splice(0, written);
    this.committed = true;
    this.services.notifyOutbox();
    return result;
  }

  /** Called by the dispatcher after the handler: writes what is left. */
  async finish(): Promise<void> {
    if (this.committed && this.replies.length === 0) return;
    if (!this.committed) {
      // The common case (the handler changed nothing itself): written together with other updates finishing now.
      const pending = this.replies.splice(0);
      const own = `${this.event.eventKey}:`;
      await answerWriter(this.db).write({
        eventKey: this.event.eventKey,
        now: this.now,
        answers: pending.map((r) => ({
          key: r.key,
          chatId: r.chatId,
          message: r.message,
          priority: r.priority,
          ...(r.ref ? { ref: r.ref } : {}),
        })),
        chats: new Map([[this.chat.id, { platform: this.chat.platform }]]),
        freshKeys: pending.every((r) => r.key.startsWith(own)),
      });
      this.committed = true;
      this.services.notifyOutbox();
      return;
    }
    let written = 0;
    await this.db.transaction(async (tx) => {
      written = await this.writeReplies(tx);
      if (!this.committed) await markProcessed(tx, this.event.eventKey, this.now);
    });
    this.replies.splice(0, written);
    this.committed = true;
    this.services.notifyOutbox();
  }

  /** Writes the pending replies to the outbox without taking them off the list (the transaction may be retried). */
  private async writeReplies(tx: Tx): Promise<number> {
    const pending = this.replies.slice();
    if (pending.length === 0) return 0;
    // All answers of the update in one look-up of their keys and one insert (not three statements per answer).
    const others = [...new Set(pending.map((r) => r.chatId).filter((id) => id !== this.chat.id))];
    const chats = others.length > 0 ? new Map(await chatPlatforms(tx, others)) : new Map<number, { platform: string }>();
    chats.set(this.chat.id, { platform: this.chat.platform });
    // Keys made from this event's key cannot be stored yet: they are written with the event's handled-marker,
    // and a handled event is never handled again. Keys given by a handler (an announcement's) are looked up.
    const own = `${this.event.eventKey}:`;
    await enqueueMany(
      tx,
      pending.map((r) => ({ key: r.key, chatId: r.chatId, message: r.message, priority: r.priority, ...(r.ref ? { ref: r.ref } : {}) })),
      chats,
      { freshKeys: pending.every((r) => r.key.startsWith(own)) },
    );
    return pending.length;
  }

  private snapshot(): ContextState {
    return {
      replies: this.replies.map((r) => ({ ...r })),
      replyCount: this.replyCount,
      toast: this.toast,
      refused: this.refused,
    };
  }

  private restore(state: ContextState): void {
    this.replies.splice(0, this.replies.length, ...state.replies.map((r) => ({ ...r })));
    this.replyCount = state.replyCount;
    this.toast = state.toast;
    this.refused = state.refused;
  }
}

/** What a handler may have changed in the context during one attempt of its transaction. */
interface ContextState {
  replies: PendingReply[];
  replyCount: number;
  toast: BotContext["toast"];
  refused: boolean;
}
