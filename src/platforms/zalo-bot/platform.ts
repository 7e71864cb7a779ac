/**
 * The official Zalo Bot Platform (a bot created in Zalo Bot Creator, with a token), as the application sees
 * it: what the bot can do, and the adapter when ZALO_BOT_TOKEN is set. Its chats and accounts are its own
 * ("zalo_bot"): a person who talks to the official bot and to the council's personal account (zca-js) has
 * two Zalo ids, and links each once, like a Telegram account.
 */
import { ensureChat } from "../../db/chats.js";
import { findMenu, saveMenu } from "../../db/menus.js";
import { enqueue, PRIORITY } from "../../delivery/outbox.js";
import type { ChatPlatform, PlatformCapabilities, PlatformModule } from "../../messaging/platform.js";
import type { FetchLike } from "./api.js";
import { ZaloBotAdapter } from "./adapter.js";
import { PLATFORM } from "./updates.js";

export const zaloBotCapabilities: PlatformCapabilities = {
  name: PLATFORM,
  displayName: "Zalo Bot",
  // The API has sendMessage, sendPhoto, sendSticker and sendChatAction: nothing edits, pins or keeps notes.
  edit: false,
  pin: "none",
  deleteWindowMs: null,
  pinNeedsAdminRight: false,
  choices: "numbered",
  // sendMessage takes 1 to 2,000 characters of plain text; a caption the same.
  textLimit: 2000,
  captionLimit: 1000,
  markup: "plain",
  // Only a picture at a web address; documents travel as a line naming them.
  fileKinds: ["photo"],
  // No buttons and no reaction events: a reply "đã nhận".
  ack: ["reply"],
  // Ids are opaque strings of letters and digits ("e4ea2cd5189df1c3a88c").
  groupId: { pattern: /^[A-Za-z0-9._-]{6,64}$/, example: "letters and digits, as the bot's updates show them" },
  // Group messages reach the bot as updates; it has no reply-only mode to work around.
  groupTextByReplyOnly: false,
};

/** Test-only replacements: a fetch that reaches the fake, quick retries. */
export interface ZaloBotOverrides {
  fetch?: FetchLike;
  retryDelayMs?: number;
  /** receives the adapter once built (tests read its webhook port) */
  onAdapter?(adapter: ZaloBotAdapter): void;
}

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
            message: { kind: "text", text },
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
      start: (inbound) => adapter.start(inbound),
      stop: () => adapter.stop(),
    };
  },
};
