/**
 * The core's front door: every inbound event from every platform comes here. It finds the person and the
 * chat, checks permissions, and routes to a command, a flow, a button handler, or a polite hint. Events of
 * one person are handled one at a time; an event handled before (a redelivery after a crash) is ignored.
 */
import { ensureChat, markChatActive, markChatInactive, migrateChatId, setChatCanPin } from "../db/chats.js";
import { wasProcessed, markProcessed } from "../db/processed-events.js";
import { markStartedTogether } from "./answer-writer.js";
import { audit } from "../db/audit.js";
import type { InboundEvent, UserEvent } from "../messaging/events.js";
import { hasUser } from "../messaging/events.js";
import { common, roleName } from "../i18n/vi/common.js";
import { ROLES, type Role } from "../domain/vocabulary.js";
import { BotContext, type BotServices } from "./context.js";
import type { Actor } from "../core/actor.js";
import { allows, type CommandDefinition, type CommandRegistry } from "./commands.js";
import type { ActionRegistry } from "./actions.js";
import { KeyedMutex } from "./keyed-mutex.js";
import { InboundThrottle } from "./inbound-throttle.js";
import { ConcurrentAnswerError, isFlowChoice, type FlowEngine } from "../flows/engine.js";
import type { FlowInput } from "../flows/types.js";
import { lookupInbound } from "../db/inbound.js";
import { burnInvite, isExactInviteCode } from "../core/invites.js";
import { serverSecret } from "../files/server-secret.js";
import { access } from "../i18n/vi/access.js";
import { htmlToPlainText } from "../text/html.js";

/** What a pasted invite code looks like (the rules of the code itself are in core/invites.ts). */
const INVITE_LIKE = /^[A-Za-z0-9-]{6,14}$/;

/** Longest text the core accepts in one message (Telegram's own limit is 4096). */
export const MAX_INBOUND_TEXT = 4096;

export interface HandleResult {
  toast?: { text: string; alert: boolean; url?: string };
}

/** Plain group messages the core may care about (e.g. "đã nhận" on Zalo); return true when handled. */
export type GroupTextHook = (ctx: BotContext<Extract<UserEvent, { type: "text" | "reaction" }>>) => Promise<boolean>;

export interface DispatcherParts {
  services: BotServices;
  commands: CommandRegistry;
  flows: FlowEngine;
  actions: ActionRegistry;
  groupTextHooks?: GroupTextHook[];
  /** flood protection in front of everything (default limits when not given) */
  throttle?: InboundThrottle;
}

export class Dispatcher {
  private readonly mutex = new KeyedMutex();
  readonly throttle: InboundThrottle;

  constructor(readonly parts: DispatcherParts) {
    this.throttle = parts.throttle ?? new InboundThrottle();
  }

  get services(): BotServices {
    return this.parts.services;
  }

  handle(event: InboundEvent): Promise<HandleResult> {
    const key = hasUser(event) ? `${event.chat.platform}:u:${event.user.id}` : `${event.chat.platform}:c:${event.chat.id}`;
    // Before any database work: a flood costs nothing but this check (see inbound-throttle.ts).
    if (hasUser(event) && !this.admitted(event)) return Promise.resolve({});
    // In order per person in this process, then across instances sharing a PostgreSQL database.
    return this.mutex.run(key, () => this.services.db.withKeyLock(key, () => this.handleNow(event)));
  }

  private admitted(event: UserEvent): boolean {
    const now = this.services.clock.now().getTime();
    const group = event.chat.kind === "group" ? `${event.chat.platform}:c:${event.chat.id}` : null;
    const ok = this.throttle.admit(`${event.chat.platform}:u:${event.user.id}`, group, now);
    if (!ok) this.services.logger.debug({ event: event.eventKey }, "over the inbound budget; ignored");
    return ok;
  }

