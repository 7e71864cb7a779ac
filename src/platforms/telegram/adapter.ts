/**
 * The Telegram edge: long polling (or a webhook with its secret header checked) in, outbox sender out.
 * Nothing here decides anything: updates become inbound events for the dispatcher.
 */
import { Telegraf, TelegramError } from "telegraf";
import type { Update } from "telegraf/types";
import type { Config } from "../../config.js";
import type { Logger } from "../../logging/logger.js";
import { PlatformConfigRefused, type CommandMenus, type InboundHandler, type PlatformInfo } from "../../messaging/platform.js";
import { TelegramSender } from "./sender.js";
import { toInboundEvent } from "./updates.js";

/** How long the polling loop waits for a handler before it goes on fetching updates for everyone else. */
export const SLOW_HANDLER_HOLD_MS = 2000;
export const TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

type Menus = CommandMenus;

/** Telegram answered 401 to the token: nothing will work until the operator fixes TELEGRAM_BOT_TOKEN. */
export class TelegramTokenRefused extends PlatformConfigRefused {
  constructor() {
    super("Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized): check the token from @BotFather.");
    this.name = "TelegramTokenRefused";
  }
}

const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

export class TelegramAdapter {
  readonly bot: Telegraf;
  readonly sender: TelegramSender;
  private botId = 0;
  private username = "";
  private running = false;

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
  ) {
    const t = config.telegram;
    if (!t.token) throw new Error("TelegramAdapter needs TELEGRAM_BOT_TOKEN");
    const apiRoot = t.apiRoot.endsWith("/") ? t.apiRoot : `${t.apiRoot}/`;
    this.bot = new Telegraf(t.token, { telegram: { apiRoot, webhookReply: false }, handlerTimeout: 120_000 });
    this.sender = new TelegramSender(this.bot.telegram, {
      globalPerSecond: t.rate.globalPerSecond,
      groupPerMinute: t.rate.groupPerMinute,
      privatePerSecond: t.rate.privatePerSecond,
    });
  }

  readonly info: PlatformInfo = {
    displayName: "Telegram",
    buttons: true,
    maxDownloadBytes: TELEGRAM_DOWNLOAD_LIMIT,
    deepLink: (payload) => (this.username ? `https://t.me/${this.username}?start=${encodeURIComponent(payload)}` : null),
    downloadFile: async (fileId) => {
      const url = await this.bot.telegram.getFileLink(fileId);
      const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
      if (!res.ok) throw new Error(`file download failed: HTTP ${res.status}`);
      return Buffer.from(await res.arrayBuffer());
    },
    setCommandMenu: async (chatId, commands) => {
      await this.bot.telegram.setMyCommands(commands, { scope: { type: "chat", chat_id: Number(chatId) } });
    },
  };

  /**
   * Connects, sets the menus, and starts receiving updates; resolves once receiving has started.
   * A token Telegram refuses stops start-up with one clear line; Telegram out of reach does not: the rest
   * of the service runs (messages wait in the outbox) and connecting is retried with back-off.
   */
  async start(dispatcher: InboundHandler, menus: Menus, retryDelayMs = 5000): Promise<void> {
    try {
      await this.connect(dispatcher, menus);
    } catch (err) {
      if (err instanceof TelegramError && err.code === 401) throw new TelegramTokenRefused();
      this.logger.error({ err }, "cannot reach Telegram; retrying in the background");
      this.stopped = false;
      void this.retry(dispatcher, menus, retryDelayMs);
    }
  }

  private stopped = false;

  private async retry(dispatcher: InboundHandler, menus: Menus, delayMs: number): Promise<void> {
    for (let delay = delayMs; !this.stopped; delay = Math.min(delay * 2, 5 * 60_000)) {
      await new Promise((r) => setTimeout(r, delay));
      if (this.stopped) return;
      try {
        await this.connect(dispatcher, menus);
        return;
      } catch (err) {
        this.logger.warn({ err, nextTryMs: delay * 2 }, "Telegram still out of reach");
      }
    }
  }

  private handlersInstalled = false;

  /** Once, even when connecting is retried: the middleware turns updates into events for the dispatcher. */
  private installHandlers(dispatcher: InboundHandler): void {
    this.handlersInstalled = true;
    this.bot.use(async (tctx) => {
      const update = tctx.update as Update;
      const event = toInboundEvent(update, this.botId, this.username);
      if (!event) return;
      const handling = dispatcher.handle(event).then(async (result) => {
        if (event.type === "choice" && event.callbackId) {
          // Always answer, so the button stops spinning; an expired query is harmless.
          await tctx.telegram
            .answerCbQuery(event.callbackId, result.toast?.text, {
              ...(result.toast?.alert ? { show_alert: true } : {}),
              ...(result.toast?.url ? { url: result.toast.url } : {}),
            })
            .catch((err) => this.logger.debug({ err }, "answerCallbackQuery failed"));
        }
      });
      // telegraf's polling waits for every handler of a batch before it asks for more updates: one slow
      // handler (a notice read in the document worker) would hold everyone's messages. A handler still
      // running after the hold goes on by itself; the dispatcher keeps each person's events in order.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([handling, new Promise((resolve) => (timer = setTimeout(resolve, SLOW_HANDLER_HOLD_MS)))]);
      clearTimeout(timer);
    });
    this.bot.catch((err) => this.logger.error({ err }, "telegram update handling failed"));
  }

  private async connect(dispatcher: InboundHandler, menus: Menus): Promise<void> {
    const me = await this.bot.telegram.getMe();
    this.botId = me.id;
    this.username = me.username;
    this.bot.botInfo = me;
    if (!this.handlersInstalled) this.installHandlers(dispatcher);
    try {
      await this.bot.telegram.setMyCommands(menus.everyone, { scope: { type: "default" } });
      await this.bot.telegram.setMyCommands(menus.groups, { scope: { type: "all_group_chats" } });
    } catch (err) {
      this.logger.warn({ err }, "could not set the command menus");
    }
    const webhook = this.config.telegram.webhook;
    if (webhook) {
      // In webhook mode launch() resolves once the webhook is registered with Telegram.
      await this.bot.launch({
        webhook: {
          domain: webhook.url,
          port: webhook.port,
          host: webhook.host,
          secretToken: webhook.secret,
          path: new URL(webhook.url).pathname,
        },
        allowedUpdates: [...ALLOWED_UPDATES],
      });
    } else {
      // In polling mode launch() resolves only when polling stops: onLaunch says it has started.
      await new Promise<void>((resolve, reject) => {
        this.bot
          .launch({ allowedUpdates: [...ALLOWED_UPDATES] }, () => resolve())
          .catch((err) => {
            this.running = false;
            this.logger.error({ err }, "telegram polling stopped");
            reject(err);
          });
      });
    }
    this.running = true;
    this.logger.info({ username: this.username, mode: webhook ? "webhook" : "polling" }, "telegram connected");
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (!this.running) return;
    this.running = false;
    try {
      this.bot.stop("shutdown");
    } catch {
      // already stopped
    }
  }
}
