/**
 * The Telegram edge: long polling (or a webhook with its secret header checked) in, outbox sender out.
 * Nothing here decides anything: updates become inbound events for the dispatcher.
 */
import { Telegraf } from "telegraf";
import type { Update } from "telegraf/types";
import type { Config } from "../../config.js";
import type { Logger } from "../../logging/logger.js";
import type { Dispatcher } from "../../bot/dispatcher.js";
import type { PlatformInfo } from "../../bot/context.js";
import { TelegramSender } from "./sender.js";
import { toInboundEvent } from "./updates.js";

export const TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

export class TelegramAdapter {
  readonly bot: Telegraf;
  readonly sender: TelegramSender;
  private botId = 0;
  private username = "";
  private running = false;

  constructor(private readonly config: Config, private readonly logger: Logger) {
    const t = config.telegram;
    if (!t.token) throw new Error("TelegramAdapter needs TELEGRAM_BOT_TOKEN");
    const apiRoot = t.apiRoot.endsWith("/") ? t.apiRoot : `${t.apiRoot}/`;
    this.bot = new Telegraf(t.token, { telegram: { apiRoot, webhookReply: false }, handlerTimeout: 120_000 });
    this.sender = new TelegramSender(this.bot.telegram, { globalPerSecond: t.rate.globalPerSecond, groupPerMinute: t.rate.groupPerMinute, privatePerSecond: t.rate.privatePerSecond });
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

  /** Connects, sets the menus, and starts receiving updates; resolves once receiving has started. */
  async start(dispatcher: Dispatcher, menus: { everyone: { command: string; description: string }[]; groups: { command: string; description: string }[] }): Promise<void> {
    const me = await this.bot.telegram.getMe();
    this.botId = me.id;
    this.username = me.username;
    this.bot.botInfo = me;
    this.bot.use(async (tctx) => {
      const update = tctx.update as Update;
      const event = toInboundEvent(update, this.botId, this.username);
      if (!event) return;
      const result = await dispatcher.handle(event);
      if (event.type === "choice" && event.callbackId) {
        // Always answer, so the button stops spinning; an expired query is harmless.
        await tctx.telegram
          .answerCbQuery(event.callbackId, result.toast?.text, result.toast?.alert ? { show_alert: true } : undefined)
          .catch((err) => this.logger.debug({ err }, "answerCallbackQuery failed"));
      }
    });
    this.bot.catch((err) => this.logger.error({ err }, "telegram update handling failed"));
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
        webhook: { domain: webhook.url, port: webhook.port, host: webhook.host, secretToken: webhook.secret, path: new URL(webhook.url).pathname },
        allowedUpdates: [...ALLOWED_UPDATES],
      });
    } else {
      // In polling mode launch() resolves only when polling stops: onLaunch says it has started.
      await new Promise<void>((resolve, reject) => {
        this.bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }, () => resolve()).catch((err) => {
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
    if (!this.running) return;
    this.running = false;
    try {
      this.bot.stop("shutdown");
    } catch {
      // already stopped
    }
  }
}
