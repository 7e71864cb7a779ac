/**
 * Telegram as the application sees it: what the Bot API can do, and the adapter when a token is set.
 */
import { telegramCapabilities } from "./capabilities.js";
import { accountKey, type ChatPlatform, type PlatformModule } from "../../messaging/platform.js";
import { TelegramAdapter } from "./adapter.js";

export { telegramCapabilities };

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
      account: accountKey(config.telegram.token),
      receiving: config.telegram.webhook ? "shared" : "exclusive",
      start: (inbound, menus) => adapter.start(inbound, menus),
      stop: () => adapter.stop(),
    };
  },
};
