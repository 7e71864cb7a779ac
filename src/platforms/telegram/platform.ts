/**
 * Telegram as the application sees it: what the Bot API can do, and the adapter when a token is set.
 */
import type { ChatPlatform, PlatformCapabilities, PlatformModule } from "../../messaging/platform.js";
import { TelegramAdapter } from "./adapter.js";

export const telegramCapabilities: PlatformCapabilities = {
  name: "telegram",
  displayName: "Telegram",
  edit: true,
  pin: "message",
  // Pinning in a group needs the bot to be an administrator with the "Pin messages" right.
  deleteWindowMs: 48 * 3600_000,
  pinNeedsAdminRight: true,
  choices: "buttons",
  // The Bot API's hard limits.
  textLimit: 4096,
  captionLimit: 1024,
  markup: "html",
  fileKinds: ["document", "photo"],
  // The button under the notice; a typed "đã nhận" counts too.
  ack: ["button", "reply"],
  groupId: { pattern: /^-\d{1,20}$/, example: "negative numbers, e.g. -1001234567890" },
  // Privacy mode (BotFather's default): in groups only commands, mentions and replies to the bot reach it.
  groupTextByReplyOnly: true,
};

export const telegramPlatform: PlatformModule = {
  enabledBy: "TELEGRAM_BOT_TOKEN",
  capabilities: telegramCapabilities,
  create({ config, logger }): ChatPlatform | null {
    if (!config.telegram.token) return null;
    const adapter = new TelegramAdapter(config, logger);
    return {
      capabilities: telegramCapabilities,
      info: adapter.info,
      sender: adapter.sender,
      concurrency: 4,
      start: (inbound, menus) => adapter.start(inbound, menus),
      stop: () => adapter.stop(),
    };
  },
};
