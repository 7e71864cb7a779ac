/** What this platform can do, without its adapter (the CLI registers these without loading the libraries). */
import type { PlatformCapabilities } from "../../messaging/platform.js";

export const zaloCapabilities: PlatformCapabilities = {
  name: "zalo",
  displayName: "Zalo",
  // A personal account cannot edit what it sent.
  edit: false,
  // No pinned messages: a pinned group note (title and summary) stands in.
  pin: "note",
  deleteWindowMs: null,
  pinNeedsAdminRight: false,
  choices: "numbered",
  // Zalo publishes no limit; about 2,000 characters is what its clients show comfortably.
  textLimit: 2000,
  captionLimit: 1000,
  markup: "styles",
  fileKinds: ["document", "photo"],
  ack: ["reply", "reaction"],
  groupId: { pattern: /^\d{5,25}$/, example: "digits only" },
  // The account is a member like any other: it reads every message of its groups.
  groupTextByReplyOnly: false,
};
