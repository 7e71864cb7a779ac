/**
 * The core's front door: every inbound event from every platform comes here. It finds the person and the
 * chat, checks permissions, and routes to a command, a flow, a button handler, or a polite hint. Events of
 * one person are handled one at a time; an event handled before (a redelivery after a crash) is ignored.
 */
import { ensureChat, markChatActive, markChatInactive, migrateChatId, setChatCanPin } from "../db/chats.js";
import { findActor } from "../db/identities.js";
import { wasProcessed, markProcessed } from "../db/processed-events.js";
import { audit } from "../db/audit.js";
import type { InboundEvent, UserEvent } from "../messaging/events.js";
import { hasUser } from "../messaging/events.js";
import { common, roleName } from "../i18n/vi/common.js";
import { ROLES, type Role } from "../domain/vocabulary.js";
import { BotContext, type BotServices } from "./context.js";
import { toActor, type Actor } from "../core/actor.js";
import { allows, type CommandDefinition, type CommandRegistry } from "./commands.js";
import type { ActionRegistry } from "./actions.js";
import { KeyedMutex } from "./keyed-mutex.js";
import { ConcurrentAnswerError, isFlowChoice, type FlowEngine } from "../flows/engine.js";
import type { FlowInput } from "../flows/types.js";

/** Longest text the core accepts in one message (Telegram's own limit is 4096). */
export const MAX_INBOUND_TEXT = 4096;

export interface HandleResult {
  toast?: { text: string; alert: boolean };
}

/** Plain group messages the core may care about (e.g. "đã nhận" on Zalo); return true when handled. */
export type GroupTextHook = (ctx: BotContext<Extract<UserEvent, { type: "text" | "reaction" }>>) => Promise<boolean>;

export interface DispatcherParts {
  services: BotServices;
  commands: CommandRegistry;
  flows: FlowEngine;
  actions: ActionRegistry;
  groupTextHooks?: GroupTextHook[];
}

export class Dispatcher {
  private readonly mutex = new KeyedMutex();

  constructor(readonly parts: DispatcherParts) {}

  get services(): BotServices {
    return this.parts.services;
  }

  handle(event: InboundEvent): Promise<HandleResult> {
    const key = hasUser(event) ? `${event.chat.platform}:u:${event.user.id}` : `${event.chat.platform}:c:${event.chat.id}`;
    // In order per person in this process, then across instances sharing a PostgreSQL database.
    return this.mutex.run(key, () => this.services.db.withKeyLock(key, () => this.handleNow(event)));
  }

  private async handleNow(event: InboundEvent): Promise<HandleResult> {
    const { db, logger, clock } = this.services;
    const log = logger.child({ event: event.eventKey, type: event.type });
    try {
      if (await wasProcessed(db.prisma, event.eventKey)) {
        log.debug("event already handled; ignoring redelivery");
        return {};
      }
      if (!hasUser(event)) {
        await this.handleChatEvent(event);
        return {};
      }
      const now = clock.now();
      let chat = await ensureChat(
        db.prisma,
        event.chat.platform,
        event.chat.id,
        event.chat.kind,
        event.chat.title ?? (event.chat.kind === "private" ? event.user.displayName : null),
      );
      if (!chat.active && event.chat.kind === "private") {
        // A person who blocked the bot (or could not be reached) wrote again: they can be answered.
        await markChatActive(db.prisma, chat.id);
        chat = { ...chat, active: true, inactiveReason: null };
      }
      const actorRecord = await findActor(db.prisma, event.user.platform, event.user.id);
      const actor: Actor | null = actorRecord ? toActor(actorRecord) : null;
      const ctx = new BotContext(this.services, event, chat, actor, now);
      try {
        await this.route(ctx);
        await ctx.finish();
      } catch (err) {
        if (err instanceof ConcurrentAnswerError) {
          log.info("answer from another device arrived first; asked the person to look again");
        } else {
          log.error({ err }, "handler failed");
        }
        // Nothing of the failed handler was committed; tell the person, briefly, in their language.
        const apology = new BotContext(this.services, event, chat, actor, now);
        if (event.type === "choice") apology.answer(common.staleButton());
        if (event.type !== "choice" || chat.kind === "private") apology.reply(common.internalError());
        await apology.finish().catch((e) => log.error({ err: e }, "could not even record the apology"));
        return apology.toast ? { toast: apology.toast } : {};
      }
      return ctx.toast ? { toast: ctx.toast } : {};
    } catch (err) {
      log.error({ err }, "event could not be handled");
      return {};
    }
  }