  private async handleNow(event: InboundEvent): Promise<HandleResult> {
    const { db, logger, clock } = this.services;
    const log = logger.child({ event: event.eventKey, type: event.type });
    try {
      if (!hasUser(event)) {
        if (await wasProcessed(db.prisma, event.eventKey)) {
          log.debug("event already handled; ignoring redelivery");
          return {};
        }
        await this.handleChatEvent(event);
        return {};
      }
      // One statement: the event's markers, the chat, the person (see db/inbound.ts).
      const found = await lookupInbound(db, {
        eventKey: event.eventKey,
        platform: event.chat.platform,
        chatExternalId: event.chat.id,
        userId: event.user.id,
      });
      if (found.processed) {
        log.debug("event already handled; ignoring redelivery");
        return {};
      }
      const now = clock.now();
      const title = event.chat.title ?? (event.chat.kind === "private" ? event.user.displayName : null);
      let chat =
        found.chat && !(title && found.chat.title !== title)
          ? found.chat
          : await ensureChat(db.prisma, event.chat.platform, event.chat.id, event.chat.kind, title);
      if (!chat.active && event.chat.kind === "private") {
        // A person who blocked the bot (or could not be reached) wrote again: they can be answered.
        await markChatActive(db.prisma, chat.id);
        chat = { ...chat, active: true, inactiveReason: null };
      }
      const actor: Actor | null = found.person ? { ...found.person, role: found.person.role as Role } : null;
      // In a group only commands and button presses get answers; people chatting there spend nothing.
      const answerable = event.chat.kind === "private" || event.type === "command" || event.type === "choice";
      if (
        !actor &&
        answerable &&
        !this.isInviteAttempt(event) &&
        !this.throttle.answerStranger(`${event.chat.platform}:u:${event.user.id}`, now.getTime())
      ) {
        // A stranger past their few answers: silence, so they cannot keep a chat's sending slots busy.
        log.debug("stranger over their answers; ignored");
        return {};
      }
      if (found.started || (await markStartedTogether(db, event.eventKey, now)) === "again") {
        // An earlier attempt began and never finished: the process died in it. Running it again could kill
        // the service again at every restart, so the person gets a polite refusal instead.
        log.warn("event redelivered after the service stopped while handling it; not handling it again");
        const refusal = new BotContext(this.services, event, chat, actor, now);
        if (event.type === "choice") refusal.answer(common.abandonedButton());
        else if (chat.kind === "private") refusal.reply(common.abandonedUpdate());
        await refusal.finish();
        return refusal.toast ? { toast: refusal.toast } : {};
      }
      const ctx = new BotContext(this.services, event, chat, actor, now);
      try {
        if (!actor && !this.isInviteAttempt(event) && this.refuseUnlinked(ctx, found.unlinkedReason)) {
          // an account the office removed: told so, nothing else
        } else await this.route(ctx);
        // In a group, a refusal or an answer to a stranger is said once per interval, however often asked.
        if (!ctx.isPrivate && (!actor || ctx.refused)) this.coalesceGroupReplies(ctx);
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

  /** A code typed (with /start or alone): counted by the invite rules, not as stranger chatter. */
  private isInviteAttempt(event: UserEvent): boolean {
    if (event.type === "command") return this.parts.commands.find(event.command)?.name === "start" && event.args.trim() !== "";
    if (event.type !== "text") return false;
    // In a group only an exact code counts: it must be burned even when its author is otherwise ignored.
    return event.chat.kind === "private" ? INVITE_LIKE.test(event.text.trim()) : isExactInviteCode(event.text.trim());
  }

  /** An account whose member was deactivated, or that the office unlinked, is told so (true when it was). */
  private refuseUnlinked(ctx: BotContext<UserEvent>, reason: "deactivated" | "unlinked" | null): boolean {
    const e = ctx.event;
    if (!reason) return false;
    const sentence = reason === "deactivated" ? access.deactivated() : access.unlinked();
    ctx.refused = true;
    if (e.type === "choice") ctx.answer(htmlToPlainText(sentence), true);
    else if (ctx.isPrivate || e.type === "command") ctx.reply(sentence);
    return true;
  }

  /** An invite code typed in a group is revoked at once: everyone there has read it. True when one was. */
  private async burnIfInvite(ctx: BotContext<UserEvent>, text: string): Promise<boolean> {
    if (!isExactInviteCode(text)) return false;
    const burned = await burnInvite(this.services.db, {
      code: text,
      secret: serverSecret(this.services.config),
      now: ctx.now,
      actorLabel: `${ctx.event.user.platform}:${ctx.event.user.id}`,
      chatTitle: ctx.chat.title,
    });
    if (!burned) return false;
    this.services.logger.warn({ chat: ctx.chat.id }, "an invite code was typed in a group; it is revoked");
    ctx.reply(access.codeBurned());
    return true;
  }

  private coalesceGroupReplies(ctx: BotContext<UserEvent>): void {
    const now = ctx.now.getTime();
    const chatKey = `${ctx.chat.platform}:c:${ctx.chat.externalId}`;
    ctx.dropReplies((r) => {
      if (r.chatId !== ctx.chat.id || r.message.kind !== "text") return false;
      return !this.throttle.sayOnce(chatKey, String(r.message.text), now);
    });
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
      if (ctx.event.type === "text" && (await this.burnIfInvite(ctx, ctx.event.text.trim()))) return;
      if (ctx.event.type === "text") for (const hook of this.parts.groupTextHooks ?? []) if (await hook(ctx as never)) return;
      return;
    }
    if (!ctx.actor && ctx.event.type === "text") {
      // A person may paste the invite code alone, without /start.
      const start = this.parts.commands.find("start");
      const code = ctx.event.text.trim();
      if (start && INVITE_LIKE.test(code)) return start.run(ctx as never, code);
      ctx.reply(common.notLinked());
      return;
    }
    ctx.reply(common.useCommands());
  }

  private async command(ctx: BotContext<Extract<UserEvent, { type: "command" }>>): Promise<void> {
    const e = ctx.event;
    let def = this.parts.commands.find(e.command);
    let args = e.args;
    // "/start baocao" arrives from a group's "open private chat" button: run that command here;
    // "/start baocao-12" (a new task's button pressed in a group) runs it with "12".
    const link = def?.name === "start" ? /^([a-z_]+)(?:-(\w+))?$/.exec(args.trim()) : null;
    const target = link ? this.parts.commands.find(link[1]!) : undefined;
    if (target?.deepLink && ctx.isPrivate) {
      def = target;
      args = link?.[2] ?? "";
    }
    if (def?.name === "start" && !ctx.isPrivate && (await this.burnIfInvite(ctx, args.trim()))) return;
    if (!def) {
      // In groups, commands meant for other bots are none of our business.
      if (ctx.isPrivate) ctx.reply(common.unknownCommand(e.command));
      return;
    }
    const refusal = this.refusal(def, ctx.actor, ctx.isPrivate ? "private" : "group");
    if (refusal) {
      ctx.refused = true;
      ctx.reply(refusal);
      return;
    }
    if (
      !ctx.isPrivate &&
      def.groupPurposes &&
      !(ctx.chat.councilId === ctx.actor?.councilId && def.groupPurposes.includes(ctx.chat.purpose ?? ""))
    ) {
      ctx.refused = true;
      ctx.reply(common.privateOrStandingOnly(def.name));
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
