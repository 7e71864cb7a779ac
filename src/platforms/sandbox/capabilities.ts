/** What the sandbox can do, without its adapter (the CLI registers these without loading the sandbox). */
import type { PlatformCapabilities } from "../../messaging/platform.js";

export const sandboxCapabilities: PlatformCapabilities = {
  name: "sandbox",
  displayName: "Hộp thử",
  // The sandbox keeps its own messages: it edits, pins and deletes them like Telegram.
  edit: true,
  pin: "message",
  pinNeedsAdminRight: false,
  // As on Telegram, so a recall looks the same as in the real groups.
  deleteWindowMs: 48 * 3600_000,
  choices: "buttons",
  // A page shows a long notice whole (the seed notice is 6,196 characters); the limit only keeps a page readable.
  textLimit: 20_000,
  captionLimit: 4096,
  markup: "html",
  fileKinds: ["document", "photo"],
  ack: ["button", "reply"],
  groupId: { pattern: /^g-[A-Za-z0-9_-]{1,60}$/, example: "g- and a name, e.g. g-PHO_AN" },
  // The page hears every message typed in a group: no reply-only mode to work around.
  groupTextByReplyOnly: false,
};
