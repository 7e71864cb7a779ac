/** What this platform can do, without its adapter (the CLI registers these without loading the libraries). */
import type { PlatformCapabilities } from "../../messaging/platform.js";

export const telegramCapabilities: PlatformCapabilities = {
  name: "telegram",
  displayName: "Telegram",
  edit: true,
  pin: "message",
  // Pinning in a group needs the bot to be an administrator with the "Pin messages" right.
  pinNeedsAdminRight: true,
  // Telegram lets a bot delete its messages for 48 hours.
  deleteWindowMs: 48 * 3600_000,
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
