/**
 * The official Zalo Bot Platform (a bot created in Zalo Bot Creator, with a token), as the application sees
 * it: what the bot can do, and the adapter when ZALO_BOT_TOKEN is set. Its chats and accounts are its own
 * ("zalo_bot"): a person who talks to the official bot and to the council's personal account (zca-js) has
 * two Zalo ids, and links each once, like a Telegram account.
 */
import { html } from "../../text/html.js";
import { zaloBotCapabilities } from "./capabilities.js";
import { ensureChat } from "../../db/chats.js";
import { findMenu, saveMenu } from "../../db/menus.js";
import { enqueue, PRIORITY } from "../../delivery/outbox.js";
import { accountKey, type ChatPlatform, type PlatformModule } from "../../messaging/platform.js";
import type { FetchLike } from "./api.js";
import { ZaloBotAdapter } from "./adapter.js";
import { PLATFORM } from "./updates.js";

/** Test-only replacements: a fetch that reaches the fake, quick retries. */
export interface ZaloBotOverrides {
  fetch?: FetchLike;
  retryDelayMs?: number;
  /** receives the adapter once built (tests read its webhook port) */
  onAdapter?(adapter: ZaloBotAdapter): void;
}

export { zaloBotCapabilities };

export const zaloBotPlatform: PlatformModule = {
  enabledBy: "ZALO_BOT_TOKEN",
  capabilities: zaloBotCapabilities,
  create({ config, db, clock, logger, notifyOutbox, overrides }): ChatPlatform | null {
    if (!config.zaloBot.token) return null;
    const o = (overrides ?? {}) as ZaloBotOverrides;
    const adapter = new ZaloBotAdapter({
      config: config.zaloBot,
      logger,
      menus: {
        latest: (chat) => findMenu(db.prisma, PLATFORM, chat, "latest"),
        remember: (chat, choices) => saveMenu(db.prisma, PLATFORM, chat, "latest", choices, clock.now()),
      },
      // Through the outbox like every message, keyed by the event so a redelivered update answers once.
      answer: async (chatId, kind, eventKey, text) => {
        await db.transaction(async (tx) => {
          const chat = await ensureChat(tx, PLATFORM, chatId, kind);
          await enqueue(tx, {
            key: `${eventKey}:answer`,
            chatId: chat.id,
            // a toast is plain text: escaped, never markup
            message: { kind: "text", text: html`${text}` },
            priority: PRIORITY.interactive,
          });
        });
        notifyOutbox();
      },
      ...(o.fetch ? { fetch: o.fetch } : {}),
      ...(o.retryDelayMs !== undefined ? { retryDelayMs: o.retryDelayMs } : {}),
    });
    o.onAdapter?.(adapter);
    return {
      capabilities: zaloBotCapabilities,
      info: adapter.info,
      sender: adapter.sender,
      concurrency: 2,
      account: accountKey(config.zaloBot.token),
      receiving: config.zaloBot.webhook ? "shared" : "exclusive",
      start: (inbound) => adapter.start(inbound),
      stop: () => adapter.stop(),
    };
  },
};
