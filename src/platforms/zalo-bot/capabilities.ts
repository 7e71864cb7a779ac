/** What this platform can do, without its adapter (the CLI registers these without loading the libraries). */
import type { PlatformCapabilities } from "../../messaging/platform.js";

export const zaloBotCapabilities: PlatformCapabilities = {
  name: "zalo_bot", // PLATFORM in updates.ts (not imported: it loads the flow engine)
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