  private async handleChatEvent(event: Exclude<InboundEvent, UserEvent>): Promise<void> {
    const { db, clock, logger } = this.services;
    const now = clock.now();
    switch (event.type) {
      case "members_joined":
        return;
      case "bot_added": {
        const chat = await ensureChat(db.prisma, event.chat.platform, event.chat.id, event.chat.kind, event.chat.title);
        const greet = !chat.purpose && event.joined;
        const ctx = new BotContext(this.services, event, chat, null, now);
        if (greet) ctx.reply(common.groupGreeting());
        await ctx.commit(async (tx) => {
          if (!chat.active) await markChatActive(tx, chat.id);
          if (event.canPin !== undefined) await setChatCanPin(tx, chat.id, event.canPin);
        });
        return;
      }
      case "bot_removed": {
        const chat = await ensureChat(db.prisma, event.chat.platform, event.chat.id, event.chat.kind, event.chat.title);
        await db.transaction(async (tx) => {
          await markChatInactive(tx, chat.id, "bot removed from the group", now);
          await audit(tx, {
            councilId: chat.councilId,
            actorLabel: `${event.chat.platform}:system`,
            action: "chat.bot_removed",
            entityType: "chat",
            entityId: chat.id,
          });
          await markProcessed(tx, event.eventKey, now);
        });
        logger.warn({ chat: chat.id, title: chat.title }, "bot removed from a group");
        return;
      }
      case "chat_migrated": {
        await db.transaction(async (tx) => {
          await migrateChatId(tx, event.chat.platform, event.chat.id, event.toChatId);
          await markProcessed(tx, event.eventKey, now);
        });
        logger.info({ from: event.chat.id, to: event.toChatId }, "group migrated to a supergroup");
        return;
      }
    }
  }

  private async route(ctx: BotContext<UserEvent>): Promise<void> {
    const e = ctx.event;
    switch (e.type) {
      case "command":
        return this.command(ctx as BotContext<Extract<UserEvent, { type: "command" }>>);
      case "choice":
        return this.choice(ctx as BotContext<Extract<UserEvent, { type: "choice" }>>);
      case "text": {
        if (e.text.length > MAX_INBOUND_TEXT) {
          if (ctx.isPrivate) ctx.reply(common.tooLong(MAX_INBOUND_TEXT));
          return;
        }
        if (await this.parts.flows.input(ctx, { type: "text", text: e.text })) return;
        return this.plainMessage(ctx);
      }
      case "file":
        if (await this.parts.flows.input(ctx, { type: "file", file: e.file, ...(e.caption ? { caption: e.caption } : {}) })) return;
        return this.plainMessage(ctx);
      case "unsupported":
        if (await this.parts.flows.input(ctx, { type: "unsupported", what: e.what })) return;
        if (ctx.isPrivate) ctx.reply(common.unsupportedContent(e.what));
        return;
      case "reaction":
        for (const hook of this.parts.groupTextHooks ?? []) if (await hook(ctx as never)) return;
        return;
      case "recall":
      case "member_left":
        return;
    }
  }

  /** Text or files outside any flow. Groups are for people talking to each other: the bot stays quiet there. */
  private async plainMessage(ctx: BotContext<UserEvent>): Promise<void> {
    if (!ctx.isPrivate) {
      if (ctx.event.type === "text") for (const hook of this.parts.groupTextHooks ?? []) if (await hook(ctx as never)) return;
      return;
    }
    if (!ctx.actor && ctx.event.type === "text") {
      // A person may paste the invite code alone, without /start.
      const start = this.parts.commands.find("start");
      const code = ctx.event.text.trim();
      if (start && /^[A-Za-z0-9-]{6,14}$/.test(code)) return start.run(ctx as never, code);
      ctx.reply(common.notLinked());
      return;
    }
    ctx.reply(common.useCommands());
  }

  private async command(ctx: BotContext<Extract<UserEvent, { type: "command" }>>): Promise<void> {
    const e = ctx.event;
    let def = this.parts.commands.find(e.command);
    let args = e.args;
    // "/start baocao" arrives from a group's "open private chat" button: run that command here.
    const target = def?.name === "start" ? this.parts.commands.find(args.trim()) : undefined;
    if (target?.deepLink && ctx.isPrivate) {
      def = target;
      args = "";
    }
    if (!def) {
      // In groups, commands meant for other bots are none of our business.
      if (ctx.isPrivate) ctx.reply(common.unknownCommand(e.command));
      return;
    }
    const refusal = this.refusal(def, ctx.actor, ctx.isPrivate ? "private" : "group");
    if (refusal) {
      ctx.reply(refusal);
      return;
    }
    await def.run(ctx, args);
  }

  /** Why this person may not use this command here, or null if they may. */
  refusal(def: CommandDefinition, actor: Actor | null, where: "private" | "group"): ReturnType<typeof common.notLinked> | null {
    if (!def.where.includes(where)) return where === "group" ? common.privateOnly(def.name) : common.groupOnly(def.name);
    if (def.audience !== "everyone" && !actor) return common.notLinked();
    if (!allows(def.audience, actor?.role ?? null)) {
      const roles = def.audience === "linked" ? [] : (def.audience as readonly Role[]);
      return common.notAllowed(
        def.name,
        [...roles, "admin" as Role].filter((r, i, a) => a.indexOf(r) === i && ROLES.includes(r)).map(roleName),
      );
    }
    return null;
  }

  private async choice(ctx: BotContext<Extract<UserEvent, { type: "choice" }>>): Promise<void> {
    const data = ctx.event.data;
    if (isFlowChoice(data)) {
      const handled = await this.parts.flows.input(ctx, { type: "choice-data", data });
      if (!handled) ctx.answer(common.notYourButton());
      return;
    }
    const found = this.parts.actions.find(data);
    if (!found) {
      ctx.answer(common.staleButton());
      return;
    }
    await found.handler.handle(ctx, found.args);
  }
}

export type { FlowInput };
